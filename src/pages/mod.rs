//! One file per screen, in the order the seed walks through them.
pub mod activate;
pub mod add;
pub mod add_preview;
pub mod add_secret;
pub mod backup;
pub mod home;
pub mod identity_settings;
pub mod pin_gate;
pub mod reactivate;
pub mod registration;
pub mod settings;
pub mod split;

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
            .with(|d| d.identities.iter().find(|i| i.id == id).cloned())
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

/// A new identity's id: random, hex.
pub(crate) fn new_identity_id() -> String {
    otp::random_bytes::<8>()
        .map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect())
        .unwrap_or_else(|_| format!("{:x}", crate::state::now_ms()))
}
