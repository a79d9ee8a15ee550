//! Restoring another authenticator's export through Settings → Backups
//! (issue 21, the plain formats so far), on the real IndexedDB: the
//! preview names the app, shows its tokens with the codes they give, and
//! Add stores them; a file of no known format is a sentence and nothing
//! is stored.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::adding::preview_codes;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const TWO_FAS: &str =
    include_str!("../crates/vault/tests/vectors/importers/2fas_authenticator_plain_v4.2fas");
const ANDOTP: &str = include_str!("../crates/vault/tests/vectors/importers/andotp_plain.json");
const STRATUM: &str = include_str!("../crates/vault/tests/vectors/importers/stratum_plain.json");

const PLAIN: &str = include_str!("../crates/vault/tests/vectors/importers/plain.txt");

/// The tokens of plain.txt's lines (1-based), as the vectors' README lists them.
fn plain_tokens(lines: &[usize]) -> Vec<otp::Token> {
    let all: Vec<&str> = PLAIN.lines().collect();
    lines
        .iter()
        .map(|n| otp::otpauth::parse(all[n - 1]).unwrap().token)
        .collect()
}

async fn restore(app: &Mounted, file: &str) {
    open_backups(app).await;
    choose_backup(app, file);
}

#[wasm_bindgen_test]
async fn a_2fas_export_is_previewed_by_name_and_added() {
    let app = mount(&fresh_db_name("import-2fas"));
    create_pin(&app).await;
    restore(&app, TWO_FAS).await;
    wait_for_text(&app, "Read from an export of 2FAS.").await;
    assert_eq!(preview_codes(&app).len(), 5);
    click(&app, "Add").await;
    // The file holds Deno, Issuu, Air Canada, WWE and Boeing: plain.txt's lines 1, 4-7.
    expect_codes(&app, &plain_tokens(&[1, 4, 5, 6, 7])).await;
    assert!(text_of(&app.container).contains("Boeing (Sophia)"));
}

#[wasm_bindgen_test]
async fn andotp_and_stratum_exports_are_read_and_named() {
    let app = mount(&fresh_db_name("import-andotp"));
    create_pin(&app).await;
    restore(&app, ANDOTP).await;
    wait_for_text(&app, "Read from an export of andOTP.").await;
    assert_eq!(preview_codes(&app).len(), 7);
    click(&app, "Cancel").await;
    restore(&app, STRATUM).await;
    wait_for_text(&app, "Read from an export of Stratum (Authenticator Pro).").await;
    assert_eq!(preview_codes(&app).len(), 7);
}

#[wasm_bindgen_test]
async fn a_file_of_no_known_format_is_a_sentence_and_nothing_is_stored() {
    let app = mount(&fresh_db_name("import-unknown"));
    create_pin(&app).await;
    restore(&app, r#"{"hello": "world"}"#).await;
    wait_for_text(
        &app,
        "This file is not a Soft Token or Aegis backup, nor an export of another app Soft Token can read. Choose another file",
    )
    .await;
    restore(
        &app,
        r#"{"schemaVersion":4,"servicesEncrypted":"abc","services":[]}"#,
    )
    .await;
    wait_for_text(&app, "Soft Token cannot open encrypted 2FAS exports yet").await;
    click(&app, "Soft Token").await;
    wait_for_text(&app, "No soft token identity yet.").await;
    assert!(shown_codes(&app.container).is_empty());
}
