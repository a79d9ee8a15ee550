//! Whether the app runs in a WebKit browser tab, outside an installed Home
//! Screen app. There, WebKit deletes a site's script-written storage
//! (IndexedDB included) after seven days of browser use without a visit;
//! a Home Screen app is exempt. Every iPhone browser is WebKit.
//!
//! Detected, not assumed: WebKit is the engine whose `navigator.vendor` is
//! Apple's (Safari, every iOS browser, WebKitGTK); installed is
//! `navigator.standalone` (iOS) or the `display-mode: standalone` media
//! query (everywhere else). A browser that answers neither is taken as not
//! installed.

use wasm_bindgen::{JsCast, JsValue};

/// True in a WebKit browser tab that is not an installed Home Screen app.
pub fn storage_may_expire() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let webkit = js_sys::Reflect::get(&navigator, &"vendor".into())
        .ok()
        .and_then(|vendor| vendor.as_string())
        .is_some_and(|vendor| vendor.starts_with("Apple"));
    webkit && !installed(&window, &navigator)
}

fn installed(window: &web_sys::Window, navigator: &web_sys::Navigator) -> bool {
    let standalone = js_sys::Reflect::get(navigator, &"standalone".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    standalone || display_mode_standalone(window)
}

fn display_mode_standalone(window: &web_sys::Window) -> bool {
    let Some(match_media) = js_sys::Reflect::get(window, &"matchMedia".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    match_media
        .call1(window, &JsValue::from_str("(display-mode: standalone)"))
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &"matches".into()).ok())
        .and_then(|matches| matches.as_bool())
        .unwrap_or(false)
}
