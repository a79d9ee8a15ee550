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

/// Records, in every document, when the first screen's PIN field appeared.
const PIN_FIELD_CLOCK: &str = "new MutationObserver(() => { \
    if (!window.pinFieldAt && document.querySelector('#new-pin, #pin')) window.pinFieldAt = performance.now(); \
}).observe(document, { subtree: true, childList: true });";

/// The split build (scripts/split-wasm.mjs): the first screen needs only
/// the main module; the other screens' chunks are fetched once it is up,
/// and run: every screen after the PIN comes from them.
#[tokio::test]
async fn the_first_screen_loads_without_the_other_screens_code_which_follows() {
    let chunks: Vec<String> = std::fs::read_dir(dist_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("split_") && name.ends_with(".wasm"))
        .collect();
    // The page's own KDF code is fetched only when the worker cannot start.
    let (kdf_here, chunks): (Vec<String>, Vec<String>) = chunks
        .into_iter()
        .partition(|name| name.starts_with("split_kdf_here-"));
    assert!(
        chunks.len() >= 2 && kdf_here.len() == 1,
        "the build has no split chunks, or not the KDF's: {chunks:?} {kdf_here:?}"
    );

    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser
        .run_in_every_document(PIN_FIELD_CLOCK)
        .await
        .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("864213").await;
    browser.wait_for_text("No soft token identity yet.").await;

    // name -> when its request started, for every file the page fetched.
    let started = |name: &str| {
        format!(
            "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('/{name}')); \
             return e ? e.startTime : null;"
        )
    };
    let pin_field_at = browser.eval("return window.pinFieldAt;").await.unwrap();
    let pin_field_at = pin_field_at
        .as_f64()
        .expect("the PIN field's time was recorded");
    for chunk in &chunks {
        let at = wait_for(
            &format!("{chunk} to be fetched"),
            Duration::from_secs(20),
            || async { browser.eval(&started(chunk)).await.ok()?.as_f64() },
        )
        .await;
        assert!(
            at >= pin_field_at,
            "{chunk} was fetched at {at} ms, before the PIN field appeared at {pin_field_at} ms"
        );
    }

    // The KDF worker's files are asked for too, once the PIN field is up.
    let prefetched = wait_for(
        "the KDF worker's WASM to be prefetched",
        Duration::from_secs(20),
        || async {
            browser
                .eval(
                    "const e = performance.getEntriesByType('resource').find(e => \
                       e.name.endsWith('/kdf_worker_bg.wasm') && e.initiatorType === 'link'); \
                     return e ? e.startTime : null;",
                )
                .await
                .ok()?
                .as_f64()
        },
    )
    .await;
    assert!(
        prefetched >= pin_field_at,
        "the worker was prefetched at {prefetched} ms, before the PIN field at {pin_field_at} ms"
    );

    // A screen from the other chunk runs too.
    browser.press("Settings").await;
    browser.wait_for_text("Auto-lock after").await;
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    // The PIN was derived in the worker: the page never fetched its own KDF.
    assert_eq!(
        browser.eval(&started(&kdf_here[0])).await.unwrap(),
        serde_json::Value::Null,
        "the page fetched its KDF chunk though the worker ran"
    );
    browser.quit().await;
}

/// Where the KDF worker cannot start (a host that lost its script), the
/// page derives with its own KDF chunk, fetched then: the PIN is made and
/// opens the vault.
#[tokio::test]
async fn without_its_worker_the_page_derives_with_a_chunk_fetched_then() {
    let build = served_tests::pictures::temp_file("no-kdf-worker");
    served_tests::copy_dir(&dist_dir(), &build).unwrap();
    std::fs::remove_file(build.join("kdf_worker_loader.js")).unwrap();
    let server = StaticServer::start(build.clone()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("864213").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Lock").await;
    browser.unlock("864213").await;
    browser.wait_for_text("No soft token identity yet.").await;
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);")
        .await
        .unwrap();
    let fetched: Vec<String> = serde_json::from_value(fetched).unwrap();
    assert!(
        fetched.iter().any(|p| p.starts_with("/split_kdf_here-")),
        "the page's KDF chunk was not fetched: {fetched:?}"
    );
    browser.quit().await;
    std::fs::remove_dir_all(build).ok();
}

