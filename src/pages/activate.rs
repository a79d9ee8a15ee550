//! Activation: the user enters the Serial Number and Activation Code from
//! Self-Service (and a name when the identity is new) and presses Save; the
//! app makes the Registration Code, derives the token, stores both in one
//! vault write, and shows the Registration Code.
//!
//! Pasting an `igmobileotp://` link instead asks for the activation
//! password, then fills the fields (and keeps the link's policy, which the
//! derivation uses).

use super::{identity_from_route, new_identity_id};
use crate::components::digit_field::DigitField;
use crate::state::{now_ms, use_app_state};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use otp::activation::{
    ActivationCode, ActivationDigits, CodeKind, RegistrationCode, SerialNumber, decode_link,
    derive_secret, derive_token,
};
use vault::{Identity, Origin, StoredToken};

/// What Save produces: ready to store.
struct Activated {
    serial: SerialNumber,
    registration: RegistrationCode,
    token: StoredToken,
}

/// Parses both codes, makes the Registration Code and derives the token.
/// Errors are the sentence for the screen (the fields were checked before,
/// so a code error here means they changed in between).
fn activate(serial: &str, activation: &str, policy: Option<&str>) -> Result<Activated, String> {
    let serial = SerialNumber::parse(serial).map_err(|e| e.to_string())?;
    let activation = ActivationCode::parse(activation).map_err(|e| e.to_string())?;
    // Without a random source there is no safe registration code; every
    // browser has one, so this only guards a broken platform.
    let random = otp::random_bytes::<2>().map_err(|_| {
        "This browser gave no random numbers, so no Registration Code can be made safely."
            .to_owned()
    })?;
    let registration = RegistrationCode::generate(&activation, random);
    let token = derive_token(
        derive_secret(&serial, &activation, &registration, policy),
        ActivationDigits::Six,
    );
    Ok(Activated {
        serial,
        registration,
        token: StoredToken::from_token(&token),
    })
}

