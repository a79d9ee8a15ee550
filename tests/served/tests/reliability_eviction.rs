//! Storage the browser evicts, on the real Chromium: reported as gone with
//! the way back (restore from a backup), never shown as a first visit;
//! site data cleared on purpose is a first visit, which offers the restore.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::json;
use served_tests::rounds::secret_for;
use served_tests::{Browser, StaticServer, dist_dir};

const PIN: &str = "246810";

#[tokio::test]
async fn storage_the_browser_evicts_is_reported_as_gone_with_the_way_back() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser
        .add_by_link(&format!(
            "otpauth://totp/Quota:evicted?secret={}&issuer=Quota",
            secret_for("evicted")
        ))
        .await;
    browser.wait_for_text("Quota (evicted)").await;

    // What eviction clears, together: IndexedDB, the Cache, localStorage.
    browser
        .cdp()
        .send_raw(
            "Storage.clearDataForOrigin",
            json!({ "origin": server.url("").trim_end_matches('/'), "storageTypes": "indexeddb,cache_storage,local_storage" }),
        )
        .await
        .unwrap();
    // The open tab learns at once, without a reload, and holds no code.
    browser
        .wait_for_text("The browser closed Soft Token's storage while it was open")
        .await;
    assert!(!browser.page_text().await.contains("Quota (evicted)"));
    browser.press("Reload").await;
    browser
        .wait_for_text("The tokens stored in this browser are gone.")
        .await;
    browser.wait_for_text("choose Restore from a backup").await;
    browser.press("Restore from a backup").await;
    browser
        .wait_for_text("First choose a PIN for Soft Token in this browser.")
        .await;

    // Site data cleared on purpose (cookies too): a plain first visit,
    // which still offers the restore.
    browser
        .cdp()
        .send_raw(
            "Storage.clearDataForOrigin",
            json!({ "origin": server.url("").trim_end_matches('/'), "storageTypes": "all" }),
        )
        .await
        .unwrap();
    browser.driver.refresh().await.unwrap();
    browser.wait_for_text("Create PIN").await;
    let page = browser.page_text().await;
    assert!(!page.contains("are gone"), "{page}");
    assert!(page.contains("Restore from a backup"), "{page}");
    browser.quit().await;
}
