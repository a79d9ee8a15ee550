//! Capabilities detected, never assumed (issue 25): where a browser lacks
//! one the app uses when it can, the app takes its other path. Each test
//! hides one capability in this page (an own property shadowing the
//! browser's, given back when the test ends) and runs what depends on it,
//! on the real IndexedDB.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use js_sys::Reflect;
use support::adding::*;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// `object.name` reads as undefined until this is dropped.
struct Hidden {
    object: js_sys::Object,
    name: &'static str,
}

impl Hidden {
    fn hide(object: JsValue, name: &'static str) -> Self {
        let object: js_sys::Object = object.unchecked_into();
        let descriptor = js_sys::Object::new();
        Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        js_sys::Object::define_property(&object, &name.into(), &descriptor);
        assert!(
            Reflect::get(&object, &name.into()).unwrap().is_undefined(),
            "{name} is still there"
        );
        Self { object, name }
    }
}

impl Drop for Hidden {
    fn drop(&mut self) {
        Reflect::delete_property(&self.object, &self.name.into()).ok();
    }
}

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
    let _hidden = Hidden::hide(navigator.into(), "locks");
    // The revision-checked transactions stand alone: nothing waits for a
    // lock that cannot be had.
    add_reload_unlock(&fresh_db_name("no-web-locks")).await;
}

#[wasm_bindgen_test]
async fn without_listing_databases_a_first_visit_and_a_return_still_work() {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _hidden = Hidden::hide(factory.into(), "databases");
    // Create PIN waits for the database to open instead of being shown at
    // once; the rest is the same.
    add_reload_unlock(&fresh_db_name("no-databases")).await;
}
