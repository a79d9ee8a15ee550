//! Asking the browser to keep the data (`navigator.storage.persist()`), in
//! Firefox, where the request shows a prompt and waits for the person's
//! answer: Settings offers it as a button the person presses, the status
//! line says what the browser says, and nothing else on the screen waits
//! for the prompt.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir};
use std::time::Duration;
use thirtyfour::prelude::*;

#[tokio::test]
async fn settings_asks_to_keep_the_tokens_and_waits_for_the_prompt_alone() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_firefox().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("3947").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Settings").await;
    browser
        .wait_for_text("Storage: not persistent (the browser may clear it")
        .await;

    browser.press("Keep my tokens when space runs low").await;
    let button = "//button[normalize-space(.)='Keep my tokens when space runs low']";
    served_tests::wait_for(
        "the button to wait for the prompt's answer",
        Duration::from_secs(10),
        || async {
            let button = browser.driver.find(By::XPath(button)).await.ok()?;
            (!button.is_enabled().await.ok()?).then_some(())
        },
    )
    .await;
    // The rest of the screen still answers while the prompt waits.
    browser.type_into("Current PIN", "3947").await;
    let typed = browser.field("Current PIN").await.value().await.unwrap();
    assert_eq!(typed.as_deref(), Some("3947"));
    browser.press("Backups").await;
    browser.wait_for_text("Restore from a backup").await;
    browser.quit().await;
}
