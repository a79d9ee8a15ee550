//! How the app starts, and its root component: it provides the state
//! (which keeps the clock, auto-lock and other-tab sync), the top bar, and
//! the router. Every route but the PIN gate sits under one protected parent
//! route that redirects to `/pin` unless the vault is unlocked.

use crate::state::{
    AppConfig, Phase, provide_app_state, provide_i18n, provide_preferences, provide_updates,
};
use crate::state::{Msg, t};
use crate::ui::components::top_bar::TopBar;
use crate::ui::components::update_prompt::UpdatePrompt;
use crate::ui::pages::pin_gate::PinGate;
use crate::ui::split::{self, Screen, lazy_screen};
use leptos::prelude::*;
use leptos_router::components::{Outlet, ProtectedParentRoute, Route, Router, Routes};
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
    let listed = Box::pin(crate::state::database_exists(&config.db_name));
    let waited = Box::pin(gloo_timers::future::TimeoutFuture::new(LISTING_WAIT_MS));
    let first_visit = match futures_util::future::select(listed, waited).await {
        futures_util::future::Either::Left((exists, _)) => exists == Some(false),
        futures_util::future::Either::Right(_) => false,
    };
    // The texts arrived meanwhile: index.html started fetching them.
    if !crate::state::start_language().await {
        return;
    }
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
    let i18n = provide_i18n(config.catalogs);
    let service_worker = config.service_worker.clone();
    let state = provide_app_state(config, first_visit);
    let updates = provide_updates();
    if let Some(script) = service_worker {
        state.after_first_screen(crate::state::register_service_worker(updates, script));
    }
    // The other screens' code (a no-op unless the WASM is split), so that no
    // later screen waits for it.
    state.after_first_screen(split::preload());
    let preferences = provide_preferences();
    state.keep_time_and_auto_lock(preferences);
    state.listen_to_other_tabs();

    let unlocked = move || match state.phase.get() {
        Phase::Starting => None,
        Phase::Unlocked => Some(true),
        _ => Some(false),
    };
    // The screens draw again when the language changes; the state stays.
    move || {
        i18n.language.track();
        view! { <Screens unlocked /> }
    }
}

#[component]
fn Screens(unlocked: impl Fn() -> Option<bool> + Send + Sync + Copy + 'static) -> impl IntoView {
    view! {
        <Router>
            <FocusOnNavigate />
            <TopBar />
            <main class="screen" id="main">
                <Routes fallback=|| view! { <p>{t(Msg::PageNotFound)}</p> }>
                    <Route path=path!("/pin") view=PinGate />
                    // Every other screen needs the vault unlocked: one guard.
                    <ProtectedParentRoute path=path!("") condition=unlocked redirect_path=|| "/pin" view=Outlet>
                        <Route path=path!("") view=lazy_screen(split::home) />
                        <Route path=path!("settings") view=lazy_screen(|| split::screen(Screen::Settings)) />
                        <Route path=path!("activate") view=lazy_screen(|| split::screen(Screen::Activate)) />
                        <Route path=path!("add") view=lazy_screen(|| split::screen(Screen::Add)) />
                        <Route path=path!("add/:step") view=lazy_screen(|| split::screen(Screen::AddStep)) />
                        <Route path=path!("backup") view=lazy_screen(|| split::screen(Screen::Backup)) />
                        <Route path=path!("identity/:id") view=lazy_screen(|| split::screen(Screen::IdentitySettings)) />
                        <Route path=path!("identity/:id/:page") view=lazy_screen(|| split::screen(Screen::IdentityPage)) />
                    </ProtectedParentRoute>
                </Routes>
            </main>
            <UpdatePrompt />
        </Router>
    }
}

/// After every navigation, moves focus to the new screen's first field, or
/// to its heading when it has none, so keyboard and screen-reader users
/// start where the screen starts. A field marked `data-no-first-focus`
/// (Search) is not where its screen starts: focusing it on every visit
/// would open a phone's keyboard, and its blinking caret redrew a page of
/// 500 cards twice a second.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let _ = location.pathname.get();
        // After the new screen has rendered, which waits for its code when
        // its chunk has not arrived yet (src/ui/split.rs): look again
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
        .query_selector("input:not([data-no-first-focus]), select, textarea")
        .ok()
        .flatten()
        .or_else(|| main.query_selector("h2").ok().flatten())?;
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target).ok()
}
