//! What every card of the code list shares, provided by
//! [`super::code_list::CodeList`] and read by each
//! [`super::code_card::CodeCard`]: their one context, apart from both so
//! neither imports the other. See `code_list.rs` for why each part is
//! shared.

use super::code_format::display_name;
use super::icon_avatar::AvatarSource;
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
    /// Its icon or letter.
    pub avatar: AvatarSource,
}

impl CardData {
    fn of(identity: &Identity) -> Self {
        Self {
            name: display_name(identity),
            token: identity.token.as_ref().and_then(|t| t.to_token().ok()),
            avatar: AvatarSource::of(identity),
        }
    }
}

/// Identity id → what its card shows.
pub(super) type Cards = HashMap<String, RwSignal<Option<CardData>>>;

/// What changes with the clock for every card of one schedule.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ScheduleClock {
    /// The time step ((Unix seconds - T0) / period; None before T0).
    pub step: RwSignal<Option<u64>>,
    /// In the last [`NEXT_CODE_SECONDS`] of the step: when the next code
    /// may show.
    pub ending: RwSignal<bool>,
}

/// Cards that change with the clock itself: more than fit on a screen.
const FIRST_SHARD_CARDS: usize = 32;

/// How long before a code changes the next one shows, where a person
/// asked for it.
pub const NEXT_CODE_SECONDS: u64 = 10;

impl ScheduleClock {
    /// Brings both signals to `unix_seconds`, setting only what changed;
    /// nothing once they are disposed (the list left in between).
    fn follow(&self, unix_seconds: u64, schedule: (u64, u64)) {
        set_if_changed(self.step, step_at(unix_seconds, schedule));
        set_if_changed(self.ending, ending_at(unix_seconds, schedule));
    }

    /// Whether a signal someone reads is behind: `ending` only counts
    /// where next codes are shown (nothing else reads it).
    fn is_behind(&self, unix_seconds: u64, schedule: (u64, u64), next_codes: bool) -> bool {
        self.step.get_untracked() != step_at(unix_seconds, schedule)
            || (next_codes && self.ending.get_untracked() != ending_at(unix_seconds, schedule))
    }
}

/// Cards are spread over this many groups for a code change: the first
/// screen's cards change with the clock, the others a group a frame after,
/// so that no task redraws thousands of codes at once (2,000 cards in one
/// task were 114 ms at each 30 s boundary; make bench).
const SHARDS: u8 = 8;

/// (period, T0, shard) → the clock of those cards.
pub(super) type Steps = HashMap<(u64, u64, u8), ScheduleClock>;

/// Brings every schedule's clock to `unix_seconds`: shard 0 in this task,
/// each later shard whose clock changed in its own later frame. Without
/// `next_codes` no frame is asked for `ending` alone: with 2,000 cards the
/// eight frames at each step's last ten seconds were 29 ms of styles for a
/// signal nobody read (make bench's ticking row).
pub(super) fn follow_clock(
    steps: StoredValue<Steps, LocalStorage>,
    unix_seconds: u64,
    next_codes: bool,
) {
    let mut later: Vec<(u8, ScheduleClock, (u64, u64))> = Vec::new();
    steps.with_value(|steps| {
        for (&(period, t0, shard), clock) in steps {
            let schedule = (period, t0);
            if shard == 0 {
                clock.follow(unix_seconds, schedule);
            } else if clock.is_behind(unix_seconds, schedule, next_codes) {
                later.push((shard, *clock, schedule));
            }
        }
    });
    later.sort_unstable_by_key(|(shard, _, _)| std::cmp::Reverse(*shard));
    follow_in_frames(later, unix_seconds);
}

/// One shard a frame, from the lowest; `shards` is sorted highest first.
fn follow_in_frames(mut shards: Vec<(u8, ScheduleClock, (u64, u64))>, unix_seconds: u64) {
    let Some(&(shard, _, _)) = shards.last() else {
        return;
    };
    request_animation_frame(move || {
        while shards.last().is_some_and(|(s, _, _)| *s == shard) {
            if let Some((_, clock, schedule)) = shards.pop() {
                // The list may be gone: its signals with it.
                clock.follow(unix_seconds, schedule);
            }
        }
        follow_in_frames(shards, unix_seconds);
    });
}
/// Copies identity `id`'s code; the element is where it is shown
/// (selected where the browser will not copy).
pub(super) type CopyToClipboard = Rc<dyn Fn(&str, &str, Option<web_sys::Element>)>;
/// What the list tells one card, set from outside it.
#[derive(Clone, Copy)]
pub struct CardFlags {
    /// The card holds focus (the list's one focus listener says so).
    pub focused: RwSignal<bool>,
    /// The card is shown: Search and the group chips hide the cards they
    /// leave out instead of disposing of them.
    pub shown: RwSignal<bool>,
}

