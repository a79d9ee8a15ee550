//! Verify a transaction on the real IndexedDB (issue 23; the served
//! `transaction.rs` goes through the camera and the real `selfservice`):
//! the test is the bank, issuing requests with the secret Self-Service
//! derived. A request that checks out shows its details and Confirm gives
//! the code the bank accepts; a changed, foreign or expired request is
//! refused with a sentence and no code; Reject shows nothing to type; a
//! request read on Add identity goes to the same check.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::activation::SerialNumber;
use otp::ocra::Suite;
use otp::transaction::{DEFAULT_SUITE, Detail, Request, code_confirms, encode_link};
use support::activation::*;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn request(serial: &SerialNumber, details: &[(&str, &str)], issued_at: u64) -> Request {
    Request {
        serial: *serial,
        suite: Suite::parse(DEFAULT_SUITE).unwrap(),
        challenge: otp::random_bytes().unwrap(),
        issued_at,
        lifetime_seconds: 300,
        details: details
            .iter()
            .map(|(label, value)| Detail {
                label: (*label).into(),
                value: (*value).into(),
            })
            .collect(),
    }
}

fn link(request: &Request, token: &otp::Token) -> String {
    encode_link(request, &request.mac(token.secret().expose()))
}

async fn open_verify(app: &Mounted) {
    click(app, "Settings").await;
    click(app, "Work").await;
    click(app, "Verify a transaction").await;
    wait_for_text(app, "Transaction link").await;
}

async fn check(app: &Mounted, link: &str) {
    type_into(app, "Transaction link", link).await;
    click(app, "Check request").await;
}

fn no_code_shown(app: &Mounted) -> bool {
    app.container
        .query_selector(".registration__code")
        .unwrap()
        .is_none()
        && control(&app.container, "Confirm").is_none()
}

#[wasm_bindgen_test]
async fn a_checked_request_shows_its_details_and_confirm_gives_the_banks_code() {
    let (app, token, serial) = activated_identity(&fresh_db_name("tx-confirm"), "Work").await;
    let payee = "شركة الأمل للتجارة";
    let request = request(
        &serial,
        &[
            ("Amount", "125.00 EUR"),
            ("Payee", payee),
            ("Reference", "Invoice 2026/118 東京"),
        ],
        now_seconds(),
    );
    open_verify(&app).await;
    check(&app, &link(&request, &token)).await;
    wait_for_text(&app, "Do you want to confirm this transaction?").await;
    let text = text_of(&app.container);
    assert!(
        text.contains(&format!("Pay 125.00 EUR to {payee}")),
        "{text}"
    );
    assert!(text.contains("Invoice 2026/118 東京"));
    assert!(text.contains(&format!("Serial Number {}", serial.formatted())));
    assert!(
        text.contains("This request expires in 5 minutes."),
        "{text}"
    );
    // Each value keeps its own direction: the Arabic payee is not mirrored into its neighbours.
    let values = all(&app.container, ".transaction__details dd");
    assert_eq!(values.len(), 3);
    assert!(
        values
            .iter()
            .all(|dd| dd.get_attribute("dir").as_deref() == Some("auto"))
    );
    assert_eq!(values[1].text_content().unwrap(), payee);

    click(&app, "Confirm").await;
    let shown = wait_for("the confirmation code", TIMEOUT, || {
        app.container
            .query_selector(".registration__code")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    })
    .await;
    let code = shown.replace(' ', "");
    assert_eq!(code.len(), 8, "{shown}");
    assert!(code_confirms(&request, token.secret().expose(), &code).unwrap());
    assert!(text_of(&app.container).contains("Type this code on your bank's page"));
    // Leaving the screen takes the code with it.
    click(&app, "Done").await;
    first_code(&app).await;
    assert!(!text_of(&app.container).contains(&shown));
}

#[wasm_bindgen_test]
async fn a_changed_foreign_or_expired_request_is_refused_with_no_code() {
    let (app, token, serial) = activated_identity(&fresh_db_name("tx-refuse"), "Work").await;
    open_verify(&app).await;
    let good = link(
        &request(
            &serial,
            &[("Amount", "125.00 EUR"), ("Payee", "ACME Ltd")],
            now_seconds(),
        ),
        &token,
    );

    check(&app, &good.replace("125.00", "925.00")).await;
    wait_for_text(&app, "was changed after your bank issued it").await;
    assert!(no_code_shown(&app));

    let other = SerialNumber::parse("48244-13456").unwrap();
    check(
        &app,
        &link(
            &request(&other, &[("Amount", "1 EUR")], now_seconds()),
            &token,
        ),
    )
    .await;
    wait_for_text(
        &app,
        "is for identity 48244-13456, which is not in this app",
    )
    .await;
    assert!(no_code_shown(&app));

    let old = request(&serial, &[("Amount", "1 EUR")], now_seconds() - 301);
    check(&app, &link(&old, &token)).await;
    wait_for_text(&app, "This transaction request has expired.").await;
    assert!(no_code_shown(&app));

    check(&app, "softtoken://transaction?v=1&serial=oops").await;
    wait_for_text(
        &app,
        "This is not a transaction request Soft Token can read",
    )
    .await;
    assert!(no_code_shown(&app));

    // The good one still goes through afterwards.
    check(&app, &good).await;
    wait_for_text(&app, "Pay 125.00 EUR to ACME Ltd").await;
}

#[wasm_bindgen_test]
async fn reject_shows_nothing_to_type() {
    let (app, token, serial) = activated_identity(&fresh_db_name("tx-reject"), "Work").await;
    open_verify(&app).await;
    check(
        &app,
        &link(
            &request(&serial, &[("Payee", "ACME Ltd")], now_seconds()),
            &token,
        ),
    )
    .await;
    wait_for_text(&app, "Do you want to confirm this transaction?").await;
    click(&app, "Reject").await;
    wait_for_text(&app, "Transaction rejected").await;
    assert!(no_code_shown(&app));
    assert!(text_of(&app.container).contains("Nothing was confirmed."));
}

#[wasm_bindgen_test]
async fn a_request_read_on_add_identity_is_checked_the_same_way() {
    let (app, token, serial) = activated_identity(&fresh_db_name("tx-add"), "Work").await;
    click(&app, "Add identity").await;
    let request = request(
        &serial,
        &[("Amount", "9.99 GBP"), ("Payee", "Corner Shop")],
        now_seconds(),
    );
    support::adding::read_link(&app, &link(&request, &token)).await;
    wait_for_text(&app, "Pay 9.99 GBP to Corner Shop").await;
    click(&app, "Confirm").await;
    wait_for_text(&app, "Confirmation code").await;
}
