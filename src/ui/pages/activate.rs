//! Activation: the user enters the Serial Number and Activation Code from
//! Self-Service (and a name when the identity is new) and presses Save; the
//! app makes the Registration Code, derives the token, stores both in one
//! vault write, and shows the Registration Code.
//!
//! Pasting an `igmobileotp://` link instead asks for the activation
//! password, then fills the fields (and keeps the link's policy, which the
//! derivation uses).

use super::{error_of, identity_from_route};
use crate::state::{ActivateFor, AppError, Msg, t, t_with, use_app_state};
use crate::ui::components::digit_field::DigitField;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use otp::activation::{ActivationCode, CodeKind, SerialNumber, decode_link};

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
    let link = RwSignal::new(None::<String>);
    let link_password = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    // A secure link pasted on "Add identity" continues here.
    if let Some(handed_over) = crate::state::use_pending()
        .activation_link
        .try_update(Option::take)
        .flatten()
    {
        link.set(Some(handed_over));
    }

    let save = Action::new_local(move |_: &()| {
        let (serial_text, activation_text) = (serial.get_untracked(), activation.get_untracked());
        let target = if is_new.get_untracked() {
            ActivateFor::New(name.get_untracked())
        } else {
            ActivateFor::Existing(route_id.get_untracked())
        };
        let (policy, go) = (policy.get_untracked(), navigate.clone());
        async move {
            let id = state
                .activate(target, &serial_text, &activation_text, policy.as_deref())
                .await?;
            go(&format!("/identity/{id}/registration"), Default::default());
            Ok::<(), AppError>(())
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut valid = true;
        if is_new.get_untracked() && name.get_untracked().trim().is_empty() {
            name_error.set(Some(t(Msg::ActivateNameMissing)));
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
            Err(error) => link_error.set(Some(error.to_string())),
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
        <h2>{move || if is_new.get() { t(Msg::ActivateNewHeading) } else {
            let name = existing.get().map(|i| i.name).unwrap_or_default();
            t_with(Msg::ActivateHeading, &[("name", name.as_str().into())])
        }}</h2>
        <p class="muted">{t(Msg::ActivateIntro)}</p>
        <Show when=move || link.get().is_some()>
            <form class="card" on:submit=open_link>
                <p>{t(Msg::ActivateLinkIntro)}</p>
                <div class="field">
                    <label for="link-password">{t(Msg::ActivateLinkPassword)}</label>
                    <input id="link-password" type="password" inputmode="numeric" autocomplete="off"
                        bind:value=link_password />
                    <p class="field__error" role="alert">{move || link_error.get().unwrap_or_default()}</p>
                </div>
                <button type="submit" class="button">{t(Msg::ActivateOpenLink)}</button>
            </form>
        </Show>
        <form class="card" on:submit=submit novalidate>
            <Show when=move || is_new.get()>
                <div class="field">
                    <label for="identity-name">{t(Msg::ActivateName)}</label>
                    <input id="identity-name" type="text" maxlength="64" autocomplete="off" placeholder="AnyBank"
                        bind:value=name
                        aria-describedby="identity-name-error" />
                    <p class="field__error" id="identity-name-error" role="alert">{move || name_error.get().unwrap_or_default()}</p>
                </div>
            </Show>
            <DigitField label=t(Msg::SerialNumber) id="serial-number" value=serial groups=&[5, 5] error=serial_shown on_other=on_link />
            <DigitField label=t(Msg::ActivationCode) id="activation-code" value=activation groups=&[4, 4, 4, 4] error=activation_shown on_other=on_link />
            <p class="field__error" role="alert">{move || error_of(save.value().get())}</p>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t(Msg::Save)}</button>
        </form>
    }
}
