//! The warning before Reactivate: confirming clears the identity's token
//! (a committed vault write), keeps its name, and opens activation.

use super::{NoSuchIdentity, error_of, identity_from_route};
use crate::state::{AppError, Msg, t, t_with, use_app_state};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Reactivate() -> impl IntoView {
    let state = use_app_state();
    let (id, identity) = identity_from_route();
    let navigate = use_navigate();
    let reactivate = Action::new_local(move |_: &()| {
        let id = id.get_untracked();
        let go = navigate.clone();
        async move {
            state.reactivate(&id).await?;
            go(&format!("/identity/{id}/activate"), Default::default());
            Ok::<(), AppError>(())
        }
    });
    let navigate = use_navigate();
    let cancel = move |_| {
        navigate(
            &format!("/identity/{}", id.get_untracked()),
            Default::default(),
        )
    };
    view! {
        <Show when=move || identity.get().is_some() fallback=|| view! { <NoSuchIdentity /> }>
            <div class="card warning" role="alertdialog" aria-labelledby="reactivate-title" aria-describedby="reactivate-text">
                <h2 id="reactivate-title">{move || {
                    let name = identity.get().map(|i| i.name).unwrap_or_default();
                    t_with(Msg::ReactivateTitle, &[("name", name.as_str().into())])
                }}</h2>
                <p id="reactivate-text">{t(Msg::ReactivateWarning)}</p>
                <p class="field__error" role="alert">{move || error_of(reactivate.value().get())}</p>
                <div class="actions">
                    <button type="button" class="button button--danger" disabled=move || reactivate.pending().get()
                        on:click=move |_| { reactivate.dispatch_local(()); }>{t(Msg::Reactivate)}</button>
                    <button type="button" class="button button--secondary" on:click=cancel.clone()>{t(Msg::Cancel)}</button>
                </div>
            </div>
        </Show>
    }
}
