//! Browser tests: the PIN gate, locking and auto-lock, focus, names shown
//! as text, and HOTP's next code.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::activation::*;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

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
        (focused_id() == "order").then_some(())
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
    let mut identity = Identity::new("hotp-1".into(), "Counter".into(), None, 0, Origin::Added);
    identity.token = Some(StoredToken::from_token(&token));
    document.identities.push(identity);
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
