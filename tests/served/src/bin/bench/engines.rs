//! Cold start and unlock in every engine (issue 25): Chromium, Firefox ESR
//! and WebKitGTK, one after another in each run, measured the same way in
//! all three (no DevTools, which only Chromium has), and each other
//! engine's figure as a ratio to Chromium's in the same run.
//!
//! Cold start: navigation start to the PIN field, as a `MutationObserver`
//! in the page sees it appear. Firefox's and WebKit's drivers return from
//! the navigation before the app has drawn, so the observer is installed
//! then; Chromium's returns later, so there it is installed before the
//! page's scripts (DevTools), watching the same thing. A run where the
//! field was there before the observer is not counted, rather than counted
//! late. Unlock: Unlock pressed to the first code, observed in the page.

use super::{PIN, Samples, link, number};
use served_tests::{Browser, Engine, StaticServer};
use std::time::Duration;

/// Resolves to the PIN field's time of appearance, or null when it was
/// there before this ran.
const PIN_FIELD_AT: &str = "
const field = () => document.querySelector('#pin, #new-pin');
if (field()) return null;
return new Promise(done => new MutationObserver((_, observer) => {
  if (field()) { observer.disconnect(); done(performance.now()); }
}).observe(document, { subtree: true, childList: true }));";

/// Chromium: the same watch, from the document's first script on.
const PIN_FIELD_WATCH: &str = "
new MutationObserver((_, observer) => {
  if (document.querySelector('#pin, #new-pin')) { window.__pinFieldAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true });";

/// Presses Unlock and resolves to the time until the first code shows.
const UNLOCK_TO_CODE: &str = "
const started = performance.now();
const code = () => { const c = document.querySelector('.token__code'); return c && c.textContent.trim(); };
const shown = new Promise(done => new MutationObserver((_, observer) => {
  if (code()) { observer.disconnect(); done(performance.now() - started); }
}).observe(document, { subtree: true, childList: true, characterData: true }));
[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Unlock').click();
return shown;";

/// The rows of one engine: (cold start, unlock, cold start ratio, unlock
/// ratio); Chromium's are the reference.
fn rows(engine: Engine) -> [&'static str; 4] {
    match engine {
        Engine::Chromium => [
            "Chromium, engines method: cold start (ms)",
            "Chromium, engines method: unlock (ms)",
            "",
            "",
        ],
        Engine::Firefox => [
            "Firefox: cold start (ms)",
            "Firefox: unlock (ms)",
            "Firefox / Chromium: cold start",
            "Firefox / Chromium: unlock",
        ],
        Engine::WebKit => [
            "WebKit: cold start (ms)",
            "WebKit: unlock (ms)",
            "WebKit / Chromium: cold start",
            "WebKit / Chromium: unlock",
        ],
    }
}

/// One engine's first visit: (cold start if observed, unlock).
async fn engine_run(server: &StaticServer, engine: Engine) -> (Option<f64>, f64) {
    let browser = Browser::launch_engine(engine)
        .await
        .expect("the engine starts");
    if engine == Engine::Chromium {
        browser
            .run_in_every_document(PIN_FIELD_WATCH)
            .await
            .expect("watch installed");
    }
    browser
        .driver
        .goto(server.url("/"))
        .await
        .expect("page loads");
    let mut ready = number(&browser, PIN_FIELD_AT).await;
    if !ready.is_finite() && engine == Engine::Chromium {
        ready = number(&browser, "return window.__pinFieldAt || null;").await;
    }
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.add_by_link(&link(0)).await;
    browser.wait_for_text("Service0").await;
    browser.press("Lock").await;
    browser.wait_for_text("Enter your PIN").await;
    browser.type_pin(PIN).await;
    let unlock = number(&browser, UNLOCK_TO_CODE).await;
    browser.quit().await;
    (ready.is_finite().then_some(ready), unlock)
}

/// One run in each engine, with the ratios to Chromium's run.
pub(super) async fn engines_run(server: &StaticServer, samples: &mut Samples) {
    let mut reference = None;
    for engine in [Engine::Chromium, Engine::Firefox, Engine::WebKit] {
        let (ready, unlock) =
            tokio::time::timeout(Duration::from_secs(120), engine_run(server, engine))
                .await
                .unwrap_or_else(|_| panic!("{engine:?}: no first visit and unlock in 120 s"));
        let [cold_row, unlock_row, cold_ratio, unlock_ratio] = rows(engine);
        if let Some(ready) = ready {
            samples.add(cold_row, ready);
        } else {
            eprintln!(
                "bench: {engine:?}'s PIN field was there before the observer; cold start not counted"
            );
        }
        samples.add(unlock_row, unlock);
        match (engine, reference) {
            (Engine::Chromium, _) => reference = Some((ready, unlock)),
            (_, Some((chromium_ready, chromium_unlock))) => {
                if let (Some(ready), Some(chromium_ready)) = (ready, chromium_ready) {
                    samples.add(cold_ratio, ready / chromium_ready);
                }
                samples.add(unlock_ratio, unlock / chromium_unlock);
            }
            (_, None) => {}
        }
    }
}
