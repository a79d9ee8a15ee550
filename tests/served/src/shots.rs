//! What `make screenshots` shares: a served release build in Chromium at a
//! size and color scheme, and pictures saved into target/screenshots.
#![allow(clippy::unwrap_used)] // a screenshot run stops at the first failure

use crate::{Browser, StaticServer, dist_dir};
use std::path::PathBuf;
use std::time::Duration;

pub async fn shot(browser: &Browser, dir: &std::path::Path, width: u32, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    browser
        .driver
        .screenshot(&dir.join(format!("{width}-{name}.png")))
        .await
        .unwrap();
}

/// target/screenshots, made if missing.
pub fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// At `width` × `height`.
pub async fn sized(browser: &Browser, width: u32, height: u32) {
    browser
        .driver
        .set_window_rect(0, 0, width, height)
        .await
        .unwrap();
}

/// The build served and a browser at `width` × `height`, light or dark;
/// the folder for the pictures, and the width their names carry (one more
/// for dark).
pub async fn open(width: u32, height: u32, dark: bool) -> (StaticServer, Browser, PathBuf, u32) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    sized(&browser, width, height).await;
    if dark {
        browser
            .cdp()
            .send_raw("Emulation.setEmulatedMedia", serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}))
            .await
            .unwrap();
    }
    let dir = shots_dir();
    (server, browser, dir, if dark { width + 1 } else { width })
}
