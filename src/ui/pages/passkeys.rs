//! Settings → Passkeys: add a passkey (several may be added), remove one,
//! and require a passkey with the PIN. Where the browser cannot use
//! passkeys, the section says so and offers nothing. Part of the Settings
//! screen, so in its split chunk.

use super::error_of;
use crate::state::{
    AppError, Passkey, cancel_passkey, parse_secret, passkeys_may_work, use_app_state,
};
use crate::ui::components::secret_input::SecretInput;
use leptos::prelude::*;

fn added_on(created_at_ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(created_at_ms as f64));
    format!(
        "added {}",
        String::from(date.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED))
    )
}

#[component]
pub fn Passkeys() -> impl IntoView {
    let may_work = LocalResource::new(passkeys_may_work);
    view! {
        <section class="card" aria-labelledby="passkeys-heading">
            <h3 id="passkeys-heading">"Passkeys"</h3>
            <Suspense fallback=|| view! { <p class="muted">"Checking this browser…"</p> }>
                {move || may_work.get().map(|works| if works {
                    view! { <PasskeyList /> }.into_any()
                } else {
                    view! {
                        <p role="status">"This browser cannot unlock Soft Token with a passkey: it does not support passkeys with the PRF extension. Your PIN opens Soft Token."</p>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PasskeyList() -> impl IntoView {
    let state = use_app_state();
    let label = RwSignal::new("This laptop".to_owned());
    let label_field = label;
    let pin = RwSignal::new(String::new());
    let add = Action::new_local(move |_: &()| {
        let (label, typed) = (
            label.get_untracked(),
            zeroize::Zeroizing::new(pin.get_untracked()),
        );
        async move {
            let pin = if state.passkey_required() {
                Some(parse_secret(&typed, state.uses_password())?)
            } else {
                None
            };
            state.add_passkey(label.clone(), pin).await?;
            // A name for the next one, which is usually a spare key.
            if label == "This laptop" {
                label_field.set("Security key".to_owned());
            }
            Ok::<(), AppError>(())
        }
    });
    let remove = Action::new_local(move |slot_id: &String| {
        let slot_id = slot_id.clone();
        async move { state.remove_passkey(slot_id).await }
    });
    let confirm_pin = RwSignal::new(String::new());
    let require = Action::new_local(move |required: &bool| {
        let (required, typed) = (
            *required,
            zeroize::Zeroizing::new(confirm_pin.get_untracked()),
        );
        async move {
            state
                .require_passkey(required, parse_secret(&typed, state.uses_password())?)
                .await?;
            confirm_pin.set(String::new());
            Ok::<(), AppError>(())
        }
    });
    // Read again after each change this section makes.
    let listed = Memo::new(move |_| {
        add.version().get();
        remove.version().get();
        require.version().get();
        (state.passkeys(), state.passkey_required())
    });
    let passkeys = move || listed.get().0;
    let required = move || listed.get().1;
    let confirming = RwSignal::new(false);
    // Whether the vault's secret is a password (fields and sentences say so).
    let password = Signal::derive(move || {
        require.version().get();
        state.uses_password()
    });
    let secret = move || if password.get() { "password" } else { "PIN" };
    let busy = move || add.pending().get() || remove.pending().get() || require.pending().get();
    let message = move || {
        [
            error_of(add.value().get()),
            error_of(remove.value().get()),
            error_of(require.value().get()),
        ]
        .into_iter()
        .find(|sentence| !sentence.is_empty())
        .unwrap_or_default()
    };
    let on_add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        add.dispatch_local(());
    };
    view! {
        <p>{move || match (passkeys().is_empty(), required()) {
            (true, _) => format!("Unlock with your fingerprint, face, screen lock or security key instead of typing the {}.", secret()),
            (false, false) => format!("Your {} alone still opens a copy of the vault (from a stolen or copied device, for example). To make a copy useless without one of your passkeys, require a passkey with the PIN.", secret()),
            (false, true) => format!("Soft Token opens only with your {} and one of these passkeys together.", secret()),
        }}</p>
        <ul class="link-list">
            <For each=passkeys key=|passkey: &Passkey| passkey.slot_id.clone() let:passkey>
                <li class="passkey">
                    <span>{passkey.label.clone()}" "<span class="muted">{added_on(passkey.created_at_ms)}</span></span>
                    <button type="button" class="button button--secondary"
                        aria-label=format!("Remove passkey {}", passkey.label)
                        disabled=busy
                        on:click=move |_| { remove.dispatch_local(passkey.slot_id.clone()); }>
                        "Remove"
                    </button>
                </li>
            </For>
        </ul>
        <form on:submit=on_add>
            <div class="field">
                <label for="passkey-label">"Passkey name"</label>
                <input id="passkey-label" type="text" maxlength="64" bind:value=label />
            </div>
            <Show when=required>
                <SecretInput id="passkey-pin" pin_label="Your PIN" password_label="Your password" value=pin password />
            </Show>
            <button type="submit" class="button button--secondary" disabled=busy>
                {move || if add.pending().get() { "Waiting for the passkey…" } else { "Add a passkey" }}
            </button>
        </form>
        <Show when=move || !passkeys().is_empty()>
            {move || if confirming.get() {
                view! {
                    <div class="passkey-confirm" role="note">
                        <p>{move || if required() {
                            format!("Afterwards the {0} alone opens Soft Token again. Enter your {0}, then use each passkey once more.", secret())
                        } else {
                            format!("If you lose every passkey, only a backup (or your issuer's unlock) can bring your tokens back. Enter your {}, then use each passkey once.", secret())
                        }}</p>
                        <SecretInput id="require-pin" pin_label="Enter your PIN to confirm" password_label="Enter your password to confirm" value=confirm_pin password />
                        <button type="button" class="button" disabled=busy
                            on:click=move |_| { require.dispatch_local(!required()); confirming.set(false); }>
                            {move || if required() { "Stop requiring a passkey" } else { "Require a passkey" }}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button--secondary" disabled=busy on:click=move |_| confirming.set(true)>
                        {move || if required() { "Stop requiring a passkey with the PIN" } else { "Require a passkey with the PIN" }}
                    </button>
                }.into_any()
            }}
        </Show>
        <Show when=busy>
            <button type="button" class="button button--secondary" on:click=|_| cancel_passkey()>"Cancel"</button>
        </Show>
        <p class="field__error" role="alert">{message}</p>
    }
}
