//! Typing a secret: name, issuer, the Base32 secret and the type (TOTP,
//! HOTP, Steam, or challenge-response with its OCRA suite); algorithm,
//! digits, period and counter wait behind "Advanced" with the usual
//! defaults (SHA-1, 6 digits, 30 s, counter 0).
//! Every field is checked with a sentence under it; then the preview.

use crate::state::{Candidate, use_pending};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use otp::{Algorithm, Kind, Token};

/// The form's values, as typed.
#[derive(Clone, Default)]
struct Typed {
    name: String,
    issuer: String,
    secret: String,
    kind: String,
    algorithm: String,
    digits: String,
    period: String,
    counter: String,
    suite: String,
}

/// Which field a problem belongs to, and the sentence shown under it.
type Problem = (&'static str, String);

fn candidate(typed: &Typed) -> Result<Candidate, Problem> {
    let name = typed.name.trim();
    if name.is_empty() {
        return Err((
            "name",
            "Enter a name, for example the account's e-mail address.".into(),
        ));
    }
    let secret = otp::base32::decode(&typed.secret)
        .map_err(|e| ("secret", format!("The secret key is not valid: {e}.")))?;
    let algorithm = match typed.algorithm.as_str() {
        "SHA256" => Algorithm::Sha256,
        "SHA512" => Algorithm::Sha512,
        _ => Algorithm::Sha1,
    };
    // A challenge-response suite names its own digits.
    let digits: u8 = match typed.kind.as_str() {
        "ocra" => 6,
        _ => typed
            .digits
            .trim()
            .parse()
            .ok()
            .filter(|d| (4..=10).contains(d))
            .ok_or(("digits", "A code has 4 to 10 digits.".to_owned()))?,
    };
    let counter = || {
        typed.counter.trim().parse().map_err(|_| {
            (
                "counter",
                "The counter is a whole number, 0 or more.".to_owned(),
            )
        })
    };
    let kind = match typed.kind.as_str() {
        "hotp" => Kind::Hotp {
            counter: counter()?,
        },
        "ocra" => {
            let suite = otp::ocra::Suite::parse(typed.suite.trim()).map_err(|e| {
                let e = e.to_string();
                (
                    "suite",
                    format!(
                        "This suite cannot be used: {e}. Copy it exactly as your issuer gave it."
                    ),
                )
            })?;
            // The suite names the hash and digits.
            return finish(typed, Token::ocra(secret, &suite, counter()?));
        }
        "steam" => Kind::Steam,
        _ => Kind::Totp {
            period: typed
                .period
                .trim()
                .parse()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or((
                    "period",
                    "The period is a whole number of seconds, 1 or more.".to_owned(),
                ))?,
            t0: 0,
        },
    };
    finish(typed, Token::new(secret, algorithm, digits, kind))
}

/// The candidate for a token made from the form, named as typed.
fn finish(typed: &Typed, token: Result<Token, otp::CodeError>) -> Result<Candidate, Problem> {
    let token = token.map_err(|e| ("secret", format!("This token cannot be used: {e}.")))?;
    let name = typed.name.trim();
    let issuer = typed.issuer.trim();
    Ok(Candidate::new(
        name.to_owned(),
        (!issuer.is_empty()).then(|| issuer.to_owned()),
        token,
    ))
}

#[component]
pub fn AddSecret() -> impl IntoView {
    let pending = use_pending();
    let navigate = use_navigate();
    let typed = RwSignal::new(Typed {
        kind: "totp".into(),
        algorithm: "SHA1".into(),
        digits: "6".into(),
        period: "30".into(),
        counter: "0".into(),
        ..Typed::default()
    });
    let problem = RwSignal::new(None::<Problem>);
    let advanced_open = RwSignal::new(false);
    let error_for = move |field: &'static str| {
        move || {
            problem
                .get()
                .filter(|(f, _)| *f == field)
                .map(|(_, message)| message)
                .unwrap_or_default()
        }
    };
    let invalid = move |field: &'static str| move || problem.get().is_some_and(|(f, _)| f == field);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match candidate(&typed.get_untracked()) {
            Ok(candidate) => {
                problem.set(None);
                pending.offer(vec![candidate], Vec::new(), None);
                navigate("/add/preview", Default::default());
            }
            Err(found) => {
                if matches!(found.0, "digits" | "period" | "counter") {
                    advanced_open.set(true);
                }
                problem.set(Some(found));
            }
        }
    };
    let text_field = move |id: &'static str,
                           label: &'static str,
                           get: fn(&Typed) -> String,
                           set: fn(&mut Typed, String)| {
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || typed.with(get)
                    on:input=move |event| typed.update(|t| set(t, event_target_value(&event)))
                    aria-invalid=move || invalid(id)().to_string()
                    aria-describedby=error_id.clone() />
                <p class="field__error" id=error_id role="alert">{error_for(id)}</p>
            </div>
        }
    };
    let kind = move || typed.with(|t| t.kind.clone());

    view! {
        <h2>"Type a secret"</h2>
        <form class="card" on:submit=submit novalidate>
            {text_field("name", "Name", |t| t.name.clone(), |t, v| t.name = v)}
            {text_field("issuer", "Issuer (optional)", |t| t.issuer.clone(), |t, v| t.issuer = v)}
            {text_field("secret", "Secret key", |t| t.secret.clone(), |t, v| t.secret = v)}
            <div class="field">
                <label for="kind">"Type"</label>
                <select id="kind" prop:value=kind on:change=move |event| typed.update(|t| t.kind = event_target_value(&event))>
                    <option value="totp">"TOTP (time-based)"</option>
                    <option value="hotp">"HOTP (counter-based)"</option>
                    <option value="steam">"Steam"</option>
                    <option value="ocra">"Challenge-response (OCRA)"</option>
                </select>
            </div>
            <Show when=move || kind() == "ocra">
                {text_field("suite", "OCRA suite", |t| t.suite.clone(), |t, v| t.suite = v)}
            </Show>
            <details class="advanced" prop:open=move || advanced_open.get()
                on:toggle=move |event| {
                    let open = event.target().and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok());
                    advanced_open.set(open.and_then(|o| o.as_bool()).unwrap_or(false));
                }>
                <summary>"Advanced"</summary>
                <Show when=move || kind() != "steam" && kind() != "ocra">
                    <div class="field">
                        <label for="algorithm">"Algorithm"</label>
                        <select id="algorithm" prop:value=move || typed.with(|t| t.algorithm.clone())
                            on:change=move |event| typed.update(|t| t.algorithm = event_target_value(&event))>
                            <option value="SHA1">"SHA-1"</option>
                            <option value="SHA256">"SHA-256"</option>
                            <option value="SHA512">"SHA-512"</option>
                        </select>
                    </div>
                    {text_field("digits", "Digits", |t| t.digits.clone(), |t, v| t.digits = v)}
                </Show>
                <Show when=move || kind() == "totp">
                    {text_field("period", "Period (seconds)", |t| t.period.clone(), |t, v| t.period = v)}
                </Show>
                <Show when=move || kind() == "hotp" || kind() == "ocra">
                    {text_field("counter", "Counter", |t| t.counter.clone(), |t, v| t.counter = v)}
                </Show>
            </details>
            <button type="submit" class="button">"Preview"</button>
        </form>
    }
}
