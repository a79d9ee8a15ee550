//! Copying a code, in every browser: through the asynchronous Clipboard
//! API where it exists and is allowed (secure contexts of current engines),
//! else through the older `document.execCommand("copy")` on a selection,
//! and where neither copies, by selecting the code as shown so that the
//! person copies it with the keyboard or the system menu.
//!
//! A code copied to the clipboard is cleared from it [`CLEAR_AFTER_MS`]
//! later, once the page has focus again (browsers let only a focused page
//! use the clipboard), where this browser lets the page read the clipboard
//! without asking (the `clipboard-read` permission already granted) and
//! the clipboard still holds that code: what the person copied since is
//! left alone, and where reading would prompt, nothing is done.
//!
//! Security contract: the code is the one being shown; the fallback's
//! hidden field holds it only during the copy and is removed at once. The
//! clipboard is read only for that comparison, its text held zeroized and
//! never kept, logged or sent; only the latest copy's clearing waits.

use gloo_timers::future::TimeoutFuture;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// How long a copied code stays on the clipboard.
pub const CLEAR_AFTER_MS: u32 = 30_000;

thread_local! {
    /// Counts copies, so that only the latest one's clearing goes on.
    static LATEST_COPY: Cell<u64> = const { Cell::new(0) };
}

/// What a copy did, for the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copied {
    /// The code is on the clipboard.
    ToClipboard,
    /// The browser would not copy; the shown code is selected instead.
    Selected,
    /// Neither worked (no document to work in).
    Failed,
}

impl Copied {
    /// The status line after a copy.
    pub fn describe(self) -> &'static str {
        match self {
            Self::ToClipboard => "Copied",
            Self::Selected => "Code selected: copy it with Ctrl+C or your device's menu",
            Self::Failed => "This browser could not copy the code: type it from the screen",
        }
    }
}

/// Copies `code`; `shown` is the element showing it, selected if nothing
/// else works.
pub async fn copy_code(code: &str, shown: Option<web_sys::Element>) -> Copied {
    if let Some(clipboard) = async_clipboard()
        && JsFuture::from(clipboard.write_text(code)).await.is_ok()
    {
        return Copied::ToClipboard;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Copied::Failed;
    };
    if copy_by_command(&document, code) {
        return Copied::ToClipboard;
    }
    match shown {
        Some(shown) if select(&document, &shown) => Copied::Selected,
        _ => Copied::Failed,
    }
}

/// Clears `code` from the clipboard [`CLEAR_AFTER_MS`] from now, if it is
/// still there and the browser allows it without a prompt; a later call
/// replaces this one.
pub fn clear_later(code: Zeroizing<String>) {
    let copy = LATEST_COPY.with(|latest| {
        let copy = latest.get().wrapping_add(1);
        latest.set(copy);
        copy
    });
    let is_latest = move || LATEST_COPY.with(Cell::get) == copy;
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(CLEAR_AFTER_MS).await;
        if !is_latest() {
            return;
        }
        page_focused().await;
        if !is_latest() || !may_read_without_prompt().await {
            return;
        }
        let Some(clipboard) = async_clipboard() else {
            return;
        };
        let Ok(held) = JsFuture::from(clipboard.read_text()).await else {
            return;
        };
        let held = Zeroizing::new(held.as_string().unwrap_or_default());
        if is_latest() && *held == *code {
            // A refusal leaves the code there: nothing more can be done.
            let _ = JsFuture::from(clipboard.write_text("")).await;
        }
    });
}

/// Resolves once the page has focus (at once if it has).
async fn page_focused() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.document().and_then(|d| d.has_focus().ok()) != Some(false) {
        return;
    }
    let mut listener = None;
    let focused = js_sys::Promise::new(&mut |resolve, _reject| {
        if window
            .add_event_listener_with_callback("focus", &resolve)
            .is_ok()
        {
            listener = Some(resolve);
        }
    });
    let Some(listener) = listener else {
        return;
    };
    let _ = JsFuture::from(focused).await;
    window
        .remove_event_listener_with_callback("focus", &listener)
        .ok();
}

/// Whether `clipboard-read` is granted: reading then asks nothing. Engines
/// that do not know the permission (they prompt, or refuse) say no.
async fn may_read_without_prompt() -> bool {
    let Some(permissions) = web_sys::window().and_then(|w| w.navigator().permissions().ok()) else {
        return false;
    };
    let descriptor = js_sys::Object::new();
    if js_sys::Reflect::set(&descriptor, &"name".into(), &"clipboard-read".into()).is_err() {
        return false;
    }
    let Ok(query) = permissions.query(&descriptor) else {
        return false;
    };
    JsFuture::from(query)
        .await
        .ok()
        .and_then(|status| status.dyn_into::<web_sys::PermissionStatus>().ok())
        .is_some_and(|status| status.state() == web_sys::PermissionState::Granted)
}

/// `navigator.clipboard` with `writeText`, where this browser has both.
fn async_clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    let write_text = js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?;
    write_text.is_function().then(|| clipboard.unchecked_into())
}

/// The pre-Clipboard-API way: a selected field and the copy command.
fn copy_by_command(document: &web_sys::Document, code: &str) -> bool {
    let Some(body) = document.body() else {
        return false;
    };
    let Some(field) = document
        .create_element("textarea")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    field.set_value(code);
    field.set_read_only(true);
    // Out of sight, out of the accessibility tree, and fixed so that
    // focusing it scrolls nothing (a class: the release CSP forbids inline
    // styles).
    field.set_class_name("copy-field");
    field.set_attribute("aria-hidden", "true").ok();
    if body.append_child(&field).is_err() {
        return false;
    }
    // Selecting moves focus; it goes back where it was (the card the
    // person pressed), so keyboard use goes on from there.
    let focused = document
        .active_element()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    field.select();
    let copied = exec_command(document, "copy");
    field.remove();
    if let Some(focused) = focused {
        focused.focus().ok();
    }
    copied
}

/// `document.execCommand(name)`, false where the browser lacks it or
/// refuses (no user activation).
fn exec_command(document: &web_sys::Document, name: &str) -> bool {
    js_sys::Reflect::get(document, &"execCommand".into())
        .ok()
        .and_then(|command| command.dyn_into::<js_sys::Function>().ok())
        .and_then(|command| command.call1(document, &JsValue::from_str(name)).ok())
        .and_then(|result| result.as_bool())
        .unwrap_or(false)
}

/// Selects the text of `shown`.
fn select(document: &web_sys::Document, shown: &web_sys::Element) -> bool {
    let (Ok(range), Some(selection)) = (
        document.create_range(),
        web_sys::window().and_then(|w| w.get_selection().ok().flatten()),
    ) else {
        return false;
    };
    range.select_node_contents(shown).is_ok()
        && selection.remove_all_ranges().is_ok()
        && selection.add_range(&range).is_ok()
}
