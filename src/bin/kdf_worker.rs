//! The KDF worker: runs one key derivation (Argon2id for a PIN, scrypt for
//! a backup password) off the main thread, so unlocking never freezes the
//! page. The page starts one worker per derivation and terminates it
//! afterwards, which also frees the memory the KDF grew (WASM memory never
//! shrinks).
//!
//! Protocol (postMessage): the worker posts `"ready"` once its handler is
//! installed; the page sends a [`vault::KdfRequest`] as JSON text; the
//! worker answers with a 32-byte `Uint8Array` (the key) or a string,
//! [`vault::KdfError::code`] (its typed refusal).

use vault::{KdfError, KdfRequest};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn derive(data: &wasm_bindgen::JsValue) -> Result<js_sys::Uint8Array, KdfError> {
    let text = zeroize::Zeroizing::new(data.as_string().ok_or(KdfError::Malformed)?);
    let key = KdfRequest::from_json(&text)?.run()?;
    Ok(js_sys::Uint8Array::from(&key.to_transfer_bytes()[..]))
}

fn refusal(error: KdfError) -> wasm_bindgen::JsValue {
    wasm_bindgen::JsValue::from_str(error.code())
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = derive(&event.data()).map_or_else(refusal, Into::into);
        reply_scope.post_message(&answer).ok();
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    scope
        .post_message(&wasm_bindgen::JsValue::from_str("ready"))
        .ok();
}
