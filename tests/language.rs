//! Browser tests: the person's language. The browser's languages pick the
//! first one the app speaks (German, Arabic), the PIN screen's flow runs
//! in it (controls found by their translated text), Arabic lays the page
//! out right to left with its own plural forms, and Settings → Language
//! changes the screens at once, without a reload, and keeps the choice.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::activation::{SeedWords, activate_issued_in, first_code, matches_now};
use support::shadow::Shadowed;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The browser asks for `tags`, in order, for as long as this lives; the
/// page and the kept choice are English again after it.
struct BrowserLanguages {
    _shadowed: Shadowed,
}

impl BrowserLanguages {
    fn ask_for(tags: &[&str]) -> Self {
        let list: js_sys::Array = tags.iter().map(|t| JsValue::from_str(t)).collect();
        let navigator = web_sys::window().unwrap().navigator();
        Self {
            _shadowed: Shadowed::with(navigator, "languages", list.into()),
        }
    }
}

impl Drop for BrowserLanguages {
    fn drop(&mut self) {
        web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .remove_item("softtoken.language")
            .unwrap();
        let root = document().document_element().unwrap();
        root.set_attribute("lang", "en").unwrap();
        root.set_attribute("dir", "ltr").unwrap();
    }
}

fn page_attribute(name: &str) -> Option<String> {
    document().document_element().unwrap().get_attribute(name)
}

/// The text of the first `[role=alert]` that has any.
fn alert_text(container: &web_sys::HtmlElement) -> String {
    all(container, "[role=alert]")
        .iter()
        .filter_map(|e| e.text_content())
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_german_browser_gets_the_pin_screens_in_german() {
    let _german = BrowserLanguages::ask_for(&["de-AT", "en-US"]);
    let db = fresh_db_name("language-de");
    let app = mount(&db);
    wait_for_text(&app, "Ihre PIN schützt Ihre Soft-Token-Identitäten auf diesem Gerät. Verwenden Sie 4 bis 16 Ziffern").await;
    assert_eq!(page_attribute("lang").as_deref(), Some("de"));
    assert_eq!(page_attribute("dir").as_deref(), Some("ltr"));
    type_into(&app, "PIN", PIN).await;
    type_into(&app, "PIN erneut eingeben", "111111").await;
    click(&app, "PIN erstellen").await;
    wait_for_text(
        &app,
        "Die beiden PINs stimmen nicht überein. Geben Sie sie erneut ein.",
    )
    .await;
    type_into(&app, "PIN erneut eingeben", PIN).await;
    click(&app, "PIN erstellen").await;
    wait_for("the PIN screen gone", TIMEOUT, || {
        input_labelled(&app.container, "PIN erneut eingeben")
            .is_none()
            .then_some(())
    })
    .await;
    drop(app);

    // Started again: Enter your PIN, a wrong one with its plural, then the
    // right one.
    let app = mount(&db);
    wait_for_text(&app, "Geben Sie Ihre PIN ein").await;
    type_into(&app, "PIN", "999999").await;
    click(&app, "Entsperren").await;
    wait_for_text(&app, "Diese PIN ist nicht korrekt. Noch 4 Versuche.").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Entsperren").await;
    wait_for("unlocked", TIMEOUT, || {
        input_labelled(&app.container, "PIN")
            .is_none()
            .then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_arabic_browser_gets_a_right_to_left_page_with_arabic_plurals() {
    let _arabic = BrowserLanguages::ask_for(&["ar-EG"]);
    let db = fresh_db_name("language-ar");
    let app = mount(&db);
    wait_for_text(&app, "إنشاء رمز PIN").await;
    assert_eq!(page_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(page_attribute("dir").as_deref(), Some("rtl"));
    type_into(&app, "رمز PIN", PIN).await;
    type_into(&app, "أدخل رمز PIN مرة أخرى", PIN).await;
    click(&app, "إنشاء رمز PIN").await;
    wait_for("the PIN screen gone", TIMEOUT, || {
        input_labelled(&app.container, "أدخل رمز PIN مرة أخرى")
            .is_none()
            .then_some(())
    })
    .await;
    drop(app);

    let app = mount(&db);
    wait_for_text(&app, "أدخل رمز PIN").await;
    // The PIN field lays out right to left too: its box starts at the
    // right.
    let field = input_labelled(&app.container, "رمز PIN").unwrap();
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&field)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
    // Arabic's "few" (3 to 10): the count, isolated from the right-to-left
    // text around it and written as the browser writes Arabic numbers,
    // before the plural noun; then "two", a word of its own.
    let number = |n: u32| {
        js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&"ar".into()), &js_sys::Object::new())
            .format()
            .call1(&JsValue::NULL, &JsValue::from(n))
            .unwrap()
            .as_string()
            .unwrap()
    };
    let expected = [
        format!("تبقّت \u{2068}{}\u{2069} محاولات.", number(4)),
        format!("تبقّت \u{2068}{}\u{2069} محاولات.", number(3)),
        "تبقّت محاولتان.".to_owned(),
    ];
    for left in expected {
        type_into(&app, "رمز PIN", "999999").await;
        click(&app, "إلغاء القفل").await;
        let wanted = format!("رمز PIN هذا غير صحيح. {left}");
        let container = app.container.clone();
        wait_for(&wanted, TIMEOUT, || {
            (alert_text(&container) == wanted).then_some(())
        })
        .await;
    }
}

#[wasm_bindgen_test]
async fn settings_language_changes_the_screens_at_once_and_keeps_the_choice() {
    let _english = BrowserLanguages::ask_for(&["en-US"]);
    let db = fresh_db_name("language-switch");
    let app = mount(&db);
    create_pin(&app).await;
    click(&app, "Settings").await;
    wait_for_text(&app, "Language of Soft Token").await;
    // No reload: a mark left on the page survives the change.
    js_sys::Reflect::set(
        &web_sys::window().unwrap(),
        &"__notReloaded".into(),
        &JsValue::TRUE,
    )
    .unwrap();
    choose(&app, "Language of Soft Token", "fr").await;
    wait_for_text(&app, "Langue de Soft Token").await;
    assert_eq!(page_attribute("lang").as_deref(), Some("fr"));
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__notReloaded".into())
            .unwrap()
            .is_truthy()
    );
    // Still unlocked, on the same screen; the top bar changed too.
    assert!(text_of(&app.container).contains("Soft token identities"));
    assert!(control(&app.container, "Réglages").is_some());
    assert!(control(&app.container, "Verrouiller").is_some());
    drop(app);

    // Kept: the next start is French although the browser asks for English.
    let app = mount(&db);
    wait_for_text(&app, "Saisissez votre code PIN").await;
    type_into(&app, "Code PIN", PIN).await;
    click(&app, "Déverrouiller").await;
    click(&app, "Réglages").await;
    choose(&app, "Langue de Soft Token", "").await;
    wait_for_text(&app, "Language of Soft Token").await;
    assert_eq!(page_attribute("lang").as_deref(), Some("en"));
}

/// The seed's flow in one language: what a person reads and presses.
struct Seed {
    accept: &'static [&'static str],
    pin: &'static str,
    pin_again: &'static str,
    create: &'static str,
    words: SeedWords,
    done: &'static str,
    settings: &'static str,
    reactivate: &'static str,
    /// The start of Reactivate's warning.
    warning: &'static str,
}

