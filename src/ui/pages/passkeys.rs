//! Settings → Passkeys: add a passkey (several may be added), remove one,
//! and require a passkey with the PIN. Where the browser cannot use
//! passkeys, the section says so and offers nothing. Part of the Settings
//! screen, so in its split chunk.

use super::error_of;
use crate::state::{
    AppError, Passkey, cancel_passkey, parse_pin, passkeys_may_work, use_app_state,
};
use leptos::prelude::*;

fn added_on(created_at_ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(created_at_ms as f64));
    format!(
        "added {}",
        String::from(date.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED))
    )
}

/// Typed digits only, as the PIN fields take them.
fn digits(signal: RwSignal<String>) -> impl Fn(leptos::ev::Event) {
    move |event| {
        signal.set(
            event_target_value(&event)
                .chars()
                .filter(char::is_ascii_digit)
                .collect(),
        )
    }
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
    let pin = RwSignal::new(String::new());
    let add = Action::new_local(move |_: &()| {
        let (label, typed) = (
            label.get_untracked(),
            zeroize::Zeroizing::new(pin.get_untracked()),
        );
        async move {
            let pin = if state.passkey_required() {
                Some(parse_pin(&typed)?)
            } else {
                None
            };
            state.add_passkey(label, pin).await
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
            state.require_passkey(required, parse_pin(&typed)?).await?;
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
            (true, _) => "Unlock with your fingerprint, face, screen lock or security key instead of typing the PIN.",
            (false, false) => "Your PIN alone still opens a copy of the vault (from a stolen or copied device, for example). To make a copy useless without one of your passkeys, require a passkey with the PIN.",
            (false, true) => "Soft Token opens only with your PIN and one of these passkeys together.",
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
                <div class="field">
                    <label for="passkey-pin">"Your PIN"</label>
                    <input id="passkey-pin" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                        prop:value=move || pin.get() on:input=digits(pin) />
                </div>
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
                            "Afterwards the PIN alone opens Soft Token again. Enter your PIN, then use each passkey once more."
                        } else {
                            "If you lose every passkey, only a backup (or your issuer's unlock) can bring your tokens back. Enter your PIN, then use each passkey once."
                        }}</p>
                        <div class="field">
                            <label for="require-pin">"Enter your PIN to confirm"</label>
                            <input id="require-pin" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                                prop:value=move || confirm_pin.get() on:input=digits(confirm_pin) />
                        </div>
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