/// A chunk that cannot be fetched (offline before the service worker had
/// cached it) leaves a message and a Reload button, not a stopped app; once
/// the network is back, Reload brings the screen.
#[tokio::test]
async fn a_screen_whose_code_cannot_be_fetched_says_so_and_reload_brings_it() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    let cdp = browser.cdp();
    cdp.send_raw("Network.enable", serde_json::json!({}))
        .await
        .unwrap();
    cdp.send_raw(
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*/split_*", "*/chunk_*"] }),
    )
    .await
    .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("531642").await;
    browser
        .wait_for_text("This screen could not be loaded")
        .await;
    assert!(
        browser.page_text().await.contains("Soft Token"),
        "the app stopped: {}",
        browser.page_text().await
    );

    cdp.send_raw("Network.setBlockedURLs", serde_json::json!({ "urls": [] }))
        .await
        .unwrap();
    browser.press("Reload").await;
    browser.type_pin("531642").await;
    browser.press("Unlock").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.quit().await;
}

/// Every start ends at the PIN gate, whatever address it began at: Create
/// PIN on a first visit, Enter your PIN once there is a vault.
#[tokio::test]
async fn a_start_at_any_address_opens_at_the_pin_gate() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    let path = || async { browser.eval("return location.pathname;").await.unwrap() };

    browser.driver.goto(server.url("/backup")).await.unwrap();
    browser.wait_for_text("Create PIN").await;
    assert_eq!(path().await, "/pin");
    browser.create_pin("864213").await;
    browser.wait_for_text("No soft token identity yet.").await;
    assert_eq!(path().await, "/");

    browser.driver.goto(server.url("/settings")).await.unwrap();
    browser.wait_for_text("Enter your PIN").await;
    assert_eq!(path().await, "/pin");
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await;
}

#[tokio::test]
async fn the_host_headers_are_sent_and_no_page_may_frame_the_app() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.element(By::Id("new-pin")).await;
    let headers = browser
        .eval(
            "return fetch('/sw.js').then(r => ({ \
               csp: r.headers.get('content-security-policy'), \
               nosniff: r.headers.get('x-content-type-options'), \
               referrer: r.headers.get('referrer-policy'), \
               cache: r.headers.get('cache-control') }));",
        )
        .await
        .unwrap();
    assert_eq!(
        headers,
        serde_json::json!({ "csp": "frame-ancestors 'none'", "nosniff": "nosniff",
                            "referrer": "no-referrer", "cache": "no-cache" })
    );
    // The hashed files may be kept a year, and go compressed, as a host
    // sends them (what the phone rows of make bench measure).
    let wasm = browser
        .eval(
            "const wasm = performance.getEntriesByType('resource').find(e => /[/]softtoken-[0-9a-f]{16}_bg[.]wasm$/.test(e.name)).name; \
             return fetch(wasm).then(async r => ({ cache: r.headers.get('cache-control'), \
               encoding: r.headers.get('content-encoding'), \
               magic: Array.from(new Uint8Array(await r.arrayBuffer()).slice(0, 4)) }));",
        )
        .await
        .unwrap();
    assert_eq!(
        wasm,
        serde_json::json!({ "cache": "public, max-age=31536000, immutable",
                            "encoding": "br", "magic": [0, 97, 115, 109] })
    );
    // A frame of the app, even from its own origin, is refused: its
    // document is the browser's error page, which the parent cannot read.
    let framed = browser
        .eval(
            "return new Promise(done => { const frame = document.createElement('iframe'); \
               frame.onload = () => done(frame.contentDocument === null ? 'refused' : \
                 'loaded: ' + frame.contentDocument.title); \
               frame.src = '/pin'; document.body.appendChild(frame); });",
        )
        .await
        .unwrap();
    assert_eq!(framed, serde_json::json!("refused"));
    browser.quit().await;
}
