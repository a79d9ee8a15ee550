//! The release build as an installed app: the manifest and icons Chromium
//! needs to install it, the service worker that starts it offline, the
//! Content-Security-Policy, no request to any other origin, and updates
//! that wait for the user's "Reload".
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::{Value, json};
use served_tests::{Browser, StaticServer, dist_dir, selfservice, wait_for};
use std::path::{Path, PathBuf};
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "135790";

/// Records Content-Security-Policy violations in every document the page
/// loads, into localStorage so that they outlive reloads.
async fn record_csp_violations(browser: &Browser) {
    browser
        .run_in_every_document(
            "document.addEventListener('securitypolicyviolation', (e) => { \
             const seen = JSON.parse(localStorage.getItem('csp-violations') || '[]'); \
             seen.push(e.violatedDirective + ' ' + e.blockedURI); \
             localStorage.setItem('csp-violations', JSON.stringify(seen)); });",
        )
        .await
        .unwrap();
}

async fn csp_violations(browser: &Browser) -> Value {
    browser
        .eval("return JSON.parse(localStorage.getItem('csp-violations') || '[]');")
        .await
        .unwrap()
}

async fn unlock(browser: &Browser) {
    browser.type_pin(PIN).await;
    browser.press("Unlock").await;
}

async fn shown_code(browser: &Browser) -> String {
    browser
        .element(By::Css(".token__code"))
        .await
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn chromium_can_install_it_with_its_name_icons_and_colours() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_until_controlled().await;

    let errors = browser
        .cdp()
        .send_raw("Page.getInstallabilityErrors", json!({}))
        .await
        .unwrap();
    assert_eq!(
        errors["installabilityErrors"],
        json!([]),
        "Chromium would not install it"
    );

    let manifest = browser
        .cdp()
        .send_raw("Page.getAppManifest", json!({}))
        .await
        .unwrap();
    assert_eq!(manifest["errors"], json!([]), "{manifest:#?}");
    let manifest: Value = serde_json::from_str(manifest["data"].as_str().unwrap()).unwrap();
    assert_eq!(manifest["name"], "Soft Token");
    assert_eq!(manifest["display"], "standalone");
    for field in ["short_name", "description", "id", "start_url", "scope"] {
        assert!(
            manifest[field].as_str().is_some_and(|v| !v.is_empty()),
            "manifest lacks {field}"
        );
    }
    // Each icon is served, and is what the manifest says it is.
    let icons = manifest["icons"].as_array().unwrap();
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size && i["purpose"] == purpose && i["type"] == "image/png")
            .unwrap_or_else(|| panic!("no {purpose} PNG icon of {size}"));
        let path = icon["src"].as_str().unwrap().trim_start_matches('/');
        assert_eq!(
            png_size(&dist_dir().join(path)),
            size,
            "{path} is not {size}"
        );
    }
    assert!(icons.iter().any(|i| i["type"] == "image/svg+xml"));

    // The colours are the app's own: the top bar (theme) and the page
    // background, as the CSS draws them in the light scheme.
    let drawn = browser
        .eval(
            "const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop]; \
             return [css('.top-bar', 'backgroundColor'), css('html', 'backgroundColor')];",
        )
        .await
        .unwrap();
    assert_eq!(drawn[0], rgb(manifest["theme_color"].as_str().unwrap()));
    assert_eq!(
        drawn[1],
        rgb(manifest["background_color"].as_str().unwrap())
    );
    let head = browser
        .eval(
            "return [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.media) \
             .concat([...document.querySelectorAll('link[rel=apple-touch-icon]')].map(l => l.rel));",
        )
        .await
        .unwrap();
    assert_eq!(
        head,
        json!([
            "(prefers-color-scheme: light)",
            "(prefers-color-scheme: dark)",
            "apple-touch-icon"
        ])
    );
    browser.quit().await;
}

#[tokio::test]
async fn it_starts_and_unlocks_offline_and_never_leaves_its_origin() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let origin = server.url("/");
    let browser = Browser::launch().await.unwrap();
    record_csp_violations(&browser).await;
    browser.driver.goto(&origin).await.unwrap();
    browser.wait_until_controlled().await;

    // The whole flow, online: create PIN, activate, reload, unlock.
    browser.create_pin(PIN).await;
    selfservice::activate(&browser, "AnyBank").await;
    shown_code(&browser).await;
    browser.driver.refresh().await.unwrap();
    unlock(&browser).await;
    assert!(!shown_code(&browser).await.is_empty());

    // Offline: the reload comes from the service worker's cache.
    browser
        .cdp()
        .send_raw("Network.enable", json!({}))
        .await
        .unwrap();
    browser
        .cdp()
        .send_raw(
            "Network.emulateNetworkConditions",
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await
        .unwrap();
    browser.driver.refresh().await.unwrap();
    unlock(&browser).await;
    browser.wait_for_text("AnyBank").await;
    assert_eq!(
        browser.eval("return navigator.onLine;").await.unwrap(),
        json!(false),
        "the network was not emulated offline"
    );
    assert!(!shown_code(&browser).await.is_empty());
    // The other screens' code is a chunk of its own (scripts/split-wasm.mjs).
    browser.press("Settings").await;
    browser.wait_for_text("Auto-lock after").await;

    let requests = browser.requested_urls().await.unwrap();
    assert!(requests.len() > 5, "the request log is empty: {requests:?}");
    // Over the network, that is: Chromium's own chrome:// pages and data:
    // URLs are in the log too, and never leave the machine.
    let elsewhere: Vec<_> = requests
        .iter()
        .filter(|url| {
            ["http:", "https:", "ws:", "wss:"]
                .iter()
                .any(|s| url.starts_with(s))
        })
        .filter(|url| !url.starts_with(origin.as_str()))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "requests to other origins: {elsewhere:#?}"
    );
    assert_eq!(csp_violations(&browser).await, json!([]));
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");

    // The policy is in force, and the recorder hears it: an injected
    // inline script is refused.
    browser
        .eval(
            "const s = document.createElement('script'); s.textContent = 'window.injected = 1'; \
             document.body.appendChild(s); return true;",
        )
        .await
        .unwrap();
    wait_for(
        "the violation to be reported",
        Duration::from_secs(5),
        || async {
            let seen = csp_violations(&browser).await;
            (seen
                .as_array()?
                .first()?
                .as_str()?
                .starts_with("script-src"))
            .then_some(())
        },
    )
    .await;
    assert_eq!(
        browser.eval("return window.injected;").await.unwrap(),
        Value::Null
    );
    browser.quit().await;
}

