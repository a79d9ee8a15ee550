//! Settings: the soft token identities (each opens its own settings), "Add
//! identity", "Backups", and the app's settings: PIN, auto-lock, theme, storage.

use crate::state::{
    AUTO_LOCK_CHOICES, AppError, PersistStatus, SessionError, keep_data, parse_new_secret,
    parse_secret, persistence, use_app_state, use_preferences,
};
use crate::ui::components::secret_input::SecretInput;
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
        <super::list_settings::ListSettings />
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
        <super::language_setting::LanguageSetting />
        <super::passkeys::Passkeys />
        <ChangePin />
    }
}

/// Change PIN, or change to a password (or back): the current secret
/// first, then the new one twice.
#[component]
fn ChangePin() -> impl IntoView {
    let state = use_app_state();
    let current = RwSignal::new(String::new());
    let (pin, confirm) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // What opens the vault now, and what the new secret is to be.
    let current_is_password = RwSignal::new(state.uses_password());
    let new_is_password = RwSignal::new(state.uses_password());
    let mismatch = RwSignal::new(false);
    let change = Action::new_local(move |_: &()| {
        let current_pin = zeroize::Zeroizing::new(current.get_untracked());
        let chosen = zeroize::Zeroizing::new(pin.get_untracked());
        let (was_password, password) = (
            current_is_password.get_untracked(),
            new_is_password.get_untracked(),
        );
        async move {
            let new_pin = parse_new_secret(&chosen, password)?;
            state
                .change_pin(parse_secret(&current_pin, was_password)?, new_pin)
                .await?;
            // The fields empty once the change is stored.
            for field in [current, pin, confirm] {
                field.set(String::new());
            }
            current_is_password.set(password);
            Ok::<bool, AppError>(password)
        }
    });
    let message = move || {
        if mismatch.get() {
            return if new_is_password.get() {
                SessionError::PasswordsDiffer
            } else {
                SessionError::PinsDiffer
            }
            .to_string();
        }
        match change.value().get() {
            Some(Ok(false)) => "Your PIN was changed.".into(),
            Some(Ok(true)) => "Your password was changed.".into(),
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
    view! {
        <form class="card" on:submit=submit aria-labelledby="pin-heading">
            <h3 id="pin-heading">"Change PIN"</h3>
            <SecretInput id="current-pin" pin_label="Current PIN" password_label="Current password" value=current password=current_is_password />
            <SecretInput id="change-pin" pin_label="New PIN" password_label="New password" value=pin password=new_is_password new_password=true />
            <SecretInput id="change-pin-confirm" pin_label="Enter the new PIN again" password_label="Enter the new password again" value=confirm password=new_is_password />
            <p class="field__error" role="status">{message}</p>
            <button type="submit" class="button button--secondary" disabled=move || change.pending().get()>
                {move || if new_is_password.get() { "Change password" } else { "Change PIN" }}
            </button>
            <button type="button" class="button button--secondary"
                on:click=move |_| { new_is_password.update(|p| *p = !*p); pin.set(String::new()); confirm.set(String::new()); }>
                {move || if new_is_password.get() { "Use a PIN instead" } else { "Use a password instead" }}
            </button>
        </form>
    }
}
