//! How the app starts, and its root component: state, the once-a-second
//! clock, auto-lock, other-tab sync, the top bar, and the router. Every
//! route but the PIN gate is a protected route that redirects to `/pin`
//! unless the vault is unlocked.

use crate::components::top_bar::TopBar;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages::pin_gate::PinGate;
use crate::pages::split::{self, Screen, lazy_screen};
use crate::preferences::{Preferences, provide_preferences};
use crate::state::{AppConfig, AppState, Phase, now_ms, provide_app_state};
use crate::updates::provide_updates;
use leptos::prelude::*;
use leptos_router::components::{ProtectedRoute, Route, Router, Routes};
use leptos_router::path;

/// Mounts the app on the page, as the PIN gate, with what it must draw there
/// as far as storage can tell within [`LISTING_WAIT_MS`].
///
/// Every start ends at the PIN gate (the vault is locked when a page
/// loads), so the address becomes `/pin` before the router first renders,
/// rather than after a redirect. And a first visit draws Create PIN in that
/// first render instead of after the new database opens: a first visit
/// measured 300-400 ms to its PIN field, 30-130 ms of it the browser's first
/// use of IndexedDB for the origin.
pub async fn start() {
    let config = AppConfig::default();
    let listed = Box::pin(crate::storage::Store::exists(&config.db_name));
    let waited = Box::pin(gloo_timers::future::TimeoutFuture::new(LISTING_WAIT_MS));
    let first_visit = match futures_util::future::select(listed, waited).await {
        futures_util::future::Either::Left((exists, _)) => exists == Some(false),
        futures_util::future::Either::Right(_) => false,
    };
    start_at_the_gate();
    leptos::mount::mount_to_body(move || view! { <App config first_visit /> });
}

/// How long [`start`] waits for the list of databases (index.html asked for
/// it while the WASM downloaded, so it is usually there already); after
/// that the app starts without it, and learns the same when the database
/// opens.
pub const LISTING_WAIT_MS: u32 = 100;

/// Makes the address `/pin` (unless it is already), without a history entry.
pub fn start_at_the_gate() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window
        .location()
        .pathname()
        .is_ok_and(|path| path != "/pin")
        && let Ok(history) = window.history()
    {
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/pin"))
            .ok();
    }
}

/// The whole app, as mounted by [`start`] (default configuration) and by the
/// browser tests (their own database name and KDF costs).
#[component]
pub fn App(
    #[prop(optional)] config: Option<AppConfig>,
    /// Storage has said there is no database yet (see [`start`]).
    #[prop(optional)]
    first_visit: bool,
) -> impl IntoView {
    let config = config.unwrap_or_default();
    let service_worker = config.service_worker.clone();
    let state = provide_app_state(config, first_visit);
    let updates = provide_updates();
    if let Some(script) = service_worker {
        state.after_first_screen(crate::updates::register(updates, script));
    }
    // The other screens' code (a no-op unless the WASM is split), so that no
    // later screen waits for it.
    state.after_first_screen(split::preload());
    let pending = crate::adding::provide_pending();
    // Tokens read but not added are forgotten with the key.
    Effect::new(move |_| {
        if state.phase.get() != Phase::Unlocked {
            pending.clear();
        }
    });
    let preferences = provide_preferences();
    keep_time_and_auto_lock(state, preferences);
    listen_to_other_tabs(state);

    let unlocked = move || match state.phase.get() {
        Phase::Starting => None,
        Phase::Unlocked => Some(true),
        _ => Some(false),
    };
    view! {
        <Router>
            <FocusOnNavigate />
            <TopBar />
            <main class="screen" id="main">
                <Routes fallback=|| view! { <p>"This page does not exist."</p> }>
                    <Route path=path!("/pin") view=PinGate />
                    <ProtectedRoute path=path!("/") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(split::home) />
                    <ProtectedRoute path=path!("/settings") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Settings)) />
                    <ProtectedRoute path=path!("/activate") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Activate)) />
                    <ProtectedRoute path=path!("/add") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Add)) />
                    <ProtectedRoute path=path!("/add/secret") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::AddSecret)) />
                    <ProtectedRoute path=path!("/add/preview") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::AddPreview)) />
                    <ProtectedRoute path=path!("/backup") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Backup)) />
                    <ProtectedRoute path=path!("/identity/:id") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::IdentitySettings)) />
                    <ProtectedRoute path=path!("/identity/:id/reactivate") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Reactivate)) />
                    <ProtectedRoute path=path!("/identity/:id/activate") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Activate)) />
                    <ProtectedRoute path=path!("/identity/:id/registration") condition=unlocked redirect_path=|| "/pin" view=lazy_screen(|| split::screen(Screen::Registration)) />
                </Routes>
            </main>
            <UpdatePrompt />
        </Router>
    }
}

