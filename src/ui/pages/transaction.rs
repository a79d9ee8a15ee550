//! "Verify a transaction": a request from the bank (a QR code or its link)
//! is checked by the state, and only a request that passed is shown, its
//! details as plain text. Confirm shows the confirmation code; Reject shows
//! nothing to type. A request that fails a check shows its sentence and no
//! code. Nothing is stored; the code leaves the page with the screen.

use crate::state::{CheckedTransaction, use_app_state, use_pending};
use crate::ui::components::code_format::{group_code, spoken};
use crate::ui::components::qr_sources::QrSources;
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Reading,
    Checked(CheckedTransaction),
    Confirmed(String),
    Rejected,
}

#[component]
pub fn Transaction() -> impl IntoView {
    let state = use_app_state();
    let pending = use_pending();
    let step = RwSignal::new(Step::Reading);
    // Why a request was refused (shown once, above), and why a picture gave no text.
    let error = RwSignal::new(None::<String>);
    let picture_error = RwSignal::new(None::<String>);
    let link = RwSignal::new(String::new());

    let check = move |text: String| match state.check_transaction(&text) {
        Ok(checked) => {
            error.set(None);
            step.set(Step::Checked(checked));
        }
        Err(problem) => {
            error.set(Some(problem.to_string()));
            step.set(Step::Reading);
        }
    };
    // A request scanned on Add identity arrives here to be checked.
    if let Some(text) = pending.transaction_link.get_untracked() {
        pending.transaction_link.set(None);
        check(text);
    }
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        check(link.get_untracked());
    };
    let confirm = move |checked: CheckedTransaction| match state.confirm_transaction(&checked) {
        Ok(code) => step.set(Step::Confirmed(code)),
        Err(problem) => {
            error.set(Some(problem.to_string()));
            step.set(Step::Reading);
        }
    };

    view! {
        <h2>"Verify a transaction"</h2>
        {move || match step.get() {
            Step::Reading => view! {
                <p>"Scan the QR code your bank shows beside the transaction, or paste its link. Soft Token checks that your bank issued it before showing it."</p>
                <p class="field__error card" role="alert" hidden=move || error.get().is_none()>{move || error.get().unwrap_or_default()}</p>
                <QrSources heading="From a QR code" on_text=Callback::new(check) error=picture_error />
                <form class="card" on:submit=on_submit>
                    <div class="field">
                        <label for="transaction-link">"Transaction link"</label>
                        <textarea id="transaction-link" rows="3" autocomplete="off" spellcheck="false"
                            placeholder="softtoken://transaction?…" bind:value=link></textarea>
                    </div>
                    <button type="submit" class="button">"Check request"</button>
                </form>
            }.into_any(),
            Step::Checked(checked) => view! {
                <Details checked=checked.clone() />
                <div class="card actions">
                    <button type="button" class="button" on:click=move |_| confirm(checked.clone())>"Confirm"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| step.set(Step::Rejected)>"Reject"</button>
                </div>
            }.into_any(),
            Step::Confirmed(code) => view! {
                <div class="card registration" role="status">
                    <h3>"Confirmation code"</h3>
                    <p class="registration__code code-text" aria-label=spoken(&code)>{group_code(&code)}</p>
                    <p>"Type this code on your bank's page to confirm the transaction."</p>
                    <A href="/" attr:class="button">"Done"</A>
                </div>
            }.into_any(),
            Step::Rejected => view! {
                <div class="card" role="status">
                    <h3>"Transaction rejected"</h3>
                    <p>"Nothing was confirmed. If you did not start this transaction, tell your bank."</p>
                    <A href="/" attr:class="button">"Done"</A>
                </div>
            }.into_any(),
        }}
    }
}

/// The request as the person reads it before deciding: a headline for a
/// payment, every detail, who it is for and how long it stays valid. Each
/// value is isolated in its own direction, so no value reorders another.
#[component]
fn Details(checked: CheckedTransaction) -> impl IntoView {
    let state = use_app_state();
    let request = checked.request;
    let (issued_at, expires_at) = (request.issued_at, request.expires_at());
    let headline = request.payment().map(|(amount, payee)| {
        view! {
            <p class="transaction__headline">"Pay " <bdi>{amount.to_owned()}</bdi> " to " <bdi>{payee.to_owned()}</bdi></p>
        }
    });
    let details = request
        .details
        .iter()
        .map(|detail| {
            view! {
                <dt dir="auto">{detail.label.clone()}</dt>
                <dd dir="auto">{detail.value.clone()}</dd>
            }
        })
        .collect_view();
    let time_left = move || {
        // The ticking clock may lag the request's own second by up to one
        // tick: never count from before the request was issued, so a
        // 5-minute request never "expires in 6 minutes".
        let now = (state.now_ms.get() / 1000).max(issued_at);
        match expires_at.saturating_sub(now) {
            0 => "This request has expired.".to_owned(),
            seconds if seconds < 60 => "This request expires in less than a minute.".to_owned(),
            // Rounded up: a request with 4 minutes 50 left "expires in 5 minutes".
            seconds => match seconds.div_ceil(60) {
                1 => "This request expires in 1 minute.".to_owned(),
                minutes => format!("This request expires in {minutes} minutes."),
            },
        }
    };
    view! {
        <section class="card transaction" aria-labelledby="transaction-question">
            <h3 id="transaction-question">"Do you want to confirm this transaction?"</h3>
            {headline}
            <dl class="details transaction__details">{details}</dl>
            <p class="muted">
                "For " <bdi>{checked.identity_name}</bdi> " (Serial Number "
                <span class="code-text">{request.serial.formatted()}</span> "). " {time_left}
            </p>
            <p class="muted">"Confirm only if these are the details you agreed to on your bank's page."</p>
        </section>
    }
}
