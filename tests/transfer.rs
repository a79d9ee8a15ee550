//! Moving tokens out without a file, on the real IndexedDB: Backups →
//! "Transfer to another app" shows Google Authenticator's transfer QR
//! codes after the PIN, one at a time, which read back (drawn, rasterized,
//! decoded) to every token; an identity's "Show QR code" reads back to its
//! link; a wrong PIN shows nothing and counts.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::migration::{self, BatchTracker};
use support::drawn_qr::read_shown_qr;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// 23 links: three transfer codes of 10, 10 and 3 tokens, plus one Steam
/// token that the format cannot hold.
fn links() -> String {
    let mut text = String::new();
    for i in 0..23 {
        let secret = otp::base32::encode(format!("secret number {i:04}").as_bytes());
        let kind = if i % 2 == 0 { "totp" } else { "hotp" };
        text.push_str(&format!(
            "otpauth://{kind}/Bank{i}:user{i}?secret={}&issuer=Bank{i}&counter={i}\n",
            secret.as_str()
        ));
    }
    text.push_str("otpauth://steam/Steam:gamer?secret=JRZCL47CMXVOQMNPZR2F7J4RGI\n");
    text
}

async fn add_links(app: &Mounted) {
    open_backups(app).await;
    choose_backup(app, &links());
    wait_for_text(app, "Check before adding").await;
    click(app, "Add").await;
    wait_for_text(app, "Bank0 (user0)").await;
}

#[wasm_bindgen_test]
async fn the_transfer_codes_read_back_to_every_token_after_the_pin() {
    let app = mount(&fresh_db_name("transfer"));
    create_pin(&app).await;
    add_links(&app).await;
    open_backups(&app).await;
    wait_for_text(&app, "Transfer to another app").await;
    type_into(&app, "Your PIN, to show the QR codes", "000000").await;
    click(&app, "Show transfer QR codes").await;
    wait_for_text(&app, "That PIN is not correct.").await;
    assert!(
        app.container
            .query_selector("svg.qr-code")
            .unwrap()
            .is_none()
    );
    type_into(&app, "Your PIN, to show the QR codes", PIN).await;
    click(&app, "Show transfer QR codes").await;
    wait_for_text(&app, "QR code 1 of 3: scan each in turn. 23 tokens in all.").await;
    // The Steam token is named with its reason.
    assert!(
        text_of(&app.container)
            .contains("Steam (gamer): Steam tokens cannot go in Google Authenticator's transfer")
    );
    let mut tracker = BatchTracker::default();
    let mut read = Vec::new();
    for index in 0..3 {
        wait_for_text(&app, &format!("QR code {} of 3", index + 1)).await;
        let batch = migration::parse(&read_shown_qr(&app.container)).unwrap();
        assert_eq!((batch.batch_index, batch.batch_size), (index, 3));
        let missing = tracker.record(&batch);
        read.extend(batch.entries);
        if index < 2 {
            assert!(!missing.is_empty());
            click(&app, "Next").await;
        } else {
            assert!(missing.is_empty());
        }
    }
    let wanted: Vec<_> = links()
        .lines()
        .take(23)
        .map(|line| otp::otpauth::parse(line).unwrap())
        .collect();
    assert_eq!(read, wanted);
    // The text of the links is nowhere in the page: only in the drawing.
    let html = app.container.inner_html();
    assert!(
        !html.contains("otpauth-migration") && !html.contains("secret="),
        "a link is in the page"
    );
    click(&app, "Done").await;
    wait_for_text(&app, "Show transfer QR codes").await;
    assert!(
        app.container
            .query_selector("svg.qr-code")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn an_identitys_qr_code_reads_back_to_its_link() {
    let app = mount(&fresh_db_name("transfer-one"));
    create_pin(&app).await;
    add_links(&app).await;
    click(&app, "Settings").await;
    click(&app, "user0").await;
    wait_for_text(&app, "Show QR code").await;
    type_into(&app, "Your PIN", PIN).await;
    click(&app, "Show QR code").await;
    wait_for_text(&app, "Hide QR code").await;
    let shown = otp::otpauth::parse(&read_shown_qr(&app.container)).unwrap();
    let wanted = otp::otpauth::parse(links().lines().next().unwrap()).unwrap();
    assert_eq!(shown, wanted);
    click(&app, "Hide QR code").await;
    wait_for_text(&app, "Show QR code").await;
    assert!(
        app.container
            .query_selector("svg.qr-code")
            .unwrap()
            .is_none()
    );
}
