//! How far this device's clock is from the server that serves the app, from
//! the `Date` header of one `HEAD` request to its own origin (no other
//! server is asked; the service worker answers only `GET`, so this one
//! reaches the network, and `no-store` keeps any cache out of it).
//!
//! Offline, or when the request fails or the answer has no usable date,
//! nothing is known and nothing is said. Sends nothing but the request.

use leptos::prelude::*;
use otp::clock::ClockOffset;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The device's offset from its server, or `None` when it cannot be known.
pub async fn offset_from_origin() -> Option<ClockOffset> {
    let window = web_sys::window()?;
    if !window.navigator().on_line() {
        return None;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(web_sys::RequestCache::NoStore);
    let sent = now_ms();
    let response = JsFuture::from(window.fetch_with_str_and_init("./", &init))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    let received = now_ms();
    let date = response.headers().get("date").ok()??;
    let server_ms = js_sys::Date::parse(&date);
    if !server_ms.is_finite() {
        return None;
    }
    ClockOffset::measure((server_ms / 1000.0).floor() as i64, sent, received)
}

/// Counts the device's reconnections (`online` events) from now until the
/// calling owner is disposed: a reader checks the clock again on each.
pub fn reconnections() -> ReadSignal<u32> {
    let (count, set_count) = signal(0_u32);
    let listener = window_event_listener(leptos::ev::online, move |_| {
        set_count.update(|count| *count = count.wrapping_add(1));
    });
    on_cleanup(move || listener.remove());
    count
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
