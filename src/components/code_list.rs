//! The list of codes on the initial screen, and what its cards share so
//! that hundreds of identities cost the main thread almost nothing between
//! code changes:
//! - one time step per schedule (period, T0), set once a second only when
//!   it changes: a card's code depends on it, not on the clock, so nothing
//!   is marked or checked between code changes;
//! - the seconds left are drawn by a CSS animation (transform only, run by
//!   the compositor), restarted at each code change, not by the clock;
//! - one clipboard, and one "Copied" status for all cards (a live region
//!   per card made hundreds of them for screen readers to track);
//! - the first cards are drawn with the screen, the rest fifty a frame
//!   after that: codes show without waiting for the 500th card, and no
//!   task blocks the page for the whole list (500 at once was one task of
//!   80-120 ms; make bench).
//!
//! Holds no secret: codes are computed by each card from its own token.

use crate::components::code_card::CodeCard;
use crate::state::use_app_state;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use vault::{Document, Identity};
use wasm_bindgen::JsCast;

/// Cards drawn with the screen: more than fit on any display.
const FIRST_CARDS: usize = 24;
/// Cards added in each later frame: off-screen cards skip layout
/// (`content-visibility: auto`), so fifty are a few milliseconds.
const MORE_CARDS: usize = 50;

/// (period, T0) → the time step of that schedule.
type Steps = HashMap<(u64, u64), RwSignal<Option<u64>>>;
type CopyToClipboard = Rc<dyn Fn(&str)>;
/// Card id → whether that card holds focus.
type Focus = HashMap<String, RwSignal<bool>>;

/// What every card of the list reads; provided by [`CodeList`].
#[derive(Clone, Copy)]
pub struct CodeListContext {
    /// Identity id → its place in the document: each card finds its own
    /// identity without searching the whole list (500 cards searching 500
    /// identities was a quarter of a million comparisons per change).
    positions: Memo<HashMap<String, usize>>,
    document: RwSignal<Document>,
    /// Unix seconds, changing once a second: read only where one card
    /// needs it (the focused card's spoken seconds left).
    pub second: Memo<u64>,
    steps: StoredValue<Steps, LocalStorage>,
    owner: StoredValue<Owner, LocalStorage>,
    copy: StoredValue<CopyToClipboard, LocalStorage>,
    focus: StoredValue<Focus, LocalStorage>,
}

impl CodeListContext {
    /// Reads identity `id` in place (never cloned: it holds a secret), or
    /// `None` when it is gone. Tracks the document.
    pub fn with_identity<R>(&self, id: &str, read: impl FnOnce(&Identity) -> R) -> Option<R> {
        let position = self
            .positions
            .with(|positions| positions.get(id).copied())?;
        self.document.with(|document| {
            document
                .identities
                .get(position)
                .filter(|identity| identity.id == id)
                .map(read)
        })
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

    pub fn forget_focus(&self, id: &str) {
        self.focus.update_value(|focus| {
            focus.remove(id);
        });
    }

    pub fn copy(&self, code: &str) {
        self.copy.with_value(|copy| copy(code));
    }
}

/// The id of the card an event happened in (its `li[data-id]`).
fn card_id(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("li[data-id]")
        .ok()??
        .get_attribute("data-id")
}

fn step_at(unix_seconds: u64, (period, t0): (u64, u64)) -> Option<u64> {
    unix_seconds.checked_sub(t0).map(|elapsed| elapsed / period)
}

/// The cards of these identities, in order, sharing one [`CodeListContext`].
#[component]
pub fn CodeList(ids: Memo<Vec<String>>) -> impl IntoView {
    let state = use_app_state();
    let second = Memo::new(move |_| state.now_ms.get() / 1000);
    let steps = StoredValue::new_local(Steps::new());
    Effect::new(move |_| {
        let now = second.get();
        steps.with_value(|steps| {
            for (schedule, step) in steps {
                let current = step_at(now, *schedule);
                if step.get_untracked() != current {
                    step.set(current);
                }
            }
        });
    });
    let leptos_use::UseClipboardReturn { copy, copied, .. } = leptos_use::use_clipboard();
    let copy: CopyToClipboard = Rc::new(move |code: &str| copy(code));
    let focus = StoredValue::new_local(Focus::new());
    let set_focus = move |event: &web_sys::Event, focused: bool| {
        if let Some(id) = card_id(event) {
            focus.with_value(|focus| {
                if let Some(flag) = focus.get(&id) {
                    flag.set(focused);
                }
            });
        }
    };
    let positions = Memo::new(move |_| {
        state.document.with(|document| {
            document
                .identities
                .iter()
                .enumerate()
                .map(|(position, identity)| (identity.id.clone(), position))
                .collect()
        })
    });
    let drawn = RwSignal::new(FIRST_CARDS);
    Effect::new(move |_| {
        if drawn.get() < ids.with(Vec::len) {
            request_animation_frame(move || {
                drawn.try_update(|drawn| *drawn += MORE_CARDS);
            });
        }
    });
    let drawn_ids = Memo::new(move |_| {
        let drawn = drawn.get();
        ids.with(|ids| ids.iter().take(drawn).cloned().collect::<Vec<_>>())
    });
    provide_context(CodeListContext {
        positions,
        document: state.document,
        second,
        steps,
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        copy: StoredValue::new_local(copy),
        focus,
    });
    view! {
        <ul class="token-list"
            on:focusin=move |event| set_focus(&event, true)
            on:focusout=move |event| set_focus(&event, false)>
            <For each=move || drawn_ids.get() key=|id| id.clone() let:id>
                <CodeCard id=id />
            </For>
        </ul>
        <p class="toast" role="status">{move || if copied.get() { "Copied" } else { "" }}</p>
    }
}

pub fn use_code_list() -> CodeListContext {
    expect_context::<CodeListContext>()
}
