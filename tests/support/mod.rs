//! Helpers shared by the browser tests: a fresh mount point per test, a
//! polling wait for real I/O, and finding controls as a person would.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A new, empty element appended to the body, for one test's app.
pub fn fresh_container() -> HtmlElement {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element.dyn_into().unwrap()
}

/// Polls `condition` every 20 ms until it returns `Some`, or panics after
/// `timeout` naming what it waited for.
pub async fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut condition: impl FnMut() -> Option<T>,
) -> T {
    let start = js_sys::Date::now();
    loop {
        if let Some(value) = condition() {
            return value;
        }
        if js_sys::Date::now() - start > timeout.as_millis() as f64 {
            panic!("timed out after {timeout:?} waiting for {what}");
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

/// The text of the whole container, as a person would read it.
pub fn text_of(container: &HtmlElement) -> String {
    container.text_content().unwrap_or_default()
}
