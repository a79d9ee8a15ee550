//! The top bar: the app's name, and while unlocked the gear (Settings) and
//! lock buttons.

use crate::state::{Msg, t, use_app_state};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn TopBar() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let lock = move |_| {
        state.lock();
        navigate("/pin", Default::default());
    };
    view! {
        <header class="top-bar">
            <A href="/" attr:class="top-bar__title">
                <h1>"Soft Token"</h1>
            </A>
            <Show when=move || state.is_unlocked()>
                <A href="/settings" attr:class="icon-button" attr:aria-label=t(Msg::Settings) attr:title=t(Msg::Settings)>
                    <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
                        <path fill="currentColor" d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L14.9 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.4 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1l.4 2.9h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5zM12.9 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z" />
                    </svg>
                </A>
                <button type="button" class="icon-button" aria-label=t(Msg::Lock) title=t(Msg::Lock) on:click=lock.clone()>
                    <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
                        <path fill="currentColor" d="M17 9h-1V7a4 4 0 0 0-8 0v2H7a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2zm-7-2a2 2 0 1 1 4 0v2h-4zm2 11a2 2 0 1 1 0-4 2 2 0 0 1 0 4z" />
                    </svg>
                </button>
            </Show>
        </header>
    }
}
