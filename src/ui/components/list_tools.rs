//! What sits above a long list of codes: the Search field and the row of
//! group chips. They only hold what the person typed and chose; the list
//! itself is the state's (`vault::search::ListIndex`).
//!
//! Keys: `/` focuses Search from anywhere on the screen (not while typing
//! in another field), Escape empties it, Enter copies the first match's
//! code (the list's own copy, so it counts as a use and says "Copied").

use leptos::ev;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether a key press went to a place where `/` is typed, not a shortcut.
fn typing_somewhere(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable()
}

/// Presses the first copyable card of the list, as a tap would.
fn copy_first_match() {
    let first = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(".token-list .token__main")
                .ok()
                .flatten()
        })
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = first {
        button.click();
    }
}

#[component]
pub fn SearchField(query: RwSignal<String>) -> impl IntoView {
    let field = NodeRef::<Input>::new();
    let shortcut = window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
        let plain = !(event.ctrl_key() || event.meta_key() || event.alt_key());
        if event.key() == "/"
            && plain
            && !typing_somewhere(&event)
            && let Some(field) = field.get_untracked()
        {
            event.prevent_default();
            let _ = field.focus();
        }
    });
    on_cleanup(move || shortcut.remove());
    let on_keydown = move |event: web_sys::KeyboardEvent| match event.key().as_str() {
        "Escape" if !query.read_untracked().is_empty() => {
            event.prevent_default();
            query.set(String::new());
        }
        "Enter" => {
            event.prevent_default();
            copy_first_match();
        }
        _ => {}
    };
    view! {
        <div class="search">
            <label for="search" class="visually-hidden">"Search"</label>
            <input id="search" type="search" node_ref=field data-no-first-focus=""
                placeholder="Search" autocomplete="off" spellcheck="false" enterkeyhint="go"
                aria-keyshortcuts="/" bind:value=query on:keydown=on_keydown />
        </div>
    }
}

/// "All" and each group, one chosen at a time; `None` is All.
#[component]
pub fn GroupChips(groups: Memo<Vec<String>>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let is_chosen = move |group: &Option<String>| chosen.with(|c| c == group);
    view! {
        <div class="chips" role="group" aria-label="Groups">
            <button type="button" class="chip"
                aria-pressed=move || is_chosen(&None).to_string()
                on:click=move |_| chosen.set(None)>"All"</button>
            <For each=move || groups.get() key=Clone::clone let:group>
                {
                    let mine = Some(group.clone());
                    let choose = mine.clone();
                    view! {
                        <button type="button" class="chip"
                            aria-pressed=move || is_chosen(&mine).to_string()
                            on:click=move |_| chosen.set(choose.clone())>{group}</button>
                    }
                }
            </For>
        </div>
    }
}