const GERMAN: Seed = Seed {
    accept: &["de-DE"],
    pin: "PIN",
    pin_again: "PIN erneut eingeben",
    create: "PIN erstellen",
    words: SeedWords {
        name: "Name",
        serial: "Seriennummer",
        activation: "Aktivierungscode",
        save: "Speichern",
        registration: "Geben Sie diesen Registrierungscode im Self-Service ein",
    },
    done: "Fertig",
    settings: "Einstellungen",
    reactivate: "Reaktivieren",
    warning: "Beim Reaktivieren werden die Daten dieser Soft-Token-Identität",
};

const ARABIC: Seed = Seed {
    accept: &["ar"],
    pin: "رمز PIN",
    pin_again: "أدخل رمز PIN مرة أخرى",
    create: "إنشاء رمز PIN",
    words: SeedWords {
        name: "الاسم",
        serial: "الرقم التسلسلي",
        activation: "رمز التنشيط",
        save: "حفظ",
        registration: "أدخل رمز التسجيل هذا في الخدمة الذاتية",
    },
    done: "تم",
    settings: "الإعدادات",
    reactivate: "إعادة التنشيط",
    warning: "تؤدي إعادة التنشيط إلى مسح بيانات",
};

/// Activation, then gear → Settings → the identity → Reactivate → the
/// warning → confirm → Serial Number and Activation Code → Save → the
/// Registration Code → codes of the new token.
async fn seed_flow(seed: &Seed, db: &str) {
    let _language = BrowserLanguages::ask_for(seed.accept);
    let app = mount(&fresh_db_name(db));
    type_into(&app, seed.pin, PIN).await;
    type_into(&app, seed.pin_again, PIN).await;
    click(&app, seed.create).await;
    click(&app, "Activate a soft token identity").await;
    let (first, _) = activate_issued_in(&app, Some("AnyBank"), &seed.words).await;
    click(&app, seed.done).await;
    assert!(matches_now(&first, &first_code(&app).await));
    click(&app, seed.settings).await;
    click(&app, "AnyBank").await;
    click(&app, seed.reactivate).await;
    wait_for_text(&app, seed.warning).await;
    click(&app, seed.reactivate).await;
    let (second, _) = activate_issued_in(&app, None, &seed.words).await;
    click(&app, seed.done).await;
    let container = app.container.clone();
    wait_for("a code of the new token", TIMEOUT, || {
        shown_codes(&container)
            .first()
            .filter(|code| matches_now(&second, code))
            .map(|_| ())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_seeds_reactivation_runs_in_german() {
    seed_flow(&GERMAN, "language-seed-de").await;
}

#[wasm_bindgen_test]
async fn the_seeds_reactivation_runs_in_arabic() {
    seed_flow(&ARABIC, "language-seed-ar").await;
}
