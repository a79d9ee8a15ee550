//! Deriving the key-encryption key from a PIN: Argon2id, the one slow step.
//!
//! With a worker URL (the default build), each derivation runs in a fresh
//! Web Worker (`src/bin/kdf_worker.rs`) that is terminated afterwards: no
//! main-thread task blocks for the KDF's duration, and its memory is given
//! back. Without one (the browser tests, which have no Trunk build), or if
//! the worker cannot start, it runs here after yielding once so the screen
//! can show "Unlocking…" first.

use std::cell::RefCell;
use std::rc::Rc;
use vault::backup::{BackupError, PasswordKey, ScryptParams};
use vault::{KdfParams, KeyEncryptionKey, Pin, VaultError};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Worker};

/// Where Trunk puts the worker's loader (`data-loader-shim` in index.html).
pub const DEFAULT_WORKER_URL: &str = "./kdf_worker_loader.js";

/// # Errors
/// [`VaultError::KdfParams`] when the slot's parameters are out of range.
pub async fn derive(
    pin: &Pin,
    params: &KdfParams,
    worker_url: Option<&str>,
) -> Result<KeyEncryptionKey, VaultError> {
    if let Some(url) = worker_url {
        match in_worker(url, pin, params).await {
            Ok(key) => return Ok(key),
            Err(WorkerFailure::Refused(error)) => return Err(error),
            Err(WorkerFailure::Unavailable(reason)) => {
                web_sys::console::warn_1(
                    &format!("KDF worker unavailable ({reason}); deriving on the page").into(),
                );
            }
        }
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
    KeyEncryptionKey::derive(pin, params)
}

enum WorkerFailure {
    /// The worker ran and said no (bad parameters): do not retry inline.
    Refused(VaultError),
    /// The worker could not run at all.
    Unavailable(String),
}

async fn in_worker(
    url: &str,
    pin: &Pin,
    params: &KdfParams,
) -> Result<KeyEncryptionKey, WorkerFailure> {
    let request = zeroize::Zeroizing::new(
        serde_json::json!({ "pin": pin.expose_digits(), "kdf": params }).to_string(),
    );
    let bytes = key_from_worker(url, &request).await?;
    Ok(KeyEncryptionKey::from_transfer_bytes(*bytes))
}

/// Derives a backup's password key (scrypt) in a fresh worker, or here
/// when there is none.
///
/// # Errors
/// A [`BackupError`] when the parameters are out of range.
pub async fn derive_backup_key(
    password: &str,
    params: &ScryptParams,
    worker_url: Option<&str>,
) -> Result<PasswordKey, BackupError> {
    if let Some(url) = worker_url {
        let request = zeroize::Zeroizing::new(
            serde_json::json!({ "password": password, "scrypt": params }).to_string(),
        );
        match key_from_worker(url, &request).await {
            Ok(bytes) => return Ok(PasswordKey::from_transfer_bytes(*bytes)),
            Err(WorkerFailure::Refused(_)) => return Err(BackupError::KdfParams),
            Err(WorkerFailure::Unavailable(reason)) => web_sys::console::warn_1(
                &format!("KDF worker unavailable ({reason}); deriving on the page").into(),
            ),
        }
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
    PasswordKey::derive(password, params)
}

/// Sends one JSON request to a fresh worker and returns the 32-byte key
/// it answers with.
async fn key_from_worker(
    url: &str,
    request: &str,
) -> Result<zeroize::Zeroizing<[u8; 32]>, WorkerFailure> {
    let worker = Worker::new(url).map_err(|e| WorkerFailure::Unavailable(format!("{e:?}")))?;
    let (sender, receiver) =
        futures_channel::oneshot::channel::<Result<wasm_bindgen::JsValue, String>>();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let request_text = zeroize::Zeroizing::new(request.to_owned());
    let worker_for_handler = worker.clone();
    let reply = sender.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            worker_for_handler
                .post_message(&request_text.as_str().into())
                .ok();
        } else if let Some(reply) = reply.borrow_mut().take() {
            reply.send(Ok(data)).ok();
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        if let Some(reply) = sender.borrow_mut().take() {
            reply.send(Err("the worker failed to load".into())).ok();
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = receiver.await;
    worker.terminate();
    drop((on_message, on_error));
    let data = answer
        .map_err(|_| WorkerFailure::Unavailable("no answer".into()))?
        .map_err(WorkerFailure::Unavailable)?;
    if let Some(message) = data.as_string() {
        return Err(WorkerFailure::Refused(if message.contains("PIN") {
            VaultError::InvalidPin
        } else {
            VaultError::KdfParams
        }));
    }
    let array: js_sys::Uint8Array = data
        .dyn_into()
        .map_err(|_| WorkerFailure::Unavailable("a malformed answer".into()))?;
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    if array.length() != 32 {
        return Err(WorkerFailure::Unavailable(
            "a key of the wrong length".into(),
        ));
    }
    array.copy_to(bytes.as_mut());
    array.fill(0, 0, 32);
    Ok(bytes)
}
