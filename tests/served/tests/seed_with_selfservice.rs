//! The seed's steps on the release build, with the real `selfservice`
//! command line as the Self-Service module: issue, type the Serial Number
//! and Activation Code, Save, carry the Registration Code back to
//! `selfservice complete` (all in `served_tests::selfservice::activate`),
//! and `selfservice verify` accepts the code shown.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::selfservice::{activate, run as selfservice};
use served_tests::{Browser, StaticServer, dist_dir};
use thirtyfour::prelude::*;

#[tokio::test]
async fn a_person_following_the_seed_ends_with_a_code_selfservice_accepts() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("3947").await;
    let secret = activate(&browser, "AnyBank").await;

    let code = browser
        .element(By::Css(".token__code"))
        .await
        .text()
        .await
        .unwrap()
        .replace(' ', "");
    let verified = selfservice(&["verify", "--secret-hex", &secret, "--code", &code]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "selfservice verify rejected {code}"
    );
    assert!(browser.page_text().await.contains("AnyBank"));
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
