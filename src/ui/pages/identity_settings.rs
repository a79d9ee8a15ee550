//! One identity's settings: its name (editable), its place in the list
//! (`identity_arrangement.rs`), its icon (`identity_icon.rs`), serial number, token type, digits and
//! activation date; "Show QR code" (its otpauth link, for
//! another app, after the PIN); "Reactivate"; "Delete" (asks first).

use super::{NoSuchIdentity, identity_from_route};
use crate::state::{AppError, Msg, t, use_app_state};
use crate::ui::components::qr_code::QrCode;
use crate::ui::components::secret_input::SecretInput;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use otp::Kind;
use vault::{Identity, Origin};

fn token_type(identity: &Identity) -> String {
    match identity.token.as_ref() {
        None => "Not activated".into(),
        Some(token) => match token.kind {
            Kind::Totp { period, .. } => format!(
                "Time-based (TOTP, {}, every {period} s)",
                token.algorithm.name()
            ),
            Kind::Hotp { counter } => format!(
                "Counter-based (HOTP, {}, next counter {counter})",
                token.algorithm.name()
            ),
            Kind::Steam => "Steam Guard".into(),
            Kind::Ocra { suite, .. } => format!("Challenge-response (OCRA, {suite})"),
        },
    }
}

/// A date as the browser's locale writes it.
pub fn local_date(unix_ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

#[component]
pub fn IdentitySettings() -> impl IntoView {
    let (id, identity) = identity_from_route();
    view! {
        <Show when=move || identity.get().is_some() fallback=|| view! { <NoSuchIdentity /> }>
            <IdentityDetails id=id identity=identity />
        </Show>
    }
}

#[component]
fn IdentityDetails(id: Memo<String>, identity: Memo<Option<Identity>>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let name = RwSignal::new(identity.get_untracked().map(|i| i.name).unwrap_or_default());
    let confirming_delete = RwSignal::new(false);
    let rename = Action::new_local(move |new_name: &String| {
        let (new_name, id) = (new_name.clone(), id.get_untracked());
        async move { state.rename(&id, &new_name).await }
    });
    let delete = Action::new_local(move |_: &()| {
        let (id, leave) = (id.get_untracked(), navigate.clone());
        async move {
            state.delete(&id).await?;
            leave("/settings", Default::default());
            Ok::<(), AppError>(())
        }
    });
    // The latest of the two actions' outcomes.
    let message = move || match (rename.value().get(), delete.value().get()) {
        (_, Some(Err(error))) => error.to_string(),
        (Some(Ok(())), _) => "Name saved.".to_owned(),
        (Some(Err(error)), _) => error.to_string(),
        _ => String::new(),
    };
    let detail =
        move |f: fn(&Identity) -> String| move || identity.get().map(|i| f(&i)).unwrap_or_default();

    view! {
        <h2>{detail(|i| i.name.clone())}</h2>
        <form class="card" on:submit=move |event| { event.prevent_default(); rename.dispatch_local(name.get_untracked()); }>
            <div class="field">
                <label for="identity-name">"Name"</label>
                <input id="identity-name" type="text" maxlength="64" autocomplete="off"
                    bind:value=name />
            </div>
            <button type="submit" class="button button--secondary">"Save name"</button>
            <p class="field__error" role="status">{message}</p>
        </form>
        <super::identity_arrangement::IdentityArrangement id />
        <super::identity_icon::IdentityIcon id />
        <dl class="card details">
            <dt>{t(Msg::SerialNumber)}</dt>
            <dd>{detail(|i| match &i.origin { Origin::Activation { serial, .. } => serial.clone(), Origin::Added => "—".into() })}</dd>
            <dt>"Token type"</dt>
            <dd>{detail(token_type)}</dd>
            <dt>"Digits"</dt>
            <dd>{detail(|i| i.token.as_ref().map(|t| t.digits.to_string()).unwrap_or_else(|| "—".into()))}</dd>
            <dt>"Activated"</dt>
            <dd>{detail(|i| match &i.origin {
                Origin::Activation { activated_at: Some(at), .. } => local_date(*at),
                Origin::Activation { activated_at: None, .. } => "Not activated".into(),
                Origin::Added => local_date(i.created_at),
            })}</dd>
        </dl>
        <Show when=move || identity.get().is_some_and(|i| i.token.is_some())>
            <ShowQrCode id />
        </Show>
        <Show when=move || identity.get().is_some_and(|i| matches!(i.origin, Origin::Activation { .. }) && i.token.is_some())>
            <section class="card" aria-labelledby="transaction-heading">
                <h3 id="transaction-heading">"Transactions"</h3>
                <p class="muted">"When your bank asks you to confirm a payment, it shows a QR code beside it. Soft Token checks it and shows what you are confirming."</p>
                <A href="/add/transaction" attr:class="button button--secondary">"Verify a transaction"</A>
            </section>
            <PinReset id />
        </Show>
        <div class="card actions">
            <Show when=move || matches!(identity.get().map(|i| i.origin), Some(Origin::Activation { .. }))>
                <A href=move || format!("/identity/{}/reactivate", id.get()) attr:class="button button--secondary">{t(Msg::Reactivate)}</A>
            </Show>
            <Show
                when=move || confirming_delete.get()
                fallback=move || view! {
                    <button type="button" class="button button--danger" on:click=move |_| confirming_delete.set(true)>"Delete"</button>
                }
            >
                <div role="alertdialog" aria-labelledby="delete-question" class="confirm">
                    <p id="delete-question">"Delete this soft token identity? Its codes will stop working on this device."</p>
                    <button type="button" class="button button--danger" on:click=move |_| { delete.dispatch_local(()); }>"Delete identity"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirming_delete.set(false)>"Cancel"</button>
                </div>
            </Show>
        </div>
    }
}

/// Whether this identity can reset the PIN through Self-Service, and the
/// switch for it (its recovery slot is written or removed).
#[component]
fn PinReset(id: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let toggle = Action::new_local(move |on: &bool| {
        let (on, id) = (*on, id.get_untracked());
        async move { state.set_pin_reset(&id, on).await }
    });
    let can = Memo::new(move |_| {
        toggle.version().get();
        state.can_reset_pin(&id.get())
    });
    view! {
        <section class="card" aria-labelledby="pin-reset-heading">
            <h3 id="pin-reset-heading">"PIN reset"</h3>
            <p role="status">{move || if can.get() {
                "If you forget your PIN, this identity's issuer can give you an Unlock Code to get back in (Forgot your PIN? on the PIN screen)."
            } else {
                "PIN reset through this identity's issuer is off."
            }}</p>
            <p class="field__error" role="alert">{move || super::error_of(toggle.value().get())}</p>
            <button type="button" class="button button--secondary" disabled=move || toggle.pending().get()
                on:click=move |_| { toggle.dispatch_local(!can.get_untracked()); }>
                {move || if can.get() { "Turn off PIN reset" } else { "Turn on PIN reset" }}
            </button>
        </section>
    }
}

/// "Show QR code": this token's otpauth link as a QR code for another app,
/// once the PIN is typed again; "Hide QR code" (or leaving) drops it.
#[component]
fn ShowQrCode(id: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let pin = RwSignal::new(String::new());
    let show = Action::new_local(move |_: &()| {
        let (typed, id) = (pin.get_untracked(), id.get_untracked());
        async move {
            let link = state.identity_link(&id, &typed).await?;
            pin.set(String::new());
            Ok::<_, AppError>(link)
        }
    });
    let link = move || show.value().get().and_then(Result::ok);
    view! {
        <section class="card" aria-labelledby="qr-heading">
            <h3 id="qr-heading">"QR code"</h3>
            <Show when=move || link().is_some()
                fallback=move || view! {
                    <p class="muted">"Shows this token as a QR code that another authenticator app can scan. Anyone who sees it can make this token's codes."</p>
                    <form on:submit=move |event: leptos::ev::SubmitEvent| { event.prevent_default(); show.dispatch_local(()); }>
                        <SecretInput id="qr-pin" pin_label="Your PIN" password_label="Your password"
                            value=pin password=state.uses_password() />
                        <p class="field__error" role="alert">{move || super::error_of(show.value().get())}</p>
                        <button type="submit" class="button button--secondary" disabled=move || show.pending().get()>"Show QR code"</button>
                    </form>
                }>
                {move || link().map(|text| view! { <QrCode text label="This token's QR code".to_owned() /> })}
                <button type="button" class="button" on:click=move |_| show.value().set(None)>"Hide QR code"</button>
            </Show>
        </section>
    }
}
