//! The person's language, as the screens ask for it: [`t`] and [`t_with`]
//! give a message (`Msg`, generated from locales/en.ftl by build.rs) in the
//! language in use, and [`I18n`] (a context) says which that is and
//! changes it.
//!
//! One language is in use at a time: its catalog is held here, for the
//! page. The app mounts only once a catalog is in, and the root draws its
//! screens again when the language changes (no reload), so a screen's
//! texts are plain strings read as it draws. Only the chosen language's catalog
//! is fetched (docs/i18n.md); should it fail, English is used, and should
//! English fail too, the page says so in the one sentence it holds.

use crate::platform::language::{self, IntlRules};
use i18n::{Arg, Catalog, Language};
use leptos::prelude::*;
use std::cell::RefCell;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Where catalogs come from: the app's own origin (each language's in two
/// parts: the start path's, then the rest once the first screen is up), or
/// (the browser tests, which have no server of their own) the build's
/// whole ones: `Given(f)` asks `f(Some(code))` for a language's, and
/// `f(None)` for the one to start with (the test makes the choice
/// index.html makes, with [`chosen_language`] and
/// `platform::language::browser_language`).
#[derive(Clone, Copy, Debug)]
pub enum Catalogs {
    Fetched,
    Given(fn(Option<&str>) -> Option<&'static str>),
}

struct Active {
    catalog: Catalog,
    rules: IntlRules,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
    static CATALOGS: std::cell::Cell<Catalogs> = const { std::cell::Cell::new(Catalogs::Fetched) };
}

/// Message `msg` in the language in use.
pub fn t(msg: Msg) -> String {
    t_with(msg, &[])
}

/// Message `msg` with `args` put in (numbers as the language writes them,
/// plurals as it selects them).
pub fn t_with(msg: Msg, args: &[(&str, Arg<'_>)]) -> String {
    ACTIVE.with_borrow(|active| {
        active
            .as_ref()
            .map(|a| a.catalog.format(msg as usize, args, &a.rules))
            .unwrap_or_default()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LanguageError {
    #[error("this language could not be downloaded")]
    NotLoaded,
}

/// The language in use.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The language whose catalog is in use; the root draws the screens
    /// again when it changes.
    pub language: RwSignal<Option<Language>>,
}

/// The app's start, before it mounts: puts in use the catalog index.html
/// chose and started fetching, so the start path holds neither the choice
/// nor a fetch of its own. `false` when not even English could be had: the
/// page then says so in the one sentence it holds, and nothing mounts.
pub async fn start_language() -> bool {
    start_with(language::started_catalog().await)
}

/// Puts the start catalog `text` in use; else says on the page that there
/// are no texts.
fn start_with(text: Option<String>) -> bool {
    let started = parse_start(text).and_then(use_catalog).is_ok();
    if !started {
        language::say_no_texts();
    }
    started
}

/// Provides [`I18n`], with the language [`start_language`] put in use (or,
/// from given catalogs, the person's choice, else the browser's first one
/// the app speaks).
pub fn provide_i18n(catalogs: Catalogs) -> I18n {
    CATALOGS.set(catalogs);
    if let Catalogs::Given(given) = catalogs {
        start_with(given(None).map(str::to_owned));
    }
    let in_use = ACTIVE.with_borrow(|active| {
        active
            .as_ref()
            .and_then(|active| Language::by_code(&active.catalog.lang))
    });
    let i18n = I18n {
        language: RwSignal::new(in_use),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language chosen in Settings; `None` follows the browser.
pub fn chosen_language() -> Option<Language> {
    language::kept_choice()
}

impl I18n {
    /// Settings → Language: uses `wanted` (`None`: the browser's) from now
    /// on and keeps the choice; the screens are drawn again in it as soon
    /// as its catalog is in.
    ///
    /// # Errors
    /// [`LanguageError::NotLoaded`] when its catalog cannot be had
    /// (offline before the service worker kept it); nothing changes then.
    pub async fn choose(self, wanted: Option<Language>) -> Result<(), LanguageError> {
        let code = wanted.unwrap_or_else(language::browser_language).code;
        let text = match CATALOGS.get() {
            Catalogs::Fetched => {
                let (start, rest) = futures_util::future::join(
                    language::fetch_catalog(code),
                    language::fetch_catalog(&screens_part(code)),
                )
                .await;
                start.zip(rest).map(|(start, rest)| (start, Some(rest)))
            }
            Catalogs::Given(given) => given(Some(code)).map(|whole| (whole.to_owned(), None)),
        };
        let (start, rest) = text.ok_or(LanguageError::NotLoaded)?;
        let mut catalog = parse_start(Some(start))?;
        if let Some(rest) = rest {
            follow_with(&mut catalog, &rest)?;
        }
        let language = use_catalog(catalog)?;
        language::keep_choice(wanted);
        // After this future has finished: drawing the screens again
        // disposes of the screen whose action is running it.
        let in_use = self.language;
        set_timeout(
            move || in_use.set(Some(language)),
            std::time::Duration::ZERO,
        );
        Ok(())
    }
}

/// Waits until the messages past the start path's are in use, fetching
/// them the first time: the screens in split chunks ask before they draw,
/// and the app asks once the first screen is up.
///
/// # Errors
/// [`LanguageError::NotLoaded`] when they cannot be had (offline before
/// the service worker kept them).
pub async fn screen_texts() -> Result<(), LanguageError> {
    let wanted = ACTIVE.with_borrow(|active| {
        active
            .as_ref()
            .filter(|a| a.catalog.messages.len() < MESSAGE_COUNT)
            .map(|a| a.catalog.lang.clone())
    });
    let Some(code) = wanted else {
        return Ok(());
    };
    let rest = match CATALOGS.get() {
        Catalogs::Fetched => language::fetch_catalog(&screens_part(&code)).await,
        Catalogs::Given(_) => None,
    }
    .ok_or(LanguageError::NotLoaded)?;
    ACTIVE.with_borrow_mut(|active| match active.as_mut() {
        // Another call, or a change of language, came first.
        Some(a) if a.catalog.messages.len() == MESSAGE_COUNT || a.catalog.lang != code => Ok(()),
        Some(a) => follow_with(&mut a.catalog, &rest),
        None => Err(LanguageError::NotLoaded),
    })
}

/// The name of a language's second catalog file (docs/i18n.md).
fn screens_part(code: &str) -> String {
    format!("{code}.screens")
}

/// The start path's part (or a whole catalog) of this build.
fn parse_start(text: Option<String>) -> Result<Catalog, LanguageError> {
    text.and_then(|text| Catalog::parse(&text, CATALOG_VERSION).ok())
        .filter(|c| c.first == 0 && matches!(c.messages.len(), START_COUNT | MESSAGE_COUNT))
        .ok_or(LanguageError::NotLoaded)
}

/// Appends the rest of the messages, `text`, to `catalog`.
fn follow_with(catalog: &mut Catalog, text: &str) -> Result<(), LanguageError> {
    let rest = Catalog::parse(text, CATALOG_VERSION).map_err(|_| LanguageError::NotLoaded)?;
    (catalog.append(rest) && catalog.messages.len() == MESSAGE_COUNT)
        .then_some(())
        .ok_or(LanguageError::NotLoaded)
}

/// Puts `catalog` in use and marks the page with its language.
fn use_catalog(catalog: Catalog) -> Result<Language, LanguageError> {
    let language = Language::by_code(&catalog.lang).ok_or(LanguageError::NotLoaded)?;
    let rules = IntlRules::new(language);
    ACTIVE.with_borrow_mut(|active| *active = Some(Active { catalog, rules }));
    language::mark_page(language);
    Ok(language)
}
