//! One identity's place in the list, in its settings: "Pin to top" and the
//! groups it is in. Each box is one write through the state; a refused
//! write says why under the boxes.

use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn IdentityArrangement(id: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let favourite = Memo::new(move |_| {
        id.with(|id| {
            state
                .document
                .with(|d| d.identity(id).is_some_and(|i| i.favourite))
        })
    });
    let groups = Memo::new(move |_| state.document.with(|d| d.groups.clone()));
    let pin = Action::new_local(move |on: &bool| {
        let (id, on) = (id.get_untracked(), *on);
        async move { state.set_favourite(&id, on).await }
    });
    let member = Action::new_local(move |(group, on): &(String, bool)| {
        let (id, group, on) = (id.get_untracked(), group.clone(), *on);
        async move { state.set_in_group(&id, &group, on).await }
    });
    let error = move || {
        pin.value()
            .get()
            .and_then(Result::err)
            .or_else(|| member.value().get().and_then(Result::err))
            .map(|e| e.to_string())
    };
    view! {
        <section class="card" aria-labelledby="arrangement-heading">
            <h3 id="arrangement-heading">"In the list"</h3>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || favourite.get()
                    on:change=move |event| { pin.dispatch_local(event_target_checked(&event)); } />
                "Pin to top"
            </label>
            <fieldset class="groups-choice">
                <legend>"Groups"</legend>
                <Show when=move || groups.read().is_empty()>
                    <p class="muted">"No group yet. " <A href="/settings">"Create groups in Settings."</A></p>
                </Show>
                <For each=move || groups.get() key=Clone::clone let:group>
                    {
                        let name = StoredValue::new(group.clone());
                        let checked = move || {
                            id.with(|id| state.document.with(|d| {
                                d.identity(id).is_some_and(|i| name.with_value(|n| i.groups.contains(n)))
                            }))
                        };
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" prop:checked=checked
                                    on:change=move |event| {
                                        member.dispatch_local((name.get_value(), event_target_checked(&event)));
                                    } />
                                {group}
                            </label>
                        }
                    }
                </For>
            </fieldset>
            <p class="field__error" role="alert">{error}</p>
        </section>
    }
}
