//! Browser tests: the real App mounted into headless Chromium, on the real
//! IndexedDB, each test on a database of its own.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::activation::{ActivationDigits, RegistrationCode, derive_secret, derive_token, issue};
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// True when `shown` is the token's code now or at a neighbouring step (the
/// test may straddle a period boundary).
fn matches_now(token: &otp::Token, shown: &str) -> bool {
    otp::verify(token, shown, now_seconds(), 1).is_some()
}

/// Activates with a fresh Self-Service issue; returns the token Self-Service
/// derives from the registration code shown on screen.
async fn activate_with_self_service(app: &Mounted, name: Option<&str>) -> otp::Token {
    let issued = issue(None, None).unwrap();
    if let Some(name) = name {
        type_into(app, "Name", name).await;
    }
    type_into(app, "Serial Number", &issued.activation.serial.formatted()).await;
    type_into(
        app,
        "Activation Code",
        &issued.activation.activation_code.formatted(),
    )
    .await;
    click(app, "Save").await;
    let shown = registration_code_shown(app).await;
    assert!(
        text_of(&app.container)
            .contains("Enter this Registration Code into Self-Service to complete activation")
    );
    // Self-Service: check the typed code, derive the secret.
    let registration = RegistrationCode::parse(&shown).unwrap();
    assert!(
        registration.is_for(&issued.activation.activation_code),
        "{shown} was not made for this activation"
    );
    let secret = derive_secret(
        &issued.activation.serial,
        &issued.activation.activation_code,
        &registration,
        None,
    );
    derive_token(secret, ActivationDigits::Six)
}

async fn first_code(app: &Mounted) -> String {
    let container = app.container.clone();
    wait_for("a code on the initial screen", TIMEOUT, || {
        shown_codes(&container)
            .into_iter()
            .next()
            .filter(|c| !c.is_empty())
    })
    .await
}

/// A new app with one activated identity, "Work", left on its Reactivate
/// warning (Settings, the identity, Reactivate).
async fn activated_then_reactivate_warning(db: &str) -> (Mounted, otp::Token) {
    let app = mount(&fresh_db_name(db));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let token = activate_with_self_service(&app, Some("Work")).await;
    click(&app, "Done").await;
    first_code(&app).await;
    click(&app, "Settings").await;
    click(&app, "Work").await;
    click(&app, "Reactivate").await;
    wait_for_text(&app, "You will need a new Serial Number").await;
    (app, token)
}

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
async fn a_first_visit_known_before_mounting_draws_create_pin_in_its_first_render() {
    let app = mount_first_visit(&fresh_db_name("first-visit"));
    // The router draws its first route in a microtask. Microtasks only: no
    // storage event (a task) can have arrived when this looks.
    for _ in 0..10 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await
        .unwrap();
    }
    let drawn = app.container.text_content().unwrap_or_default();
    assert!(drawn.contains("Create PIN"), "first render: {drawn}");
    create_pin(&app).await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

