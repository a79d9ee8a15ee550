//! Brand icons on the served build: an issuer the pack knows shows its icon
//! (the real `icons/<slug>.svg`, drawn), one it does not shows its letter;
//! a person chooses another icon, or the letter, in the identity's
//! settings, and the choice is kept; the index is fetched only after the
//! initial screen, never for the PIN screen; and an icon seen once shows
//! offline, from the service worker's cache.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::json;
use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::Duration;
use thirtyfour::prelude::*;

const PIN: &str = "864213";
const GITHUB: &str = "otpauth://totp/GitHub:lee@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";
const BANK: &str = "otpauth://totp/Northwind%20Bank:lee?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Northwind%20Bank";

/// What the card named `name` shows beside it: `icon:<slug>` once its
/// image has drawn, or `letter:<text>`.
async fn avatar_of(browser: &Browser, name: &str) -> Option<String> {
    let script = "const [name] = arguments;
        const card = [...document.querySelectorAll('.token')]
            .find(c => c.querySelector('.token__name')?.textContent === name);
        const avatar = card?.querySelector('.avatar');
        if (!avatar) return null;
        if (avatar.tagName === 'IMG')
            return avatar.complete && avatar.naturalWidth > 0 ? 'icon:' + avatar.dataset.icon : 'loading';
        return 'letter:' + avatar.textContent.trim();";
    let value = browser
        .driver
        .execute(script, vec![json!(name)])
        .await
        .ok()?
        .json()
        .clone();
    value.as_str().map(str::to_owned)
}

async fn wait_for_avatar(browser: &Browser, name: &str, expected: &str) {
    wait_for(
        &format!("{name}'s avatar {expected}"),
        Duration::from_secs(20),
        || async { (avatar_of(browser, name).await.as_deref() == Some(expected)).then_some(()) },
    )
    .await;
}

/// How many times the page fetched the icon index so far.
async fn index_fetches(browser: &Browser) -> u64 {
    browser
        .eval("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/icon-index.txt')).length;")
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// Settings, then the identity named `name` (its name, as Settings lists it).
async fn open_settings_of(browser: &Browser, name: &str) {
    browser.press("Settings").await;
    browser.press(name).await;
    browser.wait_for_text("Find an icon").await;
}

#[tokio::test]
async fn issuers_show_their_icon_or_letter_and_a_person_chooses_another() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(&server.url("/")).await.unwrap();
    browser.wait_until_controlled().await;
    browser.wait_for_text("Create").await;
    // The PIN screen needs no icon.
    assert_eq!(index_fetches(&browser).await, 0);
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    // Once the initial screen is up, the index is fetched, once.
    wait_for(
        "the icon index fetched",
        Duration::from_secs(20),
        || async { (index_fetches(&browser).await == 1).then_some(()) },
    )
    .await;
    browser.add_by_link(GITHUB).await;
    browser.wait_for_text("GitHub (lee@example.com)").await;
    browser.add_by_link(BANK).await;
    browser.wait_for_text("Northwind Bank (lee)").await;

    wait_for_avatar(&browser, "GitHub (lee@example.com)", "icon:github").await;
    wait_for_avatar(&browser, "Northwind Bank (lee)", "letter:N").await;
    // The card's accessible name still begins with what it shows.
    let label = browser
        .element(By::Css(".token__main"))
        .await
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap();
    assert!(label.starts_with("GitHub (lee@example.com) "), "{label}");

    // Northwind Bank: a chosen icon, found by name.
    open_settings_of(&browser, "lee").await;
    browser
        .wait_for_text("A letter: no icon matches the issuer.")
        .await;
    browser.type_into("Find an icon", "mastodon").await;
    browser.press("Mastodon").await;
    browser.wait_for_text("Mastodon, as you chose.").await;
    browser.clear_field("Find an icon").await;
    browser.type_into("Find an icon", "zzzzqqq").await;
    browser.wait_for_text("No icon matches “zzzzqqq”.").await;
    // GitHub: the letter instead.
    open_settings_of(&browser, "lee@example.com").await;
    browser
        .wait_for_text("GitHub, matched by the issuer.")
        .await;
    browser.press("Use a letter").await;
    browser.wait_for_text("A letter, as you chose.").await;

    browser.press("Soft Token").await;
    wait_for_avatar(&browser, "Northwind Bank (lee)", "icon:mastodon").await;
    wait_for_avatar(&browser, "GitHub (lee@example.com)", "letter:G").await;

    // The choices are in the vault: kept after a reload and an unlock.
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    wait_for_avatar(&browser, "Northwind Bank (lee)", "icon:mastodon").await;
    wait_for_avatar(&browser, "GitHub (lee@example.com)", "letter:G").await;
    // And back to the issuer's own.
    open_settings_of(&browser, "lee@example.com").await;
    browser.press("Use the issuer's icon").await;
    browser
        .wait_for_text("GitHub, matched by the issuer.")
        .await;
    browser.press("Soft Token").await;
    wait_for_avatar(&browser, "GitHub (lee@example.com)", "icon:github").await;

    // Offline, the icons seen come from the service worker.
    browser.go_offline().await;
    drop(server);
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    wait_for_avatar(&browser, "GitHub (lee@example.com)", "icon:github").await;
    wait_for_avatar(&browser, "Northwind Bank (lee)", "icon:mastodon").await;
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