/// Ticks the clock once a second, and locks after the chosen idle time or
/// when the page comes back after being hidden longer than that.
fn keep_time_and_auto_lock(state: AppState, preferences: Preferences) {
    // Only `last_active` is read; the timeout must fit a browser timer (i32 ms).
    let idle = leptos_use::use_idle(24 * 60 * 60 * 1000);
    let visibility = leptos_use::use_document_visibility();
    let hidden_since = StoredValue::new(None::<u64>);
    let fixed_limit = state.config().auto_lock_after_ms;
    let limit_ms = move || {
        fixed_limit
            .unwrap_or_else(|| u64::from(preferences.auto_lock_minutes.get_untracked()) * 60_000)
    };

    let _tick = leptos_use::use_interval_fn(
        move || {
            let now = now_ms();
            state.now_ms.set(now);
            let idle_for = now.saturating_sub(idle.last_active.get_untracked() as u64);
            if idle_for > limit_ms() {
                state.lock();
            }
        },
        1000,
    );
    Effect::new(move |_| {
        if visibility.get() == web_sys::VisibilityState::Hidden {
            hidden_since.set_value(Some(now_ms()));
        } else if let Some(since) = hidden_since.get_value() {
            hidden_since.set_value(None);
            if now_ms().saturating_sub(since) > limit_ms() {
                state.lock();
            }
        }
    });
}

fn listen_to_other_tabs(state: AppState) {
    let name = state.config().db_name;
    let listener = crate::sync::listen(&name, &state.sender_id(), move || {
        leptos::task::spawn_local(async move {
            if state.phase.try_get_untracked() == Some(Phase::Unlocked) {
                state.reload().await.ok();
            }
            state.refresh_attempts().await;
        });
    });
    // Keep the channel open for as long as the app is mounted.
    let listener = StoredValue::new_local(listener);
    on_cleanup(move || listener.update_value(|l| *l = None));
}

/// After every navigation, moves focus to the new screen's first field, or
/// to its heading when it has none, so keyboard and screen-reader users
/// start where the screen starts.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let _ = location.pathname.get();
        // After the new screen has rendered, which waits for its code when
        // its chunk has not arrived yet (src/pages/split.rs): look again
        // every 50 ms, for up to 5 s.
        leptos::task::spawn_local(async {
            for attempt in 0..100 {
                gloo_timers::future::TimeoutFuture::new(if attempt == 0 { 0 } else { 50 }).await;
                if let Some(element) = first_field_or_heading() {
                    if element.tag_name() == "H2" {
                        element.set_tab_index(-1);
                    }
                    element.focus().ok();
                    return;
                }
            }
        });
    });
}

fn first_field_or_heading() -> Option<web_sys::HtmlElement> {
    let main = document().get_element_by_id("main")?;
    let target = main
        .query_selector("input, select, textarea")
        .ok()
        .flatten()
        .or_else(|| main.query_selector("h2").ok().flatten())?;
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target).ok()
}
