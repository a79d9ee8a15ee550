//! Settings → "The list": the order of the initial screen, the groups
//! (create, rename, delete), and how codes show on this device (the next
//! code, hidden codes). Each change to the vault is one write through the
//! state; a refused one says why under its control, and nothing changes.
//! How codes show is a preference of this device, kept outside the vault.

use crate::state::{AppError, use_app_state, use_preferences};
use leptos::prelude::*;
use vault::{GROUP_NAME_MAX, Order};

const ORDERS: [(Order, &str, &str); 4] = [
    (
        Order::Custom,
        "custom",
        "Custom (drag, or Alt+Up and Alt+Down)",
    ),
    (Order::Name, "name", "Name A-Z"),
    (Order::Issuer, "issuer", "Issuer A-Z"),
    (Order::MostUsed, "most_used", "Most used"),
];

#[component]
pub fn ListSettings() -> impl IntoView {
    let state = use_app_state();
    let order = Memo::new(move |_| state.document.with(|d| d.order));
    let set_order = Action::new_local(move |order: &Order| {
        let order = *order;
        async move { state.set_order(order).await }
    });
    let on_order = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if let Some((order, _, _)) = ORDERS.iter().find(|(_, key, _)| *key == value) {
            set_order.dispatch_local(*order);
        }
    };
    view! {
        <section class="card" aria-labelledby="list-heading">
            <h3 id="list-heading">"The list"</h3>
            <div class="field">
                <label for="order">"Order"</label>
                <select id="order" on:change=on_order>
                    {ORDERS.iter().map(|&(value, key, label)| view! {
                        <option value=key selected=move || order.get() == value>{label}</option>
                    }).collect_view()}
                </select>
                <p class="muted">"Identities pinned to the top come first in every order."</p>
                <p class="field__error" role="alert">
                    {move || set_order.value().get().and_then(Result::err).map(|e| e.to_string())}
                </p>
            </div>
            <CodesShown />
            <Groups />
        </section>
    }
}

/// How codes show on this device.
#[component]
fn CodesShown() -> impl IntoView {
    let preferences = use_preferences();
    view! {
        <h4>"Codes"</h4>
        <label class="checkbox">
            <input type="checkbox" bind:checked=preferences.show_next_code />
            "Show the next code"
        </label>
        <p class="muted">"In the last 10 seconds of a code, the next one shows under it."</p>
        <label class="checkbox">
            <input type="checkbox" bind:checked=preferences.hide_codes />
            "Hide codes until tapped"
        </label>
        <p class="muted">"Codes show as dots; tap one, or press Enter on it, to see it for 30 seconds."</p>
    }
}

#[component]
fn Groups() -> impl IntoView {
    let state = use_app_state();
    let groups = Memo::new(move |_| state.document.with(|d| d.groups.clone()));
    let new_name = RwSignal::new(String::new());
    let add = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            state.add_group(&name).await?;
            new_name.set(String::new());
            Ok::<_, AppError>(())
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        add.dispatch_local(new_name.get_untracked());
    };
    view! {
        <h4>"Groups"</h4>
        <Show when=move || groups.read().is_empty()>
            <p class="muted">"No group yet. Groups show as chips above the codes; put an identity in one from its settings."</p>
        </Show>
        <ul class="group-list">
            <For each=move || groups.get() key=Clone::clone let:group>
                <GroupRow name=group />
            </For>
        </ul>
        <form class="field" on:submit=submit>
            <label for="new-group">"New group"</label>
            <div class="inline-field">
                <input id="new-group" type="text" maxlength=GROUP_NAME_MAX.to_string()
                    autocomplete="off" bind:value=new_name />
                <button type="submit" class="button button--secondary">"Create group"</button>
            </div>
            <p class="field__error" role="alert">
                {move || add.value().get().and_then(Result::err).map(|e| e.to_string())}
            </p>
        </form>
    }
}

/// One group: its name in a field (Rename), and Delete.
#[component]
fn GroupRow(name: String) -> impl IntoView {
    let state = use_app_state();
    let typed = RwSignal::new(name.clone());
    let stored = StoredValue::new(name.clone());
    let rename = Action::new_local(move |to: &String| {
        let (from, to) = (stored.get_value(), to.clone());
        async move { state.rename_group(&from, &to).await }
    });
    let delete = Action::new_local(move |_: &()| {
        let name = stored.get_value();
        async move { state.delete_group(&name).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        rename.dispatch_local(typed.get_untracked());
    };
    let error = move || {
        rename
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
            .map(|e| e.to_string())
    };
    let field_id = format!(
        "group-{}",
        name.bytes().map(|b| format!("{b:02x}")).collect::<String>()
    );
    view! {
        <li>
            <form class="inline-field" on:submit=submit>
                <label for=field_id.clone() class="visually-hidden">{format!("Name of group {name}")}</label>
                <input id=field_id type="text" maxlength=GROUP_NAME_MAX.to_string() autocomplete="off" bind:value=typed />
                <button type="submit" class="button button--secondary"
                    aria-label=format!("Rename {name}")>"Rename"</button>
                <button type="button" class="button button--secondary" aria-label=format!("Delete {name}")
                    on:click=move |_| { delete.dispatch_local(()); }>"Delete"</button>
            </form>
            <p class="field__error" role="alert">{error}</p>
        </li>
    }
}
