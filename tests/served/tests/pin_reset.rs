//! "Forgot your PIN?" the seed's way (issue 20), on the release build with
//! the real `selfservice` as the issuer: activate, lock yourself out with
//! five wrong PINs, give the Serial Number and PIN Reset Code to
//! `selfservice unlock`, type the Unlock Code it prints, choose a new PIN,
//! and see the same identity's code (`selfservice verify` accepts it). The
//! same Unlock Code then fails: it works once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::selfservice::{activate, run as selfservice};
use served_tests::{Browser, StaticServer, dist_dir};
use std::time::Instant;
use thirtyfour::prelude::*;

const PIN: &str = "3947";
const NEW_PIN: &str = "5826";

/// The text of the definition after `term` in the reset screen's list.
async fn shown(browser: &Browser, term: &str) -> String {
    browser
        .element(By::XPath(format!(
            "//dt[normalize-space(.)='{term}']/following-sibling::dd[1]"
        )))
        .await
        .text()
        .await
        .unwrap()
}

async fn unlock_code_for(browser: &Browser, secret: &str) -> String {
    let reset = shown(browser, "PIN Reset Code").await;
    let output = selfservice(&["unlock", "--secret-hex", secret, "--reset-code", &reset]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

async fn lock_out(browser: &Browser) {
    browser.press("Lock").await;
    browser.lock_out_with("1111").await;
}

#[tokio::test]
async fn a_forgotten_pin_is_reset_with_the_issuers_unlock_code_and_nothing_is_lost() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    let secret = activate(&browser, "AnyBank").await;
    lock_out(&browser).await;

    // Offered on the lockout message too.
    let pressed = Instant::now();
    browser.press("Forgot your PIN?").await;
    browser.wait_for_text("Reset your PIN").await;
    assert_eq!(shown(&browser, "Serial Number").await.len(), 11);
    let unlock_code = unlock_code_for(&browser, &secret).await;
    let last = unlock_code.chars().last().unwrap().to_digit(10).unwrap();
    let mistyped = format!(
        "{}{}",
        &unlock_code[..unlock_code.len() - 1],
        (last + 1) % 10
    );
    // During the lockout: the Unlock Code is the way back in.
    browser.paste_into("unlock-code", &mistyped).await;
    browser.press("Unlock").await;
    browser
        .wait_for_text("That Unlock Code is not correct. 4 attempts left")
        .await;
    browser.paste_into("unlock-code", &unlock_code).await;
    let typed = Instant::now();
    browser.press("Unlock").await;
    browser.wait_for_text("Choose a new PIN").await;
    browser.paste_into("new-pin", NEW_PIN).await;
    browser.paste_into("confirm-pin", NEW_PIN).await;
    browser.press("Save new PIN").await;
    browser.wait_for_text("AnyBank").await;
    let code = browser
        .element(By::Css(".token__code"))
        .await
        .text()
        .await
        .unwrap()
        .replace(' ', "");
    println!(
        "PIN reset: Unlock pressed to the codes, with the new PIN typed by the test: {} ms ({} ms from Forgot your PIN?, with the test's own steps)",
        typed.elapsed().as_millis(),
        pressed.elapsed().as_millis()
    );
    let verified = selfservice(&["verify", "--secret-hex", &secret, "--code", &code]);
    assert_eq!(verified.status.code(), Some(0), "the same identity's code");

    // The new PIN opens; the used Unlock Code does not.
    browser.press("Lock").await;
    browser.unlock(NEW_PIN).await;
    browser.wait_for_text("AnyBank").await;
    browser.press("Lock").await;
    browser.press("Forgot your PIN?").await;
    browser.wait_for_text("Reset your PIN").await;
    browser.paste_into("unlock-code", &unlock_code).await;
    browser.press("Unlock").await;
    browser
        .wait_for_text("That Unlock Code is not correct.")
        .await;
    browser.quit().await;
}

/// With a passkey required with the PIN, the Unlock Code still opens the
/// vault, and the person keeps the requirement: the passkey is asked once
/// to be bound to the new PIN, and the PIN screen asks for both after.
#[tokio::test]
async fn a_reset_with_a_passkey_required_keeps_it_when_the_person_chooses() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser
        .driver
        .goto(server.localhost_url("/"))
        .await
        .unwrap();
    browser.create_pin(PIN).await;
    let secret = activate(&browser, "AnyBank").await;
    browser.add_virtual_authenticator(true).await;
    browser.press("Settings").await;
    browser.press("Add a passkey").await;
    browser.wait_for_text("Remove").await;
    browser.require_passkey(PIN).await;

    browser.press("Lock").await;
    browser.press("Forgot your PIN?").await;
    browser.wait_for_text("Reset your PIN").await;
    let unlock_code = unlock_code_for(&browser, &secret).await;
    browser.paste_into("unlock-code", &unlock_code).await;
    browser.press("Unlock").await;
    browser.wait_for_text("Choose a new PIN").await;
    let keep = browser.element(By::Id("keep-passkeys")).await;
    assert!(keep.is_selected().await.unwrap(), "keeping is the default");
    browser.paste_into("new-pin", NEW_PIN).await;
    browser.paste_into("confirm-pin", NEW_PIN).await;
    browser.press("Save new PIN").await;
    browser.wait_for_text("AnyBank").await;

    browser.press("Lock").await;
    browser.wait_for_text("Then use your passkey").await;
    browser.unlock(NEW_PIN).await;
    browser.wait_for_text("AnyBank").await;
    browser.quit().await;
}
