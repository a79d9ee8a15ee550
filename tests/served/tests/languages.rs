//! The person's language on the release build, as served: a browser in
//! Arabic starts right to left and fetches only its own catalog, its start
//! part first (the
//! choice index.html makes before the WASM arrives); once installed, a
//! language chosen in Settings while offline comes from the service
//! worker's cache, and the screens change without a reload.

#![allow(clippy::unwrap_used)] // tests may unwrap

use serde_json::json;
use served_tests::{Browser, StaticServer, dist_dir};

const PIN: &str = "482916";

/// Chooses `value` in the list labelled `label`, as a person does.
async fn choose(browser: &Browser, label: &str, value: &str) {
    let select = browser.field(label).await;
    browser
        .driver
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true})); return true;",
            vec![select.to_json().unwrap(), json!(value)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn an_arabic_browser_starts_right_to_left_fetching_only_its_catalog() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.ask_for_languages("ar-EG,ar").await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_for_text("إنشاء رمز PIN").await;
    let page = browser
        .eval(
            "return [document.documentElement.lang, document.documentElement.dir, \
             performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.startsWith('/locales/'))];",
        )
        .await
        .unwrap();
    // Its start part first; the rest (after the first screen) is Arabic too.
    assert_eq!((&page[0], &page[1]), (&json!("ar"), &json!("rtl")));
    let fetched: Vec<String> = serde_json::from_value(page[2].clone()).unwrap();
    assert_eq!(fetched.first().map(String::as_str), Some("/locales/ar.txt"));
    assert!(
        fetched
            .iter()
            .all(|p| p == "/locales/ar.txt" || p == "/locales/ar.screens.txt"),
        "another language's catalog was fetched: {fetched:?}"
    );
    // The PIN made in Arabic opens in Arabic.
    browser.create_pin_as(PIN, "إنشاء رمز PIN").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.quit().await;
}

#[tokio::test]
async fn offline_once_installed_a_language_chosen_in_settings_draws_at_once() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    browser.go_offline().await;
    drop(server);
    browser
        .eval("window.__notReloaded = true; return true;")
        .await
        .unwrap();
    browser.press("Settings").await;
    choose(&browser, "Language of Soft Token", "ja").await;
    browser.wait_for_text("Soft Token の言語").await;
    let page = browser
        .eval("return [document.documentElement.lang, window.__notReloaded === true];")
        .await
        .unwrap();
    assert_eq!(page, json!(["ja", true]));
    // Kept: a reload, offline, starts in Japanese.
    browser.driver.refresh().await.unwrap();
    browser.wait_for_text("PIN を入力してください").await;
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
