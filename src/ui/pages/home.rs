//! The initial screen: every soft token identity with its current security
//! code, in the person's order (favourites first), narrowed by Search and
//! a group chip. Empty on first run, saying how to start. Above it, when
//! this device's clock is off, a notice that says so. Once it has drawn,
//! it asks for the icon pack's index (`state::icons`).
//!
//! The list is `vault::search::ListIndex`, built once per document change;
//! a keystroke only selects from it (2,000 identities: make bench).

use crate::state::{load_index, use_app_state, use_icons};
use crate::ui::components::clock_notice::ClockNotice;
use crate::ui::components::code_list::CodeList;
use crate::ui::components::list_tools::{GroupChips, SearchField};
use leptos::prelude::*;
use leptos_router::components::A;
use vault::search::ListIndex;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    // The icon pack's index, once this screen has drawn (effects run after).
    let icons = use_icons();
    Effect::new(move |_| icons.want(load_index));
    let index = Memo::new(move |_| state.document.with(ListIndex::new));
    let query = RwSignal::new(String::new());
    let groups = Memo::new(move |_| state.document.with(|d| d.groups.clone()));
    let chosen = RwSignal::new(None::<String>);
    // A chosen group that was deleted (here or in another tab) is All.
    let group = Memo::new(move |_| {
        chosen
            .get()
            .filter(|group| groups.with(|groups| groups.contains(group)))
    });
    let ids = Memo::new(move |_| {
        let group = group.get();
        index.with(|index| query.with(|query| index.select(query, group.as_deref())))
    });
    let all = Memo::new(move |_| index.with(ListIndex::ids));
    let stored = Memo::new(move |_| !index.with(ListIndex::is_empty));
    let narrowed = move || !query.read().trim().is_empty() || group.read().is_some();
    let no_match = move || {
        let query = query.read();
        let query = query.trim();
        match (query.is_empty(), group.read().as_deref()) {
            (false, _) => format!("No identity matches “{query}”."),
            (true, Some(group)) => {
                format!("No identity is in {group} yet: add one from its settings.")
            }
            (true, None) => String::new(),
        }
    };
    // For screen readers: how many of the list a search leaves.
    let shown = move || {
        if narrowed() {
            let shown = ids.with(Vec::len);
            let total = index.with(ListIndex::len);
            format!("{shown} of {total} identities shown")
        } else {
            String::new()
        }
    };
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
        <ClockNotice />
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
            when=move || stored.get()
            fallback=|| view! {
                <div class="card empty">
                    <p>"No soft token identity yet."</p>
                    <p class="muted">"To start, activate a soft token identity with the Serial Number and Activation Code from your Self-Service module."</p>
                    <A href="/activate" attr:class="button">"Activate a soft token identity"</A>
                    <A href="/add" attr:class="button button--secondary">"Add identity"</A>
                </div>
            }
        >
            <SearchField query=query />
            <Show when=move || !groups.read().is_empty()>
                <GroupChips groups=groups chosen=chosen />
            </Show>
            <p class="visually-hidden" role="status">{shown}</p>
            <CodeList ids=ids all=all />
            <Show when=move || ids.read().is_empty()>
                <p class="card empty">{no_match}</p>
            </Show>
            <A href="/add" attr:class="button button--secondary">"Add identity"</A>
        </Show>
    }
}
