//! The languages Soft Token speaks, and which one a person gets.

/// One language of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 primary language subtag, the catalog's file name.
    pub code: &'static str,
    /// Its name in itself, as the language list shows it.
    pub name: &'static str,
    pub rtl: bool,
}

/// English first: the source, and the language when none of the person's
/// is spoken here.
pub const LANGUAGES: [Language; 6] = [
    Language {
        code: "en",
        name: "English",
        rtl: false,
    },
    Language {
        code: "de",
        name: "Deutsch",
        rtl: false,
    },
    Language {
        code: "fr",
        name: "Français",
        rtl: false,
    },
    Language {
        code: "es",
        name: "Español",
        rtl: false,
    },
    Language {
        code: "ja",
        name: "日本語",
        rtl: false,
    },
    Language {
        code: "ar",
        name: "العربية",
        rtl: true,
    },
];

impl Language {
    /// The language whose code is exactly `code` (a catalog's, a kept
    /// choice's).
    #[must_use]
    pub fn by_code(code: &str) -> Option<Self> {
        LANGUAGES.into_iter().find(|language| language.code == code)
    }

    /// The language of a tag (`de`, `de-AT`, `DE_at`), by its first subtag.
    #[must_use]
    pub fn find(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        LANGUAGES
            .into_iter()
            .find(|language| language.code == primary)
    }

    /// The first of the person's languages (the browser's, in their
    /// order) that the app speaks; English when none is.
    #[must_use]
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        tags.into_iter()
            .find_map(Self::find)
            .unwrap_or(LANGUAGES[0])
    }
}
