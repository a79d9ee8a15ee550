//! Which picture each identity's card shows: the brand icon matched by its
//! issuer (or the one the person chose) from the icon pack, or a letter.
//!
//! The pack costs nothing at start: its index (`icon-index.txt`,
//! docs/icon-pack.md) is fetched once the initial screen has drawn, and the
//! code that fetches and reads it is reached only from the screens' chunks
//! ([`load_index`], passed to [`Icons::want`]), never from the start
//! chunk, which holds only the signal the index arrives in; each icon is an
//! `<img>` of `icons/<slug>.svg`, which the service worker keeps once shown.
//! Until the index has arrived, or where it cannot (offline before it was
//! ever fetched, an old or damaged file), cards show letters.
//!
//! Holds no secret: issuers and brand names.

use crate::platform::icons::fetch_icon_index;
use leptos::prelude::*;
use std::rc::Rc;
use vault::IconChoice;
use vault::icons::{Icon, IconIndex};

/// What the screens ask of the index: implemented where it is read and
/// reached through this trait, so its code stays in the screens' chunks.
pub trait IconLookup {
    /// The icon an identity shows: its choice, else its issuer's match.
    fn shown(&self, issuer: Option<&str>, choice: Option<&IconChoice>) -> Option<Icon>;
    /// Icons whose names hold every word of `query`.
    fn search(&self, query: &str, limit: usize) -> Vec<Icon>;
}

impl IconLookup for IconIndex {
    fn shown(&self, issuer: Option<&str>, choice: Option<&IconChoice>) -> Option<Icon> {
        match choice {
            Some(IconChoice::Letter) => None,
            Some(IconChoice::Icon(slug)) => self.get(slug).cloned(),
            None => self.matched(issuer?).cloned(),
        }
    }

    fn search(&self, query: &str, limit: usize) -> Vec<Icon> {
        IconIndex::search(self, query, limit)
            .into_iter()
            .cloned()
            .collect()
    }
}

/// The icons state: the index once asked for and read.
///
/// A signal [`load_index`] fills, not a `LocalResource`: a resource here
/// would link Leptos's async-derived machinery into the start chunk
/// (+7 KB gzip, measured), which nothing else on the start path needs.
#[derive(Clone, Copy)]
pub struct Icons {
    wanted: StoredValue<bool, LocalStorage>,
    index: RwSignal<Option<Rc<dyn IconLookup>>, LocalStorage>,
}

impl Icons {
    /// Starts fetching the index, once: called when a screen that shows
    /// icons has drawn, with [`load_index`]. The screen passes the loader
    /// so that its code stays in the screens' chunks, out of the start
    /// chunk (a split point of its own added 115 bytes gzip to the start
    /// path's loader script, measured).
    pub fn want(&self, load: fn() -> Loading) {
        if self.wanted.get_value() {
            return;
        }
        self.wanted.set_value(true);
        let index = self.index;
        leptos::task::spawn_local(async move {
            let read = load().await;
            index.try_set(read);
        });
    }

    /// The icon an identity shows, `None` for its letter (also while the
    /// index is not there).
    pub fn shown(&self, issuer: Option<&str>, choice: Option<&IconChoice>) -> Option<Icon> {
        self.index
            .with(|index| index.as_ref()?.shown(issuer, choice))
    }

    /// The icons a person may choose for `query`; empty without the index.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Icon> {
        self.index.with(|index| {
            index
                .as_ref()
                .map(|index| index.search(query, limit))
                .unwrap_or_default()
        })
    }

    /// Whether the index has been read (for the chooser's sentence).
    pub fn ready(&self) -> bool {
        self.index.with(Option::is_some)
    }
}

/// The `<img>` address of an icon (a slug of the index: letters, digits, `_`).
pub fn icon_url(icon: &Icon) -> String {
    format!("/icons/{}.svg", icon.slug)
}

thread_local! {
    /// The page's one icons state. Not a context provided at start: only
    /// the screens' chunks use it, and providing it from the root cost the
    /// start chunk about 600 bytes (measured). Its signals belong to a root
    /// owner of their own, kept here, so no screen that first asked for
    /// them disposes them; it lives as long as the page and holds no
    /// secret.
    static ICONS: (Owner, Icons) = {
        let owner = Owner::new_root(None);
        let icons = owner.with(|| Icons {
            wanted: StoredValue::new_local(false),
            index: RwSignal::new_local(None),
        });
        (owner, icons)
    };
}

/// The icons state, created on first use.
pub fn use_icons() -> Icons {
    ICONS.with(|(_, icons)| *icons)
}

/// The index, as a future: fetched, then read.
pub type Loading = std::pin::Pin<Box<dyn std::future::Future<Output = Option<Rc<dyn IconLookup>>>>>;

/// Fetches and reads the index; `None` for a file that cannot be had or
/// read (said in the console, never on screen: letters are a fine answer).
pub fn load_index() -> Loading {
    Box::pin(async {
        let text = fetch_icon_index().await?;
        parse(&text)
    })
}

fn parse(text: &str) -> Option<Rc<dyn IconLookup>> {
    match IconIndex::parse(text) {
        Ok(index) => Some(Rc::new(index)),
        Err(error) => {
            leptos::logging::warn!("icons: {error}");
            None
        }
    }
}
