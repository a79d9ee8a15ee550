//! Browser tests: the real App mounted into headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use std::time::Duration;
use support::{fresh_container, text_of, wait_for};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_shell_mounts_with_its_top_bar() {
    let container = fresh_container();
    let _app = leptos::mount::mount_to(container.clone(), softtoken::App);
    let heading = wait_for("the top bar", Duration::from_secs(5), || {
        container
            .query_selector("header h1")
            .ok()
            .flatten()
            .and_then(|h| h.text_content())
    })
    .await;
    assert_eq!(heading, "Soft Token");
    wait_for("the first screen", Duration::from_secs(5), || {
        text_of(&container)
            .contains("No soft token identity yet.")
            .then_some(())
    })
    .await;
}
