//! Where the app's WASM is split. Every screen but the PIN gate is loaded
//! through one of these functions. Built with the `split` feature (the
//! release build, see `scripts/split-wasm.mjs`), each becomes a split point:
//! its screen's code leaves the main module for a chunk that is fetched on
//! first use, or earlier by [`preload`]. So a cold start downloads only
//! what the PIN screen needs. Without the feature (tests, `cargo check`)
//! they are plain async functions that are ready at once.
//!
//! Contract: a chunk holds code only. State, keys and secrets stay in the
//! main module's memory, which the chunks share; nothing here is fetched
//! from anywhere but this origin (and the service worker serves it offline).
//!
//! `leptos::lazy` expands to the `extern` import and `no_mangle` export that
//! the splitter rewrites; that generated code is the only reason this module
//! may not forbid `unsafe_code`. No unsafe code is written here by hand.
#![allow(unsafe_code)]

use super::pages::{
    IdentityPage, activate::Activate, add::Add, add::AddStep, backup::Backup, home::Home,
    identity_settings::IdentitySettings, reset_pin::NewPinAfterReset, reset_pin::ResetPin,
    settings::Settings,
};
use crate::state::{AppState, SessionError};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// The screens behind the initial one, all in one chunk: they are
/// preloaded together anyway, and each more split point adds chunks of
/// code shared between screens (ten split points made 94 files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Screen {
    Settings,
    Activate,
    Add,
    /// `/add/:step`: Type a secret, the preview, Verify a transaction.
    AddStep,
    Backup,
    IdentitySettings,
    /// `/identity/:id/:page`: Reactivate, activate, Registration Code, Answer a challenge.
    IdentityPage,
    /// "Forgot your PIN?", drawn by the PIN gate.
    ResetPin,
    /// The new PIN after a reset, drawn by the PIN gate.
    NewPinAfterReset,
}

/// A screen whose chunk could not be fetched (offline before the service
/// worker had cached it). The split points are `fallible` for this: Leptos's
/// own `lazy` panics instead, which in a release build (panic = "abort")
/// would stop the whole app.
#[derive(Debug)]
pub(crate) struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Declares `async fn $name($args) -> Result<AnyView, NotLoaded>` and
/// `async fn $preload()`: a split point with the `split` feature, a plain
/// function that is ready at once without it.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident, $preload:ident, ($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($preload)
        )]
        pub(crate) fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            let view: AnyView = $body;
            Ok(view)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub(crate) async fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            let view: AnyView = $body;
            Ok(view)
        }

        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), NotLoaded> {
            Ok(())
        }
    };
}

split_point! {
    /// The initial screen, in a chunk of its own: it is the one needed
    /// first, right after unlocking.
    home_code, preload_home, () { view! { <Home /> }.into_any() }
}

split_point! {
    /// Every other screen.
    screen_code, preload_screen, (screen: Screen) {
        match screen {
            Screen::Settings => view! { <Settings /> }.into_any(),
            Screen::Activate => view! { <Activate /> }.into_any(),
            Screen::Add => view! { <Add /> }.into_any(),
            Screen::AddStep => view! { <AddStep /> }.into_any(),
            Screen::Backup => view! { <Backup /> }.into_any(),
            Screen::IdentitySettings => view! { <IdentitySettings /> }.into_any(),
            Screen::IdentityPage => view! { <IdentityPage /> }.into_any(),
            Screen::ResetPin => view! { <ResetPin /> }.into_any(),
            Screen::NewPinAfterReset => view! { <NewPinAfterReset /> }.into_any(),
        }
    }
}

/// The initial screen, once its code and the texts past the start path's
/// are in.
pub(crate) async fn home() -> Result<AnyView, NotLoaded> {
    crate::state::screen_texts().await.map_err(|_| NotLoaded)?;
    home_code().await
}

/// Every other screen, once its code and its texts are in.
pub(crate) async fn screen(screen: Screen) -> Result<AnyView, NotLoaded> {
    crate::state::screen_texts().await.map_err(|_| NotLoaded)?;
    screen_code(screen).await
}

/// An unlock that needs a passkey, as a future built in the passkeys
/// chunk: the WebAuthn ceremony, the passkey slots and HKDF stay out of
/// the start chunk, which only the PIN (or password) needs.
pub(crate) type Unlocking = std::pin::Pin<Box<dyn Future<Output = Result<(), SessionError>>>>;

/// Which unlock [`passkey_unlock`] makes.
#[derive(Clone, Debug)]
pub(crate) enum PasskeyUnlock {
    /// "Unlock with a passkey".
    Alone,
    /// The PIN, then the passkey (both required).
    WithPin(vault::Pin),
}

/// The passkeys chunk's entry.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    passkeys,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_passkeys)
)]
pub(crate) fn passkey_unlock(state: AppState, how: PasskeyUnlock) -> Result<Unlocking, NotLoaded> {
    Ok(passkey_unlocking(state, how))
}

/// Without the `split` feature: ready at once.
#[cfg(not(feature = "split"))]
pub(crate) async fn passkey_unlock(
    state: AppState,
    how: PasskeyUnlock,
) -> Result<Unlocking, NotLoaded> {
    Ok(passkey_unlocking(state, how))
}

#[cfg(not(feature = "split"))]
async fn preload_passkeys() -> Result<(), NotLoaded> {
    Ok(())
}

fn passkey_unlocking(state: AppState, how: PasskeyUnlock) -> Unlocking {
    Box::pin(async move {
        match how {
            PasskeyUnlock::Alone => state.unlock_with_passkey().await,
            PasskeyUnlock::WithPin(pin) => state.unlock_with_pin_and_passkey(pin).await,
        }
    })
}

/// Unlocks with a passkey (alone, or after the PIN), its code fetched
/// first where the preload has not brought it yet.
pub(crate) async fn unlock_with_passkey(
    state: AppState,
    how: PasskeyUnlock,
) -> Result<(), SessionError> {
    match passkey_unlock(state, how).await {
        Ok(unlocking) => unlocking.await,
        Err(_) => Err(SessionError::NotLoaded),
    }
}

/// A route's view: the screen `load` gives, once its code is there, or a
/// message that says it could not be fetched.
pub(crate) fn lazy_screen<Fut>(
    load: impl Fn() -> Fut + Clone + Send + 'static,
) -> impl Fn() -> Suspend<AnyView> + Clone + Send + 'static
where
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    move || {
        // The load future holds the loader's state, which is not Send; the
        // app runs on the one browser thread.
        let loading = send_wrapper::SendWrapper::new(load());
        Suspend::new(async move {
            loading
                .await
                .unwrap_or_else(|NotLoaded| view! { <ScreenNotLoaded /> }.into_any())
        })
    }
}

#[component]
fn ScreenNotLoaded() -> impl IntoView {
    view! {
        <div class="card" role="alert">
            <h2>"This screen could not be loaded"</h2>
            <p>"This part of the app has not been downloaded yet, and the network cannot be reached. Your tokens are safe: reconnect, then reload."</p>
            <button class="button" type="button" on:click=|_| crate::state::reload()>"Reload"</button>
        </div>
    }
}

/// Fetches both chunks, the initial screen's first, so that unlocking and
/// moving between screens never wait for the network. Called once the first
/// screen is up. A chunk that fails to load is tried again when a screen
/// needs it, so a failure here is not reported.
pub async fn preload() {
    crate::state::screen_texts().await.ok();
    if preload_home().await.is_ok() {
        preload_passkeys().await.ok();
        preload_screen().await.ok();
    }
}
