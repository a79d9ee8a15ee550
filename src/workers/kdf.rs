//! The KDF worker's client: runs a [`KdfRequest`] (Argon2id for a PIN,
//! scrypt for a backup password), the one slow step.
//!
//! With a worker URL (the default build), each derivation runs in a fresh
//! Web Worker (`src/bin/kdf_worker.rs`) that is terminated afterwards: no
//! main-thread task blocks for the KDF's duration, and its memory is given
//! back. Without one (the browser tests, which have no Trunk build), or when
//! the worker cannot start (it cannot be created, or its script fails to
//! load before it says "ready"), it runs here after yielding once so the
//! screen can show "Unlocking…" first.
//!
//! A worker that started and then died (an out-of-memory trap) or went
//! silent past the timeout is terminated and reported as a
//! [`DeriveError::Worker`]: the same derivation is never run again on the
//! page, where it would take the whole app down with it.
//!
//! The page's own derivation code (Argon2id, scrypt, and other apps' KDFs)
//! is a split point of its own (`kdf_here`, with the `split` feature): it is
//! fetched only if a worker cannot start, so none of it is on the start
//! path, which the worker serves. `leptos::wasm_split` generates that split
//! point's `extern` import, the one reason this module allows unsafe code;
//! none is written here by hand.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::rc::Rc;
use vault::{DerivedKey, KdfError, KdfRequest};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Worker};

/// Where Trunk puts the worker's loader (`data-loader-shim` in index.html).
/// Absolute, as the service worker's: a relative URL would resolve against
/// the screen's path, and no loader is at `/add/` or `/identity/<id>/`.
pub const DEFAULT_WORKER_URL: &str = "/kdf_worker_loader.js";

/// Where and how long a derivation may run.
#[derive(Clone, Debug)]
pub struct KdfRunner {
    /// The worker's script; `None` derives on the page.
    pub worker_url: Option<String>,
    /// How long a started worker may take before it counts as silent.
    pub timeout_ms: u32,
}

/// How a started worker failed. Its `Display` is a sentence for the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WorkerError {
    #[error(
        "The key derivation stopped before it finished, which happens when the device runs short of memory. Close other tabs or apps and try again; nothing was changed."
    )]
    Crashed,
    #[error("The key derivation did not finish in time. Try again; nothing was changed.")]
    TimedOut,
    /// Neither the worker nor the page's own derivation code could be
    /// fetched (offline before the service worker had cached them).
    #[error(
        "The key derivation could not start: this part of the app has not been downloaded yet, and the network cannot be reached. Reconnect, then try again; nothing was changed."
    )]
    NotLoaded,
}

/// Why a derivation gave no key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    /// The request's parameters were refused (by the worker, or here).
    #[error(transparent)]
    Refused(#[from] KdfError),
    #[error(transparent)]
    Worker(#[from] WorkerError),
}

impl KdfRunner {
    /// Runs one derivation: in a fresh worker, or here when there is none
    /// or it cannot start.
    ///
    /// # Errors
    /// [`DeriveError::Refused`] with the worker's typed answer, or
    /// [`DeriveError::Worker`] when it died or went silent.
    ///
    /// On the page, only the vault's own KDFs run
    /// ([`KdfRequest::run_vault_kdf`]): other apps' exports are derived on
    /// the page by [`KdfRunner::run_any`] alone, so that their KDFs' code is
    /// linked by the screen that imports, not the start path.
    pub async fn run(&self, request: KdfRequest) -> Result<DerivedKey, DeriveError> {
        if let Some(url) = &self.worker_url {
            match key_from_worker(url, &request.to_json(), self.timeout_ms).await {
                Ok(bytes) => return Ok(DerivedKey::from_transfer_bytes(*bytes)),
                Err(WorkerFailure::Refused(refusal)) => return Err(refusal.into()),
                Err(WorkerFailure::Failed(error)) => return Err(error.into()),
                Err(WorkerFailure::NotStarted(reason)) => warn_not_started(&reason),
            }
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
        derive_here(request, Kdfs::VaultOnly).await
    }

    /// [`KdfRunner::run`] for any request, other apps' KDFs included:
    /// without a worker URL (the browser tests) they run here. (Should a
    /// worker fail to start, [`KdfRunner::run`] refuses them with a
    /// sentence rather than freeze the page.)
    ///
    /// # Errors
    /// As [`KdfRunner::run`].
    pub async fn run_any(&self, request: KdfRequest) -> Result<DerivedKey, DeriveError> {
        if self.worker_url.is_some() {
            return self.run(request).await;
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
        derive_here(request, Kdfs::Any).await
    }
}

/// Which derivations the page runs itself.
#[derive(Clone, Copy)]
enum Kdfs {
    /// The vault's own (a worker that could not start): another app's
    /// export is refused rather than freeze the page.
    VaultOnly,
    /// Any, other apps' included (the browser tests, which have no worker).
    Any,
}

impl From<leptos::wasm_split::SplitLoaderError> for DeriveError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        WorkerError::NotLoaded.into()
    }
}

/// Derives on the page, with code that is fetched the first time it runs.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    kdf_here,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn derive_here(request: KdfRequest, kdfs: Kdfs) -> Result<DerivedKey, DeriveError> {
    derive_now(&request, kdfs)
}

