//! Importing 10,000 tokens (issue 21): from an export chosen in Settings →
//! Backups to its preview, and the longest main-thread task meanwhile (the
//! preview must stay responsive): a 10,000-line link list, and a 2FAS
//! export of 10,000 services (the JSON path).

use super::{PIN, Samples, launch_on, number};
use served_tests::StaticServer;
use served_tests::pictures::temp_file;
use std::time::Duration;

pub const IMPORTED: usize = 10_000;

fn links_file() -> std::path::PathBuf {
    let text: String = (0..IMPORTED)
        .map(|i| {
            let secret = otp::base32::encode(format!("import secret {i:06}").as_bytes());
            format!(
                "otpauth://totp/Service{i}:user{i}@example.com?secret={}&issuer=Service{i}\n",
                secret.as_str()
            )
        })
        .collect();
    let file = temp_file("ten-thousand.txt");
    std::fs::write(&file, text).expect("export written");
    file
}

fn two_fas_file() -> std::path::PathBuf {
    let services: Vec<serde_json::Value> = (0..IMPORTED)
        .map(|i| {
            let secret = otp::base32::encode(format!("import secret {i:06}").as_bytes());
            serde_json::json!({
                "name": format!("Service{i}"),
                "secret": secret.as_str(),
                "otp": { "account": format!("user{i}@example.com"), "issuer": format!("Service{i}"),
                         "digits": 6, "period": 30, "algorithm": "SHA1", "tokenType": "TOTP" }
            })
        })
        .collect();
    let document = serde_json::json!({ "schemaVersion": 4, "services": services });
    let file = temp_file("ten-thousand.2fas");
    std::fs::write(&file, document.to_string()).expect("export written");
    file
}

pub async fn import_run(server: &StaticServer, samples: &mut Samples) {
    let links = (
        "import 10,000 links: file to preview (ms)",
        "import 10,000 links: longest task (ms)",
    );
    import_one(server, samples, links_file(), links).await;
    let two_fas = (
        "import 10,000 from 2FAS: file to preview (ms)",
        "import 10,000 from 2FAS: longest task (ms)",
    );
    import_one(server, samples, two_fas_file(), two_fas).await;
}

async fn import_one(
    server: &StaticServer,
    samples: &mut Samples,
    file: std::path::PathBuf,
    (preview_row, task_row): (&'static str, &'static str),
) {
    let browser = launch_on(server).await;
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Settings").await;
    browser.press("Backups").await;
    browser.wait_for_text("Restore from a backup").await;
    browser
        .eval("window.__longTasks = []; window.__pickedAt = performance.now(); return true;")
        .await
        .expect("armed");
    browser.choose_file(&file).await;
    let shown = format!("{IMPORTED} tokens will be added.");
    served_tests::wait_for("the preview", Duration::from_secs(60), || async {
        browser.page_text().await.contains(&shown).then_some(())
    })
    .await;
    samples.add(
        preview_row,
        number(&browser, "return performance.now() - window.__pickedAt;").await,
    );
    samples.add(
        task_row,
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );
    browser.quit().await;
}
