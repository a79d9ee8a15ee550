//! Not a check: the screens of a long list (Search and the group chips on
//! the initial screen, a search with no match, Settings → The list, an
//! identity's "In the list" and its icon, the next code, hidden codes),
//! at phone and desktop widths, light and dark, for a person to look at
//! (`make screenshots`). The initial screen shows brand icons (GitHub,
//! Steam) and letters.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::shots::{open, shot};
use thirtyfour::prelude::*;

/// Ticks the checkbox in the label that reads `text`.
async fn tick(browser: &served_tests::Browser, text: &str) {
    let label = browser
        .element(By::XPath(format!("//label[normalize-space(.)='{text}']")))
        .await;
    label.click().await.unwrap();
}

const LINKS: &str = "otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n\
otpauth://totp/Z%C3%BCrich%20Bank:jos%C3%A9?secret=GEZDGNBVGY3TQOJQ&issuer=Z%C3%BCrich%20Bank\n\
otpauth://totp/Mail:work%40example.com?secret=MFRGGZDFMZTWQ2LK\n\
otpauth://totp/Steam:gamer?secret=KRSXG5CTMVRXEZLU&issuer=Steam";

async fn list_screens(width: u32, height: u32, dark: bool) {
    let (server, browser, dir, width_name) = open(width, height, dark).await;
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("246810").await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Add identity").await;
    browser.type_into("Link", LINKS).await;
    browser.press("Read link").await;
    browser.wait_for_text("4 tokens will be added.").await;
    browser.press("Add").await;
    browser.wait_for_text("Steam (gamer)").await;
    browser.press("Settings").await;
    for group in ["Work", "Personal"] {
        browser.type_into("New group", group).await;
        browser.press("Create group").await;
        browser
            .wait_for_text(&format!("Name of group {group}"))
            .await;
    }
    shot(&browser, &dir, width_name, "17c-settings-the-list").await;
    browser.press("work@example.com").await;
    browser.wait_for_text("In the list").await;
    tick(&browser, "Pin to top").await;
    tick(&browser, "Work").await;
    shot(&browser, &dir, width_name, "17d-identity-in-the-list").await;
    browser.type_into("Find an icon", "git").await;
    browser.wait_for_text("GitHub Pages").await;
    let results = browser.element(By::Css("[aria-label='Icons found']")).await;
    browser.scroll_to_middle(&results).await;
    shot(&browser, &dir, width_name, "17h-identity-icon").await;
    browser.press("Soft Token").await;
    browser.wait_for_text("Mail (work@example.com)").await;
    browser.press("Dismiss").await;
    shot(&browser, &dir, width_name, "17a-search-and-chips").await;
    browser.type_into("Search", "zurich").await;
    browser.wait_for_text("1 of 4 identities shown").await;
    shot(
        &browser,
        &dir,
        width_name,
        "17b-search-finds-without-accents",
    )
    .await;
    browser.type_into("Search", "nothing").await;
    browser.wait_for_text("No identity matches").await;
    shot(&browser, &dir, width_name, "17e-no-match").await;
    browser.clear_field("Search").await;
    browser.press("Settings").await;
    tick(&browser, "Show the next code").await;
    browser.press("Soft Token").await;
    // In the last 10 seconds of a code (at most 20 s away).
    browser.wait_for_text("Next ").await;
    shot(&browser, &dir, width_name, "17f-next-code").await;
    browser.press("Settings").await;
    tick(&browser, "Hide codes until tapped").await;
    browser.press("Soft Token").await;
    browser.wait_for_text("••• •••").await;
    shot(&browser, &dir, width_name, "17g-hidden-codes").await;
    browser.quit().await;
}

#[tokio::test]
#[ignore = "produces pictures for a person to look at; run with make screenshots"]
async fn screenshots_of_a_long_list() {
    list_screens(412, 915, false).await;
    list_screens(1280, 800, false).await;
    list_screens(412, 915, true).await;
    list_screens(1280, 800, true).await;
}
