//! The Registration Code, after Save: the user types it into Self-Service.
//! The identity's codes work from now on; the device side is complete.

use super::{NoSuchIdentity, identity_from_route};
use crate::state::{Msg, t};
use crate::ui::components::code_format::spoken;
use leptos::prelude::*;
use leptos_router::components::A;
use vault::Origin;

#[component]
pub fn Registration() -> impl IntoView {
    let (_, identity) = identity_from_route();
    let code = Memo::new(move |_| match identity.get().map(|i| i.origin) {
        Some(Origin::Activation {
            registration_code: Some(code),
            ..
        }) => Some(code),
        _ => None,
    });
    view! {
        <Show when=move || code.get().is_some() fallback=|| view! { <NoSuchIdentity /> }>
            <div class="card registration">
                <h2>{t(Msg::RegistrationHeading)}</h2>
                <p class="registration__code" aria-label=move || spoken(&code.get().unwrap_or_default().replace('-', ""))>
                    {move || code.get().unwrap_or_default()}
                </p>
                <p>{t(Msg::RegistrationExplained)}</p>
                <A href="/" attr:class="button">{t(Msg::Done)}</A>
            </div>
        </Show>
    }
}
