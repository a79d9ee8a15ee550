//! One file per screen, in the order the seed walks through them.
pub mod activate;
pub mod add;
pub mod add_preview;
pub mod add_secret;
pub mod backup;
pub mod challenge;
pub mod home;
mod identity_arrangement;
mod identity_icon;
pub mod identity_settings;
mod language_setting;
mod list_settings;
pub mod passkeys;
pub mod pin_gate;
pub mod reactivate;
pub mod registration;
pub mod reset_pin;
pub mod settings;
pub mod transaction;

use crate::state::use_app_state;
use leptos::prelude::*;
use vault::Identity;

/// The route's `:id`, and the identity it names (None once deleted).
pub(crate) fn identity_from_route() -> (Memo<String>, Memo<Option<Identity>>) {
    let state = use_app_state();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let identity = Memo::new(move |_| {
        let id = id.get();
        state
            .document
            .with(|document| document.identity(&id).cloned())
    });
    (id, identity)
}

/// Shown where a route names an identity that does not exist (any more).
#[component]
pub(crate) fn NoSuchIdentity() -> impl IntoView {
    view! {
        <div class="card">
            <p>"This soft token identity no longer exists."</p>
            <leptos_router::components::A href="/" attr:class="button">"Back to the codes"</leptos_router::components::A>
        </div>
    }
}

/// The sentence an action's last result says, or nothing: how a form shows
/// its action's error, read from `action.value()`.
pub(crate) fn error_of<T, E: std::fmt::Display>(result: Option<Result<T, E>>) -> String {
    result
        .and_then(Result::err)
        .map(|error| error.to_string())
        .unwrap_or_default()
}

/// The screens under `/identity/:id/…`: Reactivate, activate, the
/// Registration Code and Answer a challenge. One route for them keeps the
/// router in the start chunk small (each route costs it about 500 bytes).
#[component]
pub fn IdentityPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let page = Memo::new(move |_| params.with(|p| p.get("page")).unwrap_or_default());
    move || match page.get().as_str() {
        "reactivate" => view! { <reactivate::Reactivate /> }.into_any(),
        "activate" => view! { <activate::Activate /> }.into_any(),
        "registration" => view! { <registration::Registration /> }.into_any(),
        "challenge" => view! { <challenge::Challenge /> }.into_any(),
        _ => view! { <p>"This page does not exist."</p> }.into_any(),
    }
}
