//! Browser tests: backups. The Aegis project's own vaults (plain, and
//! encrypted with "test") restore their 7 tokens; an export made here,
//! with an activation identity in it, restores into a new browser profile's
//! database as the same tokens and the same identity; the reminder shows
//! until a backup is made; wrong passwords and damaged files say so and
//! store nothing.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const AEGIS_PLAIN: &str = include_str!("../crates/vault/tests/vectors/aegis/aegis_plain.json");
const AEGIS_ENCRYPTED: &str =
    include_str!("../crates/vault/tests/vectors/aegis/aegis_encrypted.json");

/// The tokens of a backup, read by the vault crate: what the screen must show.
fn tokens_of(text: &str, password: Option<&str>) -> Vec<otp::Token> {
    let entries = match vault::backup::read(text).unwrap() {
        vault::backup::Backup::Plain { entries, .. } => entries,
        vault::backup::Backup::Encrypted(locked) => {
            let kdf = locked.password_kdfs().remove(0).unwrap();
            let key = vault::backup::PasswordKey::derive(password.unwrap(), &kdf).unwrap();
            locked.open(0, &key).unwrap().0
        }
    };
    entries.into_iter().map(|e| e.token).collect()
}

#[wasm_bindgen_test]
async fn the_aegis_plain_vault_restores_its_seven_tokens() {
    let app = mount(&fresh_db_name("restore-plain"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup(&app, AEGIS_PLAIN);
    wait_for_text(&app, "7 tokens will be added.").await;
    for shown in ["Mason", "Deno", "Air Canada", "HOTP", "Steam"] {
        assert!(text_of(&app.container).contains(shown), "{shown}");
    }
    click(&app, "Add").await;
    expect_codes(&app, &tokens_of(AEGIS_PLAIN, None)).await;
}

#[wasm_bindgen_test]
async fn the_aegis_encrypted_vault_needs_its_password_and_a_wrong_one_changes_nothing() {
    let app = mount(&fresh_db_name("restore-encrypted"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup(&app, AEGIS_ENCRYPTED);
    type_into(&app, "Password of this backup", "tset").await;
    click(&app, "Open backup").await;
    wait_for_text(&app, "The backup password is not correct.").await;
    type_into(&app, "Password of this backup", "test").await;
    click(&app, "Open backup").await;
    wait_for_text(&app, "7 tokens will be added.").await;
    click(&app, "Add").await;
    expect_codes(&app, &tokens_of(AEGIS_ENCRYPTED, Some("test"))).await;

    // The same backup again: everything is stored already.
    open_backups(&app).await;
    choose_backup(&app, AEGIS_PLAIN);
    wait_for_text(&app, "Every token here is stored already.").await;
}

#[wasm_bindgen_test]
async fn damaged_and_foreign_files_say_so() {
    let app = mount(&fresh_db_name("restore-damaged"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup(&app, "{\"hello\": 1}");
    wait_for_text(
        &app,
        "This file is not a Soft Token or Aegis backup, nor an export of another app",
    )
    .await;
    let damaged = AEGIS_ENCRYPTED.replacen("\"db\": \"R", "\"db\": \"S", 1);
    assert_ne!(damaged, AEGIS_ENCRYPTED);
    choose_backup(&app, &damaged);
    type_into(&app, "Password of this backup", "test").await;
    click(&app, "Open backup").await;
    wait_for_text(&app, "This backup is damaged").await;
    click(&app, "Soft Token").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

/// Keeps every Blob the app hands to URL.createObjectURL (the download).
fn capture_downloads() {
    js_sys::eval(
        "if (!window.__downloads) { window.__downloads = []; const make = URL.createObjectURL; \
         URL.createObjectURL = (blob) => { window.__downloads.push(blob); return make(blob); }; }",
    )
    .unwrap();
}

async fn last_download() -> String {
    let downloads: js_sys::Array =
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__downloads".into())
            .unwrap()
            .dyn_into()
            .unwrap();
    let blob: web_sys::Blob = downloads.get(downloads.length() - 1).dyn_into().unwrap();
    wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn an_export_restores_elsewhere_with_its_activation_identity_and_ends_the_reminder() {
    capture_downloads();
    let app = mount(&fresh_db_name("export"));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let issued = otp::activation::issue(None, None).unwrap();
    type_into(&app, "Name", "AnyBank").await;
    type_into(&app, "Serial Number", &issued.activation.serial.formatted()).await;
    type_into(
        &app,
        "Activation Code",
        &issued.activation.activation_code.formatted(),
    )
    .await;
    click(&app, "Save").await;
    registration_code_shown(&app).await;
    click(&app, "Done").await;
    wait_for_text(&app, "Not backed up").await;

    open_backups(&app).await;
    type_into(&app, "Backup password", "short").await;
    wait_for_text(&app, "Too short: use at least 8 characters.").await;
    type_into(&app, "Backup password", "river-lamp-orbit-92").await;
    wait_for_text(&app, "Strong.").await;
    type_into(
        &app,
        "Enter the backup password again",
        "river-lamp-orbit-93",
    )
    .await;
    click(&app, "Export encrypted backup").await;
    wait_for_text(&app, "The two passwords are not the same.").await;
    type_into(
        &app,
        "Enter the backup password again",
        "river-lamp-orbit-92",
    )
    .await;
    click(&app, "Export encrypted backup").await;
    wait_for_text(
        &app,
        "with 1 token. Keep it somewhere other than this device.",
    )
    .await;
    let exported = last_download().await;
    assert!(
        exported.contains("\"slots\"") && !exported.contains("AnyBank"),
        "{exported}"
    );
    click(&app, "Soft Token").await;
    let container = app.container.clone();
    wait_for("the codes", TIMEOUT, || {
        (!shown_codes(&container).is_empty()).then_some(())
    })
    .await;
    assert!(!text_of(&app.container).contains("Not backed up"));
    let tokens = tokens_of(&exported, Some("river-lamp-orbit-92"));
    drop(app);

    // Another database: as a new browser would be.
    let other = mount(&fresh_db_name("import"));
    create_pin(&other).await;
    open_backups(&other).await;
    choose_backup(&other, &exported);
    type_into(&other, "Password of this backup", "river-lamp-orbit-92").await;
    click(&other, "Open backup").await;
    wait_for_text(&other, "Soft token identity").await;
    click(&other, "Add").await;
    expect_codes(&other, &tokens).await;
    click(&other, "Settings").await;
    click(&other, "AnyBank").await;
    wait_for_text(&other, &issued.activation.serial.formatted()).await;
    assert!(control(&other.container, "Reactivate").is_some());
}

#[wasm_bindgen_test]
async fn the_reminder_can_be_dismissed_until_the_next_change() {
    let app = mount(&fresh_db_name("reminder"));
    create_pin(&app).await;
    click(&app, "Add identity").await;
    type_into(&app, "Link", "otpauth://totp/One?secret=GEZDGNBVGY3TQOJQ").await;
    click(&app, "Read link").await;
    click(&app, "Add").await;
    wait_for_text(&app, "Not backed up").await;
    click(&app, "Dismiss").await;
    let container = app.container.clone();
    wait_for("the reminder to go", TIMEOUT, || {
        (!text_of(&container).contains("Not backed up")).then_some(())
    })
    .await;
    click(&app, "Add identity").await;
    type_into(&app, "Link", "otpauth://totp/Two?secret=MFRGGZDFMZTWQ2LK").await;
    click(&app, "Read link").await;
    click(&app, "Add").await;
    wait_for_text(&app, "Not backed up").await;
}

fn downloads_made() -> u32 {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"__downloads".into())
        .ok()
        .and_then(|list| list.dyn_into::<js_sys::Array>().ok())
        .map_or(0, |list| list.length())
}

#[wasm_bindgen_test]
async fn an_unencrypted_export_asks_for_the_pin_again() {
    capture_downloads();
    let db = fresh_db_name("plain-export-pin");
    let app = mount(&db);
    create_pin(&app).await;
    open_backups(&app).await;
    let understood = field_labelled(
        &app.container,
        "I understand that this file is not protected",
    )
    .unwrap()
    .dyn_into::<web_sys::HtmlElement>()
    .unwrap();
    understood.click();
    let before = downloads_made();

    click(&app, "Export otpauth links").await;
    wait_for_text(&app, "A PIN has 4 to 16 digits.").await;
    type_into(&app, "Your PIN", "97531").await;
    click(&app, "Export unencrypted backup").await;
    wait_for_text(&app, "That PIN is not correct. 4 attempts left.").await;
    assert_eq!(downloads_made(), before, "nothing was saved");

    type_into(&app, "Your PIN", PIN).await;
    click(&app, "Export unencrypted backup").await;
    wait_for_text(&app, "with 0 tokens").await;
    assert_eq!(downloads_made(), before + 1);
    let saved: serde_json::Value = serde_json::from_str(&last_download().await).unwrap();
    assert!(
        saved["header"]["slots"].is_null(),
        "an unencrypted backup: {saved}"
    );
}

#[wasm_bindgen_test]
async fn a_file_over_ten_megabytes_is_refused_before_it_is_read() {
    let app = mount(&fresh_db_name("too-large"));
    create_pin(&app).await;
    open_backups(&app).await;
    let mut huge = String::with_capacity(10_000_100);
    huge.push_str("otpauth://totp/x?secret=");
    while huge.len() <= 10_000_000 {
        huge.push_str("JBSWY3DPEHPK3PXP");
    }
    choose_backup(&app, &huge);
    wait_for_text(&app, "This file is larger than 10 MB").await;
    assert!(!text_of(&app.container).contains("Check before adding"));
}
