//! Not a check: walks every screen of the release build and saves
//! screenshots at phone and desktop widths into target/screenshots, for a
//! person to look at (`make screenshots`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::shots::{open, shot, shots_dir, sized};
use served_tests::{Browser, StaticServer, dist_dir};

async fn walk(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_for_text("Create PIN").await;
    shot(&browser, &dir, width_name, "1-create-pin").await;
    browser.press("Use a password instead").await;
    browser.paste_into("new-pin", "Orbit lamp").await;
    browser.wait_for_text("Fair:").await;
    shot(&browser, &dir, width_name, "1b-create-password").await;
    browser.press("Use a PIN instead").await;
    browser.paste_into("new-pin", "123456").await;
    browser.paste_into("confirm-pin", "123456").await;
    browser.press("Create PIN").await;
    browser.wait_for_text("This PIN is too easy to guess").await;
    shot(&browser, &dir, width_name, "1a-easy-pin").await;
    browser.paste_into("new-pin", "").await;
    browser.paste_into("confirm-pin", "").await;
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    shot(&browser, &dir, width_name, "2-empty").await;
    browser.press("Activate a soft token identity").await;
    browser.wait_for_text("Serial Number").await;
    let issued = otp::activation::issue(None, None).unwrap();
    browser.type_into("Name", "AnyBank").await;
    let serial = issued.activation.serial.formatted().replace('-', "");
    browser.type_into("Serial Number", &serial).await;
    browser
        .type_into("Activation Code", "174577126942869")
        .await;
    shot(&browser, &dir, width_name, "3-activate-typing").await;
    browser.type_into("Activation Code", "9").await;
    shot(&browser, &dir, width_name, "3-activate-error").await;
    browser.clear_field("Activation Code").await;
    let code = issued.activation.activation_code.formatted();
    browser.type_into("Activation Code", code.as_str()).await;
    browser.press("Save").await;
    browser.wait_for_text("Enter this Registration Code").await;
    shot(&browser, &dir, width_name, "4-registration").await;
    browser.press("Done").await;
    browser.wait_for_text("AnyBank").await;
    shot(&browser, &dir, width_name, "5-codes").await;
    browser.press("Add identity").await;
    browser.wait_for_text("From a QR code").await;
    shot(&browser, &dir, width_name, "5a-add").await;
    browser.press("Type a secret").await;
    browser.type_into("Name", "alice@example.com").await;
    browser.type_into("Issuer (optional)", "Example").await;
    browser.type_into("Secret key", "JBSW Y3DP EHPK 3PXP").await;
    shot(&browser, &dir, width_name, "5b-type-secret").await;
    browser.press("Preview").await;
    browser.wait_for_text("Check before adding").await;
    shot(&browser, &dir, width_name, "5c-preview").await;
    browser.press("Add").await;
    browser.wait_for_text("Example (alice@example.com)").await;
    shot(&browser, &dir, width_name, "5d-codes-two").await;
    browser.press("Settings").await;
    browser.wait_for_text("Soft token identities").await;
    shot(&browser, &dir, width_name, "6-settings").await;
    browser.paste_into("current-pin", "97531").await;
    browser.paste_into("change-pin", "864297").await;
    browser.paste_into("change-pin-confirm", "864297").await;
    browser.press("Change PIN").await;
    browser.wait_for_text("That PIN is not correct.").await;
    browser
        .eval("document.getElementById('current-pin').scrollIntoView(); return true;")
        .await
        .unwrap();
    shot(&browser, &dir, width_name, "6b-change-pin").await;
    browser.press("Backups").await;
    browser.wait_for_text("Restore from a backup").await;
    shot(&browser, &dir, width_name, "6a-backups").await;
    browser
        .eval("const d = document.querySelector('details'); d.open = true; document.getElementById('understood').click(); d.scrollIntoView(); return true;")
        .await
        .unwrap();
    browser.press("Export otpauth links").await;
    browser.wait_for_text("A PIN has 4 to 16 digits.").await;
    shot(&browser, &dir, width_name, "6c-unencrypted-export").await;
    browser.press("Settings").await;
    browser.wait_for_text("Soft token identities").await;
    browser.press("AnyBank").await;
    browser.wait_for_text("Token type").await;
    shot(&browser, &dir, width_name, "7-identity").await;
    browser.press("Reactivate").await;
    browser
        .wait_for_text("You will need a new Serial Number")
        .await;
    shot(&browser, &dir, width_name, "8-warning").await;
    browser.press("Reactivate").await;
    browser.wait_for_text("Activate AnyBank").await;
    shot(&browser, &dir, width_name, "9-reactivate-form").await;
    browser.press("Lock").await;
    browser.wait_for_text("Enter your PIN").await;
    browser.type_into("PIN", "1111").await;
    browser.press("Unlock").await;
    browser.wait_for_text("attempts left").await;
    shot(&browser, &dir, width_name, "10-wrong-pin").await;
    browser.press("Forgot your PIN?").await;
    // After Reactivate no identity can reset the PIN: the way through a
    // backup is what shows.
    browser.wait_for_text("No soft token identity").await;
    shot(&browser, &dir, width_name, "14-reset-pin-none").await;
    browser.press("Back").await;
    browser.wait_for_text("Enter your PIN").await;
    // Storage taken away while open (as eviction does), then the start
    // after it.
    let origin = server.url("").trim_end_matches('/').to_owned();
    browser
        .cdp()
        .send_raw(
            "Storage.clearDataForOrigin",
            serde_json::json!({ "origin": origin, "storageTypes": "indexeddb,cache_storage,local_storage" }),
        )
        .await
        .unwrap();
    browser.wait_for_text("closed Soft Token's storage").await;
    shot(&browser, &dir, width_name, "11-storage-closed").await;
    browser.press("Reload").await;
    browser.wait_for_text("are gone").await;
    shot(&browser, &dir, width_name, "12-storage-gone").await;
    browser.quit().await;
}

