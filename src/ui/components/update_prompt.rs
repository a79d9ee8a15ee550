//! "A new version is ready": offered everywhere except during an activation,
//! where a reload would lose the codes being typed.

use crate::state::{Msg, t, use_updates};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Screens of the activation flow: an update waits until they are left.
fn is_activation_screen(path: &str) -> bool {
    path == "/activate" || path.ends_with("/activate") || path.ends_with("/registration")
}

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let updates = use_updates();
    let location = use_location();
    let shown = move || updates.ready() && !is_activation_screen(&location.pathname.get());
    view! {
        <Show when=shown>
            <div class="update-prompt" role="status">
                <span>{t(Msg::UpdateReady)}</span>
                <button type="button" class="button" on:click=move |_| updates.apply()>
                    {t(Msg::AppReload)}
                </button>
            </div>
        </Show>
    }
}
