//! The list of codes on the initial screen, and what its cards share so
//! that hundreds of identities cost the main thread almost nothing between
//! code changes:
//! - one time step per schedule (period, T0), set once a second only when
//!   it changes: a card's code depends on it, not on the clock, so nothing
//!   is marked or checked between code changes;
//! - the seconds left are drawn by a CSS animation (transform only, run by
//!   the compositor), restarted at each code change, not by the clock;
//! - one copy action, and one "Copied" status for all cards (a live region
//!   per card made hundreds of them for screen readers to track);
//! - the first cards are drawn with the screen, the rest fifty a frame
//!   after that: codes show without waiting for the 500th card, and no
//!   task blocks the page for the whole list (500 at once was one task of
//!   80-120 ms; make bench);
//! - Search and the group chips hide the cards they leave out, and show
//!   them again later: a card is disposed of only when its identity
//!   leaves the list (disposing of 900 cards at a keystroke was one task
//!   of 70-90 ms with 2,000 identities; make bench).
//!
//! Holds no secret: codes are computed by each card from its own token.

use super::code_context::{
    Cards, CodeListContext, CopyToClipboard, Flags, Steps, card_id, follow_clock, use_code_list,
};
use crate::state::{Copied, clear_clipboard_later, copy_code, use_app_state, use_preferences};
use crate::ui::components::code_card::CodeCard;
use leptos::prelude::*;
use std::collections::HashSet;
use std::rc::Rc;
use zeroize::Zeroizing;

/// Cards drawn with the screen: more than fit on any display.
const FIRST_CARDS: usize = 24;
/// Cards added in each later frame: off-screen cards skip layout
/// (`content-visibility: auto`), so fifty are a few milliseconds.
const MORE_CARDS: usize = 50;

/// [`copy_code`] with its input owned, for the action's future; a code
/// that reached the clipboard counts as a use of its identity, and is
/// cleared from it later where the browser allows.
async fn copy_code_owned(
    state: crate::state::AppState,
    id: String,
    code: String,
    shown: Option<web_sys::Element>,
) -> Copied {
    let copied = copy_code(&code, shown).await;
    if copied == Copied::ToClipboard {
        clear_clipboard_later(Zeroizing::new(code));
    }
    if copied != Copied::Failed {
        // Only "Most used" reads the count: a copy that worked is not
        // reported as failed because the count could not be stored.
        let _ = state.count_use(&id).await;
    }
    copied
}

/// The cards of `ids`, in order, sharing one [`CodeListContext`]; `ids`
/// is a part of `all`, the whole list in the same order.
#[component]
pub fn CodeList(ids: Memo<Vec<String>>, all: Memo<Vec<String>>) -> impl IntoView {
    let state = use_app_state();
    let second = Memo::new(move |_| state.now_ms.get() / 1000);
    let steps = StoredValue::new_local(Steps::new());
    let preferences = use_preferences();
    Effect::new(move |_| {
        let now = second.get();
        follow_clock(steps, now, preferences.show_next_code.get());
    });
    let copy_action = Action::new_local(
        move |(id, code, shown): &(String, String, Option<web_sys::Element>)| {
            copy_code_owned(state, id.clone(), code.clone(), shown.clone())
        },
    );
    // The status shows for a moment after each copy.
    let leptos_use::UseTimeoutFnReturn {
        start,
        stop,
        is_pending: showing,
        ..
    } = leptos_use::use_timeout_fn(|()| {}, 1500.0);
    let copy: CopyToClipboard = Rc::new(move |id: &str, code: &str, shown| {
        copy_action.dispatch_local((id.to_owned(), code.to_owned(), shown));
        stop();
        start(());
    });
    let copied = move || {
        copy_action
            .value()
            .get()
            .filter(|_| showing.get())
            .map_or("", Copied::describe)
    };
    let flags = StoredValue::new_local(Flags::new());
    // Leaving the screen from a focused link in a card (Activate, Answer a
    // challenge) removes the focused element after the list is disposed,
    // and the browser sends focusout then: nothing is left to tell.
    let set_focus = move |event: &web_sys::Event, focused: bool| {
        if let Some(id) = card_id(event) {
            flags.try_with_value(|flags| {
                if let Some(flags) = flags.get(&id) {
                    flags.focused.try_set(focused);
                }
            });
        }
    };
    // The cards shown: a prefix of `ids` that draws at most a screen of
    // new cards at once, then more each frame. A new list (a search
    // emptied: 1 card to 2,000) starts again the same way, instead of
    // drawing every card in one task; a card drawn before and hidden
    // shows again at once (its attribute, not its nodes), so only cards
    // to draw count against the budget.
    let frame = RwSignal::new(0_u32);
    let shown_ids = Memo::new(move |previous: Option<&Vec<String>>| {
        frame.track();
        let shown: HashSet<&str> = previous.into_iter().flatten().map(String::as_str).collect();
        let budget = if shown.is_empty() {
            FIRST_CARDS
        } else {
            MORE_CARDS
        };
        let mut fresh = 0;
        flags.with_value(|drawn| {
            ids.with(|ids| {
                ids.iter()
                    .take_while(|id| {
                        let new = !shown.contains(id.as_str()) && !drawn.contains_key(*id);
                        fresh += usize::from(new);
                        fresh <= budget
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    Effect::new(move |_| {
        if shown_ids.with(Vec::len) < ids.with(Vec::len) {
            request_animation_frame(move || {
                frame.try_update(|frame| *frame = frame.wrapping_add(1));
            });
        }
    });
    // The cards in the page: every card shown so far whose identity is
    // still listed, in the list's order; those not shown are hidden.
    let drawn_ids = Memo::new(move |previous: Option<&Vec<String>>| {
        shown_ids.with(|shown| {
            let kept: HashSet<&str> = previous
                .into_iter()
                .flatten()
                .chain(shown)
                .map(String::as_str)
                .collect();
            all.with(|all| {
                all.iter()
                    .filter(|id| kept.contains(id.as_str()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let moving = super::card_moves::CardMoves::new(ids);
    provide_context(CodeListContext {
        cards: StoredValue::new_local(Cards::new()),
        document: state.document,
        second,
        steps,
        drawn: StoredValue::new_local(0),
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        copy: StoredValue::new_local(copy),
        flags,
        movable: Memo::new(move |_| moving.movable()),
    });
    let list = use_code_list();
    Effect::new(move |_| state.document.with(|document| list.sync_cards(document)));
    Effect::new(move |_| shown_ids.with(|shown| list.show_only(shown)));
    view! {
        <ul class="token-list"
            on:focusin=move |event| set_focus(&event, true)
            on:focusout=move |event| set_focus(&event, false)
            on:keydown=move |event| moving.on_keydown(&event)
            on:dragstart=move |event| moving.on_dragstart(&event)
            on:dragover=move |event| moving.on_dragover(&event)
            on:drop=move |event| moving.on_drop(&event)
            on:dragend=move |_| moving.on_dragend()>
            <For each=move || drawn_ids.get() key=|id| id.clone() let:id>
                <CodeCard id=id />
            </For>
        </ul>
        <p class="toast" role="status">{copied}</p>
        <p class="visually-hidden" role="status">{move || moving.said()}</p>
    }
}
