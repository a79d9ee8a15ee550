//! "Add identity": every way to add a token. Activation (the seed's Serial
//! Number and Activation Code) has its own screen; here are the others: a QR
//! code from the camera or a picture (chosen, dropped or pasted), a pasted
//! link, or a secret typed by hand (its own screen). Whatever is read goes
//! to the preview; nothing is stored from here.

use crate::state::{Reading, use_pending};
use crate::ui::components::qr_sources::QrSources;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn Add() -> impl IntoView {
    let pending = use_pending();
    let navigate = use_navigate();
    let link = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    let picture_error = RwSignal::new(None::<String>);

    // Text from any source: to the preview, or to the activation screen.
    let take_text = Callback::new(move |(text, error): (String, RwSignal<Option<String>>)| {
        match pending.read(&text) {
            Ok(Reading::Tokens {
                candidates,
                skipped,
                missing_parts,
            }) => {
                pending.offer(candidates, skipped, missing_parts);
                navigate("/add/preview", Default::default());
            }
            Ok(Reading::ActivationLink(link)) => {
                pending.activation_link.set(Some(link));
                navigate("/activate", Default::default());
            }
            Ok(Reading::TransactionRequest(link)) => {
                pending.transaction_link.set(Some(link));
                navigate("/add/transaction", Default::default());
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    });
    let read_link = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        link_error.set(None);
        take_text.run((link.get_untracked(), link_error));
    };

    view! {
        <h2>"Add identity"</h2>
        <section class="card">
            <h3>"With a Serial Number and Activation Code"</h3>
            <p class="muted">"From your organization's Self-Service module."</p>
            <A href="/activate" attr:class="button">"Activate a soft token identity"</A>
        </section>
        <QrSources
            heading="From a QR code"
            on_text=Callback::new(move |text: String| take_text.run((text, picture_error)))
            error=picture_error
        />
        <form class="card" on:submit=read_link>
            <h3>"From a link"</h3>
            <div class="field">
                <label for="link">"Link"</label>
                <textarea id="link" rows="3" autocomplete="off" spellcheck="false"
                    placeholder="otpauth://… or otpauth-migration://… or igmobileotp://…"
                    bind:value=link
                    aria-describedby="link-error"></textarea>
                <p class="field__error" id="link-error" role="alert">{move || link_error.get().unwrap_or_default()}</p>
            </div>
            <button type="submit" class="button">"Read link"</button>
        </form>
        <section class="card">
            <h3>"From another app"</h3>
            <p class="muted">"Bring every token from Aegis, Google Authenticator, 2FAS, andOTP, Authy, Bitwarden, FreeOTP, Stratum and other apps, with the file they export."</p>
            <A href="/backup#restore" attr:class="button button--secondary">"Import from another app"</A>
        </section>
        <section class="card">
            <h3>"By typing its secret"</h3>
            <p class="muted">"When a service shows a secret key instead of a QR code."</p>
            <A href="/add/secret" attr:class="button button--secondary">"Type a secret"</A>
        </section>
    }
}

/// The screens under `/add/…`: typing a secret, the preview of what was
/// read, and verifying a transaction. One route for the three keeps the
/// router in the start chunk small (each route costs it about 500 bytes).
#[component]
pub fn AddStep() -> impl IntoView {
    use super::{add_preview::AddPreview, add_secret::AddSecret, transaction::Transaction};
    let params = use_params_map();
    let step = Memo::new(move |_| params.with(|p| p.get("step")).unwrap_or_default());
    move || match step.get().as_str() {
        "secret" => view! { <AddSecret /> }.into_any(),
        "preview" => view! { <AddPreview /> }.into_any(),
        "transaction" => view! { <Transaction /> }.into_any(),
        _ => view! { <p>"This page does not exist."</p> }.into_any(),
    }
}
