//! Helpers of the activation and session tests: the seed's activation with
//! the issuer's codes, and the first code shown.
#![allow(dead_code)]

use super::*;
use otp::activation::{ActivationDigits, RegistrationCode, derive_secret, derive_token, issue};

/// True when `shown` is the token's code now or at a neighbouring step (the
/// test may straddle a period boundary).
pub fn matches_now(token: &otp::Token, shown: &str) -> bool {
    otp::verify(token, shown, now_seconds(), 1).is_some()
}

/// Activates with a fresh Self-Service issue; returns the token Self-Service
/// derives from the registration code shown on screen.
pub async fn activate_with_self_service(app: &Mounted, name: Option<&str>) -> otp::Token {
    activate_issued(app, name).await.0
}

/// The activation screen's words in one language.
pub struct SeedWords {
    pub name: &'static str,
    pub serial: &'static str,
    pub activation: &'static str,
    pub save: &'static str,
    /// What the Registration Code's screen says to do with it.
    pub registration: &'static str,
}

pub const ENGLISH: SeedWords = SeedWords {
    name: "Name",
    serial: "Serial Number",
    activation: "Activation Code",
    save: "Save",
    registration: "Enter this Registration Code into Self-Service to complete activation",
};

/// As [`activate_with_self_service`], with the identity's Serial Number.
pub async fn activate_issued(
    app: &Mounted,
    name: Option<&str>,
) -> (otp::Token, otp::activation::SerialNumber) {
    activate_issued_in(app, name, &ENGLISH).await
}

/// [`activate_issued`] on a screen in another language, its labels `words`.
pub async fn activate_issued_in(
    app: &Mounted,
    name: Option<&str>,
    words: &SeedWords,
) -> (otp::Token, otp::activation::SerialNumber) {
    let issued = issue(None, None).unwrap();
    if let Some(name) = name {
        type_into(app, words.name, name).await;
    }
    type_into(app, words.serial, &issued.activation.serial.formatted()).await;
    type_into(
        app,
        words.activation,
        &issued.activation.activation_code.formatted(),
    )
    .await;
    click(app, words.save).await;
    let shown = registration_code_shown(app).await;
    assert!(text_of(&app.container).contains(words.registration));
    // Self-Service: check the typed code, derive the secret.
    let registration = RegistrationCode::parse(&shown).unwrap();
    assert!(
        registration.is_for(&issued.activation.activation_code),
        "{shown} was not made for this activation"
    );
    let secret = derive_secret(
        &issued.activation.serial,
        &issued.activation.activation_code,
        &registration,
        None,
    );
    (
        derive_token(secret, ActivationDigits::Six),
        issued.activation.serial,
    )
}

/// A new app with one activated identity named `name`, on the initial
/// screen with its first code shown; the token and Serial Number Self-Service has.
pub async fn activated_identity(
    db: &str,
    name: &str,
) -> (Mounted, otp::Token, otp::activation::SerialNumber) {
    let app = mount(db);
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let (token, serial) = activate_issued(&app, Some(name)).await;
    click(&app, "Done").await;
    first_code(&app).await;
    (app, token, serial)
}

pub async fn first_code(app: &Mounted) -> String {
    let container = app.container.clone();
    wait_for("a code on the initial screen", TIMEOUT, || {
        shown_codes(&container)
            .into_iter()
            .next()
            .filter(|c| !c.is_empty())
    })
    .await
}

/// A new app with one activated identity, "Work", left on its Reactivate
/// warning (Settings, the identity, Reactivate).
pub async fn activated_then_reactivate_warning(db: &str) -> (Mounted, otp::Token) {
    let app = mount(&fresh_db_name(db));
    create_pin(&app).await;
    click(&app, "Activate a soft token identity").await;
    let token = activate_with_self_service(&app, Some("Work")).await;
    click(&app, "Done").await;
    first_code(&app).await;
    click(&app, "Settings").await;
    click(&app, "Work").await;
    click(&app, "Reactivate").await;
    wait_for_text(&app, "You will need a new Serial Number").await;
    (app, token)
}
