//! Browser tests: the initial screen's codes change on their own when their
//! period ends, the bar follows the period, and a long list is drawn in
//! parts and ends whole and in order.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::adding::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn codes_change_on_their_own_when_the_period_ends_and_the_bar_follows_the_period() {
    let app = mount(&fresh_db_name("add-period"));
    open_add_identity(&app).await;
    // Two tokens on 2-second periods (one schedule, one shared time step)
    // and one on 30: the short ones must change while the page is left alone.
    let links: Vec<String> = [2, 2, 30]
        .iter()
        .enumerate()
        .map(|(i, period)| {
            format!(
                "otpauth://totp/Fast:token{i}?secret={}&period={period}",
                random_secret()
            )
        })
        .collect();
    let (tokens, first) = add_links(&app, &links).await;

    let container = app.container.clone();
    let changed = wait_for("the 2-second codes to change", TIMEOUT, || {
        let codes = shown_codes(&container);
        (codes.len() == 3 && codes[0] != first[0] && codes[1] != first[1]).then_some(codes)
    })
    .await;
    for (token, shown) in tokens.iter().zip(&changed) {
        assert!(
            otp::verify(token, shown, now_seconds(), 1).is_some(),
            "{shown} is not the current code"
        );
    }

    // Only the focused card speaks its seconds left.
    let first_card = app
        .container
        .query_selector(".token__main")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    let label = |card: &web_sys::HtmlElement| card.get_attribute("aria-label").unwrap_or_default();
    let says_seconds = |text: &str| text.contains("second left") || text.contains("seconds left");
    assert!(!says_seconds(&label(&first_card)), "{}", label(&first_card));
    first_card.focus().unwrap();
    let spoken = wait_for("the focused card's seconds left", TIMEOUT, || {
        let text = label(&first_card);
        says_seconds(&text).then_some(text)
    })
    .await;
    assert!(
        spoken.contains("1 second left") || spoken.contains("2 seconds left"),
        "a 2-second period has 1 or 2 seconds left: {spoken}"
    );
    first_card.blur().unwrap();
    wait_for("the label without seconds after blur", TIMEOUT, || {
        (!says_seconds(&label(&first_card))).then_some(())
    })
    .await;

    let bars = app.container.query_selector_all(".token__time").unwrap();
    assert_eq!(bars.length(), 3, "each TOTP card has its time-left bar");
    let window = web_sys::window().unwrap();
    let periods_ms = [2000.0, 2000.0, 30000.0];
    for (i, period_ms) in periods_ms.iter().enumerate() {
        let bar = bars
            .item(i as u32)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap();
        let style = window.get_computed_style(&bar).unwrap().unwrap();
        let duration = style.get_property_value("animation-duration").unwrap();
        assert_eq!(
            duration,
            format!("{}s", period_ms / 1000.0),
            "bar {i} lasts one period"
        );
        // Four steps a second (style/main.css reads these), once a second
        // under reduced motion.
        let period_s = period_ms / 1000.0;
        assert_eq!(
            style.get_property_value("--bar-steps").unwrap().trim(),
            format!("{}", period_s * 4.0),
            "bar {i} steps"
        );
        assert_eq!(
            style.get_property_value("--bar-seconds").unwrap().trim(),
            format!("{period_s}"),
            "bar {i} seconds"
        );
        // The negative delay is the time already gone in this period.
        let delay = style.get_property_value("animation-delay").unwrap();
        let gone_ms = -delay
            .trim_end_matches("ms")
            .trim_end_matches('s')
            .parse::<f64>()
            .unwrap()
            * if delay.ends_with("ms") { 1.0 } else { 1000.0 };
        assert!(
            (0.0..*period_ms).contains(&gone_ms),
            "bar {i} starts {gone_ms} ms into a {period_ms} ms period"
        );
    }
}

#[wasm_bindgen_test]
async fn a_long_list_is_drawn_in_parts_and_ends_whole_and_in_order() {
    let app = mount(&fresh_db_name("add-many"));
    open_add_identity(&app).await;
    // More than the cards drawn with the screen plus two later frames' worth,
    // so the list must keep adding until the last one.
    const COUNT: usize = 130;
    let links: Vec<String> = (0..COUNT)
        .map(|i| format!("otpauth://totp/Many:user{i}?secret={}", random_secret()))
        .collect();
    let (tokens, shown) = add_links(&app, &links).await;
    for (i, (token, code)) in tokens.iter().zip(&shown).enumerate() {
        assert!(
            otp::verify(token, code, now_seconds(), 1).is_some(),
            "card {i} shows {code}, not its token's code"
        );
    }
    let names = app.container.query_selector_all(".token__name").unwrap();
    assert_eq!(names.length() as usize, COUNT);
    for i in [0, 23, 24, 73, 74, COUNT - 1] {
        let name = names.item(i as u32).unwrap().text_content().unwrap();
        assert!(name.contains(&format!("user{i}")), "card {i} is {name}");
    }
}
