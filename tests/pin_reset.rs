//! PIN reset's edges on the real IndexedDB (issue 20; the whole reset the
//! seed's way is the served `pin_reset.rs`): the Unlock Code the issuer
//! computes opens the vault in this tab, identity settings turn reset off
//! (and then Forgot your PIN? offers nothing but a backup), and an
//! identity that was only added, not activated, cannot reset the PIN.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::activation::{PinResetCode, UnlockCode};
use support::activation::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const NONE_CAN: &str = "No soft token identity in this browser can reset the PIN";

async fn activated(db: &str) -> (Mounted, otp::Token) {
    let (app, token, _) = activated_identity(db, "Work").await;
    (app, token)
}

async fn forgot(app: &Mounted) {
    click(app, "Lock").await;
    click(app, "Forgot your PIN?").await;
    wait_for_text(app, "Reset your PIN").await;
}

fn shown_reset_code(app: &Mounted) -> String {
    let terms = app.container.query_selector_all(".reset-codes dd").unwrap();
    terms
        .item(1)
        .unwrap()
        .dyn_into::<web_sys::Element>()
        .unwrap()
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_issuers_unlock_code_opens_and_a_new_pin_shows_the_same_code() {
    let (app, token) = activated(&fresh_db_name("reset")).await;
    forgot(&app).await;
    let reset = PinResetCode::parse(&shown_reset_code(&app)).unwrap();
    // What Self-Service computes from the token it derived.
    let unlock = UnlockCode::for_secret(token.secret().expose(), &reset);
    type_into(&app, "Unlock Code", unlock.formatted().as_str()).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "Choose a new PIN").await;
    type_into(&app, "New PIN", "5826").await;
    type_into(&app, "Enter the new PIN again", "5826").await;
    click(&app, "Save new PIN").await;
    let shown = first_code(&app).await;
    assert!(matches_now(&token, &shown), "{shown}");
    // A fresh PIN Reset Code replaced the used one.
    forgot(&app).await;
    assert_ne!(PinResetCode::parse(&shown_reset_code(&app)).unwrap(), reset);
}

#[wasm_bindgen_test]
async fn turned_off_in_identity_settings_reset_offers_only_a_backup() {
    let (app, _) = activated(&fresh_db_name("reset-off")).await;
    click(&app, "Settings").await;
    click(&app, "Work").await;
    wait_for_text(&app, "this identity's issuer can give you an Unlock Code").await;
    click(&app, "Turn off PIN reset").await;
    wait_for_text(&app, "PIN reset through this identity's issuer is off.").await;
    forgot(&app).await;
    wait_for_text(&app, NONE_CAN).await;
    assert!(control(&app.container, "Unlock").is_none());
}

#[wasm_bindgen_test]
async fn an_identity_only_added_cannot_reset_the_pin() {
    let app = mount(&fresh_db_name("reset-added"));
    support::adding::open_add_identity(&app).await;
    let link = format!(
        "otpauth://totp/Mail:ida?secret={}",
        support::adding::random_secret()
    );
    support::adding::read_link(&app, &link).await;
    support::adding::add_and_wait_for(&app, 1).await;
    forgot(&app).await;
    wait_for_text(&app, NONE_CAN).await;
}

#[wasm_bindgen_test]
async fn reactivating_takes_the_old_secrets_reset_away() {
    let (app, _) = activated_then_reactivate_warning("reset-reactivate").await;
    click(&app, "Reactivate").await;
    wait_for_text(&app, "Activate Work").await;
    click(&app, "Soft Token").await;
    wait_for_text(&app, "Work").await;
    forgot(&app).await;
    wait_for_text(&app, NONE_CAN).await;
}
