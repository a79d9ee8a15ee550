//! Copying a code where the Clipboard API is missing or refuses (issue
//! 25): old engines, insecure contexts, a page without focus. The app then
//! copies with the copy command, and where that is refused too, selects
//! the code as shown so the person can copy it.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::adding::*;
use support::shadow::{Shadowed, function};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh app with one time-based token on its initial screen.
async fn one_code(test: &str) -> Mounted {
    let app = mount(&fresh_db_name(test));
    open_add_identity(&app).await;
    let link = format!("otpauth://totp/Copy:fay?secret={}", random_secret());
    read_link(&app, &link).await;
    add_and_wait_for(&app, 1).await;
    app
}

/// The card's button, pressed as a person would.
fn press_card(app: &Mounted) -> HtmlElement {
    let card: HtmlElement = app
        .container
        .query_selector(".token__main")
        .unwrap()
        .unwrap()
        .unchecked_into();
    card.focus().unwrap();
    card.click();
    card
}

/// `document.execCommand` as a stand-in that records what was selected in
/// the focused field when it was called, and answers `answer`.
fn copy_command(seen: &js_sys::Array, answer: bool) -> Shadowed {
    let command = function(
        "seen, answer",
        "return function (name) { \
           const field = document.activeElement; \
           const text = field && field.value !== undefined \
             ? field.value.substring(field.selectionStart, field.selectionEnd) : ''; \
           seen.push(name + ':' + text); \
           return answer; }",
    )
    .call2(&JsValue::NULL, seen, &JsValue::from_bool(answer))
    .unwrap();
    Shadowed::with(document(), "execCommand", command)
}

async fn copies_with_the_command(app: &Mounted) {
    let seen = js_sys::Array::new();
    let _command = copy_command(&seen, true);
    let card = press_card(app);
    wait_for_text(app, "Copied").await;
    let code = shown_codes(&app.container).remove(0);
    // The digits alone, as a sign-in field wants them (not "123 456").
    assert_eq!(
        seen.to_vec(),
        vec![JsValue::from_str(&format!("copy:{code}"))]
    );
    assert!(
        app.container.query_selector("textarea").unwrap().is_none()
            && document().query_selector(".copy-field").unwrap().is_none(),
        "the field used to copy is left in the page"
    );
    assert_eq!(
        document().active_element().map(JsValue::from),
        Some(JsValue::from(card)),
        "focus did not go back to the card"
    );
}

#[wasm_bindgen_test]
async fn without_the_clipboard_api_the_copy_command_copies_the_code() {
    let app = one_code("no-clipboard").await;
    let _hidden = Shadowed::hide(web_sys::window().unwrap().navigator(), "clipboard");
    copies_with_the_command(&app).await;
}

#[wasm_bindgen_test]
async fn when_the_clipboard_api_refuses_the_copy_command_copies_the_code() {
    let app = one_code("clipboard-refuses").await;
    let refusing = js_sys::Object::new();
    let write_text = function(
        "",
        "return () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'))",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    js_sys::Reflect::set(&refusing, &"writeText".into(), &write_text).unwrap();
    let _refusing = Shadowed::with(
        web_sys::window().unwrap().navigator(),
        "clipboard",
        refusing.into(),
    );
    copies_with_the_command(&app).await;
}

#[wasm_bindgen_test]
async fn where_nothing_copies_the_shown_code_is_selected() {
    let app = one_code("nothing-copies").await;
    let _hidden = Shadowed::hide(web_sys::window().unwrap().navigator(), "clipboard");
    let seen = js_sys::Array::new();
    let _command = copy_command(&seen, false);
    press_card(&app);
    wait_for_text(
        &app,
        "Code selected: copy it with Ctrl+C or your device's menu",
    )
    .await;
    let shown = app
        .container
        .query_selector(".token__code")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    let selected = web_sys::window()
        .unwrap()
        .get_selection()
        .unwrap()
        .unwrap()
        .to_string();
    assert_eq!(String::from(selected), shown);
    assert_eq!(seen.length(), 1, "the copy command was not tried first");
}
