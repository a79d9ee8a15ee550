//! One identity on the initial screen: its name, its current code in large
//! grouped digits, the seconds left as a ring; pressing it copies the code.
//! Screen readers hear the code digit by digit.

use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;
use otp::{Kind, Token};

/// 6 → "123 456", 8 → "1234 5678", 7 → "123 4567"; Steam's 5 stay whole.
pub fn group_code(code: &str) -> String {
    if code.len() < 6 {
        return code.to_owned();
    }
    let (head, tail) = code.split_at(code.len() / 2);
    format!("{head} {tail}")
}

/// "1 2 3 4 5 6": read one digit at a time.
pub fn spoken(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

const RING_RADIUS: f64 = 15.0;

#[component]
pub fn CodeCard(id: String) -> impl IntoView {
    let state = use_app_state();
    let lookup_id = id.clone();
    let identity = Memo::new(move |_| {
        state
            .document
            .with(|d| d.identities.iter().find(|i| i.id == lookup_id).cloned())
    });
    let token = Memo::new(move |_| {
        identity
            .get()
            .and_then(|i| i.token)
            .and_then(|t| t.to_token().ok())
    });
    let second = Memo::new(move |_| state.now_ms.get() / 1000);
    // Read in place (`with`), not cloned: with hundreds of identities this
    // runs for each of them every second.
    let code = Memo::new(move |_| {
        let now = second.get();
        token.with(|t: &Option<Token>| {
            t.as_ref()
                .and_then(|t| t.code_at(now).ok())
                .unwrap_or_default()
        })
    });
    let seconds_left = Memo::new(move |_| {
        let now = second.get();
        token.with(|t| t.as_ref().and_then(|t| t.seconds_left(now)))
    });
    let period =
        Memo::new(move |_| token.with(|t| t.as_ref().and_then(Token::period).unwrap_or(30)));
    let is_hotp = Memo::new(move |_| {
        token.with(|t| matches!(t.as_ref().map(Token::kind), Some(Kind::Hotp { .. })))
    });
    let name = move || {
        identity
            .get()
            .map(|i| match i.issuer {
                Some(issuer) if !issuer.is_empty() => format!("{issuer} ({})", i.name),
                _ => i.name,
            })
            .unwrap_or_default()
    };

    let leptos_use::UseClipboardReturn { copy, copied, .. } = leptos_use::use_clipboard();
    let on_copy = move |_| copy(&code.get_untracked());
    let next_id = id.clone();
    let next_code = Action::new_local(move |_: &()| {
        let id = next_id.clone();
        async move {
            state
                .change_identity(id, |identity| {
                    let stored = identity
                        .token
                        .as_mut()
                        .ok_or("This identity has no token.")?;
                    if let Kind::Hotp { counter } = &mut stored.kind {
                        *counter = counter.saturating_add(1);
                    }
                    Ok(())
                })
                .await
        }
    });
    let dash = move || {
        let left = f64::from(seconds_left.get().unwrap_or(0));
        let circumference = 2.0 * std::f64::consts::PI * RING_RADIUS;
        format!(
            "{:.2} {circumference:.2}",
            circumference * left / f64::from(period.get())
        )
    };
    let activate_href = format!("/identity/{id}/activate");

    view! {
        <li class="token">
            <Show
                when=move || token.get().is_some()
                fallback=move || view! {
                    <div class="token__pending">
                        <span class="token__name">{name}</span>
                        <A href=activate_href.clone() attr:class="button button--secondary">"Activate"</A>
                    </div>
                }
            >
                <button
                    type="button"
                    class="token__main"
                    on:click=on_copy.clone()
                    aria-label=move || format!("{}: code {}. Press to copy.", name(), spoken(&code.get()))
                >
                    <span class="token__name">{name}</span>
                    <span class="token__code" aria-hidden="true">{move || group_code(&code.get())}</span>
                    <span class="token__copied" aria-live="polite">
                        {move || if copied.get() { "Copied" } else { "" }}
                    </span>
                </button>
                <Show
                    when=move || is_hotp.get()
                    fallback=move || view! {
                        <svg class="token__ring" viewBox="0 0 36 36" role="img"
                            aria-label=move || format!("{} seconds left", seconds_left.get().unwrap_or(0))>
                            <circle class="token__ring-track" cx="18" cy="18" r=RING_RADIUS />
                            <circle class="token__ring-left" cx="18" cy="18" r=RING_RADIUS
                                stroke-dasharray=dash transform="rotate(-90 18 18)" />
                            <text x="18" y="22.5" text-anchor="middle">{move || seconds_left.get().unwrap_or(0)}</text>
                        </svg>
                    }
                >
                    <button type="button" class="button button--secondary token__next"
                        on:click=move |_| { next_code.dispatch_local(()); }>
                        "Next code"
                    </button>
                </Show>
            </Show>
        </li>
    }
}
