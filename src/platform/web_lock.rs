//! A Web Lock (`navigator.locks`) held for as long as a guard lives, so that
//! work which must not interleave across tabs (an unlock's attempt count)
//! runs one tab at a time. Where the browser has no Web Locks, [`acquire`]
//! gives `None` and the caller goes on without: its storage transactions
//! are still atomic on their own.

use futures_channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Holds the lock; dropping it releases the lock.
pub struct LockGuard {
    release: Option<oneshot::Sender<()>>,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            release.send(()).ok();
        }
    }
}

/// Waits for the exclusive lock `name`; `None` where Web Locks are missing
/// or refuse (an opaque origin).
pub async fn acquire(name: &str) -> Option<LockGuard> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let (granted, on_granted) = oneshot::channel::<()>();
    let (release, on_release) = oneshot::channel::<()>();
    // The browser holds the lock until the promise this callback returns
    // settles: here, until the guard is dropped. A once-closure frees
    // itself when called.
    let callback = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        granted.send(()).ok();
        wasm_bindgen_futures::future_to_promise(async move {
            on_release.await.ok();
            Ok(JsValue::UNDEFINED)
        })
    });
    request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .ok()?;
    on_granted.await.ok()?;
    Some(LockGuard {
        release: Some(release),
    })
}
