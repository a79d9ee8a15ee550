//! Copying a code, in every browser: through the asynchronous Clipboard
//! API where it exists and is allowed (secure contexts of current engines),
//! else through the older `document.execCommand("copy")` on a selection,
//! and where neither copies, by selecting the code as shown so that the
//! person copies it with the keyboard or the system menu.
//!
//! Security contract: the code is the one being shown; the fallback's
//! hidden field holds it only during the copy and is removed at once.
//! Nothing here reads the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
