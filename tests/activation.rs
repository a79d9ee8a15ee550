//! Browser tests: the seed's activation and Reactivate, end to end, on the
//! real app and IndexedDB, each test on a database of its own.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::activation::{ActivationDigits, RegistrationCode, derive_secret, derive_token, issue};
use support::activation::*;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_seed_end_to_end_activate_reload_reactivate() {
    let db = fresh_db_name("seed");
    let app = mount(&db);
    create_pin(&app).await;
    assert!(
        control(&app.container, "Settings").is_some(),
        "the gear is shown once unlocked"
    );

    click(&app, "Activate a soft token identity").await;
    let first_token = activate_with_self_service(&app, Some("AnyBank")).await;
    click(&app, "Done").await;
    let shown = first_code(&app).await;
    assert!(
        matches_now(&first_token, &shown),
        "shown {shown}, expected {:?}",
        first_token.code_at(now_seconds())
    );
    assert!(text_of(&app.container).contains("AnyBank"));

    // A reload: unmount, mount again on the same database.
    drop(app);
    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    let shown = first_code(&app).await;
    assert!(matches_now(&first_token, &shown));

    // Gear, Settings, the identity, Reactivate, the warning, Reactivate.
    click(&app, "Settings").await;
    wait_for_text(&app, "Soft token identities").await;
    click(&app, "AnyBank").await;
    wait_for_text(&app, "Serial Number").await;
    click(&app, "Reactivate").await;
    wait_for_text(
        &app,
        "You will need a new Serial Number and Activation Code",
    )
    .await;
    click(&app, "Reactivate").await;
    wait_for_text(&app, "Activate AnyBank").await;
    assert!(
        support::input_labelled(&app.container, "Name").is_none(),
        "the kept name is not asked again"
    );

    let second_token = activate_with_self_service(&app, None).await;
    click(&app, "Done").await;
    let container = app.container.clone();
    let shown = wait_for("the new code", TIMEOUT, || {
        shown_codes(&container)
            .into_iter()
            .next()
            .filter(|c| matches_now(&second_token, c))
    })
    .await;
    assert!(
        !matches_now(&first_token, &shown),
        "the old secret still gives the shown code"
    );
    assert_eq!(
        shown_codes(&app.container).len(),
        1,
        "reactivation replaced, not added"
    );
}

#[wasm_bindgen_test]
async fn a_mistyped_check_digit_is_named_under_its_field_and_nothing_is_saved() {
    let app = mount(&fresh_db_name("typo"));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    type_into(&app, "Name", "AnyBank").await;
    type_into(&app, "Serial Number", "4824413456").await;
    // The known activation code with its last digit changed.
    type_into(&app, "Activation Code", "1745771269428699").await;
    let container = app.container.clone();
    wait_for("the dashes to be added", TIMEOUT, || {
        (support::input_labelled(&container, "Activation Code")?.value() == "1745-7712-6942-8699")
            .then_some(())
    })
    .await;
    wait_for_text(
        &app,
        "The activation code's check digit does not match, so a digit may be mistyped.",
    )
    .await;
    click(&app, "Save").await;
    gloo_timers::future::TimeoutFuture::new(200).await;
    assert!(!text_of(&app.container).contains("Registration Code"));
    assert!(
        support::input_labelled(&app.container, "Serial Number")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref()
            == Some("false")
    );
}

/// `app::start` lists the databases before mounting; on a first visit the
/// first render is Create PIN, and the PIN can be chosen at once, before
/// the new database has opened.

#[wasm_bindgen_test]
async fn cancel_on_the_warning_leaves_the_identity_untouched() {
    let (app, token) = activated_then_reactivate_warning("cancel").await;
    click(&app, "Cancel").await;
    wait_for_text(&app, "Token type").await;
    click(&app, "Soft Token").await;
    let shown = first_code(&app).await;
    assert!(matches_now(&token, &shown));
}

#[wasm_bindgen_test]
async fn a_pasted_secure_link_asks_for_its_password_and_fills_the_fields() {
    let policy = r#"{"allowUnsecured":"false"}"#;
    let issued = issue(Some(policy.into()), None).unwrap();
    let app = mount(&fresh_db_name("link"));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    type_into(&app, "Name", "Linked").await;
    type_into(&app, "Serial Number", &issued.link).await;
    wait_for_text(&app, "This is a secure activation link.").await;
    type_into(&app, "Activation password", "00000000").await;
    click(&app, "Open link").await;
    wait_for_text(&app, "The activation password is wrong").await;
    type_into(&app, "Activation password", &issued.password).await;
    click(&app, "Open link").await;
    let container = app.container.clone();
    let serial = issued.activation.serial.formatted();
    wait_for("the serial number filled in", TIMEOUT, || {
        (support::input_labelled(&container, "Serial Number")?.value() == serial).then_some(())
    })
    .await;
    click(&app, "Save").await;
    let shown = registration_code_shown(&app).await;
    // Self-Service derives with the policy the link carried.
    let registration = RegistrationCode::parse(&shown).unwrap();
    let secret = derive_secret(
        &issued.activation.serial,
        &issued.activation.activation_code,
        &registration,
        Some(policy),
    );
    let token = derive_token(secret, ActivationDigits::Six);
    click(&app, "Done").await;
    let code = first_code(&app).await;
    assert!(
        matches_now(&token, &code),
        "the link's policy was not used in the derivation"
    );
}

#[wasm_bindgen_test]
async fn a_reactivated_identity_waits_on_the_initial_screen_with_an_activate_link() {
    let (app, _) = activated_then_reactivate_warning("waiting").await;
    click(&app, "Reactivate").await;
    wait_for_text(&app, "Activate Work").await;

    // Left before the new activation: the card says so, with no code.
    click(&app, "Soft Token").await;
    let container = app.container.clone();
    wait_for("the Activate link on the card", TIMEOUT, || {
        control(&container, "Activate")
    })
    .await;
    assert!(text_of(&app.container).contains("Work"));
    assert!(
        shown_codes(&app.container).is_empty(),
        "no code for a cleared identity"
    );
    assert!(control(&app.container, "Next code").is_none());

    click(&app, "Activate").await;
    wait_for_text(&app, "Activate Work").await;
    let token = activate_with_self_service(&app, None).await;
    click(&app, "Done").await;
    let shown = first_code(&app).await;
    assert!(matches_now(&token, &shown));
    assert!(control(&app.container, "Activate").is_none());
}
