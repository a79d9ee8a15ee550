//! What every card of the code list shares, provided by
//! [`super::code_list::CodeList`] and read by each
//! [`super::code_card::CodeCard`]: their one context, apart from both so
//! neither imports the other. See `code_list.rs` for why each part is
//! shared.

use super::code_format::display_name;
use leptos::prelude::*;
use otp::Token;
use std::collections::HashMap;
use std::rc::Rc;
use vault::{Document, Identity};
use wasm_bindgen::JsCast;

/// What one card shows of its identity: `None` once it is deleted.
#[derive(Clone, PartialEq, Eq)]
pub struct CardData {
    /// "Issuer (name)".
    pub name: String,
    /// `None` before an activation, or for parameters out of range.
    pub token: Option<Token>,
}

impl CardData {
    fn of(identity: &Identity) -> Self {
        Self {
            name: display_name(identity),
            token: identity.token.as_ref().and_then(|t| t.to_token().ok()),
        }
    }
}

/// Identity id → what its card shows.
pub(super) type Cards = HashMap<String, RwSignal<Option<CardData>>>;

/// (period, T0) → the time step of that schedule.
pub(super) type Steps = HashMap<(u64, u64), RwSignal<Option<u64>>>;
/// Copies identity `id`'s code; the element is where it is shown
/// (selected where the browser will not copy).
pub(super) type CopyToClipboard = Rc<dyn Fn(&str, &str, Option<web_sys::Element>)>;
/// Card id → whether that card holds focus.
pub(super) type Focus = HashMap<String, RwSignal<bool>>;

/// What every card of the list reads; provided by [`CodeList`].
#[derive(Clone, Copy)]
pub struct CodeListContext {
    /// One signal a card, set only when what that card shows changed: a
    /// change to the document (a copy's use count, a move) wakes the one
    /// sync below, not every card (2,000 cards each reading the document
    /// made a task of 250-350 ms per change; make bench).
    pub(super) cards: StoredValue<Cards, LocalStorage>,
    pub(super) document: RwSignal<Document>,
    /// Unix seconds, changing once a second: read only where one card
    /// needs it (the focused card's spoken seconds left).
    pub second: Memo<u64>,
    pub(super) steps: StoredValue<Steps, LocalStorage>,
    pub(super) owner: StoredValue<Owner, LocalStorage>,
    pub(super) copy: StoredValue<CopyToClipboard, LocalStorage>,
    pub(super) focus: StoredValue<Focus, LocalStorage>,
    /// The custom order: cards can be dragged.
    pub movable: Memo<bool>,
}

impl CodeListContext {
    /// What identity `id`'s card shows, changing only when that does.
    pub fn card(&self, id: &str) -> RwSignal<Option<CardData>> {
        if let Some(card) = self.cards.with_value(|cards| cards.get(id).copied()) {
            return card;
        }
        let data = self
            .document
            .with_untracked(|document| document.identity(id).map(CardData::of));
        let card = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(data)));
        self.cards.update_value(|cards| {
            cards.insert(id.to_owned(), card);
        });
        card
    }

    /// Brings every card's signal to `document`, setting only those whose
    /// card changed; run once per document change.
    pub(super) fn sync_cards(&self, document: &Document) {
        self.cards.update_value(|cards| {
            cards.retain(|id, card| {
                let data = document.identity(id).map(CardData::of);
                if card.with_untracked(|shown| *shown != data) {
                    card.set(data.clone());
                }
                data.is_some()
            });
        });
    }

    /// The TOTP time step ((Unix seconds - T0) / period; None before T0),
    /// shared by every card of the same schedule.
    pub fn step(&self, period: u64, t0: u64) -> RwSignal<Option<u64>> {
        let schedule = (period.max(1), t0);
        if let Some(step) = self.steps.with_value(|steps| steps.get(&schedule).copied()) {
            return step;
        }
        let now = self.second.get_untracked();
        let step = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(step_at(now, schedule))));
        self.steps.update_value(|steps| {
            steps.insert(schedule, step);
        });
        step
    }

    /// Lets the list's one focus listener tell this card when it has
    /// focus (a listener per card cost a fifth of rendering 500 of them).
    pub fn follow_focus(&self, id: &str, focused: RwSignal<bool>) {
        self.focus.update_value(|focus| {
            focus.insert(id.to_owned(), focused);
        });
    }

    /// A card's cleanup; the list may be gone already.
    pub fn forget_focus(&self, id: &str) {
        self.focus.try_update_value(|focus| {
            focus.remove(id);
        });
    }

    pub fn copy(&self, id: &str, code: &str, shown: Option<web_sys::Element>) {
        self.copy.with_value(|copy| copy(id, code, shown));
    }
}

/// The id of the card an event happened in (its `li[data-id]`).
pub(super) fn card_id(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("li[data-id]")
        .ok()??
        .get_attribute("data-id")
}

pub(super) fn step_at(unix_seconds: u64, (period, t0): (u64, u64)) -> Option<u64> {
    unix_seconds.checked_sub(t0).map(|elapsed| elapsed / period)
}

pub fn use_code_list() -> CodeListContext {
    expect_context::<CodeListContext>()
}
