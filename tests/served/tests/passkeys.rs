//! Passkeys on the release build in Chromium, with a virtual authenticator
//! from the DevTools WebAuthn domain (PRF, user verification, presence
//! simulated): Chromium-only, since only Chromium's driver offers one.
//! Served at http://localhost:PORT: WebAuthn refuses an IP address.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::Value;
use served_tests::{Browser, StaticServer, dist_dir};
use std::time::Instant;

const PIN: &str = "3947";

/// The JSON stored under `key` in `store`, copied out of the browser.
async fn stored(browser: &Browser, store: &str) -> Value {
    let value = browser
        .eval(&format!(
            "const db = await new Promise((ok, fail) => {{ const r = indexedDB.open('softtoken'); \
             r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); }}); \
             const text = await new Promise((ok, fail) => {{ \
               const r = db.transaction('{store}').objectStore('{store}').get('{store}'); \
               r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); }}); \
             db.close(); return text;"
        ))
        .await
        .unwrap();
    serde_json::from_str(value.as_str().unwrap()).unwrap()
}

/// The vault record as stored.
async fn stored_record(browser: &Browser) -> String {
    stored(browser, "vault").await["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A fresh profile on the app at localhost, with a PIN and one token.
async fn first_visit_with_a_token() -> (StaticServer, Browser, String) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    let url = server.localhost_url("/");
    browser.install_with_pin(&url, PIN).await;
    let secret = otp::base32::encode(&[7; 20]).to_string();
    browser
        .add_by_link(&format!(
            "otpauth://totp/Bank:ada?secret={secret}&issuer=Bank"
        ))
        .await;
    browser.wait_for_text("Bank (ada)").await;
    (server, browser, url)
}

async fn add_passkey(browser: &Browser) {
    browser.press("Settings").await;
    browser.wait_for_text("Passkeys").await;
    browser.press("Add a passkey").await;
}

async fn reopen(browser: &Browser, url: &str) {
    browser.driver.goto(url).await.unwrap();
    browser.wait_for_text("Enter your PIN").await;
}

#[tokio::test]
async fn a_passkey_unlocks_then_is_required_with_the_pin_and_then_is_not() {
    let (_server, browser, url) = first_visit_with_a_token().await;
    browser.add_virtual_authenticator(true).await;
    add_passkey(&browser).await;
    browser.wait_for_text("Remove").await;
    browser
        .wait_for_text("Your PIN alone still opens a copy of the vault")
        .await;

    // After a reload, one passkey tap instead of the PIN.
    reopen(&browser, &url).await;
    let started = Instant::now();
    browser.press("Unlock with a passkey").await;
    browser.wait_for_text("Bank (ada)").await;
    println!(
        "unlock with a passkey: {} ms",
        started.elapsed().as_millis()
    );

    // Required with the PIN: confirmed with the PIN, then the passkey.
    browser.press("Settings").await;
    browser.press("Require a passkey with the PIN").await;
    browser.wait_for_text("If you lose every passkey").await;
    browser.type_into("Enter your PIN to confirm", PIN).await;
    browser.press("Require a passkey").await;
    browser
        .wait_for_text("Soft Token opens only with your PIN and one of these passkeys together.")
        .await;

    // A copy of the record opens with no PIN alone: it has no slot a PIN
    // opens by itself.
    let copied = vault::SealedVault::parse(&stored_record(&browser).await).unwrap();
    assert!(!copied.pin_alone_opens());
    assert!(copied.passkeys().iter().all(|p| p.with_pin));
    assert_eq!(
        copied.unlock(&vault::Pin::new(PIN).unwrap()).unwrap_err(),
        vault::VaultError::NoPinSlot
    );

    // After a reload: the PIN, then the passkey; no passkey-alone button.
    reopen(&browser, &url).await;
    browser.wait_for_text("Then use your passkey").await;
    assert!(!browser.page_text().await.contains("Unlock with a passkey"));
    let started = Instant::now();
    browser.unlock(PIN).await;
    browser.wait_for_text("Bank (ada)").await;
    println!(
        "unlock with the PIN and a passkey: {} ms",
        started.elapsed().as_millis()
    );

    // Turned off again: the PIN alone opens.
    browser.press("Settings").await;
    browser.press("Stop requiring a passkey with the PIN").await;
    browser.type_into("Enter your PIN to confirm", PIN).await;
    browser.press("Stop requiring a passkey").await;
    browser
        .wait_for_text("Your PIN alone still opens a copy of the vault")
        .await;
    reopen(&browser, &url).await;
    browser.unlock(PIN).await;
    browser.wait_for_text("Bank (ada)").await;
    browser.quit().await;
}

#[tokio::test]
async fn without_its_authenticator_the_pin_and_passkey_unlock_says_so_and_changes_nothing() {
    let (_server, browser, url) = first_visit_with_a_token().await;
    let authenticator = browser.add_virtual_authenticator(true).await;
    add_passkey(&browser).await;
    browser.wait_for_text("Remove").await;
    browser.require_passkey(PIN).await;
    let before = stored_record(&browser).await;

    browser.remove_virtual_authenticator(&authenticator).await;
    reopen(&browser, &url).await;
    browser.unlock(PIN).await;
    // With no authenticator the browser would wait out its timeout; the
    // person cancels (the browser's own dialog has a Cancel too).
    browser.wait_for_text("Waiting for your passkey").await;
    browser.press("Cancel").await;
    browser
        .wait_for_text("The passkey was not used (cancelled, or the time ran out).")
        .await;
    assert_eq!(stored_record(&browser).await, before, "the vault changed");
    // No attempt was counted for a passkey that never answered.
    assert_eq!(stored(&browser, "meta").await["failures"], 0);
    browser.quit().await;
}

#[tokio::test]
async fn an_authenticator_without_prf_adds_nothing_and_says_why() {
    let (_server, browser, _url) = first_visit_with_a_token().await;
    browser.add_virtual_authenticator(false).await;
    let before = stored_record(&browser).await;
    add_passkey(&browser).await;
    browser
        .wait_for_text("This passkey cannot unlock Soft Token")
        .await;
    assert_eq!(stored_record(&browser).await, before, "a slot was written");
    browser.quit().await;
}

/// The lockout covers every way in: after five wrong PINs, the passkey
/// cannot be used either until the countdown ends, and a press of it
/// (were the button reached) is refused before any prompt.
#[tokio::test]
async fn a_lockout_after_wrong_pins_stops_the_passkey_too() {
    let (_server, browser, url) = first_visit_with_a_token().await;
    browser.add_virtual_authenticator(true).await;
    add_passkey(&browser).await;
    browser.wait_for_text("Remove").await;
    reopen(&browser, &url).await;
    browser.lock_out_with("1111").await;
    let passkey = browser
        .element(thirtyfour::By::XPath(
            "//button[normalize-space(.)='Unlock with a passkey']",
        ))
        .await;
    assert!(!passkey.is_enabled().await.unwrap());
    // Pressed anyway (the button enabled by a script): refused at once.
    browser
        .eval("const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Unlock with a passkey'); b.disabled = false; b.click(); return true;")
        .await
        .unwrap();
    browser
        .wait_for_text("Too many wrong PINs. Wait until the countdown ends.")
        .await;
    assert_eq!(stored(&browser, "meta").await["failures"], 0);
    assert_eq!(stored(&browser, "meta").await["lockouts"], 1);
    browser.quit().await;
}
