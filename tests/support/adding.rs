//! Helpers of the adding tests: a link read, the preview's codes, Add.
#![allow(dead_code)]

use super::*;

pub fn matches_now(token: &otp::Token, shown: &str) -> bool {
    otp::verify(token, shown, now_seconds(), 1).is_some()
}

/// A random Base32 secret, so no two tests share a token.
pub fn random_secret() -> String {
    otp::base32::encode(&otp::random_bytes::<20>().unwrap()).to_string()
}

pub async fn open_add_identity(app: &Mounted) {
    create_pin(app).await;
    click(app, "Add identity").await;
    wait_for_text(app, "From a link").await;
}

pub async fn read_link(app: &Mounted, link: &str) {
    type_into(app, "Link", link).await;
    click(app, "Read link").await;
}

/// The codes the preview shows, digits only.
pub fn preview_codes(app: &Mounted) -> Vec<String> {
    let list = app.container.query_selector_all(".preview__code").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .map(|c| c.replace(' ', ""))
        .collect()
}

/// Presses Add on the preview and waits for the initial screen's codes.
pub async fn add_and_wait_for(app: &Mounted, count: usize) -> Vec<String> {
    click(app, "Add").await;
    let container = app.container.clone();
    wait_for(&format!("{count} codes"), TIMEOUT, || {
        let codes = shown_codes(&container);
        (codes.len() == count && codes.iter().all(|c| !c.is_empty())).then_some(codes)
    })
    .await
}

/// Reads these otpauth links (one per line), adds them all, and returns
/// their tokens and the codes the initial screen then shows, in order.
pub async fn add_links(app: &Mounted, links: &[String]) -> (Vec<otp::Token>, Vec<String>) {
    let tokens: Vec<otp::Token> = links
        .iter()
        .map(|link| otp::otpauth::parse(link).unwrap().token)
        .collect();
    read_link(app, &links.join("\n")).await;
    wait_for_text(app, &format!("{} tokens will be added.", links.len())).await;
    let shown = add_and_wait_for(app, links.len()).await;
    (tokens, shown)
}
