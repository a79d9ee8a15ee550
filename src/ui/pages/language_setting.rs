//! Settings → Language: the browser's language, or one of the app's six,
//! each named in itself. The change shows at once (the screens are drawn
//! again in it, no reload) and is kept on this device.

use crate::state::{LANGUAGES, Language, Msg, chosen_language, t, use_i18n};
use leptos::prelude::*;

#[component]
pub fn LanguageSetting() -> impl IntoView {
    let i18n = use_i18n();
    // Read as the screen draws: a change draws it again.
    let chosen = chosen_language();
    // Once it succeeds this screen is drawn again, in the new language;
    // only a failure is left to show here.
    let choose = Action::new_local(move |wanted: &Option<Language>| i18n.choose(*wanted));
    let error = move || {
        choose
            .value()
            .get()
            .and_then(Result::err)
            .map(|_| t(Msg::LanguageNotLoaded))
    };
    view! {
        <section class="card" aria-labelledby="language-heading">
            <h3 id="language-heading">{t(Msg::LanguageHeading)}</h3>
            <div class="field">
                <label for="language">{t(Msg::LanguageLabel)}</label>
                <select id="language" aria-describedby="language-explained"
                    disabled=move || choose.pending().get()
                    on:change=move |event| { choose.dispatch_local(Language::find(&event_target_value(&event))); }>
                    <option value="" selected=chosen.is_none()>{t(Msg::LanguageOfBrowser)}</option>
                    {LANGUAGES.into_iter().map(|language| view! {
                        <option value=language.code lang=language.code selected=chosen == Some(language)>
                            {language.name}
                        </option>
                    }).collect_view()}
                </select>
                <p class="muted" id="language-explained">{t(Msg::LanguageExplained)}</p>
                <p class="field__error" role="alert">{error}</p>
            </div>
        </section>
    }
}