#[wasm_bindgen_test]
async fn a_wrong_pin_says_how_many_attempts_are_left() {
    let db = fresh_db_name("wrong-pin");
    let app = mount(&db);
    create_pin(&app).await;
    click(&app, "Lock").await;
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", "999999").await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "That PIN is not correct. 4 attempts left.").await;
    // The count survives a reload.
    drop(app);
    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", "111111").await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "That PIN is not correct. 3 attempts left.").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

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
async fn locking_clears_every_code_from_the_page() {
    let app = mount(&fresh_db_name("lock"));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let token = activate_with_self_service(&app, Some("Mail")).await;
    click(&app, "Done").await;
    let shown = first_code(&app).await;
    assert!(matches_now(&token, &shown));
    click(&app, "Lock").await;
    wait_for_text(&app, "Enter your PIN").await;
    let page = text_of(&app.container);
    assert!(
        !page.contains(&shown) && !page.contains(&support::group(&shown)),
        "a code is still on the page: {page}"
    );
    assert!(shown_codes(&app.container).is_empty());
}

#[wasm_bindgen_test]
async fn auto_lock_after_the_idle_time_clears_the_codes() {
    let mut config = test_config(&fresh_db_name("auto-lock"));
    config.auto_lock_after_ms = Some(2_500);
    let app = mount_with(config);
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    activate_with_self_service(&app, Some("Idle")).await;
    click(&app, "Done").await;
    let shown = first_code(&app).await;
    // No input from now on: the app must lock by itself.
    let container = app.container.clone();
    wait_for("auto-lock", std::time::Duration::from_secs(8), || {
        text_of(&container).contains("Enter your PIN").then_some(())
    })
    .await;
    assert!(shown_codes(&app.container).is_empty());
    assert!(!text_of(&app.container).contains(&support::group(&shown)));
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
async fn focus_starts_on_each_screens_first_field_or_heading() {
    let app = mount(&fresh_db_name("focus"));
    let focused_id = || {
        support::document()
            .active_element()
            .map(|e| e.id())
            .unwrap_or_default()
    };
    wait_for("focus on the new PIN field", TIMEOUT, || {
        (focused_id() == "new-pin").then_some(())
    })
    .await;
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    wait_for("focus on the name field", TIMEOUT, || {
        (focused_id() == "identity-name").then_some(())
    })
    .await;
    click(&app, "Settings").await;
    wait_for("focus on the first setting", TIMEOUT, || {
        (focused_id() == "auto-lock").then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn names_are_shown_as_text_never_as_html() {
    let app = mount(&fresh_db_name("html"));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let name = "<img src=x onerror=alert(1)><b>Bank</b>";
    activate_with_self_service(&app, Some(name)).await;
    click(&app, "Done").await;
    first_code(&app).await;
    assert!(
        text_of(&app.container).contains(name),
        "the name was not shown as typed"
    );
    assert!(
        app.container
            .query_selector("main img, main b")
            .unwrap()
            .is_none(),
        "the name became markup"
    );
}

#[wasm_bindgen_test]
async fn next_code_moves_an_hotp_token_on_and_stores_the_counter() {
    use vault::{Identity, Origin, Pin, SealedVault, StoredToken};
    let db = fresh_db_name("hotp");
    let app = mount(&db);
    create_pin(&app).await;
    drop(app);
    // Add an HOTP identity (RFC 4226's secret, counter 0) with the vault
    // crate, as an import would.
    let store = softtoken::platform::storage::Store::open(&db)
        .await
        .unwrap();
    let record = store.read_vault().await.unwrap().unwrap();
    let (mut unlocked, mut document) = SealedVault::parse(&record.text)
        .unwrap()
        .unlock(&Pin::new(PIN).unwrap())
        .unwrap();
    let token = otp::Token::new(
        otp::Secret::from_slice(b"12345678901234567890"),
        otp::Algorithm::Sha1,
        6,
        otp::Kind::Hotp { counter: 0 },
    )
    .unwrap();
    document.identities.push(Identity {
        id: "hotp-1".into(),
        name: "Counter".into(),
        issuer: None,
        created_at: 0,
        origin: Origin::Added,
        token: Some(StoredToken::from_token(&token)),
    });
    let sealed = unlocked.seal(&document, &mut vault::OsEntropy).unwrap();
    store
        .write_vault(&sealed.to_text(), record.revision)
        .await
        .unwrap();
    store.close();

    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    assert_eq!(first_code(&app).await, "755224");
    click(&app, "Next code").await;
    let container = app.container.clone();
    wait_for("the next HOTP code", TIMEOUT, || {
        (shown_codes(&container).first()? == "287082").then_some(())
    })
    .await;
    // The counter was stored: a reload shows the same code.
    drop(app);
    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    assert_eq!(first_code(&app).await, "287082");
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
