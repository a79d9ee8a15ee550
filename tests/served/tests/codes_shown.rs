//! How codes show, as a person sets it in Settings → The list: the next
//! code in the last 10 seconds of the current one, and codes hidden until
//! a press reveals one for 30 seconds (a press then copying it). The codes
//! are checked against the otp crate's, for the secret typed in.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use thirtyfour::prelude::*;

const PIN: &str = "975310";
const NAME: &str = "Shown (lee@example.com)";
const LINK: &str =
    "otpauth://totp/Shown:lee@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shown";

/// The code of the link's token for time step `counter`, grouped as shown.
fn code_for(counter: u64) -> String {
    let secret = otp::base32::decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap();
    let token = otp::Token::new(
        secret,
        otp::Algorithm::Sha1,
        6,
        otp::Kind::Totp { period: 30, t0: 0 },
    )
    .unwrap();
    let code = token.code_for_counter(counter);
    format!("{} {}", &code[..3], &code[3..])
}

fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Installed, with the link's identity, and `setting` ticked in Settings.
async fn with_setting(setting: &str) -> (StaticServer, Browser) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    browser.add_by_link(LINK).await;
    browser.wait_for_text(NAME).await;
    browser.press("Settings").await;
    let checkbox = browser
        .element(By::XPath(format!(
            "//label[normalize-space(.)='{setting}']/input"
        )))
        .await;
    checkbox.click().await.unwrap();
    assert!(checkbox.is_selected().await.unwrap());
    browser.press("Soft Token").await;
    browser.wait_for_text(NAME).await;
    (server, browser)
}

async fn card_label(browser: &Browser) -> String {
    browser
        .element(By::Css(".token__main"))
        .await
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_next_code_shows_in_the_last_10_seconds_and_becomes_the_code() {
    let (_server, browser) = with_setting("Show the next code").await;
    // Before the last 10 seconds there is no next code. From 2 s into a
    // step: the page's clock ticks up to a second after the test's.
    wait_for(
        "a step's seconds 2 to 14",
        Duration::from_secs(30),
        || async { (2..15).contains(&(unix_seconds() % 30)).then_some(()) },
    )
    .await;
    let page = browser.page_text().await;
    assert!(
        !page.contains("Next "),
        "at {} s: {page}",
        unix_seconds() % 30
    );
    browser.wait_for_text("Next ").await;
    let now = unix_seconds();
    let step = now / 30;
    assert!(now % 30 >= 19, "the next code showed at {} s", now % 30);
    let next = code_for(step + 1);
    browser.wait_for_text(&format!("Next {next}")).await;
    let label = card_label(&browser).await;
    assert!(
        label.starts_with(&format!("{NAME} {}, next {next}", code_for(step))),
        "{label}"
    );
    // At the step's end the next code is the code, and no next shows.
    wait_for("the next step", Duration::from_secs(15), || async {
        let code = browser.element(By::Css(".token__code")).await;
        (code.text().await.ok()? == next).then_some(())
    })
    .await;
    assert!(!browser.page_text().await.contains("Next "));
    browser.quit().await;
}

#[tokio::test]
async fn hidden_codes_show_for_30_seconds_when_pressed_and_copy_on_a_second_press() {
    let (_server, browser) = with_setting("Hide codes until tapped").await;
    let shown = browser.element(By::Css(".token__code")).await;
    assert_eq!(shown.text().await.unwrap(), "••• •••");
    let page = browser.page_text().await;
    let step = unix_seconds() / 30;
    for counter in [step, step + 1] {
        assert!(!page.contains(&code_for(counter)), "a hidden code is shown");
    }
    let label = card_label(&browser).await;
    assert_eq!(label, format!("{NAME}, code hidden. Press to show it."));
    assert!(!label.chars().any(|c| c.is_ascii_digit()), "{label}");

    // The first press (Enter on the focused card) shows it, copying nothing.
    let card = browser.element(By::Css(".token__main")).await;
    card.send_keys(Key::Enter).await.unwrap();
    let revealed = Instant::now();
    wait_for("the code shown", Duration::from_secs(10), || async {
        let text = shown.text().await.ok()?;
        (text.chars().any(|c| c.is_ascii_digit())).then_some(())
    })
    .await;
    let now = unix_seconds() / 30;
    let text = shown.text().await.unwrap();
    assert!(
        text == code_for(now) || text == code_for(now - 1),
        "shown {text}"
    );
    assert!(!browser.page_text().await.contains("Copied"));
    assert!(
        card_label(&browser)
            .await
            .starts_with(&format!("{NAME} {text}"))
    );
    // A press while it shows copies it.
    card.click().await.unwrap();
    browser.wait_for_text("Copied").await;
    // After 30 seconds it is dots again.
    wait_for("the code hidden again", Duration::from_secs(45), || async {
        (shown.text().await.ok()? == "••• •••").then_some(())
    })
    .await;
    let after = revealed.elapsed();
    assert!(
        after >= Duration::from_millis(29_500),
        "hidden after {after:?}"
    );
    browser.quit().await;
}
