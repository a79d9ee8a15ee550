//! Settings: the soft token identities (each opens its own settings), "Add
//! identity", "Backups", and the app's settings: PIN, auto-lock, theme, storage.

use crate::state::{
    AUTO_LOCK_CHOICES, AppError, PersistStatus, SessionError, keep_data, parse_new_pin, parse_pin,
    persistence, use_app_state, use_preferences,
};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_app_state();
    let preferences = use_preferences();
    let identities = Memo::new(move |_| {
        state.document.with(|d| {
            d.identities
                .iter()
                .map(|i| (i.id.clone(), i.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let persistent = LocalResource::new(persistence);
    // Pressed by the person, so a prompt (Firefox) makes sense here.
    let keep = Action::new_local(|_: &()| keep_data());
    // The answer to the request once there is one, else what the browser
    // says now.
    let storage = move || keep.value().get().or_else(|| persistent.get());
    view! {
        <h2>"Settings"</h2>
        <section class="card" aria-labelledby="identities-heading">
            <h3 id="identities-heading">"Soft token identities"</h3>
            <ul class="link-list">
                // Plain links (the router still follows them): `A` watches the
                // location for aria-current, which hundreds of rows paid for
                // on every navigation away from here.
                <For each=move || identities.get() key=|(id, name)| (id.clone(), name.clone()) let:entry>
                    <li><a href=format!("/identity/{}", entry.0)>{entry.1}</a></li>
                </For>
            </ul>
            <A href="/add" attr:class="button button--secondary">"Add identity"</A>
            <A href="/backup" attr:class="button button--secondary">"Backups"</A>
        </section>
        <section class="card" aria-labelledby="app-heading">
            <h3 id="app-heading">"App"</h3>
            <div class="field">
                <label for="auto-lock">"Auto-lock after"</label>
                <select id="auto-lock" on:change=move |event| {
                    if let Ok(minutes) = event_target_value(&event).parse() { preferences.auto_lock_minutes.set(minutes) }
                }>
                    {AUTO_LOCK_CHOICES.iter().map(|&minutes| view! {
                        <option value=minutes.to_string() selected=move || preferences.auto_lock_minutes.get() == minutes>
                            {format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="theme">"Theme"</label>
                <select id="theme" on:change=move |event| preferences.theme.set(event_target_value(&event))>
                    {[("system", "System"), ("light", "Light"), ("dark", "Dark")].into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || preferences.theme.get() == value>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <Suspense fallback=|| view! { <p>"Storage: checking…"</p> }>
                <p role="status">"Storage: " {move || storage().map(PersistStatus::describe)}</p>
                <Show when=move || storage().is_some_and(PersistStatus::can_ask)>
                    <button type="button" class="button button--secondary" on:click=move |_| { keep.dispatch_local(()); }
                        disabled=move || keep.pending().get()>
                        "Keep my tokens when space runs low"
                    </button>
                </Show>
            </Suspense>
        </section>
        <super::passkeys::Passkeys />
        <ChangePin />
    }
}

#[component]
fn ChangePin() -> impl IntoView {
    let state = use_app_state();
    let current = RwSignal::new(String::new());
    let (pin, confirm) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let mismatch = RwSignal::new(false);
    let change = Action::new_local(move |_: &()| {
        let current_pin = zeroize::Zeroizing::new(current.get_untracked());
        let chosen = zeroize::Zeroizing::new(pin.get_untracked());
        async move {
            let new_pin = parse_new_pin(&chosen)?;
            state.change_pin(parse_pin(&current_pin)?, new_pin).await?;
            // The fields empty once the change is stored.
            for field in [current, pin, confirm] {
                field.set(String::new());
            }
            Ok::<(), AppError>(())
        }
    });
    let message = move || {
        if mismatch.get() {
            return SessionError::PinsDiffer.to_string();
        }
        match change.value().get() {
            Some(Ok(())) => "Your PIN was changed.".into(),
            Some(Err(error)) => error.to_string(),
            None => String::new(),
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let differs = pin.get_untracked() != confirm.get_untracked();
        mismatch.set(differs);
        if !differs {
            change.dispatch_local(());
        }
    };
    let digits = |signal: RwSignal<String>| {
        move |event| {
            signal.set(
                event_target_value(&event)
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect(),
            )
        }
    };
    view! {
        <form class="card" on:submit=submit aria-labelledby="pin-heading">
            <h3 id="pin-heading">"Change PIN"</h3>
            <div class="field">
                <label for="current-pin">"Current PIN"</label>
                <input id="current-pin" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                    prop:value=move || current.get() on:input=digits(current) />
            </div>
            <div class="field">
                <label for="change-pin">"New PIN"</label>
                <input id="change-pin" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                    prop:value=move || pin.get() on:input=digits(pin) />
            </div>
            <div class="field">
                <label for="change-pin-confirm">"Enter the new PIN again"</label>
                <input id="change-pin-confirm" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                    prop:value=move || confirm.get() on:input=digits(confirm) />
            </div>
            <p class="field__error" role="status">{message}</p>
            <button type="submit" class="button button--secondary" disabled=move || change.pending().get()>"Change PIN"</button>
        </form>
    }
}
