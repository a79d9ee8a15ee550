//! The initial screen: every soft token identity with its current security
//! code. Empty on first run, saying how to start.

use crate::state::use_app_state;
use crate::ui::components::code_list::CodeList;
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
    // Read again on every change; Dismiss hides it until the next one.
    let dismissed_now = RwSignal::new(false);
    let reminder = Memo::new(move |_| {
        dismissed_now.track();
        state.backup_reminder_needed()
    });
    let dismiss = move |_| {
        state.dismiss_backup_reminder();
        dismissed_now.update(|d| *d = !*d);
    };
    view! {
        <h2 class="visually-hidden">"Security codes"</h2>
        <Show when=move || reminder.get()>
            <div class="card notice backup-reminder" role="status">
                <p><strong>"Not backed up"</strong></p>
                <p class="muted">"Your tokens live only in this browser. Export a backup so that you can restore them if this browser's data is lost."</p>
                <div class="actions">
                    <A href="/backup" attr:class="button">"Back up now"</A>
                    <button type="button" class="button button--secondary" on:click=dismiss>"Dismiss"</button>
                </div>
            </div>
        </Show>
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
            <CodeList ids=ids />
            <A href="/add" attr:class="button button--secondary">"Add identity"</A>
        </Show>
    }
}
