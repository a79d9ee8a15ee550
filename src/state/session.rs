//! What the state does by itself while the app is mounted: the clock that
//! ticks once a second, auto-lock (after the chosen idle time, or when the
//! page comes back after being hidden longer than that), and other tabs'
//! writes, loaded as they are announced. Also the two start-up calls the
//! app makes before the state exists.

use super::{AppState, Phase, Preferences, Updates, now_ms};
use leptos::prelude::*;

/// Whether a database of this name exists: `None` where the browser cannot
/// list them.
pub async fn database_exists(name: &str) -> Option<bool> {
    crate::platform::storage::Store::exists(name).await
}

/// Registers the service worker and follows its updates.
pub async fn register_service_worker(updates: Updates, script: String) {
    crate::platform::updates::register(updates, script).await;
}

impl AppState {
    /// Ticks the clock once a second, and locks after the chosen idle time or
    /// when the page comes back after being hidden longer than that.
    pub fn keep_time_and_auto_lock(self, preferences: Preferences) {
        let state = self;
        // Only `last_active` is read; the timeout must fit a browser timer (i32 ms).
        let idle = leptos_use::use_idle(24 * 60 * 60 * 1000);
        let visibility = leptos_use::use_document_visibility();
        let hidden_since = StoredValue::new(None::<u64>);
        let fixed_limit = state.config().auto_lock_after_ms;
        let limit_ms = move || {
            fixed_limit.unwrap_or_else(|| {
                u64::from(preferences.auto_lock_minutes.get_untracked()) * 60_000
            })
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

    /// Loads another tab's writes, and its attempt count, as they happen.
    pub fn listen_to_other_tabs(self) {
        let state = self;
        let name = state.config().db_name;
        let listener = crate::platform::sync::listen(&name, &state.sender_id(), move || {
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
}
