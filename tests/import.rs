//! Restoring another authenticator's export through Settings → Backups,
//! on the real IndexedDB: the preview names the app, shows its tokens with
//! the codes they give, and Add stores them; an encrypted export asks for
//! its password, and a wrong one is a sentence and a second try; a file of
//! no known format is a sentence and nothing is stored. One plain and one
//! encrypted file of each family (JSON, binary, preferences XML).
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

const TWO_FAS_ENCRYPTED: &str =
    include_str!("../crates/vault/tests/vectors/importers/2fas_authenticator_encrypted_v3.2fas");
const ANDOTP_ENCRYPTED: &[u8] =
    include_bytes!("../crates/vault/tests/vectors/importers/andotp_encrypted.bin");
const STRATUM_ENCRYPTED: &[u8] =
    include_bytes!("../crates/vault/tests/vectors/importers/stratum_encrypted.bin");
const AUTHY_PLAIN: &str = include_str!("../crates/vault/tests/vectors/importers/authy_plain.xml");
const AUTHY_ENCRYPTED: &str =
    include_str!("../crates/vault/tests/vectors/importers/authy_encrypted.xml");
const FREEOTP_V2: &[u8] =
    include_bytes!("../crates/vault/tests/vectors/importers/freeotp_v2_api27.xml");
const TOTP_AUTHENTICATOR: &str =
    include_str!("../crates/vault/tests/vectors/importers/totp_authenticator.bin");
const FREEOTP: &str = include_str!("../crates/vault/tests/vectors/importers/freeotp.xml");

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
    restore(&app, r#"{"schemaVersion":9,"services":[]}"#).await;
    wait_for_text(
        &app,
        "This 2FAS export was made by a newer version of 2FAS (schema 9).",
    )
    .await;
    click(&app, "Soft Token").await;
    wait_for_text(&app, "No soft token identity yet.").await;
    assert!(shown_codes(&app.container).is_empty());
}

/// Types `password` into the restore form and opens the file.
async fn open_with(app: &Mounted, password: &str) {
    type_into(app, "Password of this backup", password).await;
    click(app, "Open backup").await;
}

#[wasm_bindgen_test]
async fn an_encrypted_2fas_export_asks_for_its_password_and_a_wrong_one_is_a_sentence() {
    let app = mount(&fresh_db_name("import-2fas-encrypted"));
    create_pin(&app).await;
    restore(&app, TWO_FAS_ENCRYPTED).await;
    wait_for_text(
        &app,
        "This is an encrypted export of 2FAS: type the password it was made with.",
    )
    .await;
    open_with(&app, "tset").await;
    wait_for_text(
        &app,
        "The password does not open this 2FAS export: check it (capitals count) and try again.",
    )
    .await;
    open_with(&app, "test").await;
    wait_for_text(&app, "Read from an export of 2FAS.").await;
    assert_eq!(preview_codes(&app).len(), 6);
    click(&app, "Add").await;
    // Schema 3 holds plain.txt's lines 1 to 6 (no Steam token).
    expect_codes(&app, &plain_tokens(&[1, 2, 3, 4, 5, 6])).await;
}