#[component]
pub fn Activate() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let (route_id, existing) = identity_from_route();
    let is_new = Memo::new(move |_| route_id.get().is_empty());
    let name = RwSignal::new(String::new());
    let serial = RwSignal::new(String::new());
    let activation = RwSignal::new(String::new());
    let policy = RwSignal::new(None::<String>);
    let (name_error, serial_error, activation_error) = (
        RwSignal::new(None::<String>),
        RwSignal::new(None::<String>),
        RwSignal::new(None::<String>),
    );
    let save_error = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    let link_password = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    // A secure link pasted on "Add identity" continues here.
    if let Some(handed_over) = crate::adding::use_pending()
        .activation_link
        .try_update(Option::take)
        .flatten()
    {
        link.set(Some(handed_over));
    }

    let save = Action::new_local(move |_: &()| {
        let (serial_text, activation_text, chosen_name) = (
            serial.get_untracked(),
            activation.get_untracked(),
            name.get_untracked(),
        );
        let (id, new) = (route_id.get_untracked(), is_new.get_untracked());
        let policy = policy.get_untracked();
        async move {
            let activated = activate(&serial_text, &activation_text, policy.as_deref())?;
            let id = if new { new_identity_id() } else { id };
            let now = now_ms();
            let origin = Origin::Activation {
                serial: activated.serial.formatted(),
                activated_at: Some(now),
                registration_code: Some(activated.registration.formatted()),
            };
            let stored_id = id.clone();
            state
                .commit(move |document| {
                    match document.identities.iter_mut().find(|i| i.id == stored_id) {
                        Some(identity) => {
                            identity.origin = origin.clone();
                            identity.token = Some(activated.token.clone());
                        }
                        None if new => document.identities.push(Identity {
                            id: stored_id.clone(),
                            name: chosen_name.trim().to_owned(),
                            issuer: None,
                            created_at: now,
                            origin: origin.clone(),
                            token: Some(activated.token.clone()),
                        }),
                        None => return Err("This soft token identity no longer exists.".to_owned()),
                    }
                    Ok(())
                })
                .await?;
            crate::persist::request().await;
            Ok::<String, String>(id)
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(id)) => navigate(&format!("/identity/{id}/registration"), Default::default()),
        Some(Err(message)) => save_error.set(Some(message)),
        None => {}
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save_error.set(None);
        let mut valid = true;
        if is_new.get_untracked() && name.get_untracked().trim().is_empty() {
            name_error.set(Some(
                "Enter a name for this soft token identity, for example your bank's name.".into(),
            ));
            valid = false;
        } else {
            name_error.set(None);
        }
        let serial_problem = SerialNumber::parse(&serial.get_untracked()).err();
        let activation_problem = ActivationCode::parse(&activation.get_untracked()).err();
        valid &= serial_problem.is_none() && activation_problem.is_none();
        serial_error.set(serial_problem.map(|e| e.to_string()));
        activation_error.set(activation_problem.map(|e| e.to_string()));
        if valid {
            save.dispatch_local(());
        }
    };
    let open_link = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(text) = link.get_untracked() else {
            return;
        };
        match decode_link(&text, &link_password.get_untracked()) {
            Ok(opened) => {
                serial.set(opened.serial.formatted());
                activation.set(opened.activation_code.formatted().to_string());
                policy.set(opened.policy.clone());
                link.set(None);
                link_password.set(String::new());
                link_error.set(None);
            }
            Err(error) => link_error.set(Some(format!("{}.", capitalize(&error.to_string())))),
        }
    };
    let on_link = Callback::new(move |text: String| {
        link.set(Some(text.trim().to_owned()));
        link_error.set(None);
    });
    let live_check = |value: RwSignal<String>, kind: CodeKind| {
        Signal::derive(move || {
            let text = value.get();
            let complete = text.chars().filter(char::is_ascii_digit).count() >= kind.length();
            let result = match kind {
                CodeKind::SerialNumber => SerialNumber::parse(&text).err(),
                _ => ActivationCode::parse(&text).err(),
            };
            if complete {
                result.map(|e| e.to_string())
            } else {
                None
            }
        })
    };
    let serial_shown = {
        let live = live_check(serial, CodeKind::SerialNumber);
        Signal::derive(move || live.get().or_else(|| serial_error.get()))
    };
    let activation_shown = {
        let live = live_check(activation, CodeKind::ActivationCode);
        Signal::derive(move || live.get().or_else(|| activation_error.get()))
    };

    view! {
        <h2>{move || if is_new.get() { "Activate a soft token identity".to_owned() } else {
            format!("Activate {}", existing.get().map(|i| i.name).unwrap_or_default())
        }}</h2>
        <p class="muted">"Enter the Serial Number and Activation Code shown by your Self-Service module, then press Save. You can also paste a secure activation link."</p>
        <Show when=move || link.get().is_some()>
            <form class="card" on:submit=open_link>
                <p>"This is a secure activation link. Enter the activation password you were given separately."</p>
                <div class="field">
                    <label for="link-password">"Activation password"</label>
                    <input id="link-password" type="password" inputmode="numeric" autocomplete="off"
                        prop:value=move || link_password.get()
                        on:input=move |event| link_password.set(event_target_value(&event)) />
                    <p class="field__error" role="alert">{move || link_error.get().unwrap_or_default()}</p>
                </div>
                <button type="submit" class="button">"Open link"</button>
            </form>
        </Show>
        <form class="card" on:submit=submit novalidate>
            <Show when=move || is_new.get()>
                <div class="field">
                    <label for="identity-name">"Name"</label>
                    <input id="identity-name" type="text" maxlength="64" autocomplete="off" placeholder="AnyBank"
                        prop:value=move || name.get() on:input=move |event| name.set(event_target_value(&event))
                        aria-describedby="identity-name-error" />
                    <p class="field__error" id="identity-name-error" role="alert">{move || name_error.get().unwrap_or_default()}</p>
                </div>
            </Show>
            <DigitField label="Serial Number" id="serial-number" value=serial groups=&[5, 5] error=serial_shown on_other=on_link />
            <DigitField label="Activation Code" id="activation-code" value=activation groups=&[4, 4, 4, 4] error=activation_shown on_other=on_link />
            <p class="field__error" role="alert">{move || save_error.get().unwrap_or_default()}</p>
            <button type="submit" class="button" disabled=move || save.pending().get()>"Save"</button>
        </form>
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
