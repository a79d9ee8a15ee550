//! What the initial screen lists: the identities in the document's order
//! (favourites first), narrowed by a group and by what the person types in
//! Search.
//!
//! Search compares text as a person reads it: without case and without
//! accents ("Zürich" is found by "zur", "ÉCOLE" by "ecole"), each typed
//! word anywhere in the issuer or the name. The accents folded are those of
//! the Latin letters (Latin-1 and Latin Extended-A, and any combining mark
//! after a letter), from a table here: a Unicode normalization crate would
//! add its tables to every download for the same result on the names
//! people give tokens. Other scripts are compared by case only.
//!
//! [`ListIndex`] folds each identity's text once, when the document
//! changes, so that a keystroke only compares: 2,000 identities in well
//! under a millisecond (make bench).
//!
//! Holds no secret: names, issuers and groups only.

use crate::{Document, Identity, Order};
use std::cmp::Ordering;

/// U+00C0 to U+017F, lowercased without their accent; `0` for the few
/// that are not one letter (handled in [`fold_char`]) or not letters.
const LATIN_FOLDED: &[u8; 192] = b"aaaaaa0ceeeeiiiidnooooo0ouuuuy00\
aaaaaa0ceeeeiiiidnooooo0ouuuuy0y\
aaaaaaccccccccddddeeeeeeeeeegggg\
gggghhhhiiiiiiiiiiiijjkkklllllll\
lllnnnnnnnnnoooooo00rrrrrrssssss\
ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Lowercase, without Latin accents: the form Search compares.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut folded);
    }
    folded
}

fn fold_char(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7f}' => out.push(c),
        // Combining diacritical marks: an accent typed after its letter.
        '\u{300}'..='\u{36f}' => {}
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        'ĳ' | 'Ĳ' => out.push_str("ij"),
        '\u{c0}'..='\u{17f}' => {
            let index = c as usize - 0xc0;
            match LATIN_FOLDED.get(index) {
                Some(&letter) if letter != b'0' => out.push(char::from(letter)),
                _ => out.push(c),
            }
        }
        _ => out.extend(c.to_lowercase()),
    }
}

/// The document's identities as the initial screen orders them: the
/// favourites first, then the rest, each part in `document.order`.
pub fn ordered(document: &Document) -> Vec<&Identity> {
    let mut keyed: Vec<(usize, &Identity, String)> = document
        .identities
        .iter()
        .enumerate()
        .map(|(position, identity)| (position, identity, sort_key(identity, document.order)))
        .collect();
    keyed.sort_by(|(a_position, a, a_key), (b_position, b, b_key)| {
        b.favourite
            .cmp(&a.favourite)
            .then_with(|| compare(document.order, (a, a_key), (b, b_key)))
            .then(a_position.cmp(b_position))
    });
    keyed.into_iter().map(|(_, identity, _)| identity).collect()
}

/// What an order compares first, folded once per identity.
fn sort_key(identity: &Identity, order: Order) -> String {
    match order {
        Order::Name => fold(&identity.name),
        Order::Issuer => fold(identity.issuer.as_deref().unwrap_or_default()),
        Order::Custom | Order::MostUsed => String::new(),
    }
}

fn compare(order: Order, (a, a_key): (&Identity, &str), (b, b_key): (&Identity, &str)) -> Ordering {
    match order {
        Order::Custom => Ordering::Equal,
        Order::Name => a_key.cmp(b_key),
        // Without an issuer last; the same issuer by name.
        Order::Issuer => a_key
            .is_empty()
            .cmp(&b_key.is_empty())
            .then_with(|| a_key.cmp(b_key))
            .then_with(|| fold(&a.name).cmp(&fold(&b.name))),
        Order::MostUsed => b.uses.cmp(&a.uses),
    }
}

/// The ordered list with each identity's folded text, built once per
/// document change; [`ListIndex::select`] runs at each keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListIndex {
    rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    /// Issuer and name, folded.
    text: String,
    groups: Vec<String>,
}

impl ListIndex {
    pub fn new(document: &Document) -> Self {
        let rows = ordered(document)
            .into_iter()
            .map(|identity| {
                let mut text = fold(identity.issuer.as_deref().unwrap_or_default());
                text.push('\n');
                text.push_str(&fold(&identity.name));
                Row {
                    id: identity.id.clone(),
                    text,
                    groups: identity.groups.clone(),
                }
            })
            .collect();
        Self { rows }
    }

    /// The ids of the identities in `group` (all for `None`) whose issuer
    /// or name holds every word of `query`, in order.
    pub fn select(&self, query: &str, group: Option<&str>) -> Vec<String> {
        let query = fold(query);
        let words: Vec<&str> = query.split_whitespace().collect();
        self.rows
            .iter()
            .filter(|row| group.is_none_or(|group| row.groups.iter().any(|g| g == group)))
            .filter(|row| words.iter().all(|word| row.text.contains(word)))
            .map(|row| row.id.clone())
            .collect()
    }

    /// Every identity's id, in order: [`ListIndex::select`] with no query
    /// and no group.
    pub fn ids(&self) -> Vec<String> {
        self.rows.iter().map(|row| row.id.clone()).collect()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
