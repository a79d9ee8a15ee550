//! The preview before anything is stored: each token's name, issuer, type
//! and current code, so a wrong scan is caught; a token already stored
//! (same secret and parameters) is left out unless "Add it again" is
//! ticked; entries an export held that cannot be used are listed with the
//! reason; a multi-part export says which parts are still missing.
//!
//! A long list (a backup of thousands of tokens) is drawn as a window: only
//! the rows in view of its scrolling box exist, so the screen stays
//! responsive whatever the file held.

use super::error_of;
use crate::state::{AppError, Candidate, use_app_state, use_pending};
use crate::ui::components::code_format::group_code;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use otp::Kind;
use vault::Duplicates;

/// "parts 2 and 3", "part 2", "parts 2, 3 and 5".
fn list_parts(parts: &[u32]) -> String {
    let numbers: Vec<String> = parts.iter().map(u32::to_string).collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("part {one}"),
        [head @ .., last] => format!("parts {} and {last}", head.join(", ")),
    }
}

/// "TOTP", "HOTP" or "Steam", as the preview names the type.
fn kind_name(candidate: &Candidate) -> &'static str {
    if candidate.activation.is_some() {
        return "Soft token identity";
    }
    match candidate.token.kind() {
        Kind::Totp { .. } => "TOTP",
        Kind::Hotp { .. } => "HOTP",
        Kind::Steam => "Steam",
        Kind::Ocra { .. } => "Challenge-response (OCRA)",
    }
}

/// From this many tokens on, the preview draws only the rows in view.
const WINDOW_FROM: usize = 60;
/// A row's height in the window, its gap included: each row is given
/// exactly this through the CSSOM (`style:` below, which the
/// Content-Security-Policy allows where a `style` attribute is refused), so
/// the window never depends on the stylesheet having loaded.
const ROW_PX: f64 = 128.0;
/// A row's height when the list holds tokens already stored: room for the
/// notice and "Add it again".
const ROW_WITH_NOTICE_PX: f64 = 184.0;
/// The gap below each row, part of its height.
const ROW_GAP_PX: f64 = 12.0;
/// Rows drawn beyond each edge of the view, so a fast scroll shows no gap.
const OVERSCAN: usize = 3;

/// One token of the preview: what it is, its code now, and "Add it again"
/// when it is stored already.
#[component]
fn PreviewRow(
    index: usize,
    candidate: Candidate,
    count: usize,
    /// Drawn in the window: exactly this high, its gap included.
    row_px: Option<Memo<f64>>,
    second: Memo<u64>,
    duplicates: Memo<Vec<bool>>,
    again: RwSignal<Vec<bool>>,
) -> impl IntoView {
    let code_token = candidate.token.clone();
    // A challenge-response token has no code of its own: its suite instead.
    let code = move || match code_token.kind() {
        Kind::Ocra { suite, .. } => suite.to_string(),
        _ => code_token
            .code_at(second.get())
            .map(|c| group_code(&c))
            .unwrap_or_default(),
    };
    let is_duplicate = move || duplicates.get().get(index).copied().unwrap_or(false);
    let again_id = format!("again-{index}");
    view! {
        <li class="card preview" aria-setsize=count aria-posinset=index + 1
            style:box-sizing=row_px.map(|_| "border-box")
            style:height=move || row_px.map(|px| format!("{}px", px.get() - ROW_GAP_PX))
            style:margin=row_px.map(|_| format!("0 0 {ROW_GAP_PX}px"))
            style:overflow=row_px.map(|_| "hidden")>
            <p class="preview__name">{candidate.name.clone()}</p>
            <p class="muted">{candidate.issuer.clone().unwrap_or_else(|| "No issuer".into())} " · " {kind_name(&candidate)}</p>
            <p class="preview__code" aria-label="Current code">{code}</p>
            <Show when=is_duplicate>
                <p class="field__error">"This token is already stored."</p>
                <div class="checkbox">
                    <input type="checkbox" id=again_id.clone()
                        prop:checked=move || again.get().get(index).copied().unwrap_or(false)
                        on:change=move |event| {
                            let checked = event_target_checked(&event);
                            again.update(|a| if let Some(slot) = a.get_mut(index) { *slot = checked; });
                        } />
                    <label for=again_id.clone()>"Add it again"</label>
                </div>
            </Show>
        </li>
    }
}

/// The rows `first..end` that a window scrolled to `scroll_top`, `height`
/// pixels high, with rows `row_px` high, shows, with [`OVERSCAN`] rows beyond each edge.
fn rows_in_view(scroll_top: f64, height: f64, row_px: f64, count: usize) -> std::ops::Range<usize> {
    let first = ((scroll_top.max(0.0) / row_px) as usize).saturating_sub(OVERSCAN);
    let shown = (height.max(row_px) / row_px).ceil() as usize + 2 * OVERSCAN;
    first.min(count)..(first + shown).min(count)
}

