//! Adding from a QR code on the release build: the camera (Chromium's fake
//! camera, playing a video of a QR code made here), a refused camera, and a
//! large photo through the real file picker, read without a main-thread
//! task over 50 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::pictures::{qr_picture, temp_file, write_png, write_y4m};
use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::path::PathBuf;
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "864200";

/// One Chromium at a time in this file: the timing test measures the page,
/// not two other browsers competing for this machine's two cores.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
    let browser = Browser::launch_with_camera(&video).await.unwrap();
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
