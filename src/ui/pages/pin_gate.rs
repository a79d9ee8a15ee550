//! The PIN gate: "Create PIN" (entered twice) on first run, "Enter your
//! PIN" on every later start and after auto-lock. A wrong PIN says how many
//! attempts are left; a lockout shows as a countdown. Where the vault has
//! passkeys, "Unlock with a passkey" opens it with one instead, or the PIN
//! is followed by the passkey where both are required. In a WebKit browser
//! tab (Safari, every iPhone browser) it also says that the tokens may be
//! deleted after seven days without a visit, and how to keep them.

use super::error_of;
use crate::state::{
    Msg, Phase, SessionError, cancel_passkey, now_ms, parse_new_secret, parse_secret, reload,
    storage_may_expire, t, t_with, use_app_state,
};
use crate::ui::components::secret_input::SecretInput;
use crate::ui::pages::reset_pin::ForgotPin;
use crate::ui::split::{self as split, PasskeyUnlock, Screen, lazy_screen, unlock_with_passkey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

fn focus_on_mount(node: NodeRef<leptos::html::Input>) {
    Effect::new(move |_| {
        if let Some(input) = node.get() {
            input.focus().ok();
        }
    });
}

#[component]
pub fn PinGate() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    // Where a new PIN leads: the list, or the backups to restore from.
    let then_to = RwSignal::new("/");
    // "Forgot your PIN?" is open.
    let forgot = RwSignal::new(false);
    provide_context(ForgotPin(forgot));
    Effect::new(move |_| {
        if state.phase.get() == Phase::Unlocked {
            navigate(then_to.get_untracked(), Default::default());
        }
    });
    view! {
        {move || match state.phase.get() {
            Phase::Starting | Phase::Unlocked => view! { <p class="muted">{t(Msg::AppOpening)}</p> }.into_any(),
            Phase::Failed(error) => view! {
                <p class="notice notice--error" role="alert">{error.to_string()}</p>
                <button type="button" class="button button--secondary" on:click=|_| reload()>{t(Msg::AppReload)}</button>
            }.into_any(),
            Phase::NoVault => view! { <SafariWarning /> <CreatePin then_to /> }.into_any(),
            Phase::Locked if forgot.get() => lazy_screen(|| split::screen(Screen::ResetPin))().into_any(),
            Phase::Locked => view! { <SafariWarning /> <EnterPin /> }.into_any(),
            Phase::ResettingPin => lazy_screen(|| split::screen(Screen::NewPinAfterReset))().into_any(),
        }}
    }
}

/// Safari's seven-day rule, said plainly where every visit starts; gone
/// once Soft Token runs from the Home Screen.
#[component]
fn SafariWarning() -> impl IntoView {
    storage_may_expire().then(|| {
        view! {
            <section class="card notice home-screen-note" role="note" aria-labelledby="safari-heading">
                <h2 id="safari-heading">{t(Msg::SafariHeading)}</h2>
                <p>{t(Msg::SafariRisk)}</p>
                <p class="muted">{t(Msg::SafariKeep)}</p>
            </section>
        }
    })
}

