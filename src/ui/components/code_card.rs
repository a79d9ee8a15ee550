//! One identity on the initial screen: its name, its current code in large
//! grouped digits, and a bar that drains until the code changes; pressing
//! it copies the code (the list says "Copied"). Its accessible name begins
//! with what it shows (name, then the code as grouped), and says the
//! seconds left while the card has focus.
//!
//! Where the person asked (this device's preferences): in the last seconds
//! of a time-based code the next one shows under it; and codes show as
//! dots until a press reveals that card's for [`REVEAL_MS`], a press while
//! revealed copying it. A hidden code is in neither the page nor the
//! accessible name.
//!
//! Between code changes a card runs nothing: the bar is a CSS animation of
//! `transform` (the compositor's), restarted at each new code, in four steps
//! a second.

use crate::state::{now_ms, use_app_state, use_preferences};
use crate::ui::components::code_context::{CardFlags, use_code_list};
use crate::ui::components::code_format::group_code;
use crate::ui::components::icon_avatar::IconAvatar;
use leptos::prelude::*;
use leptos_router::components::A;
use otp::Token;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Milliseconds into the current period at `unix_ms`: how far the bar has
/// already drained.
fn elapsed_in_period_ms(unix_ms: u64, (period, t0): (u64, u64)) -> u64 {
    unix_ms.saturating_sub(t0.saturating_mul(1000)) % (period.max(1) * 1000)
}

