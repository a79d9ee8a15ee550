//! Transaction verification the way a bank's customer meets it, on the
//! release build with the real `selfservice` as the bank: it issues a
//! request and its QR code (`selfservice transaction --qr-png`), Chromium's
//! fake camera shows that picture, the app shows the details, Confirm
//! gives a code, and `selfservice transaction-verify` accepts it. A request
//! whose amount was changed on its way is refused on screen, with no code.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::pictures::{png_in_frame, temp_file, write_y4m};
use served_tests::selfservice::{activate_with_serial, assert_status, json, run};
use served_tests::{Browser, StaticServer, dist_dir};
use thirtyfour::prelude::*;

const PIN: &str = "864200";

/// The confirmation code or response on screen, digits only.
async fn shown_code(browser: &Browser) -> String {
    let shown = browser.element(By::Css(".registration__code")).await;
    shown.text().await.unwrap().replace(' ', "")
}

#[tokio::test]
async fn a_request_scanned_with_the_camera_is_confirmed_and_the_bank_accepts_the_code() {
    let png = temp_file("transaction.png");
    let video = temp_file("transaction.y4m");
    // Chromium opens the video when the camera starts, so it is written after activation.
    write_y4m(&video, 640, 480, &vec![255u8; 640 * 480]);
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_with_camera(&video).await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    let (secret, serial) = activate_with_serial(&browser, "AnyBank").await;

    let issued = json(&run(&[
        "transaction",
        "--secret-hex",
        &secret,
        "--serial",
        &serial,
        "--detail",
        "Amount=125.00 EUR",
        "--detail",
        "Payee=ACME Ltd",
        "--json",
        "--qr-png",
        png.to_str().unwrap(),
    ]));
    let request = issued["uri"].as_str().unwrap().to_owned();
    write_y4m(&video, 640, 480, &png_in_frame(&png, 640, 480));

    browser.press("Settings").await;
    browser.press("AnyBank").await;
    browser.press("Verify a transaction").await;
    browser.press("Scan with the camera").await;
    browser.wait_for_text("Pay 125.00 EUR to ACME Ltd").await;
    let text = browser.page_text().await;
    assert!(text.contains(&format!("Serial Number {serial}")), "{text}");
    browser.press("Confirm").await;
    let code = shown_code(&browser).await;
    assert_eq!(code.len(), 8, "{code}");
    let verified = run(&[
        "transaction-verify",
        "--secret-hex",
        &secret,
        "--request",
        &request,
        "--code",
        &code,
    ]);
    assert_status(&verified, 0, &code);

    // The same request with its amount changed on the way: refused, no code.
    browser.press("Done").await;
    browser.press("Settings").await;
    browser.press("AnyBank").await;
    browser.press("Verify a transaction").await;
    browser
        .paste_into("transaction-link", &request.replace("125.00", "925.00"))
        .await;
    browser.press("Check request").await;
    browser
        .wait_for_text("was changed after your bank issued it")
        .await;
    let text = browser.page_text().await;
    assert!(
        !text.contains("Confirm only if") && !text.contains("925.00 EUR"),
        "{text}"
    );
    assert!(
        browser
            .driver
            .find_all(By::Css(".registration__code"))
            .await
            .unwrap()
            .is_empty()
    );
    // And the bank refuses the first code for the changed request.
    let refused = run(&[
        "transaction-verify",
        "--secret-hex",
        &secret,
        "--request",
        &request.replace("125.00", "925.00"),
        "--code",
        &code,
    ]);
    assert_eq!(refused.status.code(), Some(2));

    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
    std::fs::remove_file(png).ok();
    std::fs::remove_file(video).ok();
}

/// A challenge-response identity from its link, answered from its card on
/// the release build. Pressing a link inside a card focuses it, and leaving
/// the list then sent a focusout to the disposed list, which stopped the app.
#[tokio::test]
async fn a_challenge_is_answered_from_its_card_and_selfservice_accepts_the_response() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    let suite = "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1";
    let secret_base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";
    browser
        .add_by_link(&format!(
            "otpauth://ocra/Bank:signing?secret={secret_base32}&suite={}&issuer=Bank",
            suite.replace(':', "%3A")
        ))
        .await;
    browser.press("Answer a challenge").await;
    browser.paste_into("challenge", "12345678").await;
    browser.paste_into("challenge-pin", "1234").await;
    browser.press("Answer").await;
    let response = shown_code(&browser).await;
    let checked = run(&[
        "ocra-verify",
        "--suite",
        suite,
        "--secret-hex",
        "3132333435363738393031323334353637383930313233343536373839303132",
        "--question",
        "12345678",
        "--counter",
        "0",
        "--pin",
        "1234",
        "--response",
        &response,
    ]);
    assert_status(&checked, 0, &response);
    browser.press("Done").await;
    browser.wait_for_text("Answer a challenge").await;
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
