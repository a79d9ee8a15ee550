//! Backups on the release build, with 100 identities: the encrypted export
//! (scrypt in the KDF worker) is timed into target/measurements, the file
//! Chromium saves is decrypted by an independent Python implementation, and
//! the unencrypted otpauth export lists every token.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::json;
use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const IDENTITIES: usize = 100;
const PASSWORD: &str = "orbit-lamp-river-42";

fn saved_file(dir: &Path, extension: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == extension))
}

#[tokio::test]
async fn exporting_a_hundred_identities_writes_an_aegis_file_python_decrypts() {
    let downloads =
        std::env::temp_dir().join(format!("softtoken-downloads-{}", std::process::id()));
    std::fs::remove_dir_all(&downloads).ok();
    std::fs::create_dir_all(&downloads).unwrap();
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser
        .cdp()
        .send_raw(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
        )
        .await
        .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("975310").await;
    browser.wait_for_text("No soft token identity yet.").await;

    // 100 tokens in one paste: a list of otpauth links.
    let links: Vec<String> = (0..IDENTITIES)
        .map(|i| {
            let secret = otp::base32::encode(&[i as u8 + 1; 20]).to_string();
            format!(
                "otpauth://totp/Service{i}:user{i}@example.com?secret={secret}&issuer=Service{i}"
            )
        })
        .collect();
    browser.press("Add identity").await;
    browser.paste_into("link", &links.join("\n")).await;
    browser.press("Read link").await;
    browser.wait_for_text("100 tokens will be added.").await;
    browser.press("Add").await;
    browser.wait_for_text("Not backed up").await;

    browser.press("Back up now").await;
    browser
        .element(By::Id("backup-password"))
        .await
        .send_keys(PASSWORD)
        .await
        .unwrap();
    browser
        .element(By::Id("backup-password-again"))
        .await
        .send_keys(PASSWORD)
        .await
        .unwrap();
    let started = Instant::now();
    browser.press("Export encrypted backup").await;
    browser.wait_for_text("with 100 tokens").await;
    let export_ms = started.elapsed().as_millis();
    let file = wait_for("the saved backup", Duration::from_secs(20), || async {
        saved_file(&downloads, "json")
    })
    .await;

    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../crates/vault/tests/aegis_decrypt.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .arg(PASSWORD)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let db: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let entries = db["entries"].as_array().unwrap();
    assert_eq!(entries.len(), IDENTITIES);
    for (i, entry) in entries.iter().enumerate() {
        assert_eq!(entry["issuer"], format!("Service{i}"));
        assert_eq!(
            entry["info"]["secret"],
            otp::base32::encode(&[i as u8 + 1; 20]).to_string()
        );
    }

    // Unencrypted, as otpauth links: only after the warning is accepted.
    browser
        .element(By::XPath(
            "//summary[normalize-space(.)='Export without encryption']",
        ))
        .await
        .click()
        .await
        .unwrap();
    browser
        .element(By::Id("understood"))
        .await
        .click()
        .await
        .unwrap();
    // And only with the PIN typed again.
    browser
        .element(By::Id("plain-export-pin"))
        .await
        .send_keys("975310")
        .await
        .unwrap();
    browser.press("Export otpauth links").await;
    let links_file = wait_for("the saved links", Duration::from_secs(20), || async {
        saved_file(&downloads, "txt")
    })
    .await;
    let saved = wait_for(
        "the links file to be complete",
        Duration::from_secs(10),
        || async {
            let text = std::fs::read_to_string(&links_file).ok()?;
            (text.lines().count() == IDENTITIES).then_some(text)
        },
    )
    .await;
    for line in saved.lines() {
        assert!(otp::otpauth::parse(line).is_ok(), "{line}");
    }

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/measurements");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("backup-export.txt"),
        format!("encrypted export of {IDENTITIES} identities (scrypt N=2^15 in the KDF worker): {export_ms} ms; file {} bytes\n", std::fs::metadata(&file).unwrap().len()),
    )
    .unwrap();
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
    std::fs::remove_dir_all(downloads).ok();
}

/// Issue 17, point 13: a list of 10,000 tokens (a large export) is read and
/// previewed on the release build; only the rows in view are drawn, and
/// scrolling through it costs no long task. The figures go to
/// target/measurements/preview-10000.txt.
#[tokio::test]
async fn a_ten_thousand_token_import_previews_only_the_rows_in_view_and_scrolls_smoothly() {
    const TOKENS: usize = 10_000;
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("975310").await;
    browser.wait_for_text("No soft token identity yet.").await;
    let links: Vec<String> = (0..TOKENS)
        .map(|i| {
            let secret = otp::base32::encode(&(i as u64 + 1).to_be_bytes()).to_string();
            format!("otpauth://totp/Bulk:user{i}?secret={secret}&issuer=Bulk")
        })
        .collect();
    browser.press("Add identity").await;
    browser.paste_into("link", &links.join("\n")).await;
    browser.observe_long_tasks().await;
    let started = Instant::now();
    browser.press("Read link").await;
    browser.wait_for_text("10000 tokens will be added.").await;
    let preview_ms = started.elapsed().as_millis();
    let reading_tasks = browser.long_tasks().await;
    let drawn = || async {
        browser
            .eval("return document.querySelectorAll('.preview').length;")
            .await
            .unwrap()
            .as_u64()
            .unwrap()
    };
    let first_drawn = drawn().await;
    assert!(first_drawn < 30, "{first_drawn} rows drawn of {TOKENS}");

    browser.observe_long_tasks().await;
    browser
        .eval("const w = document.querySelector('.preview-window'); w.scrollTop = w.scrollHeight; return true;")
        .await
        .unwrap();
    browser.wait_for_text("user9999").await;
    let scrolling_tasks = browser.long_tasks().await;
    let last_drawn = drawn().await;
    assert!(last_drawn < 30, "{last_drawn} rows drawn at the end");
    let longest = |tasks: &[f64]| tasks.iter().copied().fold(0.0, f64::max);
    assert!(
        longest(&scrolling_tasks) <= 50.0,
        "scrolling to the end blocked the page: {scrolling_tasks:?}"
    );

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/measurements");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("preview-10000.txt"),
        format!(
            "10000 links read and previewed: {preview_ms} ms; longest task while reading {:.0} ms; \
             rows drawn {first_drawn} then {last_drawn}; longest task while scrolling to the end {:.0} ms\n",
            longest(&reading_tasks),
            longest(&scrolling_tasks)
        ),
    )
    .unwrap();
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
