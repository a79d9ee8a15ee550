//! Each code card's bar drains with the clock, wherever the card has been:
//! a card moved in the list, or hidden by Search and shown again, has its
//! node put back in the page, which starts its CSS animation over; the bar
//! is placed where the clock is again, not left where it was when the card
//! was drawn. Read from the running animations themselves (the browser
//! tests have no stylesheet, so no animation).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::{Browser, StaticServer, dist_dir, wait_for};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const PIN: &str = "864209";

fn link(name: &str) -> String {
    let secret = otp::base32::encode(format!("bar secret of {name}").as_bytes());
    format!(
        "otpauth://totp/{name}:{name}@example.com?secret={}&issuer={name}",
        secret.as_str()
    )
}

/// How far (ms) each shown bar is from where the clock is in its 30 s
/// period: its animation's time less its (negative) delay.
const BARS_APART: &str = "return [...document.querySelectorAll('li.token:not([hidden]) .token__time')].map(bar => { \
    const animation = bar.getAnimations()[0]; if (!animation) return null; \
    const at = ((animation.currentTime - animation.effect.getTiming().delay) % 30000 + 30000) % 30000; \
    const apart = Math.abs(at - Date.now() % 30000); return Math.min(apart, 30000 - apart); });";

async fn wait_for_bars_on_the_clock(browser: &Browser, what: &str) {
    wait_for(what, Duration::from_secs(10), || async {
        let apart: Vec<Option<f64>> =
            serde_json::from_value(browser.eval(BARS_APART).await.ok()?).ok()?;
        (!apart.is_empty() && apart.iter().all(|a| a.is_some_and(|a| a < 1_500.0))).then_some(())
    })
    .await;
}

/// Lets 3 s pass: long enough for a bar started over with the delay its
/// card was drawn with to be off by more than the tolerance.
async fn let_time_pass() {
    let from = Instant::now();
    wait_for("3 s to pass", Duration::from_secs(10), || async {
        (from.elapsed() > Duration::from_secs(3)).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_moved_card_and_a_card_shown_again_drain_with_the_clock() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.install_with_pin(&server.url("/"), PIN).await;
    for name in ["Alpha", "Beta", "Gamma"] {
        browser.add_by_link(&link(name)).await;
        browser
            .wait_for_text(&format!("{name} ({name}@example.com)"))
            .await;
    }
    wait_for_bars_on_the_clock(&browser, "the bars as drawn").await;

    // A card dropped on the next one takes its place.
    let_time_pass().await;
    browser
        .eval(
            "const cards = document.querySelectorAll('li.token'); const transfer = new DataTransfer(); \
             const send = (target, type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer })); \
             const grip = cards[0].querySelector('.token__grip'); \
             send(grip, 'dragstart'); send(cards[1], 'dragover'); send(cards[1], 'drop'); send(grip, 'dragend'); return true;",
        )
        .await
        .unwrap();
    browser
        .wait_for_text("Alpha (Alpha@example.com) moved to position 2 of 3.")
        .await;
    wait_for_bars_on_the_clock(&browser, "the bars after a move").await;

    // Every card hidden by Search, then shown again.
    browser.type_into("Search", "nothing like it").await;
    browser.wait_for_text("No identity matches").await;
    let_time_pass().await;
    browser
        .field("Search")
        .await
        .send_keys(Key::Escape)
        .await
        .unwrap();
    browser.wait_for_text("Gamma (Gamma@example.com)").await;
    wait_for_bars_on_the_clock(&browser, "the bars shown again").await;
    browser.quit().await;
}
