//! What a person does most, in every engine: Chromium, Firefox ESR and
//! WebKitGTK (Safari's engine, and every iPhone browser's). Each test runs
//! once per engine on the release build, with a fresh profile. The seed's
//! flow in each engine is in `seed_with_selfservice.rs`; Chromium-only
//! checks (installability, DevTools throttling, the console) stay in their
//! own files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::pictures::{qr_picture, temp_file, write_png};
use served_tests::{Browser, Engine, StaticServer, dist_dir};
use std::path::PathBuf;
use thirtyfour::prelude::*;

const PIN: &str = "3947";

async fn first_visit(engine: Engine) -> (StaticServer, Browser) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_engine(engine).await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    (server, browser)
}

async fn add_typed_secret(browser: &Browser) {
    browser.press("Add identity").await;
    browser.press("Type a secret").await;
    browser.type_into("Name", "alice@example.com").await;
    browser.type_into("Secret key", "JBSWY3DPEHPK3PXP").await;
    browser.press("Preview").await;
    browser.wait_for_text("Check before adding").await;
    browser.press("Add").await;
    browser.wait_for_text("alice@example.com").await;
}

async fn unlock_after_a_reload(engine: Engine) {
    let (_server, browser) = first_visit(engine).await;
    add_typed_secret(&browser).await;
    browser.driver.refresh().await.unwrap();
    browser.wait_for_text("Enter your PIN").await;
    browser.type_pin(PIN).await;
    browser.press("Unlock").await;
    browser.wait_for_text("alice@example.com").await;
    let code = browser.element(By::Css(".token__code")).await;
    let digits = code.text().await.unwrap().replace(' ', "");
    assert_eq!(digits.len(), 6, "{engine:?}: {digits:?}");
    assert!(digits.chars().all(|c| c.is_ascii_digit()), "{engine:?}");
    browser.quit().await;
}

/// After the first visit the service worker holds the app: with nothing
/// answering at its address, it starts, unlocks and shows codes.
async fn starts_and_unlocks_offline_after_the_first_visit(engine: Engine) {
    let (mut server, browser) = first_visit(engine).await;
    add_typed_secret(&browser).await;
    browser.wait_until_controlled().await;
    server.go_offline().await;
    assert!(
        std::net::TcpStream::connect(server.addr).is_err(),
        "the server still answers"
    );
    // Opened again, as a person does: a navigation (geckodriver's refresh
    // is a reload that bypasses the service worker, as Shift-reload does).
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.unlock(PIN).await;
    browser.wait_for_text("alice@example.com").await;
    let code = browser.element(By::Css(".token__code")).await;
    let digits = code.text().await.unwrap().replace(' ', "");
    assert_eq!(digits.len(), 6, "{engine:?}: {digits:?}");
    browser.quit().await;
}

/// A photo of a QR code, picked through the real file picker: read by
/// BarcodeDetector where the engine has it, else by the QR worker (Firefox
/// and WebKit have no BarcodeDetector, nor has Chromium on Linux).
async fn a_picture_of_a_qr_code_is_read(engine: Engine) {
    let link = "otpauth://totp/Photo:grace?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Photo";
    let photo = temp_file(&format!("{engine:?}-qr.png"));
    write_png(&photo, 800, 600, &qr_picture(link, 800, 600, 8));
    let (_server, browser) = first_visit(engine).await;
    let detector = browser
        .eval("return 'BarcodeDetector' in window;")
        .await
        .unwrap();
    browser.press("Add identity").await;
    browser.wait_for_text("From a QR code").await;
    browser.choose_file(&photo).await;
    browser.wait_for_text("Check before adding").await;
    browser.wait_for_text("grace").await;
    println!("{engine:?}: a QR picture read (BarcodeDetector present: {detector})");
    browser.quit().await;
    std::fs::remove_file(photo).ok();
}

async fn wrong_pins_count_down_to_a_lockout(engine: Engine) {
    let (_server, browser) = first_visit(engine).await;
    browser.press("Lock").await;
    browser.wait_for_text("Enter your PIN").await;
    browser.lock_out_with("1111").await;
    // The right PIN cannot be tried during the countdown, even after a
    // reload.
    browser.driver.refresh().await.unwrap();
    browser
        .wait_for_text("Too many wrong PINs. Try again in")
        .await;
    let unlock = "//button[normalize-space(.)='Unlock']";
    let button = browser.element(By::XPath(unlock)).await;
    assert!(!button.is_enabled().await.unwrap(), "{engine:?}");
    browser.quit().await;
}

fn aegis_vector(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/vault/tests/vectors/aegis")
        .join(name)
}

