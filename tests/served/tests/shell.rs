//! The release build, served: the page loads, the WASM starts, the shell
//! renders, and the console holds no error.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::Duration;
use thirtyfour::prelude::*;

#[tokio::test]
async fn release_build_starts_and_renders_the_shell_without_console_errors() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();

    let title = wait_for("the top bar to render", Duration::from_secs(20), || async {
        let el = browser
            .driver
            .find(By::Css("header .top-bar__title"))
            .await
            .ok()?;
        el.text().await.ok()
    })
    .await;
    assert_eq!(title, "Soft Token");

    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await;
}
