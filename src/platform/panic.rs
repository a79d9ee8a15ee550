//! A panic must not leave a blank page: the hook logs to the console and
//! replaces the page with a short, readable message. It never prints
//! application data, only the panic's location and message.

use std::panic::PanicHookInfo;

/// Installs the hook once; later calls are harmless.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(info);
    }));
}

fn show(info: &PanicHookInfo<'_>) {
    let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    else {
        return;
    };
    let detail = info
        .location()
        .map(|location| format!(" ({}:{})", location.file(), location.line()))
        .unwrap_or_default();
    let Some(document) = body.owner_document() else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_attribute("role", "alert").ok();
    panel.set_class_name("fatal-error");
    // Text only: the message is never parsed as HTML.
    panel.set_text_content(Some(&format!(
        "Soft Token stopped because of an internal error{detail}. \
         Your tokens are safe in this browser's storage: reload the page to continue."
    )));
    body.set_text_content(None);
    body.append_child(&panel).ok();
}
