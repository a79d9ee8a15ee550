//! A password in place of the PIN (issue 19), on the real IndexedDB:
//! chosen at Create PIN or Change PIN, asked for by the PIN screen from
//! then on, with its own sentences.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Orbit lamp river 42";

async fn create_password(app: &Mounted, password: &str) {
    wait_for_text(app, "Create PIN").await;
    click(app, "Use a password instead").await;
    wait_for_text(app, "Create a password").await;
    type_into(app, "Password", password).await;
    type_into(app, "Enter the password again", password).await;
    click(app, "Create password").await;
}

#[wasm_bindgen_test]
async fn a_password_made_at_create_pin_opens_the_vault_and_a_wrong_one_says_so() {
    let db = fresh_db_name("password");
    let app = mount(&db);
    wait_for_text(&app, "Create PIN").await;
    click(&app, "Use a password instead").await;
    type_into(&app, "Password", "short").await;
    wait_for_text(&app, "Too short: use at least 10 characters.").await;
    type_into(&app, "Password", PASSWORD).await;
    wait_for_text(&app, "Strong.").await;
    type_into(&app, "Enter the password again", PASSWORD).await;
    click(&app, "Create password").await;
    wait_for_text(&app, "No soft token identity yet.").await;
    drop(app);

    let app = mount(&db);
    wait_for_text(&app, "Enter your password").await;
    type_into(&app, "Password", "Orbit lamp river 43").await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "That password is not correct. 4 attempts left.").await;
    type_into(&app, "Password", PASSWORD).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

#[wasm_bindgen_test]
async fn a_short_password_is_refused_with_the_rule() {
    let app = mount(&fresh_db_name("short-password"));
    create_password(&app, "too short").await;
    wait_for_text(&app, "A password has 10 to 128 characters.").await;
    assert!(text_of(&app.container).contains("Create a password"));
}

#[wasm_bindgen_test]
async fn a_pin_changed_to_a_password_is_what_the_pin_screen_asks_for_then() {
    let db = fresh_db_name("pin-to-password");
    let app = mount(&db);
    create_pin(&app).await;
    click(&app, "Settings").await;
    type_into(&app, "Current PIN", PIN).await;
    click(&app, "Use a password instead").await;
    type_into(&app, "New password", PASSWORD).await;
    type_into(&app, "Enter the new password again", PASSWORD).await;
    click(&app, "Change password").await;
    wait_for_text(&app, "Your password was changed.").await;
    // Confirmations now ask for the password too.
    wait_for("the current field to ask for the password", TIMEOUT, || {
        input_labelled(&app.container, "Current password")
    })
    .await;
    drop(app);

    let app = mount(&db);
    wait_for_text(&app, "Enter your password").await;
    type_into(&app, "Password", PIN).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "A password has 10 to 128 characters.").await;
    type_into(&app, "Password", PASSWORD).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}
