//! The preview of a long backup draws only the rows in view (issue 17,
//! point 13). In a test binary of its own: with other tests around it, the
//! teardown of its 2,000-row screen overlapped the next test's app.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// An unencrypted Aegis backup of `count` TOTP tokens, "Service 0" onwards.
fn plain_backup_of(count: usize) -> String {
    let entries: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "type": "totp", "uuid": format!("00000000-0000-4000-8000-{i:012}"),
                "name": format!("Service {i}"), "issuer": "Bulk", "note": "", "favorite": false,
                "icon": null,
                "info": { "secret": otp::base32::encode(&(i as u64 + 1).to_be_bytes()).trim_end_matches('='),
                          "algo": "SHA1", "digits": 6, "period": 30 }
            })
        })
        .collect();
    serde_json::json!({
        "version": 1,
        "header": { "slots": null, "params": null },
        "db": { "version": 3, "entries": entries, "groups": [] }
    })
    .to_string()
}

/// 2,000 tokens: the debug build these tests run reads a larger file too
/// slowly for the test runner; the served layer reads 10,000 in the
/// release build.
#[wasm_bindgen_test]
async fn a_long_backup_previews_only_the_rows_in_view() {
    let app = mount(&fresh_db_name("long-preview"));
    create_pin(&app).await;
    open_backups(&app).await;
    choose_backup(&app, &plain_backup_of(2_000));
    wait_for_text(&app, "2000 tokens will be added.").await;
    let rows = |app: &Mounted| {
        app.container
            .query_selector_all(".preview")
            .unwrap()
            .length()
    };
    assert!(rows(&app) < 30, "{} rows drawn of 2000", rows(&app));
    assert!(text_of(&app.container).contains("Service 0"));

    let window: web_sys::HtmlElement = app
        .container
        .query_selector(".preview-window")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    window.set_scroll_top(window.scroll_height());
    let container = app.container.clone();
    wait_for("the last row to be drawn", TIMEOUT, || {
        text_of(&container).contains("Service 1999").then_some(())
    })
    .await;
    assert!(rows(&app) < 30, "{} rows drawn at the end", rows(&app));
    assert!(
        !text_of(&app.container).contains("Service 0 "),
        "the first rows are gone"
    );
    click(&app, "Cancel").await;
}
