//! Browser tests: adding tokens from otpauth, otpauth-migration and
//! igmobileotp links and a typed secret (pictures: add_picture.rs), through the preview, to a code on the initial
//! screen; duplicates ask first; bad input gets a sentence and stores
//! nothing.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::migration::{MigrationPayload, OtpParameters};
use prost::Message;
use support::adding::*;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_pasted_otpauth_link_is_previewed_then_added_and_a_duplicate_asks_first() {
    let app = mount(&fresh_db_name("add-link"));
    open_add_identity(&app).await;
    let link = format!(
        "otpauth://totp/Example:alice@example.com?secret={}&issuer=Example&algorithm=SHA256&digits=8",
        random_secret()
    );
    let token = otp::otpauth::parse(&link).unwrap().token;
    read_link(&app, &link).await;

    wait_for_text(&app, "Check before adding").await;
    let page = text_of(&app.container);
    for shown in [
        "alice@example.com",
        "Example",
        "TOTP",
        "1 token will be added.",
    ] {
        assert!(page.contains(shown), "the preview lacks {shown:?}: {page}");
    }
    let previewed = preview_codes(&app);
    assert!(
        matches_now(&token, &previewed[0]),
        "preview code {previewed:?}"
    );
    let codes = add_and_wait_for(&app, 1).await;
    assert!(matches_now(&token, &codes[0]));
    assert!(text_of(&app.container).contains("Example (alice@example.com)"));

    // The same link again: stored already, so only on request.
    click(&app, "Add identity").await;
    read_link(&app, &link).await;
    wait_for_text(&app, "This token is already stored.").await;
    assert!(text_of(&app.container).contains("Every token here is stored already."));
    assert!(
        control(&app.container, "Add")
            .unwrap()
            .has_attribute("disabled")
    );
    let again = input_labelled(&app.container, "Add it again").unwrap();
    again.click();
    wait_for_text(&app, "1 token will be added.").await;
    add_and_wait_for(&app, 2).await;
}

#[wasm_bindgen_test]
async fn links_that_cannot_be_read_say_why_and_store_nothing() {
    let app = mount(&fresh_db_name("add-bad-link"));
    open_add_identity(&app).await;
    read_link(&app, "https://example.com/not-a-token").await;
    wait_for_text(&app, "This is not a link Soft Token can read.").await;
    read_link(&app, "otpauth://totp/A?secret=JBSW!Y3DP").await;
    wait_for_text(
        &app,
        "This link cannot be read: the link's secret parameter is wrong",
    )
    .await;
    read_link(&app, "otpauth-migration://offline?data=%%%").await;
    wait_for_text(&app, "This export link cannot be read").await;
    read_link(&app, "otpauth://totp/A?secret=GEZDGNBV\nnonsense").await;
    wait_for_text(&app, "(line 2)").await;

    click(&app, "Soft Token").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

fn migration_link(parameters: Vec<OtpParameters>, batch_size: i32, batch_index: i32) -> String {
    let payload = MigrationPayload {
        otp_parameters: parameters,
        version: 1,
        batch_size,
        batch_index,
        batch_id: 77,
    };
    let data = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        payload.encode_to_vec(),
    );
    let encoded: String =
        percent_encoding::utf8_percent_encode(&data, percent_encoding::NON_ALPHANUMERIC).collect();
    format!("otpauth-migration://offline?data={encoded}")
}

fn parameters(name: &str, issuer: &str, algorithm: i32, kind: i32, counter: i64) -> OtpParameters {
    OtpParameters {
        secret: otp::random_bytes::<10>().unwrap().to_vec(),
        name: name.into(),
        issuer: issuer.into(),
        algorithm,
        digits: 1,
        r#type: kind,
        counter,
    }
}

#[wasm_bindgen_test]
async fn a_google_authenticator_export_imports_in_parts_and_lists_what_it_skipped() {
    let app = mount(&fresh_db_name("add-migration"));
    open_add_identity(&app).await;
    let first = vec![
        parameters("mail:bob@example.com", "", 1, 2, 0),
        parameters("vpn", "Corp", 2, 1, 41),
        parameters("old", "Legacy", 4, 2, 0),
    ];
    let expected: Vec<otp::Token> = {
        let link = migration_link(first.clone(), 2, 0);
        otp::migration::parse(&link)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.token)
            .collect()
    };
    read_link(&app, &migration_link(first, 2, 0)).await;
    wait_for_text(&app, "This export has 2 parts. Still missing: part 2.").await;
    let page = text_of(&app.container);
    assert!(
        page.contains("old: it uses MD5, which this app does not support."),
        "{page}"
    );
    assert!(page.contains("bob@example.com") && page.contains("mail") && page.contains("HOTP"));
    let codes = add_and_wait_for(&app, 2).await;
    assert!(matches_now(&expected[0], &codes[0]));
    assert_eq!(
        codes[1],
        expected[1].code_at(0).unwrap(),
        "HOTP at counter 41"
    );

    // The second part completes the export.
    click(&app, "Add identity").await;
    read_link(
        &app,
        &migration_link(vec![parameters("last", "Shop", 3, 2, 0)], 2, 1),
    )
    .await;
    wait_for_text(&app, "1 token will be added.").await;
    assert!(!text_of(&app.container).contains("Still missing"));
    add_and_wait_for(&app, 3).await;
}

#[wasm_bindgen_test]
async fn a_secure_activation_link_goes_to_activation_with_its_password() {
    let app = mount(&fresh_db_name("add-igmobileotp"));
    open_add_identity(&app).await;
    let issued = otp::activation::issue(None, None).unwrap();
    read_link(&app, &issued.link).await;
    wait_for_text(&app, "This is a secure activation link.").await;
    type_into(&app, "Activation password", &issued.password).await;
    click(&app, "Open link").await;
    let container = app.container.clone();
    let serial = issued.activation.serial.formatted();
    wait_for("the serial number filled in", TIMEOUT, || {
        (input_labelled(&container, "Serial Number")?.value() == serial).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_typed_secret_with_advanced_settings_gives_its_codes() {
    let app = mount(&fresh_db_name("add-secret"));
    open_add_identity(&app).await;
    click(&app, "Type a secret").await;
    wait_for_text(&app, "Secret key").await;
    let secret = random_secret();
    type_into(&app, "Name", "backup@example.com").await;
    type_into(&app, "Secret key", "not base32 !").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "The secret key is not valid").await;

    // Lower case, spaces: as people copy secrets.
    let typed = secret
        .to_lowercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    type_into(&app, "Secret key", &typed).await;
    type_into(&app, "Issuer (optional)", "Backup Co").await;
    choose(&app, "Type", "hotp").await;
    choose(&app, "Algorithm", "SHA512").await;
    type_into(&app, "Digits", "12").await;
    type_into(&app, "Counter", "7").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "A code has 4 to 10 digits.").await;
    type_into(&app, "Digits", "8").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "Check before adding").await;

    let token = otp::Token::new(
        otp::base32::decode(&secret).unwrap(),
        otp::Algorithm::Sha512,
        8,
        otp::Kind::Hotp { counter: 7 },
    )
    .unwrap();
    assert_eq!(preview_codes(&app), [token.code_at(0).unwrap()]);
    assert!(text_of(&app.container).contains("HOTP"));
    let codes = add_and_wait_for(&app, 1).await;
    assert_eq!(codes, [token.code_at(0).unwrap()]);
}
