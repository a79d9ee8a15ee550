//! A labelled field for digit codes that formats itself as the user types
//! (the dashes), takes pastes with or without them, and shows the check
//! result under the field.

use leptos::prelude::*;

/// Groups the digits in `text` by `groups` (e.g. [5, 5]), dropping anything
/// else, and stops at the code's length.
pub fn format_digits(text: &str, groups: &[usize]) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    let mut index = 0;
    for (position, size) in groups.iter().enumerate() {
        if index >= digits.len() {
            break;
        }
        if position > 0 {
            out.push('-');
        }
        out.extend(digits[index..(index + size).min(digits.len())].iter());
        index += size;
    }
    out
}

#[component]
pub fn DigitField(
    /// The visible label, as the seed words it.
    #[prop(into)]
    label: String,
    /// Element id (and the error's id, with "-error").
    id: &'static str,
    value: RwSignal<String>,
    /// Digit groups, e.g. `&[5, 5]`.
    groups: &'static [usize],
    /// The message under the field, when the value is wrong.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional)] node_ref: Option<NodeRef<leptos::html::Input>>,
    /// Called with the raw text when it is not digits (e.g. a pasted link).
    #[prop(optional, into)]
    on_other: Option<Callback<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let max_length = groups.iter().sum::<usize>() + groups.len() - 1;
    let placeholder = groups
        .iter()
        .map(|g| "0".repeat(*g))
        .collect::<Vec<_>>()
        .join("-");
    let on_input = move |event: leptos::ev::Event| {
        let raw = event_target_value(&event);
        if let Some(on_other) = on_other
            && raw
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("igmobileotp:")
        {
            value.set(String::new());
            on_other.run(raw);
            return;
        }
        value.set(format_digits(&raw, groups));
    };
    let input_ref = node_ref.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                node_ref=input_ref
                type="text"
                class="digit-input"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                maxlength=move || if on_other.is_some() { 4096 } else { max_length }
                prop:value=move || value.get()
                on:input=on_input
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p class="field__error" id=error_id role="alert">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
