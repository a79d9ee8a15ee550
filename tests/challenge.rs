//! Challenge-response identities on the real IndexedDB (issue 23): one is
//! typed in Add → Type a secret with its OCRA suite, its card offers
//! "Answer a challenge" instead of a code, and the responses are RFC 6287's
//! own (Appendix C), including a counter that moves on and a PIN.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::adding::open_add_identity;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// "12345678901234567890" and its 32-byte form, in Base32.
const KEY20: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const KEY32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";

async fn add_challenge_identity(app: &Mounted, name: &str, secret: &str, suite: &str) {
    open_add_identity(app).await;
    click(app, "Type a secret").await;
    type_into(app, "Name", name).await;
    type_into(app, "Secret key", secret).await;
    choose(app, "Type", "ocra").await;
    type_into(app, "OCRA suite", suite).await;
    click(app, "Preview").await;
    wait_for_text(app, "Challenge-response (OCRA)").await;
    click(app, "Add").await;
    wait_for_text(app, name).await;
}

fn response_shown(app: &Mounted) -> Option<String> {
    app.container
        .query_selector(".registration__code")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .map(|text| text.replace(' ', ""))
}

async fn answer(app: &Mounted, challenge: &str) -> String {
    type_into(app, "Challenge", challenge).await;
    click(app, "Answer").await;
    let before = response_shown(app);
    wait_for("a new response", TIMEOUT, || {
        response_shown(app).filter(|shown| Some(shown) != before.as_ref())
    })
    .await
}

#[wasm_bindgen_test]
async fn a_typed_ocra_identity_answers_the_rfcs_challenges() {
    let app = mount(&fresh_db_name("ocra-plain"));
    add_challenge_identity(&app, "Bank challenge", KEY20, "OCRA-1:HOTP-SHA1-6:QN08").await;
    assert!(
        shown_codes(&app.container).is_empty(),
        "a challenge-response card shows no code"
    );
    click(&app, "Answer a challenge").await;
    wait_for_text(&app, "Up to 8 digits, as you were given it.").await;
    assert!(
        field_labelled(&app.container, "PIN").is_none(),
        "this suite has no PIN"
    );
    assert_eq!(answer(&app, "00000000").await, "237653");
    assert_eq!(answer(&app, "11111111").await, "243178");
    type_into(&app, "Challenge", "12ab5678").await;
    click(&app, "Answer").await;
    wait_for_text(&app, "The challenge may hold only digits.").await;
}

#[wasm_bindgen_test]
async fn a_counter_suite_moves_on_with_each_answer_and_asks_for_the_pin() {
    let app = mount(&fresh_db_name("ocra-counter"));
    add_challenge_identity(&app, "Signing", KEY32, "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1").await;
    click(&app, "Answer a challenge").await;
    type_into(&app, "Challenge", "12345678").await;
    click(&app, "Answer").await;
    wait_for_text(&app, "This suite asks for a PIN (P), and none was given.").await;
    assert!(response_shown(&app).is_none());
    type_into(&app, "PIN", "1234").await;
    // Counter 0, then 1: the RFC's first two responses; a refused try used none.
    assert_eq!(answer(&app, "12345678").await, "65347737");
    assert_eq!(answer(&app, "12345678").await, "86775851");
    // The counter is stored: after a reload and unlock the next answer is counter 2's.
    click(&app, "Done").await;
    click(&app, "Settings").await;
    click(&app, "Signing").await;
    wait_for_text(
        &app,
        "Challenge-response (OCRA, OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1)",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_malformed_suite_is_refused_where_it_was_typed() {
    let app = mount(&fresh_db_name("ocra-bad-suite"));
    open_add_identity(&app).await;
    click(&app, "Type a secret").await;
    type_into(&app, "Name", "Broken").await;
    type_into(&app, "Secret key", KEY20).await;
    choose(&app, "Type", "ocra").await;
    type_into(&app, "OCRA suite", "OCRA-1:HOTP-SHA1-6:QX08").await;
    click(&app, "Preview").await;
    wait_for_text(
        &app,
        "This suite cannot be used: the suite's challenge question 'QX08'",
    )
    .await;
}
