//! Codes a person can trust, in the release build as served: the clock
//! check against the server's `Date` header (said beyond 15 s, not below,
//! not offline, checked again on reconnecting), and a copied code cleared
//! from the real clipboard 30 s later only while it still holds that code.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const PIN: &str = "135790";
const LINK: &str = "otpauth://totp/Clipboard:kim@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Clipboard";

/// HEAD requests the page made to its own root (the clock check's).
async fn clock_checks(browser: &Browser) -> u64 {
    browser
        .eval(
            "return performance.getEntriesByType('resource')
               .filter(e => e.initiatorType === 'fetch' && new URL(e.name).pathname === '/').length;",
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// Two frames: whatever a finished check would draw is drawn.
async fn two_frames(browser: &Browser) {
    browser
        .driver
        .execute_async(
            "const done = arguments[0];
             requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            Vec::new(),
        )
        .await
        .unwrap();
}

async fn set_offline(browser: &Browser, offline: bool) {
    let cdp = browser.cdp();
    cdp.send_raw("Network.enable", serde_json::json!({}))
        .await
        .unwrap();
    cdp.send_raw(
        "Network.emulateNetworkConditions",
        serde_json::json!({
            "offline": offline, "latency": 0,
            "downloadThroughput": -1, "uploadThroughput": -1,
        }),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_clock_off_by_more_than_15_seconds_is_said_and_offline_nothing_is() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    // The server's clock 47 s ahead: this device is 47 s behind.
    server.set_clock_ahead(47);
    browser.install_with_pin(&server.url("/"), PIN).await;
    browser.wait_for_text("This device's clock is 4").await;
    let notice = browser.element(By::Css("[data-clock-offset]")).await;
    let measured: i64 = notice
        .attr("data-clock-offset")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!((46..=48).contains(&measured), "measured {measured} s");
    let text = notice.text().await.unwrap();
    assert!(
        text.contains(&format!(
            "This device's clock is {measured} seconds behind. Codes may be refused."
        )),
        "{text}"
    );
    assert!(text.contains("date and time automatically"), "{text}");

    // 5 s off: checked (one more request), and nothing said.
    server.set_clock_ahead(5);
    let checks = clock_checks(&browser).await;
    browser.press("Lock").await;
    browser.unlock(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    wait_for(
        "the second clock check",
        Duration::from_secs(10),
        || async { (clock_checks(&browser).await > checks).then_some(()) },
    )
    .await;
    two_frames(&browser).await;
    assert!(
        !browser.page_text().await.contains("This device's clock"),
        "a 5 s offset was said"
    );

    // Offline: no request, nothing said, even with the server far off;
    // reconnecting checks again.
    server.set_clock_ahead(-150);
    browser.press("Lock").await;
    set_offline(&browser, true).await;
    let checks = clock_checks(&browser).await;
    browser.unlock(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    two_frames(&browser).await;
    assert!(!browser.page_text().await.contains("This device's clock"));
    assert_eq!(clock_checks(&browser).await, checks, "a request offline");
    set_offline(&browser, false).await;
    browser
        .wait_for_text("This device's clock is 3 minutes ahead. Codes may be refused.")
        .await;
    let logs = browser.console_errors().await.unwrap();
    assert!(logs.is_empty(), "console errors: {logs:#?}");
    browser.quit().await;
}

/// A browser with one TOTP identity whose page may read the clipboard
/// without asking (as a person who allowed it in the site's settings).
async fn with_clipboard_allowed(server: &StaticServer) -> Browser {
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    for permission in ["clipboard-read", "clipboard-write"] {
        browser
            .cdp()
            .send_raw(
                "Browser.setPermission",
                serde_json::json!({
                    "permission": { "name": permission },
                    "setting": "granted",
                    "origin": server.url(""),
                }),
            )
            .await
            .unwrap();
    }
    browser.add_by_link(LINK).await;
    browser.wait_for_text("Clipboard (kim@example.com)").await;
    browser
}

async fn clipboard(browser: &Browser) -> String {
    let value = browser
        .driver
        .execute_async(
            "const done = arguments[0];
             navigator.clipboard.readText().then(done, e => done('error: ' + e));",
            Vec::new(),
        )
        .await
        .unwrap();
    value.json().as_str().unwrap().to_owned()
}

/// Presses the card; returns the code it put on the clipboard, and when.
async fn copy_the_code(browser: &Browser) -> (String, Instant) {
    let card = browser.element(By::Css(".token__main")).await;
    card.click().await.unwrap();
    let copied = Instant::now();
    browser.wait_for_text("Copied").await;
    let code = clipboard(browser).await;
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "the clipboard holds {code:?}"
    );
    (code, copied)
}

#[tokio::test]
async fn a_copied_code_is_cleared_from_the_clipboard_after_30_seconds() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = with_clipboard_allowed(&server).await;
    let (_code, copied) = copy_the_code(&browser).await;
    wait_for("the clipboard emptied", Duration::from_secs(45), || async {
        clipboard(&browser).await.is_empty().then_some(())
    })
    .await;
    let after = copied.elapsed();
    assert!(
        after >= Duration::from_millis(29_500),
        "cleared after {after:?}, before the 30 s"
    );
    browser.quit().await;
}

#[tokio::test]
async fn what_the_person_copied_since_is_left_on_the_clipboard() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = with_clipboard_allowed(&server).await;
    let (_code, copied) = copy_the_code(&browser).await;
    browser
        .eval("return navigator.clipboard.writeText('a note of mine').then(() => true);")
        .await
        .unwrap();
    // Watched until well past the clearing time: it stays.
    while copied.elapsed() < Duration::from_secs(36) {
        assert_eq!(clipboard(&browser).await, "a note of mine");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    browser.quit().await;
}
