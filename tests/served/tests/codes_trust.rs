//! Codes a person can trust, in the release build as served: the clock
//! check against the server's `Date` header (said beyond 15 s, not below,
//! not offline, checked again on reconnecting).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "135790";

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
