//! "Forgot your PIN?" (issue 20): the identity's Serial Number and PIN
//! Reset Code to give to Self-Service, the Unlock Code it answers with,
//! and then a new PIN. In the screens' chunk: the PIN gate draws it only
//! when asked.

use super::error_of;
use crate::state::{AppError, SessionError, parse_new_secret, use_app_state};
use crate::ui::components::secret_input::SecretInput;
use leptos::prelude::*;

/// Set by the PIN gate while "Forgot your PIN?" is open; cleared by Back.
#[derive(Clone, Copy)]
pub struct ForgotPin(pub RwSignal<bool>);

#[component]
pub fn ResetPin() -> impl IntoView {
    let state = use_app_state();
    let recoveries = LocalResource::new(move || async move { state.recoveries().await });
    view! {
        <section class="card pin-form" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Reset your PIN"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Reading…"</p> }>
                {move || recoveries.get().map(|read| match read {
                    Ok(list) if !list.is_empty() => view! { <ResetForm list /> }.into_any(),
                    Ok(_) => view! {
                        <p role="status">"No soft token identity in this browser can reset the PIN: only identities activated with a Serial Number and Activation Code can, while PIN reset is on. Without the PIN the tokens stored here cannot be opened. If you have a backup file, you can start again from it: clear this site's data in the browser's settings (this deletes the tokens stored here), then choose Restore from a backup."</p>
                    }.into_any(),
                    Err(error) => view! { <p class="field__error" role="alert">{error.to_string()}</p> }.into_any(),
                })}
            </Suspense>
            <BackToPin />
        </section>
    }
}

#[component]
fn BackToPin() -> impl IntoView {
    let forgot = use_context::<ForgotPin>();
    view! {
        <button type="button" class="button button--secondary"
            on:click=move |_| { if let Some(ForgotPin(open)) = forgot { open.set(false) } }>
            "Back"
        </button>
    }
}

#[component]
fn ResetForm(list: Vec<crate::state::Recovery>) -> impl IntoView {
    let state = use_app_state();
    let chosen = RwSignal::new(list.first().map(|r| r.slot_id.clone()).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let several = list.len() > 1;
    let list = StoredValue::new(list);
    let shown = move || {
        list.with_value(|list| {
            let slot = chosen.get();
            list.iter().find(|r| r.slot_id == slot).cloned()
        })
    };
    let unlock = Action::new_local(move |_: &()| {
        let (slot, typed) = (
            chosen.get_untracked(),
            zeroize::Zeroizing::new(code.get_untracked()),
        );
        async move { state.unlock_with_unlock_code(&slot, &typed).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        unlock.dispatch_local(());
    };
    view! {
        <form on:submit=submit>
            <Show when=move || several>
                <div class="field">
                    <label for="reset-identity">"Identity"</label>
                    <select id="reset-identity" on:change=move |event| chosen.set(event_target_value(&event))>
                        {list.with_value(|list| list.iter().map(|r| view! {
                            <option value=r.slot_id.clone()>{format!("{} ({})", r.label, r.serial)}</option>
                        }).collect_view())}
                    </select>
                </div>
            </Show>
            {move || shown().map(|r| view! {
                <dl class="reset-codes">
                    <dt>"Serial Number"</dt><dd class="code-text">{r.serial}</dd>
                    <dt>"PIN Reset Code"</dt><dd class="code-text">{r.reset_code}</dd>
                </dl>
            })}
            <p>"Give the Serial Number and the PIN Reset Code to your help desk or Self-Service. They answer with an Unlock Code; type it here."</p>
            <div class="field">
                <label for="unlock-code">"Unlock Code"</label>
                <input id="unlock-code" type="text" inputmode="numeric" autocomplete="off" maxlength="32"
                    class="code-text" bind:value=code />
            </div>
            <p class="field__error" role="alert">{move || error_of(unlock.value().get())}</p>
            <button type="submit" class="button" disabled=move || unlock.pending().get()>
                {move || if unlock.pending().get() { "Unlocking…" } else { "Unlock" }}
            </button>
        </form>
    }
}

/// After the Unlock Code opened the vault: the new PIN, twice.
#[component]
pub fn NewPinAfterReset() -> impl IntoView {
    let state = use_app_state();
    let (pin, confirm) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let password = RwSignal::new(false);
    // Passkeys were required with the PIN: the person chooses to keep that.
    let required = state.unlock_ways.get_untracked().pin_with_passkey;
    let keep = RwSignal::new(true);
    let save = Action::new_local(move |_: &()| {
        let (first, second) = (
            zeroize::Zeroizing::new(pin.get_untracked()),
            zeroize::Zeroizing::new(confirm.get_untracked()),
        );
        let password = password.get_untracked();
        async move {
            let chosen = parse_new_secret(&first, password)?;
            if *first != *second {
                return Err(AppError::from(if password {
                    SessionError::PasswordsDiffer
                } else {
                    SessionError::PinsDiffer
                }));
            }
            state.finish_pin_reset(chosen, keep.get_untracked()).await
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.dispatch_local(());
    };
    view! {
        <form class="card pin-form" on:submit=submit>
            <h2>"Choose a new PIN"</h2>
            <p class="muted">"The Unlock Code was right: your tokens are all here. Choose the PIN you will use from now on."</p>
            <SecretInput id="new-pin" pin_label="New PIN" password_label="New password" value=pin password new_password=true />
            <SecretInput id="confirm-pin" pin_label="Enter the new PIN again" password_label="Enter the new password again" value=confirm password />
            <Show when=move || required>
                <div class="checkbox">
                    <input type="checkbox" id="keep-passkeys" prop:checked=move || keep.get()
                        on:change=move |e| keep.set(event_target_checked(&e)) />
                    <label for="keep-passkeys">"Keep requiring a passkey with the PIN (each passkey is asked once)"</label>
                </div>
            </Show>
            <p class="field__error" role="alert">{move || error_of(save.value().get())}</p>
            <button type="submit" class="button" disabled=move || save.pending().get()>
                {move || if password.get() { "Save new password" } else { "Save new PIN" }}
            </button>
            <button type="button" class="button button--secondary"
                on:click=move |_| { password.update(|p| *p = !*p); pin.set(String::new()); confirm.set(String::new()); }>
                {move || if password.get() { "Use a PIN instead" } else { "Use a password instead" }}
            </button>
        </form>
    }
}
