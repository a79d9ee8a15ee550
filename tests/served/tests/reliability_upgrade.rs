//! An upgrade while the app is open, on the real Chromium with real
//! builds: a tab of the current release holds the database open while the
//! next release (this build with one more database schema step and one
//! more document step: scripts/build-next-schema.sh) starts in another
//! tab. Neither loses data, the old tab is told to reload, and it opens the
//! new version once it does. A record the current release saved (kept as a
//! fixture) opens in the new build too.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::{Value, json};
use served_tests::rounds::secret_for;
use served_tests::{Browser, StaticServer, dist_dir, next_schema_dist_dir, wait_for};
use std::time::{Duration, Instant};

const PIN: &str = "246810";
const TOLD_TO_RELOAD: &str = "Soft Token was updated in another tab. Reload this tab to go on";

async fn add(browser: &Browser, name: &str) {
    let secret = secret_for(name);
    browser
        .add_by_link(&format!(
            "otpauth://totp/Upgrade:{name}?secret={secret}&issuer=Upgrade"
        ))
        .await;
    browser.wait_for_text(&format!("Upgrade ({name})")).await;
}

/// Which build the tab runs: `null` for the release, "next-schema" for
/// the next one.
async fn build(browser: &Browser) -> Value {
    browser
        .eval("const m = document.querySelector('meta[name=softtoken-test-build]'); return m && m.content;")
        .await
        .unwrap_or(Value::Null)
}

/// Waits until the tab runs the next release (its page has reloaded).
async fn runs_the_next_release(browser: &Browser, what: &str) {
    wait_for(what, Duration::from_secs(30), || async {
        (build(browser).await == json!("next-schema")).then_some(())
    })
    .await;
}

/// The database as the browser has it: its version and its stores.
async fn database(browser: &Browser) -> Value {
    browser
        .eval(
            "const db = await new Promise((ok, fail) => { const r = indexedDB.open('softtoken'); \
             r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); }); \
             const seen = { version: db.version, stores: [...db.objectStoreNames] }; db.close(); return seen;",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn the_next_release_in_one_tab_tells_the_open_old_tab_to_reload_and_loses_nothing() {
    let next = next_schema_dist_dir();
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    add(&browser, "before").await;
    assert_eq!(
        database(&browser).await,
        json!({ "version": 1, "stores": ["meta", "vault"] })
    );
    let old_tab = browser.driver.window().await.unwrap();

    // A second tab of the same release, unlocked too.
    let new_tab = browser.driver.new_window().await.unwrap();
    browser
        .driver
        .switch_to_window(new_tab.clone())
        .await
        .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.unlock(PIN).await;
    browser.wait_for_text("Upgrade (before)").await;

    // The next release is deployed; this tab takes it, as a person would.
    server.set_root(next);
    browser
        .eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true;")
        .await
        .unwrap();
    browser.wait_for_text("A new version is ready").await;
    let pressed = Instant::now();
    browser.press("Reload").await;
    runs_the_next_release(&browser, "the next release to run").await;
    // Not blocked by the old tab: that one lets go of the database at once.
    browser.unlock(PIN).await;
    browser.wait_for_text("Upgrade (before)").await;
    let opened_ms = pressed.elapsed().as_millis();
    assert!(
        !browser.page_text().await.contains("older version"),
        "the new tab was kept waiting by the old one"
    );
    add(&browser, "after").await;
    assert_eq!(
        database(&browser).await,
        json!({ "version": 2, "stores": ["meta", "next-schema", "vault"] }),
        "the schema step ran"
    );

    // The old tab was told, without a press, and holds no codes any more.
    browser.driver.switch_to_window(old_tab).await.unwrap();
    assert_eq!(build(&browser).await, Value::Null, "still the old release");
    browser.wait_for_text(TOLD_TO_RELOAD).await;
    assert!(!browser.page_text().await.contains("Upgrade (before)"));
    browser.press("Reload").await;
    runs_the_next_release(&browser, "the old tab to run the next release").await;
    browser.unlock(PIN).await;
    browser.wait_for_text("Upgrade (after)").await;
    assert!(browser.page_text().await.contains("Upgrade (before)"));
    println!(
        "upgrade while open: the old tab held schema 1 open with 1 token; the next release \
         (schema 2) was unlocked {opened_ms} ms after its Reload, never blocked; the old tab was told to reload, \
         reloaded into the next release and showed both tokens (0 lost)"
    );
    browser.quit().await;
}

#[tokio::test]
async fn a_record_the_current_release_saved_opens_in_the_next_release() {
    let record = include_str!("../../../crates/vault/tests/fixtures/release-1-record.json");
    let server = StaticServer::start(next_schema_dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    // On the origin but not in the app: store the release's record as the
    // release stores it (database version 1, the record as JSON text).
    browser.driver.goto(server.url("/icon.svg")).await.unwrap();
    let stored = browser
        .driver
        .execute(
            "const record = arguments[0]; return new Promise(done => { \
             const r = indexedDB.open('softtoken', 1); \
             r.onupgradeneeded = () => { r.result.createObjectStore('vault'); r.result.createObjectStore('meta'); }; \
             r.onsuccess = () => { const tx = r.result.transaction('vault', 'readwrite'); \
               tx.objectStore('vault').put(record, 'vault'); \
               tx.oncomplete = () => { r.result.close(); done(true); }; }; \
             r.onerror = () => done(String(r.error)); });",
            vec![json!(record)],
        )
        .await
        .unwrap();
    assert_eq!(stored.json(), &json!(true), "the fixture was stored");

    browser.driver.goto(server.url("/")).await.unwrap();
    assert_eq!(build(&browser).await, json!("next-schema"));
    browser.unlock(PIN).await;
    browser.wait_for_text("alice@example.com").await;
    let page = browser.page_text().await;
    assert!(page.contains("AnyBank") && page.contains("VPN"), "{page}");
    assert_eq!(
        database(&browser).await,
        json!({ "version": 2, "stores": ["meta", "next-schema", "vault"] })
    );
    browser.quit().await;
}
