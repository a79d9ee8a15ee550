//! The picture beside an identity: its brand icon, or a letter on a colour
//! of its own. Decorative (`alt=""`, `aria-hidden`): the card's name says
//! the same, and a card's accessible name must begin with what it shows.
//!
//! An icon that cannot be fetched (offline, never shown before) falls
//! back to the letter. Off-screen icons load when scrolled to (`lazy`).

use crate::state::{icon_url, use_icons};
use leptos::prelude::*;
use vault::IconChoice;

/// What an avatar is drawn from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AvatarSource {
    pub issuer: Option<String>,
    /// The letter's text when there is no issuer.
    pub name: String,
    pub choice: Option<IconChoice>,
}

impl AvatarSource {
    pub fn of(identity: &vault::Identity) -> Self {
        Self {
            issuer: identity.issuer.clone(),
            name: identity.name.clone(),
            choice: identity.icon.clone(),
        }
    }

    /// The first letter or digit of the issuer, else of the name.
    fn letter(&self) -> String {
        let text = self
            .issuer
            .as_deref()
            .filter(|issuer| issuer.chars().any(char::is_alphanumeric))
            .unwrap_or(&self.name);
        text.chars()
            .find(|c| c.is_alphanumeric())
            .map_or_else(|| "?".to_owned(), |c| c.to_uppercase().collect())
    }

    /// One of eight hues, the same for the same text on every device.
    fn hue(&self) -> u32 {
        let text = self.issuer.as_deref().unwrap_or(&self.name);
        let sum = text.bytes().fold(0_u32, |sum, b| {
            sum.wrapping_mul(31).wrapping_add(u32::from(b))
        });
        (sum % 8) * 45
    }
}

#[component]
pub fn IconAvatar(#[prop(into)] source: Signal<AvatarSource>) -> impl IntoView {
    let icons = use_icons();
    let icon = Memo::new(move |_| {
        source.with(|source| icons.shown(source.issuer.as_deref(), source.choice.as_ref()))
    });
    // The icon that would not load: its letter shows instead.
    let failed = RwSignal::new(None::<String>);
    move || match icon.get() {
        Some(icon) if failed.with(|f| f.as_deref() != Some(icon.slug.as_str())) => {
            let slug = icon.slug.clone();
            view! {
                <img class="avatar" src=icon_url(&icon) alt="" aria-hidden="true" loading="lazy"
                    width="40" height="40" data-icon=icon.slug.clone()
                    on:error=move |_| failed.set(Some(slug.clone())) />
            }
            .into_any()
        }
        _ => {
            let (letter, hue) = source.with(|s| (s.letter(), s.hue()));
            view! {
                <span class="avatar" aria-hidden="true" style:--avatar-hue=hue.to_string()>
                    {letter}
                </span>
            }
            .into_any()
        }
    }
}