#[component]
pub fn AddPreview() -> impl IntoView {
    let state = use_app_state();
    let pending = use_pending();
    let navigate = use_navigate();
    let duplicates = Memo::new(move |_| {
        let document = state.document.get();
        pending.candidates.with(|candidates| {
            candidates
                .iter()
                .map(|c| document.find_duplicate(c).is_some())
                .collect::<Vec<_>>()
        })
    });
    // Per candidate: add it again although it is stored already.
    let again = RwSignal::new(Vec::<bool>::new());
    Effect::new(move |_| again.set(vec![false; pending.candidates.with(Vec::len)]));
    let chosen = move || {
        let (duplicates, again) = (duplicates.get(), again.get());
        (0..duplicates.len())
            .filter(|&i| !duplicates[i] || again.get(i).copied().unwrap_or(false))
            .collect::<Vec<_>>()
    };
    let after_save = navigate.clone();
    let save = Action::new_local(move |indices: &Vec<usize>| {
        let again = again.get_untracked();
        let picked: Vec<_> = pending.candidates.with_untracked(|all| {
            indices
                .iter()
                .filter_map(|&i| {
                    let duplicates = if again.get(i).copied().unwrap_or(false) {
                        Duplicates::AddAgain
                    } else {
                        Duplicates::LeaveOut
                    };
                    Some((all.get(i)?.clone(), duplicates))
                })
                .collect()
        });
        let leave = after_save.clone();
        async move {
            state.add_candidates(picked).await?;
            pending.clear();
            leave("/", Default::default());
            Ok::<(), AppError>(())
        }
    });
    let cancel = move |_| {
        pending.clear();
        navigate("/add", Default::default());
    };
    let second = Memo::new(move |_| state.now_ms.get() / 1000);
    // The window over a long list: where it is scrolled, how high it is,
    // and the rows that this shows.
    let count = Memo::new(move |_| pending.candidates.with(Vec::len));
    let long_list = Memo::new(move |_| count.get() >= WINDOW_FROM);
    let (scroll_top, height) = (RwSignal::new(0.0), RwSignal::new(0.0));
    let window = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = window.get() {
            height.set(f64::from(element.client_height()));
        }
    });
    let row_px = Memo::new(move |_| {
        if duplicates.with(|d| d.contains(&true)) {
            ROW_WITH_NOTICE_PX
        } else {
            ROW_PX
        }
    });
    let in_view =
        Memo::new(move |_| rows_in_view(scroll_top.get(), height.get(), row_px.get(), count.get()));
    let row = move |windowed: bool| {
        move |index: usize| {
            let candidate = pending.candidates.with(|all| all.get(index).cloned())?;
            let count = count.get_untracked();
            let row_px = windowed.then_some(row_px);
            Some(view! { <PreviewRow index candidate count row_px second duplicates again /> })
        }
    };

    view! {
        <h2>"Check before adding"</h2>
        <Show when=move || pending.source.get().is_some()>
            <p>{move || format!("Read from an export of {}.", pending.source.get().unwrap_or_default())}</p>
        </Show>
        <Show when=move || pending.missing_parts.get().is_some_and(|(_, missing)| !missing.is_empty())>
            <p class="card notice" role="status">{move || {
                let (size, missing) = pending.missing_parts.get().unwrap_or_default();
                format!("This export has {size} parts. Still missing: {}. Scan them too after adding these.", list_parts(&missing))
            }}</p>
        </Show>
        <Show
            when=move || pending.candidates.with(|c| !c.is_empty())
            fallback=move || view! {
                <div class="card"><p>"There is nothing to add."</p>
                <A href="/add" attr:class="button">"Add identity"</A></div>
            }
        >
            <Show when=move || long_list.get() fallback=move || view! {
                <ul class="preview-list">{move || (0..count.get()).map(row(false)).collect_view()}</ul>
            }>
                <div class="preview-window" node_ref=window tabindex="0" role="region"
                    style:max-height="65vh" style:overflow-y="auto" style:overscroll-behavior="contain"
                    aria-label=move || format!("{} tokens to check", count.get())
                    on:scroll=move |event| {
                        let element: web_sys::HtmlElement = event_target(&event);
                        scroll_top.set(f64::from(element.scroll_top()));
                        height.set(f64::from(element.client_height()));
                    }>
                    <div aria-hidden="true" style:height=move || format!("{}px", in_view.get().start as f64 * row_px.get())></div>
                    <ul class="preview-list">
                        <For each=move || in_view.get() key=|index| *index let:index>
                            {row(true)(index)}
                        </For>
                    </ul>
                    <div aria-hidden="true" style:height=move || {
                        format!("{}px", count.get().saturating_sub(in_view.get().end) as f64 * row_px.get())
                    }></div>
                </div>
            </Show>
        </Show>
        <Show when=move || pending.skipped.with(|s| !s.is_empty())>
            <div class="card">
                <h3>"Not added"</h3>
                <ul>
                    {move || pending.skipped.get().into_iter().map(|skipped| view! {
                        <li>{format!("{}: {}.", if skipped.name.is_empty() { "An unnamed entry".to_owned() } else { skipped.name }, skipped.reason)}</li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
        <p class="field__error" role="alert">{move || error_of(save.value().get())}</p>
        <Show when=move || pending.candidates.with(|c| !c.is_empty())>
            <p class="muted">{move || match chosen().len() {
                0 => "Every token here is stored already.".to_owned(),
                1 => "1 token will be added.".to_owned(),
                n => format!("{n} tokens will be added."),
            }}</p>
            <button type="button" class="button"
                disabled=move || chosen().is_empty() || save.pending().get()
                on:click=move |_| { save.dispatch_local(chosen()); }>
                "Add"
            </button>
        </Show>
        <button type="button" class="button button--secondary" on:click=cancel>"Cancel"</button>
    }
}
