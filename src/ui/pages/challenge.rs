//! "Answer a challenge" for a challenge-response (OCRA) identity: the
//! person types the challenge they were given (and the token's PIN when
//! the suite asks for one), and the response is shown to be typed back.
//! Nothing typed here is stored; the response leaves with the screen.

use super::{NoSuchIdentity, error_of, identity_from_route};
use crate::state::use_app_state;
use crate::ui::components::code_format::{group_code, spoken};
use leptos::prelude::*;
use leptos_router::components::A;
use otp::Kind;
use otp::ocra::{QuestionFormat, Suite};

fn suite_of(identity: Option<vault::Identity>) -> Option<Suite> {
    match identity?.token?.kind {
        Kind::Ocra { suite, .. } => suite.parse().ok(),
        _ => None,
    }
}

/// What the challenge field takes, in words.
fn challenge_hint(suite: &Suite) -> String {
    let what = match suite.question {
        QuestionFormat::Numeric => "digits",
        QuestionFormat::Alphanumeric => "letters and digits",
        QuestionFormat::Hex => "hexadecimal characters (0-9, A-F)",
    };
    format!(
        "Up to {} {what}, as you were given it.",
        suite.question_length
    )
}

#[component]
pub fn Challenge() -> impl IntoView {
    let state = use_app_state();
    let (id, identity) = identity_from_route();
    let suite = Memo::new(move |_| suite_of(identity.get()));
    let question = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let answer = Action::new_local(move |_: &()| {
        let (id, question, pin) = (
            id.get_untracked(),
            question.get_untracked(),
            pin.get_untracked(),
        );
        async move {
            let pin = (!pin.is_empty()).then_some(pin.as_str());
            state.answer_challenge(&id, &question, pin).await
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        answer.dispatch_local(());
    };
    let response = move || answer.value().get().and_then(Result::ok);
    view! {
        <Show when=move || suite.get().is_some() fallback=|| view! { <NoSuchIdentity /> }>
            <h2>"Answer a challenge"</h2>
            <form class="card" on:submit=submit novalidate>
                <p>"For " <bdi>{move || identity.get().map(|i| i.name).unwrap_or_default()}</bdi></p>
                <div class="field">
                    <label for="challenge">"Challenge"</label>
                    <input id="challenge" type="text" autocomplete="off" spellcheck="false" class="code-text"
                        inputmode=move || suite.get().filter(|s| s.question == QuestionFormat::Numeric).map(|_| "numeric")
                        aria-describedby="challenge-hint challenge-error" bind:value=question />
                    <p class="muted" id="challenge-hint">{move || suite.get().map(|s| challenge_hint(&s)).unwrap_or_default()}</p>
                </div>
                <Show when=move || suite.get().is_some_and(|s| s.pin.is_some())>
                    <div class="field">
                        <label for="challenge-pin">"PIN"</label>
                        <input id="challenge-pin" type="password" autocomplete="off" inputmode="numeric"
                            aria-describedby="challenge-pin-hint" bind:value=pin />
                        <p class="muted" id="challenge-pin-hint">"The PIN of this token, from its issuer (not Soft Token's PIN)."</p>
                    </div>
                </Show>
                <p class="field__error" id="challenge-error" role="alert">{move || error_of(answer.value().get())}</p>
                <button type="submit" class="button">"Answer"</button>
            </form>
            {move || response().map(|code| view! {
                <div class="card registration" role="status">
                    <h3>"Response"</h3>
                    <p class="registration__code code-text" aria-label=spoken(&code)>{group_code(&code)}</p>
                    <p>"Type this response where you were given the challenge."</p>
                    <A href="/" attr:class="button">"Done"</A>
                </div>
            })}
        </Show>
    }
}
