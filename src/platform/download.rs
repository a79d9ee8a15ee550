//! Saving a file the app made (a backup, an export) through the browser's
//! download, and today's date for its name.

use wasm_bindgen::{JsCast, JsValue};

/// Today's date as `YYYY-MM-DD`, in the browser's time zone.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Hands `text` to the browser as a file download. The object URL is
/// revoked after ten seconds: the download has its own copy by then.
///
/// # Errors
/// What the browser threw when it would not make the file or its link.
pub fn save(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(text)),
        &options,
    )?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(JsValue::NULL)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(10_000).await;
        web_sys::Url::revoke_object_url(&url).ok();
    });
    Ok(())
}
