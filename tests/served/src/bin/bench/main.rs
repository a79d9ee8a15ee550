//! `make bench`: what users feel, measured the same way every time on the
//! release build served on 127.0.0.1, in headless Chromium with a fresh
//! profile per run. Prints a table, writes target/bench/report.json, and
//! exits non-zero when a budget is broken (issue 9).
//!
//! Each figure is the median of `BENCH_RUNS` (10) runs, with min and max:
//! bytes of a cold load per file kind (raw, gzip); cold start (navigation
//! to the PIN field), on the first visit and on a returning user's reload
//! (informational); unlock (and, informational, a returning user's) (Unlock pressed to the first code) and the
//! longest main-thread task meanwhile; with 500 identities, the initial
//! screen's render (to a screen full of codes, to all 500 cards in the page,
//! and the longest task meanwhile), main-thread time per second of ticking
//! codes, and layout shift; JS heap and WASM memory after unlock; cold start
//! and unlock in Firefox and WebKit beside Chromium (`engines.rs`); our Argon2id worker
//! against hash-wasm's; Lighthouse 12.2.3 scores, desktop and as a phone
//! on a slow network (`lighthouse.rs`). The server compresses as a static
//! host does (Brotli, gzip), so transfer figures are what a person downloads.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a measuring tool, like the tests: a failed step ends the run, saying which

mod engines;
mod import;
mod lighthouse;
mod list;
mod passkeys;
mod pin_reset;

use serde_json::{Value, json};
use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "246810";
const MANY: usize = 500;
const RENDERS_PER_RUN: usize = 3;
/// The start path's bytes, gzip -9 of each file fetched before the PIN
/// field (issue 26: halved from 300,000).
const COLD_LOAD_GZIP_BUDGET: usize = 150_000;

