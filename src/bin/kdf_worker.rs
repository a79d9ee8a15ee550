//! The KDF worker: derives a key-encryption key from a PIN with Argon2id,
//! off the main thread, so unlocking never freezes the page. The page starts
//! one worker per derivation and terminates it afterwards, which also frees
//! the 64 MiB Argon2id grew (WASM memory never shrinks).
//!
//! It also derives backup keys (scrypt), the other slow step.
//!
//! Protocol (postMessage): the worker posts `"ready"` once its handler is
//! installed; the page sends a JSON string, `{"pin": "...", "kdf": {...}}`
//! (a PIN slot's Argon2id parameters) or `{"password": "...", "scrypt":
//! {...}}` (a backup's password slot); the worker answers with a 32-byte
//! `Uint8Array` (the key) or a string (an error message).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Request {
    Pin {
        pin: String,
        kdf: vault::KdfParams,
    },
    Backup {
        password: String,
        scrypt: vault::backup::ScryptParams,
    },
}

impl Drop for Request {
    fn drop(&mut self) {
        let (Self::Pin { pin: secret, .. }
        | Self::Backup {
            password: secret, ..
        }) = self;
        zeroize::Zeroize::zeroize(secret);
    }
}

fn derive(text: &str) -> Result<js_sys::Uint8Array, String> {
    let request: Request =
        serde_json::from_str(text).map_err(|_| "the KDF request is malformed".to_owned())?;
    let key = match &request {
        Request::Pin { pin, kdf } => {
            let pin = vault::Pin::new(pin).map_err(|e| e.to_string())?;
            vault::KeyEncryptionKey::derive(&pin, kdf)
                .map_err(|e| e.to_string())?
                .to_transfer_bytes()
        }
        Request::Backup { password, scrypt } => {
            vault::backup::PasswordKey::derive(password, scrypt)
                .map_err(|e| e.to_string())?
                .to_transfer_bytes()
        }
    };
    Ok(js_sys::Uint8Array::from(&key[..]))
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = match event.data().as_string() {
            Some(text) => derive(&text)
                .map(Into::into)
                .unwrap_or_else(|error| error.into()),
            None => wasm_bindgen::JsValue::from_str("the KDF request is not text"),
        };
        reply_scope.post_message(&answer).ok();
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    scope
        .post_message(&wasm_bindgen::JsValue::from_str("ready"))
        .ok();
}
