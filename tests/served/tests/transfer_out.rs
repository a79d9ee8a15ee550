//! Moving 1,000 tokens to another phone through the release build: after
//! the PIN, Backups → Transfer to another app shows 100 QR codes, and each
//! one, photographed from the screen and read with the QR reader, is
//! Google Authenticator's transfer link for the next ten tokens.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::migration::{self, BatchTracker};
use served_tests::pictures::{read_qr_screenshot, temp_file};
use served_tests::{Browser, StaticServer, dist_dir};
use thirtyfour::prelude::*;

const PIN: &str = "246810";
const TOKENS: usize = 1000;

fn links() -> String {
    (0..TOKENS)
        .map(|i| {
            let secret = otp::base32::encode(format!("transfer secret {i:05}").as_bytes());
            format!(
                "otpauth://totp/Service{i}:user{i}@example.com?secret={}&issuer=Service{i}\n",
                secret.as_str()
            )
        })
        .collect()
}

#[tokio::test]
async fn a_thousand_tokens_go_out_as_a_hundred_qr_codes_that_read_back() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser
        .driver
        .set_window_rect(0, 0, 1280, 1000)
        .await
        .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    let file = temp_file("thousand-links.txt");
    std::fs::write(&file, links()).unwrap();
    browser.press("Settings").await;
    browser.press("Backups").await;
    browser.choose_file(&file).await;
    browser.wait_for_text("1000 tokens will be added.").await;
    browser.press("Add").await;
    browser.wait_for_text("Service0").await;

    browser.press("Settings").await;
    browser.press("Backups").await;
    browser
        .type_into("Your PIN, to show the QR codes", PIN)
        .await;
    browser.press("Show transfer QR codes").await;
    browser
        .wait_for_text("QR code 1 of 100: scan each in turn. 1000 tokens in all.")
        .await;
    let mut tracker = BatchTracker::default();
    let mut read = Vec::new();
    for index in 0..100u32 {
        browser
            .wait_for_text(&format!("QR code {} of 100:", index + 1))
            .await;
        let code = browser.element(By::Css("svg.qr-code")).await;
        // Where a person would hold their phone: the whole code in view.
        browser.scroll_to_middle(&code).await;
        let picture = code.screenshot_as_png().await.unwrap();
        let batch = migration::parse(&read_qr_screenshot(&picture)).unwrap();
        assert_eq!((batch.batch_index, batch.batch_size), (index, 100));
        assert_eq!(batch.entries.len(), 10);
        let missing = tracker.record(&batch);
        assert_eq!(missing.is_empty(), index == 99);
        read.extend(batch.entries);
        if index < 99 {
            browser.press("Next").await;
        }
    }
    let wanted: Vec<_> = links()
        .lines()
        .map(|line| otp::otpauth::parse(line).unwrap())
        .collect();
    assert_eq!(read, wanted);
    browser.press("Done").await;
    browser.wait_for_text("Show transfer QR codes").await;
    browser.quit().await;
}
