//! The page's side of the QR worker (`src/bin/qr_worker.rs`): one worker,
//! started on first use and kept for the page's life, reused for every
//! picture and camera frame. Requests carry an id; answers are matched to
//! them, so any number may be in flight.
//!
//! Contract: [`read`] never blocks the page; when the worker cannot start,
//! it says so ([`Unavailable`]) and the caller reads on the page instead.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use zeroize::Zeroizing;

/// Where Trunk puts the worker's loader (see index.html).
/// Absolute, as the service worker's: a relative URL would resolve against
/// the screen's path, and no loader is at `/add/` or `/identity/<id>/`.
pub const DEFAULT_WORKER_URL: &str = "/qr_worker_loader.js";

/// The worker could not be started or died; read on the page instead.
#[derive(Debug)]
pub struct Unavailable;

type Reply = futures_channel::oneshot::Sender<Result<JsValue, Unavailable>>;

/// The worker's message and error handlers, kept alive with it.
type Handlers = (
    Closure<dyn Fn(MessageEvent)>,
    Closure<dyn Fn(web_sys::Event)>,
);

struct Running {
    worker: Worker,
    ready: bool,
    /// Requests posted before the worker said "ready".
    queued: Vec<(JsValue, js_sys::Array)>,
    waiting: HashMap<u32, Reply>,
    next_id: u32,
    _handlers: Handlers,
}

thread_local! {
    static RUNNING: RefCell<Option<Rc<RefCell<Running>>>> = const { RefCell::new(None) };
}

fn start(url: &str) -> Result<Rc<RefCell<Running>>, Unavailable> {
    let worker = Worker::new(url).map_err(|_| Unavailable)?;
    let running = Rc::new(RefCell::new(Running {
        worker: worker.clone(),
        ready: false,
        queued: Vec::new(),
        waiting: HashMap::new(),
        next_id: 0,
        _handlers: (Closure::new(|_| {}), Closure::new(|_| {})),
    }));
    let weak = Rc::downgrade(&running);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(running) = weak.upgrade() else {
            return;
        };
        let mut running = running.borrow_mut();
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            running.ready = true;
            for (request, transfer) in std::mem::take(&mut running.queued) {
                running
                    .worker
                    .post_message_with_transfer(&request, &transfer)
                    .ok();
            }
            return;
        }
        let id = js_sys::Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|id| id.as_f64())
            .map(|id| id as u32);
        if let Some(reply) = id.and_then(|id| running.waiting.remove(&id)) {
            reply.send(Ok(data)).ok();
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        // Failed to load or crashed: every waiting request reads on the
        // page, and the next one starts afresh.
        let dead = RUNNING.with(|slot| slot.borrow_mut().take());
        if let Some(dead) = dead {
            {
                let mut dead = dead.borrow_mut();
                dead.worker.terminate();
                for (_, reply) in dead.waiting.drain() {
                    reply.send(Err(Unavailable)).ok();
                }
            }
            // Not dropped here: this very handler belongs to it.
            wasm_bindgen_futures::spawn_local(async move { drop(dead) });
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    running.borrow_mut()._handlers = (on_message, on_error);
    Ok(running)
}

/// Reads the QR codes in RGBA pixels in the worker at `url`.
///
/// # Errors
/// `Ok(Err(..))` is the reader's own answer; `Err(Unavailable)` means the
/// worker could not read at all.
pub async fn read(
    url: &str,
    width: u32,
    height: u32,
    rgba: &[u8],
) -> Result<Result<Vec<Zeroizing<String>>, qr::QrError>, Unavailable> {
    let running = match RUNNING.with(|slot| slot.borrow().clone()) {
        Some(running) => running,
        None => {
            let running = start(url)?;
            RUNNING.with(|slot| *slot.borrow_mut() = Some(running.clone()));
            running
        }
    };
    let pixels = js_sys::Uint8Array::from(rgba);
    let request = js_sys::Object::new();
    let (sender, receiver) = futures_channel::oneshot::channel();
    {
        let mut running = running.borrow_mut();
        let id = running.next_id;
        running.next_id = id.wrapping_add(1);
        for (name, value) in [
            ("id", JsValue::from(id)),
            ("width", width.into()),
            ("height", height.into()),
            ("rgba", pixels.clone().into()),
        ] {
            js_sys::Reflect::set(&request, &name.into(), &value).map_err(|_| Unavailable)?;
        }
        running.waiting.insert(id, sender);
        let transfer = js_sys::Array::of1(&pixels.buffer());
        if running.ready {
            running
                .worker
                .post_message_with_transfer(&request, &transfer)
                .map_err(|_| Unavailable)?;
        } else {
            running.queued.push((request.into(), transfer));
        }
    }
    let answer = receiver.await.map_err(|_| Unavailable)??;
    let field = |name: &str| js_sys::Reflect::get(&answer, &name.into()).ok();
    if let Some(texts) = field("texts").and_then(|t| t.dyn_into::<js_sys::Array>().ok()) {
        return Ok(Ok(texts
            .iter()
            .filter_map(|t| t.as_string())
            .map(Zeroizing::new)
            .collect()));
    }
    Ok(Err(
        match field("error").and_then(|e| e.as_string()).as_deref() {
            Some("not-found") => qr::QrError::NotFound,
            Some("unreadable") => qr::QrError::Unreadable,
            _ => qr::QrError::SizeMismatch,
        },
    ))
}
