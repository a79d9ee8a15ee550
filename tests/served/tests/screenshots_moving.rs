//! Not a check: the screens of moving tokens in and out (Add identity's
//! "From another app", an encrypted export's password, the preview that
//! names the app, the transfer QR codes, one token's QR code), at phone
//! and desktop widths, light and dark, for a person to look at
//! (`make screenshots`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::shots::{open, shot};
use thirtyfour::prelude::*;

fn vector(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/vault/tests/vectors/importers")
        .join(name)
        .canonicalize()
        .unwrap()
}

async fn scroll_to(browser: &served_tests::Browser, css: &str) {
    let element = browser.element(By::Css(css)).await;
    browser
        .driver
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![element.to_json().unwrap()],
        )
        .await
        .unwrap();
}

async fn moving_screens(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Add identity").await;
    browser.wait_for_text("From another app").await;
    scroll_to(&browser, "a[href='/backup#restore']").await;
    shot(&browser, &dir, width_name, "16a-add-from-another-app").await;
    browser.press("Import from another app").await;
    browser.wait_for_text("Restore from a backup").await;
    let file = vector("2fas_authenticator_encrypted_v3.2fas");
    browser.choose_file(&file).await;
    browser
        .wait_for_text("This is an encrypted export of 2FAS")
        .await;
    scroll_to(&browser, "#restore-password").await;
    shot(&browser, &dir, width_name, "16b-encrypted-export-password").await;
    browser.type_into("Password of this backup", "test").await;
    browser.press("Open backup").await;
    browser.wait_for_text("Read from an export of 2FAS.").await;
    shot(&browser, &dir, width_name, "16c-preview-names-the-app").await;
    browser.press("Add").await;
    browser.wait_for_text("Deno").await;
    browser.press("Settings").await;
    browser.press("Backups").await;
    browser
        .type_into("Your PIN, to show the QR codes", "246810")
        .await;
    browser.press("Show transfer QR codes").await;
    browser.wait_for_text("QR code 1 of 1").await;
    scroll_to(&browser, "svg.qr-code").await;
    shot(&browser, &dir, width_name, "16d-transfer-codes").await;
    browser.press("Done").await;
    browser.press("Settings").await;
    browser.press("Mason").await;
    browser.type_into("Your PIN", "246810").await;
    browser.press("Show QR code").await;
    browser.wait_for_text("Hide QR code").await;
    scroll_to(&browser, "svg.qr-code").await;
    shot(&browser, &dir, width_name, "16e-one-token-qr").await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "produces pictures for a person to look at; run with make screenshots"]
async fn screenshots_of_moving_tokens() {
    moving_screens(412, 915, false).await;
    moving_screens(1280, 800, false).await;
    moving_screens(412, 915, true).await;
    moving_screens(1280, 800, true).await;
}