async fn restore_an_encrypted_aegis_backup(engine: Engine) {
    let (_server, browser) = first_visit(engine).await;
    browser.press("Settings").await;
    browser.press("Backups").await;
    browser.wait_for_text("Restore from a backup").await;
    let file = aegis_vector("aegis_encrypted.json");
    browser.choose_file(&file.canonicalize().unwrap()).await;
    browser.type_into("Password of this backup", "test").await;
    browser.press("Open backup").await;
    browser.wait_for_text("7 tokens will be added.").await;
    browser.press("Add").await;
    served_tests::wait_for(
        "the 7 restored codes",
        std::time::Duration::from_secs(30),
        || async {
            let codes = browser
                .driver
                .find_all(By::Css(".token__code"))
                .await
                .ok()?;
            (codes.len() == 7).then_some(())
        },
    )
    .await;
    browser.quit().await;
}

/// WebKit deletes a tab's storage after seven days without a visit: its
/// first screen and its PIN screen say so, with the way to keep the
/// tokens; Chromium and Firefox have no such rule and show nothing.
async fn the_home_screen_note_shows_in_webkit_alone(engine: Engine) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_engine(engine).await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_for_text("Create PIN").await;
    let note = "your tokens may be deleted after seven days without a visit";
    let shown = browser.page_text().await.contains(note);
    assert_eq!(shown, engine == Engine::WebKit, "{engine:?}, first visit");
    if shown {
        browser.wait_for_text("Add to Home Screen").await;
    }
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Lock").await;
    browser.wait_for_text("Enter your PIN").await;
    let shown = browser.page_text().await.contains(note);
    assert_eq!(shown, engine == Engine::WebKit, "{engine:?}, PIN screen");
    browser.quit().await;
}

/// Pressing a card puts its code on the real clipboard: pasted into a
/// field with the keyboard, it is the code the card showed.
async fn pressing_a_code_copies_it(engine: Engine) {
    let (_server, browser) = first_visit(engine).await;
    add_typed_secret(&browser).await;
    let card = browser.element(By::Css(".token__main")).await;
    let shown = browser.element(By::Css(".token__code")).await;
    let code = shown.text().await.unwrap().replace(' ', "");
    card.click().await.unwrap();
    browser.wait_for_text("Copied").await;
    browser.press("Add identity").await;
    let field = browser.field("Link").await;
    field.click().await.unwrap();
    field.send_keys(Key::Control + "v").await.unwrap();
    let pasted = served_tests::wait_for(
        "the pasted code",
        std::time::Duration::from_secs(10),
        || async {
            let value = field.prop("value").await.ok().flatten()?;
            (!value.is_empty()).then_some(value)
        },
    )
    .await;
    // A 30 s step may end between reading the card and pressing it; the
    // copy is then the next code, which the typed secret gives here too.
    let now = typed_secret_code_now();
    assert!(
        pasted == code || pasted == now,
        "{engine:?}: pasted {pasted}, shown {code}, now {now}"
    );
    browser.quit().await;
}

/// The code the secret `add_typed_secret` types gives at this moment.
fn typed_secret_code_now() -> String {
    let secret = otp::base32::decode("JBSWY3DPEHPK3PXP").expect("a valid Base32 constant");
    let token = otp::Token::new(
        secret,
        otp::Algorithm::Sha1,
        6,
        otp::Kind::Totp { period: 30, t0: 0 },
    )
    .expect("valid TOTP parameters");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    token.code_at(now).expect("a TOTP code")
}

/// Settings → Passkeys offers a passkey where the engine has WebAuthn
/// (Chromium, Firefox), and says plainly that it cannot where it has none
/// (WebKitGTK: no `PublicKeyCredential`; Safari on an iPhone has one).
async fn the_passkeys_section_says_what_this_engine_can_do(engine: Engine) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_engine(engine).await.unwrap();
    browser
        .driver
        .goto(server.localhost_url("/"))
        .await
        .unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Settings").await;
    if engine == Engine::WebKit {
        browser
            .wait_for_text("This browser cannot unlock Soft Token with a passkey")
            .await;
        assert!(!browser.page_text().await.contains("Add a passkey"));
    } else {
        browser.wait_for_text("Add a passkey").await;
    }
    browser.quit().await;
}

/// One `#[tokio::test]` per engine for each scenario above.
macro_rules! in_every_engine {
    ($($scenario:ident),* $(,)?) => {
        mod chromium { $( #[tokio::test] async fn $scenario() { super::$scenario(super::Engine::Chromium).await } )* }
        mod firefox { $( #[tokio::test] async fn $scenario() { super::$scenario(super::Engine::Firefox).await } )* }
        mod webkit { $( #[tokio::test] async fn $scenario() { super::$scenario(super::Engine::WebKit).await } )* }
    };
}

in_every_engine!(
    unlock_after_a_reload,
    starts_and_unlocks_offline_after_the_first_visit,
    a_picture_of_a_qr_code_is_read,
    wrong_pins_count_down_to_a_lockout,
    restore_an_encrypted_aegis_backup,
    the_home_screen_note_shows_in_webkit_alone,
    pressing_a_code_copies_it,
    the_passkeys_section_says_what_this_engine_can_do,
);
