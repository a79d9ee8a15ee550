//! Moving a card in the custom order: dragged onto another card (it takes
//! that card's place), or with the keyboard (Alt+Up, Alt+Down on a focused
//! card). Each move is one write through the state; the new position is
//! said in a status line for screen readers, and the moved card keeps
//! focus. In another order, the keys say how to move cards instead.
//!
//! One set of listeners on the list (as its focus listener): a listener a
//! card cost a fifth of drawing 500 of them.

use super::code_context::card_id;
use super::code_format::display_name;
use crate::state::{AppError, AppState, use_app_state};
use leptos::prelude::*;
use vault::Order;
use wasm_bindgen::JsCast;

/// What a drag carries: nothing another app could use.
const DRAG_TYPE: &str = "application/x-softtoken-card";

#[derive(Clone, Copy)]
pub(super) struct CardMoves {
    state: AppState,
    /// The cards shown, in order.
    ids: Memo<Vec<String>>,
    dragged: StoredValue<Option<String>>,
    /// Said instead of a move's outcome (first already, another order).
    note: RwSignal<Option<String>>,
    /// (identity, document position, moved from the keyboard).
    moved: Action<(String, usize, bool), Result<String, AppError>>,
}

impl CardMoves {
    pub(super) fn new(ids: Memo<Vec<String>>) -> Self {
        let state = use_app_state();
        let moved = Action::new_local(move |(id, position, by_key): &(String, usize, bool)| {
            let id = id.clone();
            let (position, by_key) = (*position, *by_key);
            async move {
                state.move_identity(&id, position).await?;
                // A card moved from the keyboard keeps focus: the list is
                // drawn again after this, and focus follows then. (A drop
                // leaves focus where it is: focusing lays the page out.)
                if by_key {
                    let focus_id = id.clone();
                    request_animation_frame(move || focus_card(&focus_id));
                }
                Ok(id)
            }
        });
        Self {
            state,
            ids,
            dragged: StoredValue::new(None),
            note: RwSignal::new(None),
            moved,
        }
    }

    /// Whether cards can be moved now: only the custom order has places.
    pub(super) fn movable(self) -> bool {
        self.state
            .document
            .with(|document| document.order == Order::Custom)
    }

    /// The status line: where the last move put its card, or why none.
    pub(super) fn said(self) -> String {
        if let Some(note) = self.note.get() {
            return note;
        }
        match self.moved.value().get() {
            Some(Ok(id)) => {
                let total = self.ids.with(Vec::len);
                let place = self
                    .ids
                    .with(|ids| ids.iter().position(|shown| *shown == id));
                place.map_or_else(String::new, |place| {
                    format!(
                        "{} moved to position {} of {total}.",
                        self.name(&id),
                        place + 1
                    )
                })
            }
            Some(Err(error)) => error.to_string(),
            None => String::new(),
        }
    }

    pub(super) fn on_keydown(self, event: &web_sys::KeyboardEvent) {
        let up = match event.key().as_str() {
            "ArrowUp" => true,
            "ArrowDown" => false,
            _ => return,
        };
        if !event.alt_key() {
            return;
        }
        let Some(id) = card_id(event) else { return };
        event.prevent_default();
        if !self.movable() {
            self.note.set(Some(
                "To move identities, choose the Custom order in Settings.".into(),
            ));
            return;
        }
        match self.neighbour(&id, up) {
            Some(position) => self.move_to(id, position, true),
            None => self.note.set(Some(format!(
                "{} is already {}.",
                self.name(&id),
                if up { "first" } else { "last" }
            ))),
        }
    }

    pub(super) fn on_dragstart(self, event: &web_sys::DragEvent) {
        let (Some(id), Some(transfer)) = (card_id(event), event.data_transfer()) else {
            return;
        };
        if !self.movable() {
            event.prevent_default();
            return;
        }
        // Firefox starts a drag only with some data set.
        let _ = transfer.set_data(DRAG_TYPE, "");
        transfer.set_effect_allowed("move");
        self.dragged.set_value(Some(id));
    }

    pub(super) fn on_dragover(self, event: &web_sys::DragEvent) {
        if self.dragged.with_value(Option::is_some) {
            // Allows the drop here.
            event.prevent_default();
        }
    }

    pub(super) fn on_drop(self, event: &web_sys::DragEvent) {
        let Some(dragged) = self.dragged.get_value() else {
            return;
        };
        event.prevent_default();
        self.dragged.set_value(None);
        let Some(target) = card_id(event).filter(|target| *target != dragged) else {
            return;
        };
        if let Some(position) = self.position(&target) {
            self.move_to(dragged, position, false);
        }
    }

    pub(super) fn on_dragend(self) {
        self.dragged.set_value(None);
    }

    fn move_to(self, id: String, position: usize, by_key: bool) {
        self.note.set(None);
        self.moved.dispatch_local((id, position, by_key));
    }

    /// The document position of the card shown before (or after) `id`,
    /// when it is in the same part of the list (pinned or not).
    fn neighbour(self, id: &str, up: bool) -> Option<usize> {
        let neighbour = self.ids.with(|ids| {
            let place = ids.iter().position(|shown| shown == id)?;
            let other = if up { place.checked_sub(1)? } else { place + 1 };
            ids.get(other).cloned()
        })?;
        let pinned = |id: &str| {
            self.state
                .document
                .with(|document| document.identity(id).is_some_and(|i| i.favourite))
        };
        (pinned(id) == pinned(&neighbour))
            .then(|| self.position(&neighbour))
            .flatten()
    }

    fn position(self, id: &str) -> Option<usize> {
        self.state
            .document
            .with(|document| document.identities.iter().position(|i| i.id == id))
    }

    fn name(self, id: &str) -> String {
        self.state
            .document
            .with(|document| document.identity(id).map_or_else(String::new, display_name))
    }
}

/// Gives focus back to a card after the list moved it.
fn focus_card(id: &str) {
    let button = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(&format!(
                    "li[data-id=\"{id}\"] .token__main, li[data-id=\"{id}\"] a"
                ))
                .ok()
                .flatten()
        })
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}