#[component]
fn CreatePin(then_to: RwSignal<&'static str>) -> impl IntoView {
    let state = use_app_state();
    let restoring = move || then_to.get() == "/backup";
    let (pin, confirm) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // "Use a password instead": a longer secret than digits.
    let password = RwSignal::new(false);
    // What the form's own check found; the action's error is its value.
    let problem = RwSignal::new(None::<SessionError>);
    let first = NodeRef::new();
    focus_on_mount(first);
    let create = Action::new_local(move |pin: &vault::Pin| {
        let pin = pin.clone();
        async move { state.create_pin(pin).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (first, second) = (pin.get_untracked(), confirm.get_untracked());
        let password = password.get_untracked();
        match parse_new_secret(&first, password) {
            Err(error) => problem.set(Some(error)),
            Ok(_) if first != second => {
                problem.set(Some(if password {
                    SessionError::PasswordsDiffer
                } else {
                    SessionError::PinsDiffer
                }));
                confirm.set(String::new());
            }
            Ok(chosen) => {
                problem.set(None);
                create.dispatch_local(chosen);
            }
        }
    };
    let error = move || match problem.get() {
        Some(error) => error.to_string(),
        None => error_of(create.value().get()),
    };
    view! {
        <Show when=move || state.storage_lost.get()>
            <div class="notice notice--error pin-gate__notice" role="alert">
                <p><strong>{t(Msg::StorageLostHeading)}</strong></p>
                <p>{t(Msg::StorageLostBody)}</p>
            </div>
        </Show>
        <form class="card pin-form" on:submit=submit>
            <h2>{move || t(match (restoring(), password.get()) {
                (true, _) => Msg::CreateHeadingRestore,
                (false, false) => Msg::CreateHeadingPin,
                (false, true) => Msg::CreateHeadingPassword,
            })}</h2>
            <p class="muted">{move || match (restoring(), password.get()) {
                (true, false) => t(Msg::CreateIntroRestorePin),
                (true, true) => t(Msg::CreateIntroRestorePassword),
                (false, false) => t_with(Msg::CreateIntroPin, &[("min", vault::Pin::MIN_DIGITS.into()), ("max", vault::Pin::MAX_DIGITS.into())]),
                (false, true) => t_with(Msg::CreateIntroPassword, &[("min", vault::Pin::MIN_PASSWORD_CHARS.into()), ("max", vault::Pin::MAX_PASSWORD_CHARS.into())]),
            }}</p>
            <SecretInput id="new-pin" pin_label=t(Msg::PinLabel) password_label=t(Msg::PasswordLabel) value=pin password node_ref=first new_password=true />
            <SecretInput id="confirm-pin" pin_label=t(Msg::PinAgainLabel) password_label=t(Msg::PasswordAgainLabel) value=confirm password />
            <p class="field__error" role="alert">{error}</p>
            <button type="submit" class="button" disabled=move || create.pending().get()>
                {move || t(match (create.pending().get(), restoring(), password.get()) {
                    (true, _, _) => Msg::CreateBusy,
                    (false, true, false) => Msg::CreatePinAndRestore,
                    (false, true, true) => Msg::CreatePasswordAndRestore,
                    (false, false, false) => Msg::CreatePin,
                    (false, false, true) => Msg::CreatePassword,
                })}
            </button>
            <button type="button" class="button button--secondary"
                on:click=move |_| {
                    password.update(|p| *p = !*p);
                    pin.set(String::new());
                    confirm.set(String::new());
                    problem.set(None);
                }>
                {move || t(if password.get() { Msg::UsePinInstead } else { Msg::UsePasswordInstead })}
            </button>
            <button type="button" class="button button--secondary"
                on:click=move |_| then_to.update(|to| *to = if *to == "/" { "/backup" } else { "/" })>
                {move || t(if restoring() { Msg::StartWithoutBackup } else { Msg::RestoreFromBackup })}
            </button>
        </form>
    }
}

#[component]
fn EnterPin() -> impl IntoView {
    let state = use_app_state();
    let pin = RwSignal::new(String::new());
    let field = NodeRef::new();
    focus_on_mount(field);
    let forgot = use_context::<ForgotPin>();
    // One action for both ways (one future type in the start chunk): the
    // typed secret, or `None` for "Unlock with a passkey".
    let unlock = Action::new_local(move |typed: &Option<String>| {
        let typed = typed.clone();
        async move {
            let ways = state.unlock_ways.get_untracked();
            let unlocked = match typed {
                None => unlock_with_passkey(state, PasskeyUnlock::Alone).await,
                Some(typed) => {
                    let secret = parse_secret(&typed, ways.password)?;
                    if ways.pin_with_passkey {
                        unlock_with_passkey(state, PasskeyUnlock::WithPin(secret)).await
                    } else {
                        state.unlock(secret).await
                    }
                }
            };
            if unlocked.is_err() {
                // Typed again from the start after a wrong PIN.
                pin.set(String::new());
            }
            unlocked
        }
    });
    let with_passkey = move || unlock.input().with(|input| matches!(input, Some(None)));
    let locked_seconds = Memo::new(move |_| {
        let now = state.now_ms.get().max(now_ms());
        state
            .attempts
            .with(|a| a.locked_for(now))
            .map(|ms| ms.div_ceil(1000))
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if locked_seconds.get_untracked().is_none() {
            unlock.dispatch_local(Some(pin.get_untracked()));
        }
    };
    let error = move || error_of(unlock.value().get());
    // What the stored vault opens with: a PIN or a password; a passkey
    // alone, or the PIN only with a passkey.
    let pin_needs_passkey = move || state.unlock_ways.get().pin_with_passkey;
    let password = move || state.unlock_ways.get().password;
    let busy = move || unlock.pending().get();
    view! {
        <form class="card pin-form" on:submit=submit>
            <h2>{move || t(if password() { Msg::UnlockHeadingPassword } else { Msg::UnlockHeadingPin })}</h2>
            <Show when=pin_needs_passkey>
                <p class="muted">{t(Msg::UnlockPasskeyToo)}</p>
            </Show>
            <SecretInput id="pin" pin_label=t(Msg::PinLabel) password_label=t(Msg::PasswordLabel) value=pin password=Signal::derive(password) node_ref=field />
            <p class="field__error" role="alert">{error}</p>
            <Show when=move || locked_seconds.get().is_some()>
                <p class="notice notice--error" role="timer" aria-live="polite">
                    {move || {
                        let total = locked_seconds.get().unwrap_or(0);
                        let time = format!("{}:{:02}", total / 60, total % 60);
                        t_with(Msg::UnlockLockedOut, &[("time", time.as_str().into())])
                    }}
                </p>
            </Show>
            <button type="submit" class="button" disabled=move || busy() || locked_seconds.get().is_some()>
                {move || t(match (busy() && !with_passkey(), pin_needs_passkey()) {
                    (true, true) => Msg::UnlockWaitingForPasskey,
                    (true, false) => Msg::UnlockBusy,
                    (false, _) => Msg::Unlock,
                })}
            </button>
            <Show when=move || busy() && (pin_needs_passkey() || with_passkey())>
                <button type="button" class="button button--secondary" on:click=|_| cancel_passkey()>{t(Msg::Cancel)}</button>
            </Show>
            <button type="button" class="button button--secondary"
                on:click=move |_| { if let Some(ForgotPin(open)) = forgot { open.set(true) } }>
                {move || t(if password() { Msg::ForgotPassword } else { Msg::ForgotPin })}
            </button>
            <Show when=move || state.unlock_ways.get().passkey_alone>
                <button type="button" class="button button--secondary"
                    disabled=move || busy() || locked_seconds.get().is_some()
                    on:click=move |_| { unlock.dispatch_local(None); }>
                    {move || t(if busy() && with_passkey() { Msg::UnlockWaitingForPasskey } else { Msg::UnlockWithPasskey })}
                </button>
            </Show>
        </form>
    }
}