#[tokio::test]
async fn a_new_build_waits_for_reload_and_never_interrupts_an_activation() {
    let (server, browser) = installed_with_a_pin().await;

    // Deploy a new build at the same address: the old one, with index.html
    // changed, through the same post-build step as every release.
    let next = deploy_changed_build(&server);
    browser
        .eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true;")
        .await
        .unwrap();
    browser.wait_for_text("A new version is ready").await;
    assert_eq!(
        build_marker(&browser).await,
        Value::Null,
        "switched on its own"
    );

    // Not in the middle of an activation.
    browser.press("Activate a soft token identity").await;
    browser.element(By::Id("serial-number")).await;
    assert!(!browser.page_text().await.contains("A new version is ready"));
    browser.press("Soft Token").await;
    browser.wait_for_text("A new version is ready").await;
    let pictures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&pictures).unwrap();
    browser
        .driver
        .screenshot(&pictures.join("412-update-prompt.png"))
        .await
        .unwrap();

    browser.press("Reload").await;
    wait_for("the new build to run", Duration::from_secs(30), || async {
        (build_marker(&browser).await == json!("2")).then_some(())
    })
    .await;
    browser.element(By::Id("pin")).await;
    let caches = browser.eval("return caches.keys();").await.unwrap();
    assert_eq!(
        caches.as_array().unwrap().len(),
        1,
        "old caches left: {caches}"
    );
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
    std::fs::remove_dir_all(next).ok();
}

#[tokio::test]
async fn a_deploy_caught_half_way_is_never_installed_and_the_old_version_keeps_working() {
    let (server, browser) = installed_with_a_pin().await;

    // A new sw.js is up, but one file is still neither version's: the
    // stylesheet as a half-finished upload left it.
    let next = deploy_changed_build(&server);
    let stylesheet = std::fs::read_dir(&next)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "css"))
        .unwrap();
    let mut css = std::fs::read(&stylesheet).unwrap();
    css.truncate(css.len() / 2);
    std::fs::write(&stylesheet, css).unwrap();

    let outcome = browser
        .eval(
            "const r = await navigator.serviceWorker.getRegistration();              await r.update().catch(() => {});              for (let i = 0; i < 200 && r.installing; i++) await new Promise(f => setTimeout(f, 50));              return { waiting: r.waiting !== null, installing: r.installing !== null,                       caches: (await caches.keys()).length };",
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        json!({ "waiting": false, "installing": false, "caches": 1 }),
        "the half-deployed version must not install, nor leave a cache"
    );
    assert!(!browser.page_text().await.contains("A new version is ready"));

    // The old version still starts, from its own cache.
    browser.driver.refresh().await.unwrap();
    browser.element(By::Id("pin")).await;
    assert_eq!(
        build_marker(&browser).await,
        Value::Null,
        "still the old build"
    );
    unlock(&browser).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.quit().await;
    std::fs::remove_dir_all(next).ok();
}

/// The build served, open in a browser whose service worker controls the
/// page, with a PIN created.
async fn installed_with_a_pin() -> (StaticServer, Browser) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    (server, browser)
}

/// Copies dist/ with a marker in index.html, runs the post-build step on it
/// (new CSP hashes, precache list and version), and serves it.
fn deploy_changed_build(server: &StaticServer) -> PathBuf {
    // One directory per deploy: the tests of this file run in parallel, and
    // a shared one let one test's deploy replace (then delete) another's.
    static DEPLOYS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let next = std::env::temp_dir().join(format!(
        "softtoken-next-build-{}-{}",
        std::process::id(),
        DEPLOYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::remove_dir_all(&next).ok();
    std::fs::create_dir_all(&next).unwrap();
    served_tests::copy_dir(&dist_dir(), &next).unwrap();
    let index = next.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap().replace(
        "<title>",
        "<meta name=\"softtoken-test-build\" content=\"2\" />\n    <title>",
    );
    std::fs::write(&index, html).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/post-build.mjs");
    let output = std::process::Command::new("node")
        .arg(script)
        .arg(&next)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_ne!(
        std::fs::read(next.join("sw.js")).unwrap(),
        std::fs::read(dist_dir().join("sw.js")).unwrap(),
        "the new build's service worker should differ"
    );
    server.set_root(next.clone());
    next
}

async fn build_marker(browser: &Browser) -> Value {
    browser
        .eval("const m = document.querySelector('meta[name=softtoken-test-build]'); return m && m.content;")
        .await
        .unwrap_or(Value::Null)
}

/// `#rrggbb` as getComputedStyle writes it.
fn rgb(hex: &str) -> String {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
    format!("rgb({}, {}, {})", channel(1), channel(3), channel(5))
}

/// A PNG's width x height, from its IHDR chunk.
fn png_size(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    format!("{}x{}", number(16), number(20))
}
