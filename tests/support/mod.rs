//! Helpers shared by the browser tests: a fresh app on a fresh database per
//! test, a polling wait for real I/O, and finding controls as a person
//! would: by their label, their text, or their accessible name.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

pub mod activation;
pub mod adding;
pub mod drawn_qr;
pub mod raw_db;
pub mod shadow;

#[allow(unused_imports, reason = "not every test file writes raw records")]
pub use raw_db::{get_raw, put_raw};

use leptos::prelude::*;
use softtoken::{App, AppConfig};
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const PIN: &str = "246810";

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A database name no other test (or earlier run) has used.
pub fn fresh_db_name(test: &str) -> String {
    format!(
        "softtoken-test-{test}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    )
}

/// Small KDF costs, derived on the page: the browser tests exercise the
/// flow; the served layer tests the worker and the real costs.
pub fn test_config(db_name: &str) -> AppConfig {
    AppConfig {
        db_name: db_name.to_owned(),
        kdf_memory_kib: 1024,
        kdf_iterations: 1,
        kdf_worker: None,
        kdf_timeout_ms: 60_000,
        qr_worker: None,
        auto_lock_after_ms: None,
        service_worker: None,
        catalogs: softtoken::state::Catalogs::Given(catalog),
    }
}

/// The build's catalog of `code` (build.rs writes them; this test server
/// serves no `/locales/`), or with `None` the one the person's choice or
/// browser picks, as index.html picks it.
pub fn catalog(code: Option<&str>) -> Option<&'static str> {
    let code = code.unwrap_or_else(|| {
        softtoken::state::chosen_language()
            .unwrap_or_else(softtoken::platform::language::browser_language)
            .code
    });
    Some(match code {
        "en" => include_str!(concat!(env!("OUT_DIR"), "/en.all.txt")),
        "de" => include_str!(concat!(env!("OUT_DIR"), "/de.all.txt")),
        "fr" => include_str!(concat!(env!("OUT_DIR"), "/fr.all.txt")),
        "es" => include_str!(concat!(env!("OUT_DIR"), "/es.all.txt")),
        "ja" => include_str!(concat!(env!("OUT_DIR"), "/ja.all.txt")),
        "ar" => include_str!(concat!(env!("OUT_DIR"), "/ar.all.txt")),
        _ => return None,
    })
}

