//! The preview before anything is stored: each token's name, issuer, type
//! and current code, so a wrong scan is caught; a token already stored
//! (same secret and parameters) is left out unless "Add it again" is
//! ticked; entries an export held that cannot be used are listed with the
//! reason; a multi-part export says which parts are still missing.

use crate::adding::use_pending;
use crate::components::code_card::group_code;
use crate::state::{now_ms, use_app_state};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use vault::{Identity, StoredToken};

/// "parts 2 and 3", "part 2", "parts 2, 3 and 5".
fn list_parts(parts: &[u32]) -> String {
    let numbers: Vec<String> = parts.iter().map(u32::to_string).collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("part {one}"),
        [head @ .., last] => format!("parts {} and {last}", head.join(", ")),
    }
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
                .map(|c| c.is_stored_in(&document))
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
    let save_error = RwSignal::new(None::<String>);

    let save = Action::new_local(move |indices: &Vec<usize>| {
        let picked: Vec<_> = pending.candidates.with_untracked(|all| {
            indices
                .iter()
                .filter_map(|&i| all.get(i).cloned())
                .collect()
        });
        async move {
            let now = now_ms();
            state
                .commit(move |document| {
                    for candidate in &picked {
                        document.identities.push(Identity {
                            id: crate::pages::new_identity_id(),
                            name: candidate.name.clone(),
                            issuer: candidate.issuer.clone(),
                            created_at: now,
                            origin: candidate.origin(),
                            token: Some(StoredToken::from_token(&candidate.token)),
                        });
                    }
                    Ok(())
                })
                .await?;
            crate::persist::request().await;
            Ok::<(), String>(())
        }
    });
    let leave = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            pending.clear();
            leave("/", Default::default());
        }
        Some(Err(message)) => save_error.set(Some(message)),
        None => {}
    });
    let cancel = move |_| {
        pending.clear();
        navigate("/add", Default::default());
    };
    let second = Memo::new(move |_| state.now_ms.get() / 1000);

    view! {
        <h2>"Check before adding"</h2>
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
            <ul class="preview-list">
                {move || pending.candidates.get().into_iter().enumerate().map(|(index, candidate)| {
                    let code_token = candidate.token.clone();
                    let code = move || code_token.code_at(second.get()).map(|c| group_code(&c)).unwrap_or_default();
                    let is_duplicate = move || duplicates.get().get(index).copied().unwrap_or(false);
                    let again_id = format!("again-{index}");
                    view! {
                        <li class="card preview">
                            <p class="preview__name">{candidate.name.clone()}</p>
                            <p class="muted">{candidate.issuer.clone().unwrap_or_else(|| "No issuer".into())} " · " {candidate.kind_name()}</p>
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
                }).collect_view()}
            </ul>
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
        <p class="field__error" role="alert">{move || save_error.get().unwrap_or_default()}</p>
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
