//! The warning before Reactivate: confirming clears the identity's token
//! (a committed vault write), keeps its name, and opens activation.

use super::{NoSuchIdentity, identity_from_route};
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use vault::Origin;

#[component]
pub fn Reactivate() -> impl IntoView {
    let state = use_app_state();
    let (id, identity) = identity_from_route();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let reactivate = Action::new_local(move |_: &()| {
        let id = id.get_untracked();
        async move {
            state
                .change_identity(id, |identity| {
                    identity.token = None;
                    if let Origin::Activation {
                        activated_at,
                        registration_code,
                        ..
                    } = &mut identity.origin
                    {
                        *activated_at = None;
                        *registration_code = None;
                    }
                    Ok(())
                })
                .await
        }
    });
    let go = navigate.clone();
    Effect::new(move |_| match reactivate.value().get() {
        Some(Ok(())) => go(
            &format!("/identity/{}/activate", id.get_untracked()),
            Default::default(),
        ),
        Some(Err(message)) => error.set(Some(message)),
        None => {}
    });
    let cancel = move |_| {
        navigate(
            &format!("/identity/{}", id.get_untracked()),
            Default::default(),
        )
    };
    view! {
        <Show when=move || identity.get().is_some() fallback=|| view! { <NoSuchIdentity /> }>
            <div class="card warning" role="alertdialog" aria-labelledby="reactivate-title" aria-describedby="reactivate-text">
                <h2 id="reactivate-title">"Reactivate " {move || identity.get().map(|i| i.name).unwrap_or_default()} "?"</h2>
                <p id="reactivate-text">
                    "Reactivating clears this soft token identity's data from this device: its codes stop working. "
                    "You will need a new Serial Number and Activation Code from the Self-Service module to activate it again."
                </p>
                <p class="field__error" role="alert">{move || error.get().unwrap_or_default()}</p>
                <div class="actions">
                    <button type="button" class="button button--danger" disabled=move || reactivate.pending().get()
                        on:click=move |_| { reactivate.dispatch_local(()); }>"Reactivate"</button>
                    <button type="button" class="button button--secondary" on:click=cancel.clone()>"Cancel"</button>
                </div>
            </div>
        </Show>
    }
}