/// Installed in every document before the app runs.
const OBSERVERS: &str = r#"
window.__longTasks = []; window.__longTaskSpans = []; window.__shift = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__longTasks.push(e.duration); window.__longTaskSpans.push([e.startTime, e.duration]); } }).observe({ type: 'longtask' });
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift' });
addEventListener('TrunkApplicationStarted', e => { window.__wasm = e.detail.wasm; });
new MutationObserver(() => {
  if (!window.__pinReadyAt && document.querySelector('#pin, #new-pin')) window.__pinReadyAt = performance.now();
  if (window.__unlockAt && !window.__codeAt) {
    const code = document.querySelector('.token__code');
    if (code && code.textContent.trim()) window.__codeAt = performance.now();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"#;

#[derive(Default)]
struct Samples(BTreeMap<&'static str, Vec<f64>>);

impl Samples {
    fn add(&mut self, name: &'static str, value: f64) {
        self.0.entry(name).or_default().push(value);
    }
    /// (median, min, max)
    fn stat(&self, name: &str) -> Option<(f64, f64, f64)> {
        let mut values = self.0.get(name)?.clone();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        };
        Some((median, values[0], values[n - 1]))
    }
}

async fn number(browser: &Browser, script: &str) -> f64 {
    browser
        .eval(script)
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

async fn launch() -> Browser {
    let browser = Browser::launch().await.expect("Chromium starts");
    browser
        .run_in_every_document(OBSERVERS)
        .await
        .expect("observers installed");
    browser
}

/// A fresh Chromium (observers installed) on the app's first visit.
async fn launch_on(server: &StaticServer) -> Browser {
    let browser = launch().await;
    browser
        .driver
        .goto(server.url("/"))
        .await
        .expect("page loads");
    browser
}

async fn type_pin_and_unlock(browser: &Browser) {
    browser
        .element(By::Id("pin"))
        .await
        .send_keys(PIN)
        .await
        .expect("PIN typed");
    browser
        .eval(
            "window.__longTasks = []; window.__codeAt = 0; window.__unlockAt = performance.now(); \
             [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Unlock').click(); return true;",
        )
        .await
        .expect("Unlock pressed");
}

/// From Unlock pressed to the first code shown.
async fn time_to_first_code(browser: &Browser) -> f64 {
    wait_for(
        "the first code after unlock",
        Duration::from_secs(30),
        || async {
            let at = number(
                browser,
                "return window.__codeAt ? window.__codeAt - window.__unlockAt : null;",
            )
            .await;
            at.is_finite().then_some(at)
        },
    )
    .await
}

async fn paste_links(browser: &Browser, links: &[String]) {
    browser.press("Add identity").await;
    browser.paste_into("link", &links.join("\n")).await;
    browser.press("Read link").await;
    browser.press("Add").await;
}

fn link(i: usize) -> String {
    let secret = otp::base32::encode(&[
        (i % 250) as u8 + 1,
        (i / 250) as u8 + 1,
        7,
        7,
        7,
        7,
        7,
        7,
        7,
        7,
    ])
    .to_string();
    format!("otpauth://totp/Service{i}:user{i}@example.com?secret={secret}&issuer=Service{i}")
}

/// One cold start: a fresh profile, the first visit, a PIN, one token; then
/// a returning user's start (a reload once the service worker has
/// installed the app) and unlock; then a lock and the budgeted unlock.
/// Returns the paths the first visit
/// loaded before the PIN field was ready.
async fn cold_run(server: &StaticServer, samples: &mut Samples) -> Vec<String> {
    let browser = launch_on(server).await;
    let ready = wait_for("the PIN field", Duration::from_secs(30), || async {
        let at = number(&browser, "return window.__pinReadyAt || null;").await;
        at.is_finite().then_some(at)
    })
    .await;
    samples.add("cold start (ms)", ready);
    let loaded: Vec<String> = browser
        .eval("return [location.pathname].concat(performance.getEntriesByType('resource').filter(e => e.startTime <= window.__pinReadyAt).map(e => new URL(e.name).pathname));")
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();

    // What crossed the network (compressed, as served) until then.
    samples.add(
        "cold load transfer, as served (bytes)",
        number(
            &browser,
            "const before = e => e.startTime <= window.__pinReadyAt; \
             return performance.getEntriesByType('navigation') \
               .concat(performance.getEntriesByType('resource').filter(before)) \
               .reduce((sum, e) => sum + e.transferSize, 0);",
        )
        .await,
    );

    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    paste_links(&browser, &[link(0)]).await;
    browser.wait_for_text("Service0").await;

    // The start users have every day: a vault to unlock, and the app
    // installed by its service worker.
    browser.wait_until_controlled().await;
    browser.driver.refresh().await.expect("page reloads");
    let ready = wait_for("the PIN field again", Duration::from_secs(30), || async {
        let at = number(&browser, "return window.__pinReadyAt || null;").await;
        at.is_finite().then_some(at)
    })
    .await;
    samples.add("start, returning user (ms)", ready);
    type_pin_and_unlock(&browser).await;
    let unlock = time_to_first_code(&browser).await;
    samples.add("unlock, returning user (ms)", unlock);

    // The budgeted unlock, as before: locked and unlocked on the same page.
    browser.press("Lock").await;
    type_pin_and_unlock(&browser).await;
    let unlock = time_to_first_code(&browser).await;
    samples.add("unlock (ms)", unlock);
    samples.add(
        "unlock: longest task (ms)",
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );
    samples.add(
        "JS heap after unlock (MB)",
        number(&browser, "return performance.memory.usedJSHeapSize;").await / 1e6,
    );
    samples.add(
        "WASM memory after unlock (MB)",
        number(&browser, "return window.__wasm.memory.buffer.byteLength;").await / 1e6,
    );
    samples.add(
        "save a change: press to saved (ms)",
        saved_change(&browser).await,
    );
    browser.quit().await;
    loaded
}

/// A rename, timed in the page from the press of Save name to "Name
/// saved.": the whole write path (the tabs' turn lock, sealing, the
/// durable commit) that every change takes.
async fn saved_change(browser: &Browser) -> f64 {
    browser.press("Settings").await;
    browser.press("user0@example.com").await;
    browser.paste_into("identity-name", "user0 renamed").await;
    number(
        browser,
        "const save = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Save name'); \
         const started = performance.now(); save.click(); \
         while (!document.body.textContent.includes('Name saved.')) await new Promise(r => setTimeout(r, 2)); \
         return performance.now() - started;",
    )
    .await
}

/// 500 identities: the initial screen's render, and a few seconds of ticking.
async fn many_run(server: &StaticServer, samples: &mut Samples) {
    let browser = launch_on(server).await;
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    let links: Vec<String> = (0..MANY).map(link).collect();
    paste_links(&browser, &links).await;
    browser.wait_for_text(&format!("Service{}", MANY - 1)).await;
    // Each run's figures are the medians of three renders (Settings, then
    // the initial screen): one render is a single short interval, and a
    // descheduled moment on a busy machine would otherwise be the run's
    // whole figure.
    let mut renders = Vec::new();
    for _ in 0..RENDERS_PER_RUN {
        browser.press("Settings").await;
        browser.wait_for_text("Soft token identities").await;
        renders.push(render_initial_screen(&browser).await);
    }
    let median_of = |pick: fn(&Render) -> f64| {
        let mut values: Vec<f64> = renders.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    samples.add(
        "500 identities: screen of codes (ms)",
        median_of(|r| r.screen),
    );
    samples.add("500 identities: all cards (ms)", median_of(|r| r.all));
    samples.add(
        "500 identities: longest task (ms)",
        median_of(|r| r.longest_task),
    );

    samples.add("500 identities: ticking (ms/s)", ticking(&browser).await);
    samples.add(
        "500 identities: layout shift",
        number(&browser, "return window.__shift;").await,
    );
    browser.quit().await;
}

/// Main-thread task time a second, over ten seconds of the page left
/// alone (Chrome's TaskDuration metric); resets the layout-shift sum.
///
/// The heap is collected first: what earlier steps left behind (a list
/// drawn again, the writes of a drag) is collected by V8 at a moment of
/// its choosing, 25-180 ms at once with 2,000 identities, and is not the
/// work of ticking. Garbage the ticking itself makes is still collected
/// inside the window and counted.
async fn ticking(browser: &Browser) -> f64 {
    const WINDOW_MS: u64 = 10_000;
    browser
        .cdp()
        .send_raw("Performance.enable", json!({}))
        .await
        .ok();
    let task_time = || async {
        let metrics = browser
            .cdp()
            .send_raw("Performance.getMetrics", json!({}))
            .await
            .unwrap_or(Value::Null);
        metrics["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|m| m["name"] == "TaskDuration"))
            .and_then(|m| m["value"].as_f64())
            .unwrap_or(f64::NAN)
    };
    // Between code changes: a window holding a 30 s boundary measures the
    // code change, which has its own row. A second is left for the
    // collection before the window.
    let into_step = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| now.as_millis() % 30_000) as u64;
    if into_step > 30_000 - WINDOW_MS - 2_000 {
        tokio::time::sleep(Duration::from_millis(30_500 - into_step)).await;
    }
    browser
        .cdp()
        .send_raw("HeapProfiler.collectGarbage", json!({}))
        .await
        .ok();
    browser.eval("window.__shift = 0; return true;").await.ok();
    let before = task_time().await;
    tokio::time::sleep(Duration::from_millis(WINDOW_MS)).await;
    let after = task_time().await;
    (after - before) * 1000.0 / (WINDOW_MS as f64 / 1000.0)
}

/// One render of the initial screen with [`MANY`] identities, from a press
/// on the title (Settings → the initial screen), in ms.
struct Render {
    /// To the frame after the screen is full of codes: the list reaches
    /// below the window (or all cards are in). Measured on the list, not
    /// on a card: forcing an off-screen card's layout made its time bar
    /// run on the main thread afterwards.
    screen: f64,
    /// To the frame after all cards are in the page.
    all: f64,
    /// The longest main-thread task meanwhile (0 when none over 50 ms).
    longest_task: f64,
}

async fn render_initial_screen(browser: &Browser) -> Render {
    let result = browser
        .driver
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1]; window.__longTasks = []; \
                 const start = performance.now(); let screen = 0; \
                 document.querySelector('.top-bar__title').click(); \
                 const check = () => {{ \
                   const codes = document.querySelectorAll('.token__code'); \
                   const list = document.querySelector('.token-list'); \
                   if (!screen && codes.length && (codes.length >= {MANY} || list.getBoundingClientRect().bottom > innerHeight)) \
                     requestAnimationFrame(() => {{ screen = performance.now() - start; }}); \
                   if (codes.length >= {MANY}) requestAnimationFrame(() => setTimeout(() => \
                     done([screen || performance.now() - start, performance.now() - start, Math.max(0, ...window.__longTasks)]), 0)); \
                   else setTimeout(check, 0); }}; check();"
            ),
            Vec::new(),
        )
        .await
        .ok()
        .and_then(|r| serde_json::from_value::<Vec<f64>>(r.json().clone()).ok())
        .unwrap_or_default();
    let at = |i: usize| result.get(i).copied().unwrap_or(f64::NAN);
    Render {
        screen: at(0),
        all: at(1),
        longest_task: at(2),
    }
}

/// Our Argon2id worker against hash-wasm's, the same parameters, the same
/// browser: a page of its own (not the app), warm runs.
async fn kdf_reference(samples: &mut Samples, runs: usize) {
    let dir = std::env::temp_dir().join(format!("softtoken-bench-kdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for file in [
        "kdf_worker.js",
        "kdf_worker_bg.wasm",
        "kdf_worker_loader.js",
    ] {
        std::fs::copy(dist_dir().join(file), dir.join(file)).expect("worker copied");
    }
    let hash_wasm = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../bench/node_modules/hash-wasm/dist/argon2.umd.min.js");
    std::fs::copy(&hash_wasm, dir.join("argon2.js"))
        .expect("hash-wasm installed (make bench runs npm install in bench/)");
    std::fs::write(
        dir.join("index.html"),
        r#"<!doctype html><script src="argon2.js"></script><script>
const salt = new Uint8Array(16).fill(7);
// The ratio compares the two Argon2id implementations on equal terms: each
// runs once to warm up (hash-wasm's module, our worker's instance and its
// 64 MiB of memory), then is timed. The app derives in a fresh worker each
// time (terminated after, for its memory's sake), so that first, cold
// derivation, what an unlock waits for, is reported on its own row.
let worker;
async function derive() {
  const request = JSON.stringify({ pin: '246810', kdf: { algorithm: 'argon2id-v19', memory_kib: 65536, iterations: 3, parallelism: 1, salt: btoa(String.fromCharCode(...salt)) } });
  const start = performance.now();
  await new Promise(r => { worker.onmessage = r; worker.postMessage(request); });
  return performance.now() - start;
}
async function oursFresh() {
  if (worker) worker.terminate();
  worker = new Worker('kdf_worker_loader.js');
  await new Promise(r => worker.onmessage = e => e.data === 'ready' && r());
  return derive();
}
async function ours() { return derive(); }
async function theirs() {
  const start = performance.now();
  await hashwasm.argon2id({ password: '246810', salt, parallelism: 1, iterations: 3, memorySize: 65536, hashLength: 32, outputType: 'binary' });
  return performance.now() - start;
}
window.measure = async () => { const fresh = await oursFresh(); await theirs(); return [await ours(), await theirs(), fresh]; };
</script>"#,
    )
    .expect("page written");
    let server = StaticServer::start(dir.clone()).await.expect("server");
    let browser = Browser::launch().await.expect("Chromium starts");
    browser
        .driver
        .goto(server.url("/index.html"))
        .await
        .expect("page loads");
    for _ in 0..runs {
        let pair = browser
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.measure().then(done);",
                Vec::new(),
            )
            .await
            .ok()
            .map(|r| r.json().clone())
            .unwrap_or(Value::Null);
        let (ours, theirs) = (
            pair[0].as_f64().unwrap_or(f64::NAN),
            pair[1].as_f64().unwrap_or(f64::NAN),
        );
        samples.add("KDF: ours (ms)", ours);
        samples.add(
            "KDF: ours, first in a fresh worker (ms)",
            pair[2].as_f64().unwrap_or(f64::NAN),
        );
        samples.add("KDF: hash-wasm (ms)", theirs);
        samples.add("KDF: ratio ours / hash-wasm", ours / theirs);
    }
    browser.quit().await;
    std::fs::remove_dir_all(dir).ok();
}

fn gzip_len(bytes: &[u8]) -> usize {
    served_tests::server::gzip(bytes).map_or(0, |gzip| gzip.len())
}

fn kind(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("wasm") => "wasm",
        Some("js") => "JS",
        Some("css") => "CSS",
        Some("html") | None => "HTML",
        _ => "other",
    }
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    // BENCH_ONLY=many (or cold, engines, passkeys, import, list, reset, kdf, lighthouse; comma-separated) runs
    // only those parts, for working on one figure; the budgets of the
    // others are then not judged.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only.split(',').any(|p| p.trim() == name);
    let server = StaticServer::start(dist_dir()).await.expect("server");
    server.precompress();
    let mut samples = Samples::default();
    let mut loaded = Vec::new();
    for run in (0..runs).filter(|_| part("cold")) {
        eprintln!("bench: cold start and unlock, run {}/{runs}", run + 1);
        loaded = cold_run(&server, &mut samples).await;
    }
    for run in (0..runs).filter(|_| part("many")) {
        eprintln!("bench: {MANY} identities, run {}/{runs}", run + 1);
        many_run(&server, &mut samples).await;
    }
    for run in (0..runs.min(5)).filter(|_| part("engines")) {
        eprintln!(
            "bench: Chromium, Firefox and WebKit, run {}/{}",
            run + 1,
            runs.min(5)
        );
        engines::engines_run(&server, &mut samples).await;
    }
    for run in (0..runs.min(5)).filter(|_| part("passkeys")) {
        eprintln!("bench: passkeys, run {}/{}", run + 1, runs.min(5));
        passkeys::passkeys_run(&server, &mut samples).await;
    }
    for run in (0..runs.min(5)).filter(|_| part("import")) {
        eprintln!(
            "bench: import {}, run {}/{}",
            import::IMPORTED,
            run + 1,
            runs.min(5)
        );
        import::import_run(&server, &mut samples).await;
    }
    for run in (0..runs.min(5)).filter(|_| part("list")) {
        eprintln!(
            "bench: {} identities, run {}/{}",
            list::LISTED,
            run + 1,
            runs.min(5)
        );
        list::list_run(&server, &mut samples).await;
    }
    for run in (0..runs.min(5)).filter(|_| part("reset")) {
        eprintln!("bench: PIN reset, run {}/{}", run + 1, runs.min(5));
        pin_reset::pin_reset_run(&server, &mut samples).await;
    }
    if part("kdf") {
        eprintln!("bench: KDF against hash-wasm");
        kdf_reference(&mut samples, runs).await;
    }
    let mut lighthouse_failures = None;
    if part("lighthouse") {
        eprintln!("bench: Lighthouse");
        lighthouse_failures = lighthouse::run(&server.url("/"), &mut samples, runs.min(3));
    }

    // Bytes of the cold load: the files the page fetched before the PIN field.
    let mut bytes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut files: Vec<String> = loaded.clone();
    files.sort();
    files.dedup();
    for path in &files {
        let file = if path == "/" || kind(path) == "HTML" {
            "index.html".to_owned()
        } else {
            path.trim_start_matches('/').to_owned()
        };
        let Ok(content) = std::fs::read(dist_dir().join(&file)) else {
            continue;
        };
        let entry = bytes.entry(kind(&file)).or_default();
        entry.0 += content.len();
        entry.1 += gzip_len(&content);
    }
    let total_gzip: usize = bytes.values().map(|b| b.1).sum();

    let budgets: Vec<(&str, &str, f64, bool)> = vec![
        // Issue 26's budgets: the start path halved.
        ("cold start (ms)", "<=", 150.0, true),
        (
            "cold load transfer, as served (bytes)",
            "<=",
            150_000.0,
            true,
        ),
        ("unlock (ms)", "<=", 400.0, true),
        ("unlock: longest task (ms)", "<=", 50.0, true),
        ("unlock with a passkey (ms)", "<=", 1000.0, true),
        ("unlock with a passkey: longest task (ms)", "<=", 50.0, true),
        ("unlock with PIN and passkey (ms)", "<=", 1000.0, true),
        (
            "unlock with PIN and passkey: longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        ("PIN reset: Unlock Code to codes (ms)", "<=", 2000.0, true),
        ("PIN reset: longest task (ms)", "<=", 50.0, true),
        (
            "import 10,000 links: file to preview (ms)",
            "<=",
            3000.0,
            true,
        ),
        ("import 10,000 links: longest task (ms)", "<=", 50.0, true),
        (
            "import 10,000 from 2FAS: file to preview (ms)",
            "<=",
            3000.0,
            true,
        ),
        (
            "import 10,000 from 2FAS: longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        ("save a change: press to saved (ms)", "<=", 250.0, true),
        ("500 identities: screen of codes (ms)", "<=", 100.0, true),
        ("500 identities: longest task (ms)", "<=", 50.0, true),
        ("500 identities: ticking (ms/s)", "<=", 4.0, true),
        ("2,000 identities: screen of codes (ms)", "<=", 150.0, true),
        (
            "2,000 identities: screen of codes, longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        ("2,000 identities: Search keystroke (ms)", "<=", 16.0, true),
        (
            "2,000 identities: Search, longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        (
            "2,000 identities: drag reorder stored (ms)",
            "<=",
            100.0,
            true,
        ),
        (
            "2,000 identities: drag reorder, longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        ("2,000 identities: ticking (ms/s)", "<=", 4.0, true),
        (
            "2,000 identities: code change, longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        (
            "2,000 identities: icon index, longest task (ms)",
            "<=",
            50.0,
            true,
        ),
        ("KDF: ratio ours / hash-wasm", "<=", 0.8, true),
        ("Lighthouse performance", ">=", 95.0, false),
        (lighthouse::MOBILE_SIMULATED_SCORE, ">=", 98.0, false),
        (lighthouse::MOBILE_SIMULATED_LCP, "<=", 1500.0, true),
        ("Lighthouse accessibility", ">=", 100.0, false),
        ("Lighthouse best practices", ">=", 100.0, false),
    ];
    let mut broken = Vec::new();
    println!("\n| measure | median | min | max | budget |");
    println!("|---|---|---|---|---|");
    for kind_name in ["HTML", "JS", "wasm", "CSS", "other"] {
        if let Some((raw, gz)) = bytes.get(kind_name) {
            println!("| cold load {kind_name}: raw / gzip (bytes) | {raw} / {gz} | | | |");
        }
    }
    let size_ok = total_gzip <= COLD_LOAD_GZIP_BUDGET || !part("cold");
    println!(
        "| cold load total gzip (bytes) | {total_gzip} | | | <= {COLD_LOAD_GZIP_BUDGET} {} |",
        if size_ok { "ok" } else { "BROKEN" }
    );
    if !size_ok {
        broken.push(format!(
            "cold load {total_gzip} B gzip > {COLD_LOAD_GZIP_BUDGET}"
        ));
    }
    let mut report = json!({ "runs": runs, "bytes": bytes.iter().map(|(k, (r, g))| (k.to_string(), json!({"raw": r, "gzip": g}))).collect::<serde_json::Map<_, _>>(), "cold_load_gzip_total": total_gzip, "files": files });
    let mut measures = serde_json::Map::new();
    for name in samples.0.keys() {
        let Some((median, min, max)) = samples.stat(name) else {
            continue;
        };
        let budget = budgets.iter().find(|b| b.0 == *name);
        let verdict = budget.map(|(_, op, limit, _)| {
            let ok = if *op == "<=" {
                median <= *limit
            } else {
                median >= *limit
            };
            if !ok {
                broken.push(format!("{name}: {median:.2} (budget {op} {limit})"));
            }
            format!("{op} {limit} {}", if ok { "ok" } else { "BROKEN" })
        });
        println!(
            "| {name} | {median:.2} | {min:.2} | {max:.2} | {} |",
            verdict.clone().unwrap_or_default()
        );
        measures.insert(
            name.to_string(),
            json!({ "median": median, "min": min, "max": max, "budget": verdict }),
        );
    }
    report["measures"] = Value::Object(measures);
    report["lighthouse_failing_audits"] = json!(lighthouse_failures);
    report["broken"] = json!(broken);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(
        dir.join("report.json"),
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .ok();
    if let Some(failing) = lighthouse_failures {
        println!("\nLighthouse audits not passed: {failing}");
    }
    println!("\nReport: target/bench/report.json");
    if !broken.is_empty() {
        println!("Budgets broken:\n- {}", broken.join("\n- "));
        std::process::exit(1);
    }
}
