//! Capabilities detected, never assumed (issue 25): where a browser lacks
//! one the app uses when it can, the app takes its other path. Each test
//! hides one capability in this page (an own property shadowing the
//! browser's, given back when the test ends) and runs what depends on it,
//! on the real IndexedDB. Copying without the Clipboard API is in
//! `capabilities_copy.rs`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use js_sys::Reflect;
use support::adding::*;
use support::shadow::{Shadowed, function};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Adds one token, reloads, unlocks, and checks that its code is shown.
async fn add_reload_unlock(db: &str) {
    let app = mount(db);
    open_add_identity(&app).await;
    let link = format!(
        "otpauth://totp/Caps:dana?secret={}&issuer=Caps",
        random_secret()
    );
    read_link(&app, &link).await;
    wait_for_text(&app, "Check before adding").await;
    add_and_wait_for(&app, 1).await;
    drop(app);
    let app = mount(db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "Caps (dana)").await;
    assert_eq!(shown_codes(&app.container).len(), 1);
}

#[wasm_bindgen_test]
async fn without_web_locks_writes_and_unlocks_still_work() {
    let navigator = web_sys::window().unwrap().navigator();
    let _hidden = Shadowed::hide(navigator, "locks");
    // The revision-checked transactions stand alone: nothing waits for a
    // lock that cannot be had.
    add_reload_unlock(&fresh_db_name("no-web-locks")).await;
}

#[wasm_bindgen_test]
async fn without_listing_databases_a_first_visit_and_a_return_still_work() {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _hidden = Shadowed::hide(factory, "databases");
    // Create PIN waits for the database to open instead of being shown at
    // once; the rest is the same.
    add_reload_unlock(&fresh_db_name("no-databases")).await;
}

#[wasm_bindgen_test]
async fn without_the_durability_option_writes_and_unlocks_still_work() {
    // An engine that predates `durability` ignores the options argument:
    // the stand-in drops it, and notes what the app asked for.
    let asked: js_sys::Array = js_sys::Array::new();
    let prototype = Reflect::get(&web_sys::window().unwrap(), &"IDBDatabase".into())
        .and_then(|class| Reflect::get(&class, &"prototype".into()))
        .unwrap();
    let original = Reflect::get(&prototype, &"transaction".into()).unwrap();
    let without_options = function(
        "original, asked",
        "return function (names, mode, options) { \
           if (options) asked.push(options.durability); \
           return original.call(this, names, mode); }",
    )
    .call2(&JsValue::NULL, &original, &asked)
    .unwrap();
    let _shadowed = Shadowed::with(prototype, "transaction", without_options);
    add_reload_unlock(&fresh_db_name("no-durability")).await;
    // The app did ask (so this test ran the path it names), and its writes
    // stood without the option.
    assert!(
        asked
            .iter()
            .any(|d| d.as_string().as_deref() == Some("strict")),
        "the app never asked for strict durability"
    );
}

/// Settings → the storage line, once it has the browser's answer.
async fn storage_line(app: &Mounted) -> String {
    click(app, "Settings").await;
    let container = app.container.clone();
    wait_for("the storage status", TIMEOUT, || {
        all(&container, "p[role=status]")
            .iter()
            .filter_map(|p| p.text_content())
            .find(|t| t.starts_with("Storage: ") && !t.contains("checking"))
    })
    .await
}

#[wasm_bindgen_test]
async fn without_a_persistence_request_nothing_is_asked_and_nothing_offered() {
    let storage = web_sys::window().unwrap().navigator().storage();
    let _hidden = Shadowed::hide(storage, "persist");
    let app = mount(&fresh_db_name("no-persist"));
    open_add_identity(&app).await;
    let link = format!("otpauth://totp/Caps:erin?secret={}", random_secret());
    read_link(&app, &link).await;
    // The first token asks to keep the data: here there is nothing to ask.
    add_and_wait_for(&app, 1).await;
    let line = storage_line(&app).await;
    assert_eq!(
        line,
        "Storage: not persistent, and this browser does not let a site ask to keep it \
         (it may clear it when space runs low; keep a backup)"
    );
    assert!(
        control(&app.container, "Keep my tokens when space runs low").is_none(),
        "a request that cannot work is offered"
    );
}

#[wasm_bindgen_test]
async fn without_storage_status_settings_says_the_browser_does_not_say() {
    let navigator = web_sys::window().unwrap().navigator();
    let _hidden = Shadowed::hide(navigator, "storage");
    let app = mount(&fresh_db_name("no-storage-manager"));
    create_pin(&app).await;
    let line = storage_line(&app).await;
    assert_eq!(
        line,
        "Storage: this browser does not say whether it is persistent"
    );
    assert!(control(&app.container, "Keep my tokens when space runs low").is_none());
}

#[wasm_bindgen_test]
async fn without_webauthn_settings_says_passkeys_cannot_work_and_offers_none() {
    let window = web_sys::window().unwrap();
    let _hidden = Shadowed::hide(window, "PublicKeyCredential");
    let app = mount(&fresh_db_name("no-webauthn"));
    create_pin(&app).await;
    click(&app, "Settings").await;
    wait_for_text(
        &app,
        "This browser cannot unlock Soft Token with a passkey: it does not support passkeys with the PRF extension. Your PIN opens Soft Token.",
    )
    .await;
    assert!(control(&app.container, "Add a passkey").is_none());
}

#[wasm_bindgen_test]
async fn where_the_browser_says_it_lacks_prf_settings_offers_no_passkey() {
    let class = Reflect::get(&web_sys::window().unwrap(), &"PublicKeyCredential".into()).unwrap();
    let capabilities = function(
        "",
        "return () => Promise.resolve({ 'extension:prf': false })",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let _shadowed = Shadowed::with(class, "getClientCapabilities", capabilities);
    let app = mount(&fresh_db_name("no-prf"));
    create_pin(&app).await;
    click(&app, "Settings").await;
    wait_for_text(&app, "This browser cannot unlock Soft Token with a passkey").await;
    assert!(control(&app.container, "Add a passkey").is_none());
}

#[wasm_bindgen_test]
async fn where_webauthn_is_there_settings_offers_a_passkey() {
    // The other side of the two tests above, in this Chromium.
    let app = mount(&fresh_db_name("webauthn"));
    create_pin(&app).await;
    click(&app, "Settings").await;
    wait_for_text(&app, "Passkey name").await;
    assert!(control(&app.container, "Add a passkey").is_some());
}
