//! The browser's side of languages: the languages the browser asks for,
//! the person's choice (kept in localStorage, never anything secret), the
//! chosen language's catalog from the app's own origin (the service worker
//! answers offline), the page's `lang` and `dir`, and `Intl`'s plural
//! rules and number format as [`i18n::Rules`].
//!
//! index.html makes the choice before the WASM arrives and starts fetching
//! that catalog (`window.__catalog`, a promise of its text, English when
//! the chosen one fails), so the first screen waits for no second round
//! trip and the start path holds neither the choice nor a fetch; later
//! catalog files come through its `window.__text(name)`. Settings and the
//! browser tests make the same choice here.

use i18n::{Language, Rules};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Also read by index.html's inline script: the language's code, as is.
const LANGUAGE_KEY: &str = "softtoken.language";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language chosen in Settings, if one was.
pub fn kept_choice() -> Option<Language> {
    Language::by_code(&local_storage()?.get_item(LANGUAGE_KEY).ok()??)
}

/// Keeps `language` as the person's choice; `None` follows the browser.
pub fn keep_choice(language: Option<Language>) {
    if let Some(storage) = local_storage() {
        match language {
            Some(language) => storage.set_item(LANGUAGE_KEY, language.code).ok(),
            None => storage.remove_item(LANGUAGE_KEY).ok(),
        };
    }
}

/// The first of the browser's languages (the person's order) that the
/// app speaks; English when none is.
pub fn browser_language() -> Language {
    let navigator = web_sys::window().map(|w| w.navigator());
    let tags: Vec<String> = navigator
        .map(|n| n.languages().iter().filter_map(|t| t.as_string()).collect())
        .unwrap_or_default();
    Language::preferred(tags.iter().map(String::as_str))
}

/// The page's `lang` and `dir`, for the browser's voices, fonts and
/// layout (logical CSS properties follow `dir`).
pub fn mark_page(language: Language) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        root.set_attribute("lang", language.code).ok();
        root.set_attribute("dir", if language.rtl { "rtl" } else { "ltr" })
            .ok();
    }
}

/// The catalog index.html chose and started fetching (English when the
/// chosen one could not be had), as text; `None` when not even English
/// could be had, or the page did not start it.
pub async fn started_catalog() -> Option<String> {
    text_of(page_value("__catalog")?).await
}

/// The catalog file `name` (`de`, `de.screens`) as text, from the app's
/// own origin through index.html's `__text` (a fetch there costs the WASM
/// no bindings); `None` when it cannot be had (offline before the service
/// worker cached it).
pub async fn fetch_catalog(name: &str) -> Option<String> {
    let fetch: js_sys::Function = page_value("__text")?.dyn_into().ok()?;
    text_of(fetch.call1(&JsValue::NULL, &JsValue::from_str(name)).ok()?).await
}

fn page_value(name: &str) -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    js_sys::Reflect::get(&window, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined())
}

/// What a promise of a text gives.
async fn text_of(promise: JsValue) -> Option<String> {
    let promise: js_sys::Promise = promise.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// A language's plural categories and numbers, from the browser's `Intl`.
pub struct IntlRules {
    plural: js_sys::Intl::PluralRules,
    number: js_sys::Function,
}

impl IntlRules {
    pub fn new(language: Language) -> Self {
        let locales = js_sys::Array::of1(&JsValue::from_str(language.code));
        let number = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new()).format();
        Self {
            plural: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
            number,
        }
    }
}

impl Rules for IntlRules {
    #[allow(clippy::cast_precision_loss)] // counts, far below 2^53
    fn plural(&self, number: i64) -> String {
        self.plural.select(number as f64).into()
    }

    #[allow(clippy::cast_precision_loss)] // counts, far below 2^53
    fn number(&self, number: i64) -> String {
        self.number
            .call1(&JsValue::NULL, &JsValue::from_f64(number as f64))
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| number.to_string())
    }
}

/// The one sentence the app holds without a catalog, put on the page when
/// not even English could be had: no screen can be drawn without texts.
pub fn say_no_texts() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Ok(notice), Some(body)) = (document.create_element("p"), document.body()) {
        notice.set_attribute("role", "alert").ok();
        notice.set_attribute("class", "notice notice--error").ok();
        notice.set_text_content(Some(
            "Soft Token could not load its texts. Check your connection, then reload.",
        ));
        body.append_child(&notice).ok();
    }
}