#[component]
pub fn CodeCard(id: String) -> impl IntoView {
    let list = use_code_list();
    let card = list.card(&id);
    let token = Memo::new(move |_| card.with(|card| card.as_ref().and_then(|c| c.token.clone())));
    // When a time-based code changes: (period, T0); None for HOTP.
    let schedule = Memo::new(move |_| {
        token.with(|t| {
            t.as_ref()
                .and_then(Token::schedule)
                .map(|(period, t0)| (u64::from(period), t0))
        })
    });
    // A time-based code follows its schedule's time step, shared by every
    // card of that schedule: nothing runs here between code changes.
    let shard = list.take_shard();
    let clock = Memo::new(move |_| {
        schedule
            .get()
            .map(|(period, t0)| list.schedule(period, t0, shard))
    });
    let step = Memo::new(move |_| clock.get().map(|clock| clock.step.get()));
    let preferences = use_preferences();
    let revealed = RwSignal::new(false);
    let hidden = Memo::new(move |_| preferences.hide_codes.get() && !revealed.get());
    // The next time-based code, in the last seconds of this one; not while
    // codes are hidden.
    let next_code = Memo::new(move |_| {
        if !preferences.show_next_code.get() || hidden.get() || !clock.get()?.ending.get() {
            return None;
        }
        let counter = step.get()??.checked_add(1)?;
        token.with(|t| t.as_ref().map(|t| t.code_for_counter(counter)))
    });
    // Hidden codes: revealed by a press, hidden again after REVEAL_MS.
    let hide_timer = StoredValue::new_local(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(Some(timer)) = hide_timer.try_get_value() {
            timer.clear();
        }
    });
    let reveal = move || {
        revealed.set(true);
        if let Some(timer) = hide_timer.get_value() {
            timer.clear();
        }
        let timer = set_timeout_with_handle(
            move || {
                revealed.try_set(false);
            },
            Duration::from_millis(REVEAL_MS),
        );
        hide_timer.set_value(timer.ok());
    };
    let code = Memo::new(move |_| {
        let step = step.get();
        token
            .with(|t: &Option<Token>| {
                let t = t.as_ref()?;
                match step {
                    Some(counter) => counter.map(|counter| t.code_for_counter(counter)),
                    None => t.code_at(0).ok(),
                }
            })
            .unwrap_or_default()
    });
    let name = Memo::new(move |_| {
        card.with(|card| card.as_ref().map(|c| c.name.clone()).unwrap_or_default())
    });
    // Only the focused card follows the clock, for its spoken seconds left.
    let CardFlags { focused, shown } = list.follow(&id);
    let flags_id = id.clone();
    on_cleanup(move || list.forget(&flags_id));
    let label = move || {
        let seconds_left = if focused.get() {
            let now = list.second.get();
            token.with(|t| t.as_ref().and_then(|t| t.seconds_left(now)))
        } else {
            None
        };
        // It begins with the text the card shows, name then code as
        // grouped (WCAG 2.5.3: a person using voice control says what
        // they see).
        if hidden.get() {
            return format!("{}, code hidden. Press to show it.", name.read());
        }
        let mut shown = format!("{} {}", name.read(), group_code(&code.read()));
        if let Some(next) = next_code.read().as_deref() {
            shown = format!("{shown}, next {}", group_code(next));
        }
        match seconds_left {
            Some(left) => format!(
                "{shown}, {left} {} left. Press to copy.",
                if left == 1 { "second" } else { "seconds" }
            ),
            None => format!("{shown}. Press to copy."),
        }
    };
    // Restarted with each code, and whenever the bar's animation starts
    // again (the card shown again, or moved: a node put back in the page
    // starts its animations over): the delay puts the bar where the clock is.
    let restarted = RwSignal::new(0_u32);
    let bar_delay = move || {
        step.track();
        restarted.track();
        if !shown.get() {
            return String::new();
        }
        schedule
            .get()
            .map(|schedule| format!("-{}ms", elapsed_in_period_ms(now_ms(), schedule)))
            .unwrap_or_default()
    };
    let period = move || schedule.get().map_or(30, |(period, _)| period);
    let bar_duration = move || format!("{}s", period());
    // Four steps a second (a step is a few pixels of bar): each visible
    // change costs the page's main thread a frame, and a glide would ask
    // for sixty a second, for changes smaller than a pixel.
    let bar_steps = move || (period() * BAR_STEPS_PER_SECOND).to_string();
    let bar_seconds = move || period().to_string();

    let copy_id = StoredValue::new(id.clone());
    let on_copy = move |event: leptos::ev::MouseEvent| {
        let shown = event
            .current_target()
            .and_then(|button| button.dyn_into::<web_sys::Element>().ok())
            .and_then(|button| button.query_selector(".token__code").ok().flatten());
        if hidden.get_untracked() {
            reveal();
            return;
        }
        list.copy(&copy_id.read_value(), &code.read_untracked(), shown);
    };
    let shown_code = move || {
        if hidden.get() {
            code.with(|code| {
                group_code(code)
                    .chars()
                    .map(|c| if c == ' ' { ' ' } else { '•' })
                    .collect()
            })
        } else {
            group_code(&code.read())
        }
    };
    // One branch for what the card is: drawn again only when that changes
    // (activated, or another kind of token), not when its code does.
    let face = Memo::new(move |_| {
        let challenge = token.with(|t| {
            t.as_ref()
                .is_some_and(|t| matches!(t.kind(), otp::Kind::Ocra { .. }))
        });
        match (token.with(Option::is_some), schedule.get()) {
            (false, _) => Face::NotActivated,
            _ if challenge => Face::ChallengeResponse,
            (true, Some(_)) => Face::TimeBased,
            (true, None) => Face::CounterBased,
        }
    });
    let card_id = id.clone();
    let avatar = Memo::new(move |_| {
        card.with(|card| card.as_ref().map(|c| c.avatar.clone()).unwrap_or_default())
    });
    view! {
        <li class="token" data-id=id hidden=move || !shown.get()>
            // A grip to drag by, in the custom order (the keyboard moves
            // cards with Alt+arrows): a draggable card would keep its code
            // from being selected, where the browser cannot copy.
            <Show when=move || list.movable.get()>
                <span class="token__grip" draggable="true" aria-hidden="true" title="Drag to move"></span>
            </Show>
            <IconAvatar source=avatar />
            {move || match face.get() {
                Face::NotActivated => view! {
                    <div class="token__pending">
                        <span class="token__name">{name}</span>
                        <A href=format!("/identity/{card_id}/activate") attr:class="button button--secondary">"Activate"</A>
                    </div>
                }
                .into_any(),
                Face::ChallengeResponse => view! {
                    <div class="token__pending">
                        <span class="token__name">{name}</span>
                        <A href=format!("/identity/{card_id}/challenge") attr:class="button button--secondary">"Answer a challenge"</A>
                    </div>
                }
                .into_any(),
                face => view! {
                    <button type="button" class="token__main" on:click=on_copy aria-label=label>
                        <span class="token__name">{name}</span>
                        <span class="token__code" aria-hidden="true">{shown_code}</span>
                        {move || next_code.get().map(|next| view! {
                            <span class="token__next-code" aria-hidden="true">
                                "Next " {group_code(&next)}
                            </span>
                        })}
                    </button>
                    {match face {
                        Face::CounterBased => view! { <NextCodeButton id=card_id.clone() /> }.into_any(),
                        _ => view! {
                            <span class="token__time" aria-hidden="true"
                                style:animation-duration=bar_duration
                                style:--bar-steps=bar_steps
                                style:--bar-seconds=bar_seconds
                                style:animation-delay=bar_delay
                                on:animationstart=move |_| restarted.update(|n| *n = n.wrapping_add(1))></span>
                        }
                        .into_any(),
                    }}
                }
                .into_any(),
            }}
        </li>
    }
}

/// How long a press shows a hidden code.
const REVEAL_MS: u64 = 30_000;

/// How often the time bar moves; reduced motion moves it once a second.
const BAR_STEPS_PER_SECOND: u64 = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    /// An activation identity waiting for its activation: a link to it.
    NotActivated,
    /// TOTP: the time bar.
    TimeBased,
    /// HOTP: "Next code".
    CounterBased,
    /// OCRA: no code of its own, a link to answer a challenge.
    ChallengeResponse,
}

/// HOTP: moves the counter on by one, for the next code.
#[component]
fn NextCodeButton(id: String) -> impl IntoView {
    let state = use_app_state();
    let next_code = Action::new_local(move |_: &()| {
        let id = id.clone();
        async move { state.next_code(&id).await }
    });
    view! {
        <button type="button" class="button button--secondary token__next"
            on:click=move |_| { next_code.dispatch_local(()); }>
            "Next code"
        </button>
        // A counter that could not be stored (a full disk) is said here.
        <p class="field__error" role="alert">
            {move || next_code.value().get().and_then(Result::err).map(|error| error.to_string())}
        </p>
    }
}
