//! The seed's steps on the release build, with the real `selfservice`
//! command line as the Self-Service module: issue, type the Serial Number
//! and Activation Code, Save, carry the Registration Code back to
//! `selfservice complete`, and `selfservice verify` accepts the code shown.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::selfservice::{json, run as selfservice};
use served_tests::{Browser, StaticServer, dist_dir};
use thirtyfour::prelude::*;

#[tokio::test]
async fn a_person_following_the_seed_ends_with_a_code_selfservice_accepts() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin("2580").await;
    browser.press("Activate a soft token identity").await;

    // Self-Service shows the user a new Serial Number and Activation Code.
    let issued = json(&selfservice(&["issue", "--json"]));
    let (serial, activation) = (
        issued["serial"].as_str().unwrap(),
        issued["activation_code"].as_str().unwrap(),
    );
    browser
        .element(By::Id("identity-name"))
        .await
        .send_keys("AnyBank")
        .await
        .unwrap();
    browser
        .element(By::Id("serial-number"))
        .await
        .send_keys(serial)
        .await
        .unwrap();
    browser
        .element(By::Id("activation-code"))
        .await
        .send_keys(activation)
        .await
        .unwrap();
    browser.press("Save").await;

    // The device shows a Registration Code; the user enters it into Self-Service.
    let registration = browser
        .element(By::Css(".registration__code"))
        .await
        .text()
        .await
        .unwrap();
    let completed = json(&selfservice(&[
        "complete",
        "--serial",
        serial,
        "--activation",
        activation,
        "--registration",
        &registration,
        "--json",
    ]));
    let secret = completed["secret_hex"].as_str().unwrap().to_owned();
    browser.press("Done").await;

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
    let errors = browser.console_errors().await.unwrap();
    assert!(errors.is_empty(), "console: {errors:#?}");
    browser.quit().await;
}
