//! "Transfer to another app": every token as Google Authenticator's
//! transfer QR codes (Google Authenticator, Aegis and 2FAS read them), one
//! at a time with Previous and Next, after the PIN is asked again. Nothing
//! is written anywhere; leaving the screen or locking drops the codes.

use super::qr_code::QrCode;
use super::secret_input::SecretInput;
use crate::state::{AppError, Transfer, use_app_state};
use crate::ui::pages::error_of;
use leptos::prelude::*;

#[component]
pub fn TransferCodes() -> impl IntoView {
    let state = use_app_state();
    let pin = RwSignal::new(String::new());
    let shown = RwSignal::new(0usize);
    let show = Action::new_local(move |_: &()| {
        let typed = pin.get_untracked();
        async move {
            let transfer = state.transfer(&typed).await?;
            pin.set(String::new());
            shown.set(0);
            Ok::<Transfer, AppError>(transfer)
        }
    });
    let hide = move |_| show.value().set(None);
    let transfer = move || show.value().get().and_then(Result::ok);
    view! {
        <section class="card" aria-labelledby="transfer-heading">
            <h3 id="transfer-heading">"Transfer to another app"</h3>
            <Show when=move || transfer().is_some()
                fallback=move || view! {
                    <p class="muted">"Shows your tokens as QR codes that Google Authenticator, Aegis or 2FAS scan on another phone, ten tokens a code. Anyone who sees them can make your codes: show them only to your own phone."</p>
                    <form on:submit=move |event: leptos::ev::SubmitEvent| { event.prevent_default(); show.dispatch_local(()); }>
                        <SecretInput id="transfer-pin" pin_label="Your PIN, to show the QR codes" password_label="Your password, to show the QR codes"
                            value=pin password=state.uses_password() />
                        <p class="field__error" role="alert">{move || error_of(show.value().get())}</p>
                        <button type="submit" class="button button--secondary" disabled=move || show.pending().get()>
                            "Show transfer QR codes"
                        </button>
                    </form>
                }>
                {move || transfer().map(|transfer| view! { <Codes transfer shown /> })}
                <button type="button" class="button" on:click=hide>"Done"</button>
            </Show>
        </section>
    }
}

/// The codes, one at a time, and what they leave out.
#[component]
fn Codes(transfer: Transfer, shown: RwSignal<usize>) -> impl IntoView {
    let count = transfer.links.len();
    let links = transfer.links;
    let current = move || {
        let index = shown.get().min(count.saturating_sub(1));
        links.get(index).cloned().map(|text| {
            let label = format!("Transfer QR code {} of {count}", index + 1);
            view! { <QrCode text label /> }
        })
    };
    let (skipped, tokens) = (transfer.skipped, transfer.tokens);
    view! {
        <p role="status">{move || if count == 0 {
            "No token can go in a transfer code.".to_owned()
        } else {
            format!("QR code {} of {count}: scan each in turn. {} tokens in all.", shown.get() + 1, tokens)
        }}</p>
        {current}
        <div class="actions">
            <button type="button" class="button button--secondary" disabled=move || shown.get() == 0
                on:click=move |_| shown.update(|i| *i = i.saturating_sub(1))>"Previous"</button>
            <button type="button" class="button button--secondary" disabled=move || { shown.get() + 1 >= count }
                on:click=move |_| shown.update(|i| *i += 1)>"Next"</button>
        </div>
        <Show when={let none = skipped.is_empty(); move || !none}>
            <p>"Not in these codes (show each one's own QR code from its settings):"</p>
            <ul>
                {skipped.iter().map(|s| view! { <li>{format!("{}: {}", s.name, s.reason)}</li> }).collect_view()}
            </ul>
        </Show>
    }
}
