//! The initial screen: every soft token identity with its current security
//! code. Empty on first run, saying how to start.

use crate::components::code_card::CodeCard;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let ids = Memo::new(move |_| {
        state.document.with(|d| {
            d.identities
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2 class="visually-hidden">"Security codes"</h2>
        <Show
            when=move || !ids.get().is_empty()
            fallback=|| view! {
                <div class="card empty">
                    <p>"No soft token identity yet."</p>
                    <p class="muted">"To start, activate a soft token identity with the Serial Number and Activation Code from your Self-Service module."</p>
                    <A href="/activate" attr:class="button">"Activate a soft token identity"</A>
                    <A href="/add" attr:class="button button--secondary">"Add identity"</A>
                </div>
            }
        >
            <ul class="token-list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <CodeCard id=id />
                </For>
            </ul>
            <A href="/add" attr:class="button button--secondary">"Add identity"</A>
        </Show>
    }
}
