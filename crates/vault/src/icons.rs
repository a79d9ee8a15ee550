//! The icon index (docs/icon-pack.md, version 1): which brand icon of the
//! pack an identity's issuer shows, and the names a person searches when
//! choosing another one.
//!
//! Contract: an issuer matches an icon only when its letters and digits,
//! folded as Search folds them (no case, no Latin accents), are exactly a
//! name the icon is known by ("Air Canada", "AIRCANADA" and "air-canada"
//! are one), or, for an issuer written as a host ("accounts.google.com"),
//! when the label before its last dot is. No partial match: a wrong brand
//! on a card is worse than a letter. A slug is used in an icon's file name
//! only when the index lists it, so a slug from a restored backup never
//! names another file.
//!
//! Holds no secret: issuers and brand names only.

use crate::search::fold;
use std::collections::HashMap;
use thiserror::Error;

/// The only version of the index this reads.
pub const ICON_INDEX_VERSION: &str = "1";

/// An icon index this app cannot read (damaged, or from another version).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum IconIndexError {
    #[error("the icon index does not begin with its header")]
    Header,
    #[error("the icon index is version {0}, which this version of the app does not read")]
    Version(String),
    #[error("line {0} of the icon index is not a slug and its names")]
    Line(usize),
}

/// One icon of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icon {
    /// Lowercase letters, digits and `_`: the file `icons/<slug>.svg`.
    pub slug: String,
    /// The brand's name, as the pack writes it.
    pub title: String,
}

/// The pack's icons and the names each is known by.
#[derive(Debug, Clone, Default)]
pub struct IconIndex {
    icons: Vec<Icon>,
    /// Each icon's names, folded, joined by `\n`: what [`Self::search`] reads.
    searchable: Vec<String>,
    /// Match key (see [`match_key`]) → icon; titles win over aliases.
    by_key: HashMap<String, usize>,
}

