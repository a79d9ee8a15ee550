//! The real `selfservice` command line, as the tests' Self-Service module.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `target/debug/selfservice` (`make test` builds it).
pub fn run(args: &[&str]) -> Output {
    let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/selfservice");
    assert!(
        binary.is_file(),
        "build it first: cargo build -p selfservice (make test does)"
    );
    match Command::new(&binary).args(args).output() {
        Ok(output) => output,
        Err(error) => panic!("cannot run {}: {error}", binary.display()),
    }
}

/// Asserts that a command exited with `status`, showing its stderr if not.
pub fn assert_status(output: &Output, status: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(status),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The JSON a successful `--json` command printed.
pub fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    match serde_json::from_slice(&output.stdout) {
        Ok(value) => value,
        Err(error) => panic!("selfservice printed no JSON: {error}"),
    }
}

/// From the initial screen: issues a Serial Number and Activation Code,
/// activates them in the app as `name`, completes the activation with the
/// Registration Code shown, and returns the token's secret (hex).
pub async fn activate(browser: &crate::Browser, name: &str) -> String {
    activate_with_serial(browser, name).await.0
}

/// As [`activate`], with the identity's Serial Number.
pub async fn activate_with_serial(browser: &crate::Browser, name: &str) -> (String, String) {
    use thirtyfour::By;
    browser.press("Activate a soft token identity").await;
    let issued = json(&run(&["issue", "--json"]));
    let serial = issued["serial"].as_str().unwrap_or_default();
    let activation = issued["activation_code"].as_str().unwrap_or_default();
    browser.type_into("Name", name).await;
    browser.type_into("Serial Number", serial).await;
    browser.type_into("Activation Code", activation).await;
    browser.press("Save").await;
    let registration = browser
        .element(By::Css(".registration__code"))
        .await
        .text()
        .await
        .unwrap_or_default();
    let completed = json(&run(&[
        "complete",
        "--serial",
        serial,
        "--activation",
        activation,
        "--registration",
        &registration,
        "--json",
    ]));
    browser.press("Done").await;
    let secret = completed["secret_hex"].as_str().unwrap_or_default();
    (secret.to_owned(), serial.to_owned())
}
