//! Adding from a QR code on the release build: the camera (Chromium's fake
//! camera, playing a video of a QR code made here), a refused camera, and a
//! large photo through the real file picker, read without a main-thread
//! task over 50 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::pictures::{qr_picture, temp_file, write_png};
use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "864200";

/// One Chromium at a time in this file: the timing test measures the page,
/// not two other browsers competing for this machine's two cores.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A YUV4MPEG2 video (what Chromium's fake camera plays): grey frames of
/// the picture, neutral colour planes.
fn write_y4m(path: &Path, width: usize, height: usize, luma: &[u8]) {
    let mut file = std::fs::File::create(path).unwrap();
    writeln!(file, "YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; (width / 2) * (height / 2) * 2];
    for _ in 0..10 {
        file.write_all(b"FRAME\n").unwrap();
        file.write_all(luma).unwrap();
        file.write_all(&chroma).unwrap();
    }
}

async fn open_add_identity(browser: &Browser, server: &StaticServer) {
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Add identity").await;
    browser.wait_for_text("From a QR code").await;
}

#[tokio::test]
async fn the_camera_reads_a_qr_code() {
    let _alone = ONE_BROWSER.lock().await;
    let link = "otpauth://totp/Camera:frank@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Camera";
    let video = temp_file("qr.y4m");
    write_y4m(&video, 640, 480, &qr_picture(link, 640, 480, 6));
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_with(&[
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        &format!("--use-file-for-fake-video-capture={}", video.display()),
    ])
    .await
    .unwrap();
    open_add_identity(&browser, &server).await;
    browser.press("Scan with the camera").await;
    browser.wait_for_text("Check before adding").await;
    assert!(browser.page_text().await.contains("frank@example.com"));
    // The camera is released once the code is read.
    let live = browser
        .eval("return [...document.querySelectorAll('video')].filter(v => v.srcObject && v.srcObject.active).length;")
        .await
        .unwrap();
    assert_eq!(live, serde_json::json!(0));
    browser.press("Add").await;
    browser.wait_for_text("Camera (frank@example.com)").await;
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
    std::fs::remove_file(video).ok();
}

#[tokio::test]
async fn a_refused_camera_says_so_and_points_to_the_other_ways() {
    let _alone = ONE_BROWSER.lock().await;
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_with(&[
        "--use-fake-device-for-media-stream",
        "--deny-permission-prompts",
    ])
    .await
    .unwrap();
    open_add_identity(&browser, &server).await;
    browser.press("Scan with the camera").await;
    browser
        .wait_for_text("Soft Token may not use the camera: permission was denied.")
        .await;
    assert!(
        browser
            .page_text()
            .await
            .contains("open a picture of the QR code or paste the link instead")
    );
    browser.quit().await;
}

#[tokio::test]
async fn a_large_photo_is_read_without_blocking_the_page() {
    let _alone = ONE_BROWSER.lock().await;
    let link = "otpauth://totp/Photo:grace?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Photo";
    let photo = temp_file("photo.png");
    // 12 megapixels, as a phone camera takes.
    write_png(&photo, 4000, 3000, &qr_picture(link, 4000, 3000, 40));
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    open_add_identity(&browser, &server).await;
    browser.observe_long_tasks().await;
    let input = browser.element(By::Css("input[type=file]")).await;
    let started = std::time::Instant::now();
    input.send_keys(photo.display().to_string()).await.unwrap();
    browser.wait_for_text("Check before adding").await;
    let elapsed = started.elapsed();
    let long_tasks = browser.long_tasks().await;
    let longest = long_tasks.iter().copied().fold(0.0, f64::max);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/measurements");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("qr-photo.txt"),
        format!("4000x3000 PNG photo of a QR code: preview after {} ms; longest main-thread task {longest:.0} ms\n", elapsed.as_millis()),
    )
    .unwrap();
    assert!(
        longest <= 50.0,
        "a main-thread task took {longest} ms: {long_tasks:?}"
    );
    wait_for(
        "the code in the preview",
        Duration::from_secs(5),
        || async { browser.page_text().await.contains("grace").then_some(()) },
    )
    .await;
    browser.quit().await;
    std::fs::remove_file(photo).ok();
}
