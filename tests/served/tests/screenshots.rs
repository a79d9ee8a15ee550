//! Not a check: walks every screen of the release build and saves
//! screenshots at phone and desktop widths into target/screenshots, for a
//! person to look at (`make screenshots`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::path::PathBuf;
use std::time::Duration;
use thirtyfour::prelude::*;

async fn text_appears(browser: &Browser, text: &str) {
    wait_for(&format!("{text:?}"), Duration::from_secs(20), || async {
        let body = browser
            .driver
            .find(By::Tag("body"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        body.contains(text).then_some(())
    })
    .await;
}

async fn click_text(browser: &Browser, text: &str) {
    let xpath = format!(
        "//*[(self::button or self::a) and (normalize-space(.)='{text}' or @aria-label='{text}')]"
    );
    let element = wait_for(text, Duration::from_secs(20), || async {
        browser.driver.find(By::XPath(xpath.clone())).await.ok()
    })
    .await;
    element.click().await.unwrap();
}

async fn shot(browser: &Browser, dir: &std::path::Path, width: u32, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    browser
        .driver
        .screenshot(&dir.join(format!("{width}-{name}.png")))
        .await
        .unwrap();
}

async fn walk(width: u32, height: u32, dark: bool) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser
        .driver
        .set_window_rect(0, 0, width, height)
        .await
        .unwrap();
    if dark {
        browser
            .cdp()
            .send_raw("Emulation.setEmulatedMedia", serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}))
            .await
            .unwrap();
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let width_name = if dark { width + 1 } else { width };
    browser.driver.goto(server.url("/")).await.unwrap();
    text_appears(&browser, "Create PIN").await;
    shot(&browser, &dir, width_name, "1-create-pin").await;
    browser
        .driver
        .find(By::Id("new-pin"))
        .await
        .unwrap()
        .send_keys("246810")
        .await
        .unwrap();
    browser
        .driver
        .find(By::Id("confirm-pin"))
        .await
        .unwrap()
        .send_keys("246810")
        .await
        .unwrap();
    click_text(&browser, "Create PIN").await;
    text_appears(&browser, "No soft token identity yet.").await;
    shot(&browser, &dir, width_name, "2-empty").await;
    click_text(&browser, "Activate a soft token identity").await;
    text_appears(&browser, "Serial Number").await;
    let issued = otp::activation::issue(None, None).unwrap();
    browser
        .driver
        .find(By::Id("identity-name"))
        .await
        .unwrap()
        .send_keys("AnyBank")
        .await
        .unwrap();
    browser
        .driver
        .find(By::Id("serial-number"))
        .await
        .unwrap()
        .send_keys(issued.activation.serial.formatted().replace('-', ""))
        .await
        .unwrap();
    browser
        .driver
        .find(By::Id("activation-code"))
        .await
        .unwrap()
        .send_keys("174577126942869")
        .await
        .unwrap();
    shot(&browser, &dir, width_name, "3-activate-typing").await;
    browser
        .driver
        .find(By::Id("activation-code"))
        .await
        .unwrap()
        .send_keys("9")
        .await
        .unwrap();
    shot(&browser, &dir, width_name, "3-activate-error").await;
    browser
        .driver
        .find(By::Id("activation-code"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    browser
        .driver
        .find(By::Id("activation-code"))
        .await
        .unwrap()
        .send_keys(issued.activation.activation_code.formatted().as_str())
        .await
        .unwrap();
    click_text(&browser, "Save").await;
    text_appears(&browser, "Enter this Registration Code").await;
    shot(&browser, &dir, width_name, "4-registration").await;
    click_text(&browser, "Done").await;
    text_appears(&browser, "AnyBank").await;
    shot(&browser, &dir, width_name, "5-codes").await;
    click_text(&browser, "Settings").await;
    text_appears(&browser, "Soft token identities").await;
    shot(&browser, &dir, width_name, "6-settings").await;
    click_text(&browser, "AnyBank").await;
    text_appears(&browser, "Token type").await;
    shot(&browser, &dir, width_name, "7-identity").await;
    click_text(&browser, "Reactivate").await;
    text_appears(&browser, "You will need a new Serial Number").await;
    shot(&browser, &dir, width_name, "8-warning").await;
    click_text(&browser, "Reactivate").await;
    text_appears(&browser, "Activate AnyBank").await;
    shot(&browser, &dir, width_name, "9-reactivate-form").await;
    click_text(&browser, "Lock").await;
    text_appears(&browser, "Enter your PIN").await;
    browser
        .driver
        .find(By::Id("pin"))
        .await
        .unwrap()
        .send_keys("1111")
        .await
        .unwrap();
    click_text(&browser, "Unlock").await;
    text_appears(&browser, "attempts left").await;
    shot(&browser, &dir, width_name, "10-wrong-pin").await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "produces pictures for a person to look at; run with make screenshots"]
async fn screenshots() {
    walk(412, 915, false).await;
    walk(1280, 800, false).await;
    walk(412, 915, true).await;
}
