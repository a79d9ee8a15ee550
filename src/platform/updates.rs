//! Offline start and updates: registers the service worker (`sw.js`, written
//! into the build by scripts/post-build.mjs) and notices when a new version
//! of the app has been installed and is waiting.
//!
//! Contract: a new version takes over only through [`Updates::apply`] (the
//! "Reload" button), never on its own, so nobody loses the screen they are
//! on; the page reloads only when it asked for the switch itself. Updates are
//! looked for when the app starts and whenever it comes back into view.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache,
};

/// The service worker's path, relative to the page (and so its scope).
pub const DEFAULT_SERVICE_WORKER_URL: &str = "/sw.js";

/// What the screens see of updates (a context, from [`provide_updates`]).
#[derive(Clone, Copy)]
pub struct Updates {
    /// A new version is installed and waiting for the user.
    ready: RwSignal<bool>,
    /// This page pressed Reload: follow the switch with a reload.
    applying: StoredValue<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Updates {
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Lets the waiting version take over; the page reloads once it has.
    pub fn apply(&self) {
        let waiting = self
            .registration
            .with_value(|registration| registration.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) => {
                self.applying.set_value(true);
                if worker.post_message(&"skip-waiting".into()).is_err() {
                    reload();
                }
            }
            // Taken over meanwhile (by another tab): the new version is live.
            None => reload(),
        }
    }
}

/// Provides [`Updates`] to the screens. The app registers the service worker
/// with [`register`] once its first screen is up: installing it downloads
/// every file of the app, which should not compete with the files the first
/// screen needs.
pub fn provide_updates() -> Updates {
    let updates = Updates {
        ready: RwSignal::new(false),
        applying: StoredValue::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(updates);
    updates
}

pub fn use_updates() -> Updates {
    expect_context::<Updates>()
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent outside secure contexts (plain http on a LAN address).
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Reloads the page (the app starts again, locked).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        window.location().reload().ok();
    }
}

/// Registers `script` as the service worker and follows its updates.
pub async fn register(updates: Updates, script: String) {
    let Some(container) = container() else {
        return;
    };
    let options = RegistrationOptions::new();
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let registration =
        match JsFuture::from(container.register_with_options(&script, &options)).await {
            Ok(registration) => registration.unchecked_into::<ServiceWorkerRegistration>(),
            Err(error) => {
                leptos::logging::warn!("This app cannot be made available offline here: {error:?}");
                return;
            }
        };
    updates.registration.set_value(Some(registration.clone()));

    let on_controller_change = Closure::<dyn Fn()>::new(move || {
        if updates.applying.try_get_value() == Some(true) {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    // The app's lifetime: the page itself.
    on_controller_change.forget();

    let watched = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        if let Some(worker) = watched.installing() {
            watch_installing(updates, worker);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    if let Some(worker) = registration.installing() {
        watch_installing(updates, worker);
    }
    if registration.waiting().is_some() && container.controller().is_some() {
        updates.ready.set(true);
    }
    check_when_shown(registration);
}

/// A worker being installed is an update when a version already controls
/// the page (the first install has nothing to replace).
fn watch_installing(updates: Updates, worker: ServiceWorker) {
    let installing = worker.clone();
    let on_state_change = Closure::<dyn Fn()>::new(move || {
        let replaces_one = container().is_some_and(|c| c.controller().is_some());
        if installing.state() == ServiceWorkerState::Installed && replaces_one {
            updates.ready.try_set(true);
        }
    });
    worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// An installed app may stay open for days: look again each time it is
/// brought back into view.
fn check_when_shown(registration: ServiceWorkerRegistration) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let shown = document.clone();
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if shown.visibility_state() == web_sys::VisibilityState::Visible
            && let Ok(check) = registration.update()
        {
            // A failed check (offline) is retried next time.
            leptos::task::spawn_local(async move {
                JsFuture::from(check).await.ok();
            });
        }
    });
    document
        .add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        )
        .ok();
    on_visibility.forget();
}
