//! One identity's icon, in its settings: the brand icon its issuer matches,
//! a letter, or any icon of the pack the person finds by name. Each choice
//! is one write through the state; a refused write says why.

use crate::state::{icon_url, load_index, use_app_state, use_icons};
use crate::ui::components::icon_avatar::{AvatarSource, IconAvatar};
use leptos::prelude::*;
use vault::IconChoice;

/// How many icons a search offers at once.
const RESULTS: usize = 12;

#[component]
pub fn IdentityIcon(id: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let icons = use_icons();
    // The settings may be the first screen after unlocking.
    Effect::new(move |_| icons.want(load_index));
    let source = Memo::new(move |_| {
        id.with(|id| {
            state
                .document
                .with(|d| d.identity(id).map(AvatarSource::of).unwrap_or_default())
        })
    });
    let choose = Action::new_local(move |choice: &Option<IconChoice>| {
        let (id, choice) = (id.get_untracked(), choice.clone());
        async move { state.set_icon(&id, choice).await }
    });
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| query.with(|query| icons.search(query, RESULTS)));
    let current = move || {
        source.with(|source| {
            let shown = icons.shown(source.issuer.as_deref(), source.choice.as_ref());
            match (&source.choice, shown) {
                (None, Some(icon)) => format!("{}, matched by the issuer.", icon.title),
                (None, None) if !icons.ready() => {
                    "A letter, until the icons have loaded.".to_owned()
                }
                (None, None) => "A letter: no icon matches the issuer.".to_owned(),
                (Some(IconChoice::Letter), _) => "A letter, as you chose.".to_owned(),
                (Some(IconChoice::Icon(_)), Some(icon)) => format!("{}, as you chose.", icon.title),
                (Some(IconChoice::Icon(_)), None) => {
                    "A letter: the icon you chose is not available here.".to_owned()
                }
            }
        })
    };
    let chosen = move |slug: &str| {
        source.with(|s| matches!(&s.choice, Some(IconChoice::Icon(c)) if c == slug))
    };
    let no_match = move || {
        let query = query.read();
        let query = query.trim();
        match (query.is_empty(), icons.ready(), found.with(Vec::is_empty)) {
            (true, _, _) | (false, true, false) => String::new(),
            (false, true, true) => format!("No icon matches “{query}”."),
            (false, false, _) => {
                "The icons have not loaded: they come from this app's server once, then work offline.".to_owned()
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="icon-heading">
            <h3 id="icon-heading">"Icon"</h3>
            <p class="actions">
                <IconAvatar source=source />
                <span>{current}</span>
            </p>
            <div class="actions">
                <button type="button" class="button button--secondary"
                    on:click=move |_| { choose.dispatch_local(None); }>
                    "Use the issuer's icon"
                </button>
                <button type="button" class="button button--secondary"
                    on:click=move |_| { choose.dispatch_local(Some(IconChoice::Letter)); }>
                    "Use a letter"
                </button>
            </div>
            <div class="field">
                <label for="icon-search">"Find an icon"</label>
                <input id="icon-search" type="search" autocomplete="off" bind:value=query />
            </div>
            <div class="actions" role="group" aria-label="Icons found">
                <For each=move || found.get() key=|icon| icon.slug.clone() let:icon>
                    {
                        let slug = icon.slug.clone();
                        let pressed = slug.clone();
                        view! {
                            <button type="button" class="chip chip--icon"
                                aria-pressed=move || chosen(&pressed).to_string()
                                on:click=move |_| { choose.dispatch_local(Some(IconChoice::Icon(slug.clone()))); }>
                                <img src=icon_url(&icon) alt="" width="28" height="28" />
                                {icon.title.clone()}
                            </button>
                        }
                    }
                </For>
            </div>
            <p class="muted" role="status">{no_match}</p>
            <p class="field__error" role="alert">
                {move || choose.value().get().and_then(Result::err).map(|e| e.to_string())}
            </p>
        </section>
    }
}