/// The letters and digits of `text`, folded: "Air-Canada" → "aircanada".
pub fn match_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl IconIndex {
    /// Reads the index's text: a header line, then `slug TAB names` lines,
    /// names separated by U+001F, the first the title.
    pub fn parse(text: &str) -> Result<Self, IconIndexError> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split(' ').collect();
        match header.as_slice() {
            ["softtoken-icons", ICON_INDEX_VERSION, ..] => {}
            ["softtoken-icons", version, ..] => {
                return Err(IconIndexError::Version((*version).to_owned()));
            }
            _ => return Err(IconIndexError::Header),
        }
        let mut index = Self::default();
        let mut aliases: Vec<(String, usize)> = Vec::new();
        for (number, line) in lines.enumerate() {
            let malformed = || IconIndexError::Line(number + 2);
            let (slug, names) = line.split_once('\t').ok_or_else(malformed)?;
            let mut names = names.split('\u{1f}');
            let title = names
                .next()
                .filter(|t| !t.is_empty())
                .ok_or_else(malformed)?;
            if !is_slug(slug) {
                return Err(malformed());
            }
            let position = index.icons.len();
            let mut searchable = fold(title);
            index.by_key.entry(match_key(title)).or_insert(position);
            for alias in names.filter(|a| !a.is_empty()) {
                searchable.push('\n');
                searchable.push_str(&fold(alias));
                aliases.push((match_key(alias), position));
            }
            index.searchable.push(searchable);
            index.icons.push(Icon {
                slug: slug.to_owned(),
                title: title.to_owned(),
            });
        }
        for (key, position) in aliases {
            index.by_key.entry(key).or_insert(position);
        }
        index.by_key.remove("");
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.icons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.icons.is_empty()
    }

    /// The icon an issuer shows when the person chose none.
    pub fn matched(&self, issuer: &str) -> Option<&Icon> {
        let position = self.by_key.get(&match_key(issuer)).or_else(|| {
            // "accounts.google.com", "github.com": the label before the
            // top-level domain.
            let host = issuer.trim().trim_end_matches('.');
            let (rest, _top) = host.rsplit_once('.')?;
            let label = rest.rsplit('.').next()?;
            self.by_key.get(&match_key(label))
        })?;
        self.icons.get(*position)
    }

    /// The icon with this slug, when the pack has it.
    pub fn get(&self, slug: &str) -> Option<&Icon> {
        self.icons.iter().find(|icon| icon.slug == slug)
    }

    /// Icons whose names hold every word of `query` (folded), those whose
    /// title begins with it first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Icon> {
        let query = fold(query);
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(bool, &Icon)> = self
            .icons
            .iter()
            .zip(&self.searchable)
            .filter(|(_, names)| words.iter().all(|word| names.contains(word)))
            .map(|(icon, names)| (!names.starts_with(query.trim()), icon))
            .collect();
        // Stable: within each part, the pack's (alphabetical) order.
        found.sort_by_key(|(later, _)| *later);
        found
            .into_iter()
            .take(limit)
            .map(|(_, icon)| icon)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "softtoken-icons 1 simple-icons 16.37.0\n\
        aircanada\tAir Canada\n\
        github\tGitHub\n\
        google\tGoogle\n\
        googlecloud\tGoogle Cloud\u{1f}GCP\n\
        zurich\tZürich\u{1f}Zurich Insurance\n";

    fn index() -> IconIndex {
        IconIndex::parse(INDEX).expect("the test index is well formed")
    }

    fn matched(issuer: &str) -> Option<String> {
        index().matched(issuer).map(|icon| icon.slug.clone())
    }

    #[test]
    fn an_issuer_matches_by_its_letters_without_case_accents_or_punctuation() {
        assert_eq!(matched("Air Canada").as_deref(), Some("aircanada"));
        assert_eq!(matched("AIR-CANADA").as_deref(), Some("aircanada"));
        assert_eq!(matched("github").as_deref(), Some("github"));
        assert_eq!(matched("ZURICH").as_deref(), Some("zurich"));
        assert_eq!(matched("Zurich Insurance").as_deref(), Some("zurich"));
        assert_eq!(matched("gcp").as_deref(), Some("googlecloud"));
    }

    #[test]
    fn a_host_matches_by_the_label_before_its_last_dot() {
        assert_eq!(matched("accounts.google.com").as_deref(), Some("google"));
        assert_eq!(matched("github.com").as_deref(), Some("github"));
    }

    #[test]
    fn no_partial_match() {
        assert_eq!(matched("GitHub Enterprise"), None);
        assert_eq!(matched("Git"), None);
        assert_eq!(matched(""), None);
        assert_eq!(matched("...."), None);
        assert_eq!(matched("Lee's Bank"), None);
    }

    #[test]
    fn search_finds_every_word_titles_beginning_with_it_first() {
        let index = index();
        let slugs = |query: &str| -> Vec<String> {
            index
                .search(query, 10)
                .into_iter()
                .map(|icon| icon.slug.clone())
                .collect()
        };
        assert_eq!(slugs("goo"), ["google", "googlecloud"]);
        assert_eq!(slugs("cloud"), ["googlecloud"]);
        assert_eq!(slugs("ZÜR"), ["zurich"]);
        assert_eq!(slugs("insurance zur"), ["zurich"]);
        // "a" is in Air Canada's title and in Zürich's alias.
        assert_eq!(slugs("a"), ["aircanada", "zurich"]);
        assert_eq!(index.search("a", 1).len(), 1);
        assert!(slugs("  ").is_empty());
    }

    #[test]
    fn get_knows_only_the_packs_slugs() {
        let index = index();
        assert_eq!(
            index.get("github").map(|i| i.title.as_str()),
            Some("GitHub")
        );
        assert!(index.get("../index").is_none());
        assert_eq!(index.len(), 5);
    }

    #[test]
    fn a_damaged_or_other_version_index_is_refused() {
        assert_eq!(IconIndex::parse("").err(), Some(IconIndexError::Header));
        assert_eq!(
            IconIndex::parse("<html>").err(),
            Some(IconIndexError::Header)
        );
        assert_eq!(
            IconIndex::parse("softtoken-icons 2 x\n").err(),
            Some(IconIndexError::Version("2".into()))
        );
        assert_eq!(
            IconIndex::parse("softtoken-icons 1 x\ngithub GitHub\n").err(),
            Some(IconIndexError::Line(2))
        );
        assert_eq!(
            IconIndex::parse("softtoken-icons 1 x\n../x\tX\n").err(),
            Some(IconIndexError::Line(2))
        );
        assert_eq!(
            IconIndex::parse("softtoken-icons 1 x\nx\t\n").err(),
            Some(IconIndexError::Line(2))
        );
    }
}