/// Card id → its [`CardFlags`].
pub(super) type Flags = HashMap<String, CardFlags>;

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
    /// Cards drawn so far, for [`Self::take_shard`].
    pub(super) drawn: StoredValue<usize, LocalStorage>,
    pub(super) owner: StoredValue<Owner, LocalStorage>,
    pub(super) copy: StoredValue<CopyToClipboard, LocalStorage>,
    pub(super) flags: StoredValue<Flags, LocalStorage>,
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
        // By id once: a lookup a card made this quadratic (2,000 cards,
        // 2 million comparisons at every change).
        let identities: HashMap<&str, &Identity> = document
            .identities
            .iter()
            .map(|identity| (identity.id.as_str(), identity))
            .collect();
        self.cards.update_value(|cards| {
            cards.retain(|id, card| {
                let data = identities
                    .get(id.as_str())
                    .map(|identity| CardData::of(identity));
                if card.with_untracked(|shown| *shown != data) {
                    card.set(data.clone());
                }
                data.is_some()
            });
        });
    }

    /// Which shard of the code change a new card is in: the first screen's
    /// cards (those drawn first) change at once, the others spread.
    pub fn take_shard(&self) -> u8 {
        let drawn = self.drawn.get_value();
        self.drawn.set_value(drawn.wrapping_add(1));
        if drawn < FIRST_SHARD_CARDS {
            0
        } else {
            1 + u8::try_from(drawn % usize::from(SHARDS - 1)).unwrap_or(0)
        }
    }

    /// The TOTP time step and whether it is ending, shared by every card
    /// of the same schedule and shard.
    pub fn schedule(&self, period: u64, t0: u64, shard: u8) -> ScheduleClock {
        let key = (period.max(1), t0, shard);
        let schedule = (key.0, key.1);
        if let Some(clock) = self.steps.with_value(|steps| steps.get(&key).copied()) {
            return clock;
        }
        let now = self.second.get_untracked();
        let clock = self.owner.with_value(|owner| {
            owner.with(|| ScheduleClock {
                step: RwSignal::new(step_at(now, schedule)),
                ending: RwSignal::new(ending_at(now, schedule)),
            })
        });
        self.steps.update_value(|steps| {
            steps.insert(key, clock);
        });
        clock
    }

    /// A card's flags, which the list sets: focus from its one focus
    /// listener (a listener per card cost a fifth of rendering 500 of
    /// them), shown from Search. A card is drawn because it is shown.
    pub fn follow(&self, id: &str) -> CardFlags {
        let flags = CardFlags {
            focused: RwSignal::new(false),
            shown: RwSignal::new(true),
        };
        self.flags.update_value(|all| {
            all.insert(id.to_owned(), flags);
        });
        flags
    }

    /// A card's cleanup; the list may be gone already.
    pub fn forget(&self, id: &str) {
        self.flags.try_update_value(|all| {
            all.remove(id);
        });
    }

    /// Shows the cards of `shown` and hides the others, setting only the
    /// flags that change.
    pub(super) fn show_only(&self, shown: &[String]) {
        let shown: std::collections::HashSet<&str> = shown.iter().map(String::as_str).collect();
        self.flags.with_value(|all| {
            for (id, flags) in all {
                set_if_changed(flags.shown, shown.contains(id.as_str()));
            }
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

/// Sets `signal` only when `value` differs, so its readers run only on a
/// change; nothing once it is disposed.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.try_with_untracked(|shown| *shown != value) == Some(true) {
        signal.try_set(value);
    }
}

fn step_at(unix_seconds: u64, (period, t0): (u64, u64)) -> Option<u64> {
    unix_seconds.checked_sub(t0).map(|elapsed| elapsed / period)
}

/// Whether at most [`NEXT_CODE_SECONDS`] are left of the step (always, for
/// a period that short).
fn ending_at(unix_seconds: u64, (period, t0): (u64, u64)) -> bool {
    unix_seconds
        .checked_sub(t0)
        .is_some_and(|elapsed| period - elapsed % period <= NEXT_CODE_SECONDS)
}

pub fn use_code_list() -> CodeListContext {
    expect_context::<CodeListContext>()
}