/// The preview of a long list (80 links), drawn as a scrolling window.
async fn long_preview(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    let links: Vec<String> = (0..80u64)
        .map(|i| {
            let secret = otp::base32::encode(&(i + 1).to_be_bytes()).to_string();
            format!(
                "otpauth://totp/Service{i}:user{i}@example.com?secret={secret}&issuer=Service{i}"
            )
        })
        .collect();
    browser.press("Add identity").await;
    browser.paste_into("link", &links.join("\n")).await;
    browser.press("Read link").await;
    browser.wait_for_text("80 tokens will be added.").await;
    shot(&browser, &dir, width_name, "5e-long-preview").await;
    browser.quit().await;
}

/// WebKit's first screen and PIN screen, with the Home Screen note only
/// WebKit shows (no dark variant: WebKitWebDriver cannot emulate it).
async fn webkit_pin_screens(width: u32, height: u32) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_webkit().await.unwrap();
    sized(&browser, width, height).await;
    let dir = shots_dir();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.wait_for_text("Create PIN").await;
    shot(&browser, &dir, width, "1w-webkit-create-pin").await;
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Lock").await;
    browser.wait_for_text("Enter your PIN").await;
    shot(&browser, &dir, width, "1w-webkit-enter-pin").await;
    browser.quit().await;
}

/// Settings → Passkeys and the PIN screens with a passkey, with
/// Chromium's virtual authenticator (served at localhost for WebAuthn).
async fn passkey_screens(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser
        .driver
        .goto(server.localhost_url("/"))
        .await
        .unwrap();
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.add_virtual_authenticator(true).await;
    browser.press("Settings").await;
    browser.press("Add a passkey").await;
    browser.wait_for_text("Remove").await;
    browser
        .eval("document.getElementById('passkeys-heading').scrollIntoView(); return true;")
        .await
        .unwrap();
    shot(&browser, &dir, width_name, "13-passkeys").await;
    browser.press("Require a passkey with the PIN").await;
    browser.wait_for_text("If you lose every passkey").await;
    shot(&browser, &dir, width_name, "13a-require-passkey").await;
    browser.press("Lock").await;
    browser.wait_for_text("Unlock with a passkey").await;
    shot(&browser, &dir, width_name, "13b-unlock-with-passkey").await;
    browser.press("Unlock with a passkey").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Settings").await;
    browser.press("Require a passkey with the PIN").await;
    browser
        .type_into("Enter your PIN to confirm", "246810")
        .await;
    browser.press("Require a passkey").await;
    browser
        .wait_for_text("Soft Token opens only with your PIN and one of these passkeys together.")
        .await;
    browser.press("Lock").await;
    browser.wait_for_text("Then use your passkey").await;
    shot(&browser, &dir, width_name, "13c-pin-then-passkey").await;
    browser.quit().await;
}

