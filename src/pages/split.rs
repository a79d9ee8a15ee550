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

use super::{
    activate::Activate, add::Add, add_preview::AddPreview, add_secret::AddSecret, backup::Backup,
    home::Home, identity_settings::IdentitySettings, reactivate::Reactivate,
    registration::Registration, settings::Settings,
};
use leptos::prelude::*;

/// The screens behind the initial one, all in one chunk: they are
/// preloaded together anyway, and each more split point adds chunks of
/// code shared between screens (ten split points made 94 files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Screen {
    Settings,
    Activate,
    Add,
    AddSecret,
    AddPreview,
    Backup,
    IdentitySettings,
    Reactivate,
    Registration,
}

/// The initial screen, in a chunk of its own: it is the one needed first,
/// right after unlocking.
#[cfg_attr(feature = "split", leptos::lazy)]
pub(crate) async fn home() -> AnyView {
    view! { <Home /> }.into_any()
}

/// Every other screen.
#[cfg_attr(feature = "split", leptos::lazy)]
pub(crate) async fn screen(screen: Screen) -> AnyView {
    match screen {
        Screen::Settings => view! { <Settings /> }.into_any(),
        Screen::Activate => view! { <Activate /> }.into_any(),
        Screen::Add => view! { <Add /> }.into_any(),
        Screen::AddSecret => view! { <AddSecret /> }.into_any(),
        Screen::AddPreview => view! { <AddPreview /> }.into_any(),
        Screen::Backup => view! { <Backup /> }.into_any(),
        Screen::IdentitySettings => view! { <IdentitySettings /> }.into_any(),
        Screen::Reactivate => view! { <Reactivate /> }.into_any(),
        Screen::Registration => view! { <Registration /> }.into_any(),
    }
}

/// Fetches both chunks, the initial screen's first, so that unlocking and
/// moving between screens never wait for the network. Called once the first
/// screen is up; a chunk that fails to load is tried again when a screen
/// needs it.
pub async fn preload() {
    #[cfg(feature = "split")]
    {
        __preload_home().await;
        __preload_screen().await;
    }
}
