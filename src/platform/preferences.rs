//! Non-secret UI preferences that must be known before IndexedDB opens
//! (theme, auto-lock time) or belong to this device rather than to the
//! vault (how codes are shown: a phone used in public hides them, the
//! laptop at home need not), in localStorage via gloo-storage. Nothing
//! secret is ever stored here.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const THEME_KEY: &str = "softtoken.theme";
const AUTO_LOCK_KEY: &str = "softtoken.auto-lock-minutes";
const SHOW_NEXT_CODE_KEY: &str = "softtoken.show-next-code";
const HIDE_CODES_KEY: &str = "softtoken.hide-codes";
pub const AUTO_LOCK_CHOICES: [u32; 3] = [1, 5, 15];

#[derive(Clone, Copy)]
pub struct Preferences {
    /// "system", "light" or "dark".
    pub theme: RwSignal<String>,
    pub auto_lock_minutes: RwSignal<u32>,
    /// In the last seconds of a period, the next code shows under the
    /// current one. Off by default.
    pub show_next_code: RwSignal<bool>,
    /// Codes show as dots until a card is pressed. Off by default.
    pub hide_codes: RwSignal<bool>,
}

pub fn provide_preferences() -> Preferences {
    let theme: String = LocalStorage::get(THEME_KEY).unwrap_or_else(|_| "system".to_owned());
    let minutes: u32 = LocalStorage::get(AUTO_LOCK_KEY)
        .ok()
        .filter(|m| AUTO_LOCK_CHOICES.contains(m))
        .unwrap_or(5);
    let preferences = Preferences {
        theme: RwSignal::new(theme),
        auto_lock_minutes: RwSignal::new(minutes),
        show_next_code: RwSignal::new(LocalStorage::get(SHOW_NEXT_CODE_KEY).unwrap_or(false)),
        hide_codes: RwSignal::new(LocalStorage::get(HIDE_CODES_KEY).unwrap_or(false)),
    };
    Effect::new(move |_| {
        let theme = preferences.theme.get();
        LocalStorage::set(THEME_KEY, &theme).ok();
        if let Some(root) = document().document_element() {
            if theme == "system" {
                root.remove_attribute("data-theme").ok();
            } else {
                root.set_attribute("data-theme", &theme).ok();
            }
        }
    });
    Effect::new(move |_| {
        LocalStorage::set(AUTO_LOCK_KEY, preferences.auto_lock_minutes.get()).ok();
    });
    for (key, flag) in [
        (SHOW_NEXT_CODE_KEY, preferences.show_next_code),
        (HIDE_CODES_KEY, preferences.hide_codes),
    ] {
        Effect::new(move |_| {
            LocalStorage::set(key, flag.get()).ok();
        });
    }
    provide_context(preferences);
    preferences
}

pub fn use_preferences() -> Preferences {
    expect_context::<Preferences>()
}