/// Forgot your PIN? with an activated identity, and the new PIN after.
async fn reset_screens(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("246810").await;
    let secret = served_tests::selfservice::activate(&browser, "AnyBank").await;
    browser.press("Lock").await;
    browser.press("Forgot your PIN?").await;
    browser.wait_for_text("PIN Reset Code").await;
    shot(&browser, &dir, width_name, "14a-reset-pin").await;
    let reset = browser
        .element(thirtyfour::By::XPath(
            "//dt[normalize-space(.)='PIN Reset Code']/following-sibling::dd[1]",
        ))
        .await
        .text()
        .await
        .unwrap();
    let output = served_tests::selfservice::run(&[
        "unlock",
        "--secret-hex",
        &secret,
        "--reset-code",
        &reset,
    ]);
    browser
        .paste_into(
            "unlock-code",
            String::from_utf8_lossy(&output.stdout).trim(),
        )
        .await;
    browser.press("Unlock").await;
    browser.wait_for_text("Choose a new PIN").await;
    shot(&browser, &dir, width_name, "14b-new-pin").await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "produces pictures for a person to look at; run with make screenshots"]
async fn screenshots() {
    walk(412, 915, false).await;
    walk(1280, 800, false).await;
    walk(412, 915, true).await;
    long_preview(412, 915, false).await;
    long_preview(1280, 800, false).await;
    long_preview(412, 915, true).await;
    webkit_pin_screens(412, 915).await;
    webkit_pin_screens(1280, 800).await;
    passkey_screens(412, 915, false).await;
    passkey_screens(1280, 800, false).await;
    passkey_screens(412, 915, true).await;
    reset_screens(412, 915, false).await;
    reset_screens(1280, 800, false).await;
    reset_screens(412, 915, true).await;
}

/// Verify a transaction (reading, the details, the code, a refusal) and a
/// challenge-response identity's card and answer.
async fn transaction_screens(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("246810").await;
    let (secret, serial) =
        served_tests::selfservice::activate_with_serial(&browser, "AnyBank").await;
    let issued = served_tests::selfservice::json(&served_tests::selfservice::run(&[
        "transaction",
        "--secret-hex",
        &secret,
        "--serial",
        &serial,
        "--json",
        "--detail",
        "Amount=1,250.00 EUR",
        "--detail",
        "Payee=شركة الأمل للتجارة والمقاولات",
        "--detail",
        "IBAN=DE89 3704 0044 0532 0130 00",
        "--detail",
        "Reference=Invoice 2026/118, second instalment of the kitchen renovation, 東京支店",
    ]));
    let request = issued["uri"].as_str().unwrap_or_default().to_owned();
    browser.press("Settings").await;
    browser.press("AnyBank").await;
    browser.press("Verify a transaction").await;
    browser.wait_for_text("Transaction link").await;
    shot(&browser, &dir, width_name, "15a-verify-transaction").await;
    browser
        .paste_into("transaction-link", &request.replace("1%2C250", "9%2C250"))
        .await;
    browser.press("Check request").await;
    browser
        .wait_for_text("was changed after your bank issued it")
        .await;
    shot(&browser, &dir, width_name, "15b-transaction-refused").await;
    browser.paste_into("transaction-link", &request).await;
    browser.press("Check request").await;
    browser
        .wait_for_text("Do you want to confirm this transaction?")
        .await;
    shot(&browser, &dir, width_name, "15c-transaction-details").await;
    browser.press("Confirm").await;
    browser.wait_for_text("Confirmation code").await;
    shot(&browser, &dir, width_name, "15d-confirmation-code").await;
    browser.press("Done").await;
    browser
        .add_by_link("otpauth://ocra/Bank:signing?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&suite=OCRA-1%3AHOTP-SHA1-6%3AQN08-PSHA1&issuer=Bank")
        .await;
    browser.wait_for_text("Answer a challenge").await;
    shot(&browser, &dir, width_name, "15e-challenge-card").await;
    browser.press("Answer a challenge").await;
    browser.wait_for_text("Up to 8 digits").await;
    browser.paste_into("challenge", "12345678").await;
    browser.paste_into("challenge-pin", "1234").await;
    browser.press("Answer").await;
    browser
        .wait_for_text("Type this response where you were given the challenge.")
        .await;
    shot(&browser, &dir, width_name, "15f-challenge-response").await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "produces pictures for a person to look at; run with make screenshots"]
async fn screenshots_of_transactions() {
    transaction_screens(412, 915, false).await;
    transaction_screens(1280, 800, false).await;
    transaction_screens(412, 915, true).await;
    transaction_screens(1280, 800, true).await;
}
