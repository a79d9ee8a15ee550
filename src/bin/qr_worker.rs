//! The QR worker: reads QR codes in RGBA pixels with the `qr` crate, off
//! the main thread, so that reading a photo or a camera frame never blocks
//! the page (a decode of an 800-pixel picture takes longer than a frame).
//! The page keeps one worker while it reads pictures and reuses it.
//!
//! Protocol (postMessage): the worker posts `"ready"` once its handler is
//! installed; the page sends `{id, width, height, rgba}` (`rgba` a
//! `Uint8Array`, transferred); the worker answers `{id, texts: [string]}`
//! or `{id, error}` with `error` one of `"not-found"`, `"unreadable"`,
//! `"malformed"`. The pixels are wiped once read.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &name.into()).ok()
}

fn read(request: &JsValue) -> Result<Vec<zeroize::Zeroizing<String>>, &'static str> {
    let size = |name| {
        field(request, name)
            .and_then(|v| v.as_f64())
            .map(|v| v as usize)
    };
    let (Some(width), Some(height)) = (size("width"), size("height")) else {
        return Err("malformed");
    };
    let pixels: js_sys::Uint8Array = field(request, "rgba")
        .and_then(|v| v.dyn_into().ok())
        .ok_or("malformed")?;
    let rgba = zeroize::Zeroizing::new(pixels.to_vec());
    pixels.fill(0, 0, pixels.length());
    qr::read_rgba(width, height, &rgba).map_err(|error| match error {
        qr::QrError::NotFound => "not-found",
        qr::QrError::Unreadable => "unreadable",
        qr::QrError::Empty | qr::QrError::SizeMismatch => "malformed",
    })
}

fn answer(request: &JsValue) -> JsValue {
    let reply = js_sys::Object::new();
    let id = field(request, "id").unwrap_or(JsValue::NULL);
    js_sys::Reflect::set(&reply, &"id".into(), &id).ok();
    match read(request) {
        Ok(texts) => {
            let list: js_sys::Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
            js_sys::Reflect::set(&reply, &"texts".into(), &list).ok();
        }
        Err(error) => {
            js_sys::Reflect::set(&reply, &"error".into(), &error.into()).ok();
        }
    }
    reply.into()
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        reply_scope.post_message(&answer(&event.data())).ok();
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    scope.post_message(&JsValue::from_str("ready")).ok();
}