/// Without the `split` feature: the same, ready at once.
#[cfg(not(feature = "split"))]
async fn derive_here(request: KdfRequest, kdfs: Kdfs) -> Result<DerivedKey, DeriveError> {
    derive_now(&request, kdfs)
}

fn derive_now(request: &KdfRequest, kdfs: Kdfs) -> Result<DerivedKey, DeriveError> {
    Ok(match kdfs {
        Kdfs::VaultOnly => request.run_vault_kdf()?,
        Kdfs::Any => request.run()?,
    })
}

fn warn_not_started(reason: &str) {
    web_sys::console::warn_1(
        &format!("KDF worker could not start ({reason}); deriving on the page").into(),
    );
}

enum WorkerFailure {
    /// The worker ran and said no (bad parameters): do not retry inline.
    Refused(KdfError),
    /// The worker could not be created, or its script did not load: the
    /// one case where deriving on the page is right.
    NotStarted(String),
    /// The worker started and then died or went silent.
    Failed(WorkerError),
}

/// The one answer a derivation waits for; the first event to arrive sends it.
type Reply = Rc<RefCell<Option<futures_channel::oneshot::Sender<Event>>>>;

fn send(reply: &Reply, event: Event) {
    if let Some(reply) = reply.borrow_mut().take() {
        reply.send(event).ok();
    }
}

/// What the worker's events report to the waiting derivation.
enum Event {
    Answer(wasm_bindgen::JsValue),
    ErrorBeforeReady,
    ErrorAfterReady,
    Timeout,
}

/// Sends one JSON request to a fresh worker and returns the 32-byte key
/// it answers with. The worker is terminated on every path.
async fn key_from_worker(
    url: &str,
    request: &str,
    timeout_ms: u32,
) -> Result<zeroize::Zeroizing<[u8; 32]>, WorkerFailure> {
    let worker = Worker::new(url).map_err(|e| WorkerFailure::NotStarted(format!("{e:?}")))?;
    let (sender, receiver) = futures_channel::oneshot::channel::<Event>();
    let sender: Reply = Rc::new(RefCell::new(Some(sender)));
    let ready = Rc::new(std::cell::Cell::new(false));
    let request_text = zeroize::Zeroizing::new(request.to_owned());
    let worker_for_handler = worker.clone();
    let (reply, ready_for_message) = (sender.clone(), ready.clone());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            ready_for_message.set(true);
            worker_for_handler
                .post_message(&request_text.as_str().into())
                .ok();
        } else {
            send(&reply, Event::Answer(data));
        }
    });
    let (reply, ready_for_error) = (sender.clone(), ready.clone());
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        let event = if ready_for_error.get() {
            Event::ErrorAfterReady
        } else {
            Event::ErrorBeforeReady
        };
        send(&reply, event);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let timer = gloo_timers::callback::Timeout::new(timeout_ms, move || {
        send(&sender, Event::Timeout);
    });
    let answer = receiver.await;
    drop(timer);
    worker.terminate();
    drop((on_message, on_error));
    let data = match answer {
        Ok(Event::Answer(data)) => data,
        Ok(Event::ErrorBeforeReady) => {
            return Err(WorkerFailure::NotStarted("its script did not load".into()));
        }
        Ok(Event::ErrorAfterReady) | Err(_) => {
            return Err(WorkerFailure::Failed(WorkerError::Crashed));
        }
        Ok(Event::Timeout) => return Err(WorkerFailure::Failed(WorkerError::TimedOut)),
    };
    if let Some(answer) = data.as_string() {
        // The worker's typed refusal; an answer this version cannot read is
        // a request it could not read either.
        let refusal = KdfError::from_code(&answer);
        return Err(WorkerFailure::Refused(refusal));
    }
    let array: js_sys::Uint8Array = data
        .dyn_into()
        .map_err(|_| WorkerFailure::Failed(WorkerError::Crashed))?;
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    if array.length() != 32 {
        return Err(WorkerFailure::Failed(WorkerError::Crashed));
    }
    array.copy_to(bytes.as_mut());
    array.fill(0, 0, 32);
    Ok(bytes)
}
