//! The field for the secret that opens the vault: a PIN (digits only, the
//! numeric keyboard, up to 16) or, where the person chose one, a password
//! (any text, 10 to 128 characters). One component, so every screen that
//! asks for it (the PIN gate, Change PIN, confirmations) asks the same
//! way; and the strength hint that password fields show.

use crate::state::{Msg, t, t_with};
use leptos::prelude::*;

/// A hint, not a rule beyond the minimum length (`minimum` characters).
pub fn strength(password: &str, minimum: usize) -> String {
    let length = password.chars().count();
    let classes = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&present| present)
    .count();
    match (length, classes) {
        (0, _) => String::new(),
        (l, _) if l < minimum => t_with(Msg::StrengthTooShort, &[("minimum", minimum.into())]),
        (l, c) if l < 12 || (l < 16 && c < 2) => t(Msg::StrengthFair),
        _ => t(Msg::StrengthStrong),
    }
}

#[component]
pub fn SecretInput(
    id: &'static str,
    /// The label while it asks for a PIN ("PIN", "Current PIN").
    #[prop(into)]
    pin_label: String,
    /// The label while it asks for a password ("Password").
    #[prop(into)]
    password_label: String,
    value: RwSignal<String>,
    /// Whether it asks for a password.
    #[prop(into)]
    password: Signal<bool>,
    #[prop(optional)] node_ref: Option<NodeRef<leptos::html::Input>>,
    /// Shows the strength hint under a password being chosen.
    #[prop(optional)]
    new_password: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-strength");
    let input = move |event| {
        let text = event_target_value(&event);
        value.set(if password.get_untracked() {
            text
        } else {
            text.chars().filter(char::is_ascii_digit).collect()
        });
    };
    view! {
        <div class="field">
            <label for=id>{move || if password.get() { password_label.clone() } else { pin_label.clone() }}</label>
            <input
                id=id
                node_ref=node_ref.unwrap_or_default()
                type="password"
                inputmode=move || if password.get() { "text" } else { "numeric" }
                autocomplete=move || match (password.get(), new_password) {
                    (true, true) => "new-password",
                    (true, false) => "current-password",
                    (false, _) => "off",
                }
                maxlength=move || if password.get() { vault::Pin::MAX_PASSWORD_CHARS } else { vault::Pin::MAX_DIGITS }
                class="pin-input"
                aria-describedby=(new_password).then(|| hint_id.clone())
                prop:value=move || value.get()
                on:input=input
            />
            <Show when=move || new_password && password.get()>
                <p class="muted" id=hint_id.clone() aria-live="polite">
                    {move || strength(&value.get(), vault::Pin::MIN_PASSWORD_CHARS)}
                </p>
            </Show>
        </div>
    }
}
