//! Not a check: the screens moved to the catalogs so far (the PIN gate,
//! Settings → Language), in each language at phone width, light, and
//! Arabic dark as well, into target/screenshots for a person to look at
//! (`make screenshots`): nothing cut off or overlapping, Arabic mirrored,
//! codes not.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::shots::{open, shot};

/// What a person reads in one language.
struct Words {
    code: &'static str,
    accept: &'static str,
    create: &'static str,
    unlock: &'static str,
    /// How a wrong PIN's sentence begins.
    wrong: &'static str,
    settings: &'static str,
}

const fn words(
    code: &'static str,
    accept: &'static str,
    [create, unlock, wrong, settings]: [&'static str; 4],
) -> Words {
    Words {
        code,
        accept,
        create,
        unlock,
        wrong,
        settings,
    }
}

const LANGUAGES: [Words; 6] = [
    words(
        "en",
        "en-US",
        ["Create PIN", "Unlock", "That PIN", "Settings"],
    ),
    words(
        "de",
        "de-DE",
        ["PIN erstellen", "Entsperren", "Diese PIN", "Einstellungen"],
    ),
    words(
        "fr",
        "fr-FR",
        [
            "Créer le code PIN",
            "Déverrouiller",
            "Ce code PIN",
            "Réglages",
        ],
    ),
    words(
        "es",
        "es-ES",
        ["Crear PIN", "Desbloquear", "Ese PIN", "Ajustes"],
    ),
    words(
        "ja",
        "ja-JP",
        ["PIN を作成", "ロック解除", "この PIN", "設定"],
    ),
    words(
        "ar",
        "ar-EG",
        ["إنشاء رمز PIN", "إلغاء القفل", "رمز PIN هذا", "الإعدادات"],
    ),
];

async fn walk(language: &Words, dark: bool) {
    let Words {
        code,
        accept,
        create,
        unlock,
        wrong,
        settings,
    } = *language;
    let (server, browser, dir, width) = open(412, 915, dark).await;
    browser.ask_for_languages(accept).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_for_text(create).await;
    shot(&browser, &dir, width, &format!("20-{code}-create-pin")).await;
    browser.create_pin_as("482916", create).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.driver.refresh().await.unwrap();
    browser.wait_for_text(unlock).await;
    browser.paste_into("pin", "999999").await;
    browser.press(unlock).await;
    browser.wait_for_text(wrong).await;
    shot(&browser, &dir, width, &format!("20-{code}-wrong-pin")).await;
    browser.paste_into("pin", "482916").await;
    browser.press(unlock).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press(settings).await;
    browser
        .eval("document.getElementById('language').scrollIntoView({block: 'center'}); return true;")
        .await
        .unwrap();
    shot(
        &browser,
        &dir,
        width,
        &format!("20-{code}-settings-language"),
    )
    .await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "writes screenshots; run by make screenshots"]
async fn every_language_at_phone_width() {
    for language in &LANGUAGES {
        walk(language, false).await;
    }
    walk(&LANGUAGES[5], true).await;
}