#[wasm_bindgen_test]
async fn binary_exports_of_andotp_and_stratum_open_with_their_passwords() {
    let app = mount(&fresh_db_name("import-binary-encrypted"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup_bytes(&app, ANDOTP_ENCRYPTED);
    wait_for_text(&app, "This is an encrypted export of andOTP").await;
    open_with(&app, "test").await;
    wait_for_text(&app, "Read from an export of andOTP.").await;
    assert_eq!(preview_codes(&app).len(), 7);
    click(&app, "Cancel").await;
    open_backups(&app).await;
    choose_backup_bytes(&app, STRATUM_ENCRYPTED);
    wait_for_text(
        &app,
        "This is an encrypted export of Stratum (Authenticator Pro)",
    )
    .await;
    open_with(&app, "test").await;
    wait_for_text(&app, "Read from an export of Stratum (Authenticator Pro).").await;
    click(&app, "Add").await;
    expect_codes(&app, &plain_tokens(&[1, 2, 3, 4, 5, 6, 7])).await;
}

#[wasm_bindgen_test]
async fn preferences_xml_of_freeotp_and_authy_plain_and_encrypted() {
    let app = mount(&fresh_db_name("import-xml"));
    create_pin(&app).await;
    restore(&app, FREEOTP).await;
    wait_for_text(&app, "Read from an export of FreeOTP.").await;
    assert_eq!(preview_codes(&app).len(), 4);
    click(&app, "Cancel").await;
    restore(&app, AUTHY_PLAIN).await;
    wait_for_text(&app, "Read from an export of Authy.").await;
    assert_eq!(preview_codes(&app).len(), 3);
    click(&app, "Cancel").await;
    restore(&app, AUTHY_ENCRYPTED).await;
    wait_for_text(&app, "This is an encrypted export of Authy").await;
    open_with(&app, "testtest").await;
    wait_for_text(&app, "Read from an export of Authy.").await;
    // The same three tokens as the plain file: their codes are checked once added.
    assert_eq!(preview_codes(&app).len(), 3);
    click(&app, "Add").await;
    expect_codes(
        &app,
        &plain_tokens(&[1, 2, 3])
            .into_iter()
            .map(|t| {
                otp::Token::new(
                    t.secret().clone(),
                    otp::Algorithm::Sha1,
                    t.digits(),
                    otp::Kind::Totp { period: 30, t0: 0 },
                )
                .unwrap()
            })
            .collect::<Vec<_>>(),
    )
    .await;
}

#[wasm_bindgen_test]
async fn freeotp_v2_key_stores_and_totp_authenticator_backups_open_with_their_passwords() {
    let app = mount(&fresh_db_name("import-freeotp-v2"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup_bytes(&app, FREEOTP_V2);
    wait_for_text(&app, "This is an encrypted export of FreeOTP").await;
    open_with(&app, "test").await;
    wait_for_text(&app, "Read from an export of FreeOTP.").await;
    assert_eq!(preview_codes(&app).len(), 6);
    click(&app, "Cancel").await;
    restore(&app, TOTP_AUTHENTICATOR).await;
    wait_for_text(&app, "This is an encrypted export of TOTP Authenticator").await;
    open_with(&app, "Testtest1").await;
    wait_for_text(&app, "Read from an export of TOTP Authenticator.").await;
    click(&app, "Add").await;
    // It holds plain.txt's three TOTP tokens, as SHA1/6/30 s: the only kind the app makes.
    expect_codes(&app, &sha1_6_30(plain_tokens(&[1, 2, 3]))).await;
}

/// The same secrets as TOTP SHA1, 6 digits, 30 s.
fn sha1_6_30(tokens: Vec<otp::Token>) -> Vec<otp::Token> {
    tokens
        .into_iter()
        .map(|t| {
            let kind = otp::Kind::Totp { period: 30, t0: 0 };
            otp::Token::new(t.secret().clone(), otp::Algorithm::Sha1, 6, kind).unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn an_export_dropped_on_the_restore_card_is_read() {
    let app = mount(&fresh_db_name("import-drop"));
    create_pin(&app).await;
    open_backups(&app).await;
    let bytes = js_sys::Uint8Array::from(ANDOTP.as_bytes());
    let file =
        web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes), "andotp.json")
            .unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_data_transfer(Some(&data));
    init.set_bubbles(true);
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    app.container
        .query_selector("#restore")
        .unwrap()
        .unwrap()
        .dispatch_event(&drop)
        .unwrap();
    wait_for_text(&app, "Read from an export of andOTP.").await;
    click(&app, "Add").await;
    expect_codes(&app, &plain_tokens(&[1, 2, 3, 4, 5, 6, 7])).await;
}