pub struct Mounted {
    pub container: HtmlElement,
    owner: Owner,
    handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

impl Drop for Mounted {
    /// Unmounts as a page unload would: the view, then every cleanup of the
    /// app's reactive owner (the router's window listeners among them).
    fn drop(&mut self) {
        drop(self.handle.take());
        self.owner.cleanup();
        self.container.remove();
    }
}

/// Mounts the real App on `db_name`, as a page load would.
pub fn mount(db_name: &str) -> Mounted {
    mount_with(test_config(db_name))
}

pub fn mount_with(config: AppConfig) -> Mounted {
    mount_app(config, false)
}

/// As `softtoken::app::start` mounts a first visit: at the PIN gate, and
/// storage has already said there is no database.
pub fn mount_first_visit(db_name: &str) -> Mounted {
    softtoken::app::start_at_the_gate();
    mount_app(test_config(db_name), true)
}

fn mount_app(config: AppConfig, first_visit: bool) -> Mounted {
    let container = document()
        .create_element("div")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let owner = Owner::new();
    let handle = owner.with(|| {
        leptos::mount::mount_to(container.clone(), move || {
            view! { <App config=config.clone() first_visit /> }.into_any()
        })
    });
    Mounted {
        container,
        owner,
        handle: Some(handle),
    }
}

/// Polls `condition` every 20 ms until it returns `Some`, or panics after
/// `timeout` naming what it waited for and what the page showed.
pub async fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut condition: impl FnMut() -> Option<T>,
) -> T {
    let start = js_sys::Date::now();
    loop {
        if let Some(value) = condition() {
            return value;
        }
        if js_sys::Date::now() - start > timeout.as_millis() as f64 {
            let page = document()
                .body()
                .and_then(|b| b.text_content())
                .unwrap_or_default();
            panic!("timed out after {timeout:?} waiting for {what}; the page shows: {page}");
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

pub fn text_of(container: &HtmlElement) -> String {
    container.text_content().unwrap_or_default()
}

pub async fn wait_for_text(app: &Mounted, text: &str) {
    let container = app.container.clone();
    wait_for(&format!("the text {text:?}"), TIMEOUT, || {
        text_of(&container).contains(text).then_some(())
    })
    .await;
}

pub fn all(container: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = container.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// A button or link whose text (or aria-label) is exactly `name`.
pub fn control(container: &HtmlElement, name: &str) -> Option<HtmlElement> {
    all(container, "button, a").into_iter().find_map(|element| {
        let text = element.text_content().unwrap_or_default();
        let label = element.get_attribute("aria-label").unwrap_or_default();
        (text.trim() == name || label == name)
            .then(|| element.dyn_into::<HtmlElement>().ok())
            .flatten()
    })
}

pub async fn click(app: &Mounted, name: &str) {
    let container = app.container.clone();
    let element = wait_for(&format!("a control named {name:?}"), TIMEOUT, || {
        control(&container, name).filter(|e| !e.has_attribute("disabled"))
    })
    .await;
    element.click();
}

/// The input whose `<label>` reads `label`.
pub fn input_labelled(container: &HtmlElement, label: &str) -> Option<HtmlInputElement> {
    field_labelled(container, label)?.dyn_into().ok()
}

/// The input, text area or select whose `<label>` reads `label`.
pub fn field_labelled(container: &HtmlElement, label: &str) -> Option<Element> {
    let label = all(container, "label")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().trim() == label)?;
    let id = label.get_attribute("for")?;
    container.query_selector(&format!("#{id}")).ok().flatten()
}

/// Sets the value of the field labelled `label` and sends `event`.
async fn set_field(app: &Mounted, label: &str, text: &str, event: &str) {
    let container = app.container.clone();
    let field = wait_for(&format!("a field labelled {label:?}"), TIMEOUT, || {
        field_labelled(&container, label)
    })
    .await;
    js_sys::Reflect::set(&field, &"value".into(), &text.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap())
        .unwrap();
}

/// Types `text` into the field labelled `label`, as one input event.
pub async fn type_into(app: &Mounted, label: &str, text: &str) {
    set_field(app, label, text, "input").await;
}

/// Chooses the option with value `value` of the list labelled `label`.
pub async fn choose(app: &Mounted, label: &str, value: &str) {
    set_field(app, label, value, "change").await;
}

pub fn now_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The codes on the initial screen, digits only, in order.
pub fn shown_codes(container: &HtmlElement) -> Vec<String> {
    all(container, ".token__code")
        .iter()
        .map(|e| e.text_content().unwrap_or_default().replace(' ', ""))
        .collect()
}

/// Creates a PIN on a first run and waits for the empty initial screen.
pub async fn create_pin(app: &Mounted) {
    wait_for_text(app, "Create PIN").await;
    type_into(app, "PIN", PIN).await;
    type_into(app, "Enter the PIN again", PIN).await;
    click(app, "Create PIN").await;
    wait_for_text(app, "No soft token identity yet.").await;
}

/// "123456" as the screen groups it: "123 456".
pub fn group(code: &str) -> String {
    softtoken::ui::components::code_format::group_code(code)
}

/// The Registration Code the screen shows after Save.
pub async fn registration_code_shown(app: &Mounted) -> String {
    let container = app.container.clone();
    wait_for("the registration code", TIMEOUT, || {
        container
            .query_selector(".registration__code")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    })
    .await
}

/// Settings → Backups.
pub async fn open_backups(app: &Mounted) {
    click(app, "Settings").await;
    click(app, "Backups").await;
    wait_for_text(app, "Restore from a backup").await;
}

/// Chooses a file with `text` in "Open a backup file".
pub fn choose_backup(app: &Mounted, text: &str) {
    choose_backup_bytes(app, text.as_bytes());
}

/// [`choose_backup`] with a file of any bytes (binary exports).
pub fn choose_backup_bytes(app: &Mounted, bytes: &[u8]) {
    let label = app.container.query_selector_all("label").unwrap();
    let input: web_sys::HtmlInputElement = (0..label.length())
        .filter_map(|i| label.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|l| l.text_content().unwrap_or_default().trim() == "Open a backup file")
        .unwrap()
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let bytes = js_sys::Uint8Array::from(bytes);
    let file =
        web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes), "backup.json")
            .unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.items().add_with_file(&file).unwrap();
    input.set_files(data.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Every shown code is its token's, at the current time or (HOTP) counter.
pub async fn expect_codes(app: &Mounted, tokens: &[otp::Token]) {
    let container = app.container.clone();
    let codes = wait_for(&format!("{} codes", tokens.len()), TIMEOUT, || {
        let codes = shown_codes(&container);
        (codes.len() == tokens.len() && codes.iter().all(|c| !c.is_empty())).then_some(codes)
    })
    .await;
    for (token, code) in tokens.iter().zip(&codes) {
        let now = now_seconds();
        let matches = match token.kind() {
            otp::Kind::Hotp { .. } => token.code_at(0).unwrap() == *code,
            _ => otp::verify(token, code, now, 1).is_some(),
        };
        assert!(matches, "{code} is not the code of {token:?}");
    }
}
