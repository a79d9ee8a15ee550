//! The app's messages in every language it speaks.
//!
//! Messages are written in Fluent, one file a language (`locales/<code>.ftl`,
//! English the source). At build time [`compile`] (feature `compile`) checks
//! each translation against English and turns it into a [`Catalog`]: the
//! messages in English's order, each a list of [`Part`]s. The app fetches
//! only the chosen language's catalog and formats with
//! [`Catalog::format`], which takes the language's plural categories and
//! number formatting as [`Rules`] (the browser's `Intl`), so no CLDR table
//! ships in the app.
//!
//! Formatting follows Fluent's: a variable's value is put in place; a
//! select expression picks the variant whose key equals a number argument,
//! else the one named by its plural category, else the default. In a
//! right-to-left language every value is wrapped in Unicode's first-strong
//! isolate (U+2068 … U+2069), so a left-to-right name or number keeps its
//! order inside Arabic text.
//!
//! Contract: a catalog holds no secret; the values put in are the caller's
//! (a name, a count), and a code shown is never formatted here.

#[cfg(feature = "compile")]
pub mod compile;
mod format;
mod languages;
#[cfg(feature = "compile")]
pub mod locales;

pub use format::is_marker;
pub use languages::{LANGUAGES, Language};

/// One language's messages, as the build writes them (`<code>.txt`, its
/// format in `format.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The language's code (`de`).
    pub lang: String,
    /// Which set of messages this is ([`compile::version`]): a catalog of
    /// another build is refused rather than showing wrong sentences.
    pub version: String,
    /// The number of the first message it holds: 0 for the start path's
    /// part (or a whole catalog), the start's count for the rest.
    pub first: usize,
    /// In English's order: message `i` is the app's message number
    /// `first + i`.
    pub messages: Vec<Vec<Part>>,
}

/// A piece of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    /// A variable's value (`{ $name }`).
    Var(String),
    /// `{ $on -> [key] … *[other] … }`: variants by key, and which is the
    /// default.
    Select {
        on: String,
        variants: Vec<(String, Vec<Part>)>,
        default: usize,
    },
}

/// A value put into a message: a text, or a whole number (a count, a
/// length; no message needs fractions, and leaving float formatting out
/// keeps 20 KB of WASM off the start path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Self::Text(text)
    }
}

impl From<u32> for Arg<'_> {
    fn from(number: u32) -> Self {
        Self::Number(i64::from(number))
    }
}

impl From<usize> for Arg<'_> {
    fn from(number: usize) -> Self {
        Self::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg<'_> {
    fn from(number: u64) -> Self {
        Self::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

/// What a language decides that the catalog does not hold: its plural
/// category of a number (`one`, `few`, `other`, …) and how a number is
/// written. The app answers with `Intl.PluralRules` and `Intl.NumberFormat`.
pub trait Rules {
    fn plural(&self, number: i64) -> String;
    fn number(&self, number: i64) -> String;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the language file could not be read")]
    Unreadable,
    #[error("the language file is of another version of Soft Token")]
    OtherVersion,
}

const ISOLATE_START: char = '\u{2068}';
const ISOLATE_END: char = '\u{2069}';

impl Catalog {
    /// Adds `part`, the messages that follow this catalog's, if it is of
    /// the same language and build; `false` (and nothing added) otherwise.
    pub fn append(&mut self, part: Self) -> bool {
        let follows = part.lang == self.lang
            && part.version == self.version
            && part.first == self.first + self.messages.len();
        if follows {
            self.messages.extend(part.messages);
        }
        follows
    }

    /// Whether the language is written right to left.
    #[must_use]
    pub fn rtl(&self) -> bool {
        Language::by_code(&self.lang).is_some_and(|language| language.rtl)
    }

    /// Message `index` with `args` put in; an index out of range is an
    /// empty text, a missing variable shows as `{$name}` (as Fluent does).
    #[must_use]
    pub fn format(&self, index: usize, args: &[(&str, Arg<'_>)], rules: &dyn Rules) -> String {
        let mut out = String::new();
        if let Some(parts) = index
            .checked_sub(self.first)
            .and_then(|i| self.messages.get(i))
        {
            self.write(parts, args, rules, &mut out);
        }
        out
    }

    fn write(&self, parts: &[Part], args: &[(&str, Arg<'_>)], rules: &dyn Rules, out: &mut String) {
        let find = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
        let isolate = self.rtl();
        for part in parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Var(name) => {
                    if isolate {
                        out.push(ISOLATE_START);
                    }
                    match find(name) {
                        Some(Arg::Text(text)) => out.push_str(text),
                        Some(Arg::Number(number)) => out.push_str(&rules.number(number)),
                        None => {
                            out.push_str("{$");
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    if isolate {
                        out.push(ISOLATE_END);
                    }
                }
                Part::Select {
                    on,
                    variants,
                    default,
                } => {
                    let chosen = select(variants, find(on), rules).unwrap_or(*default);
                    if let Some((_, pattern)) = variants.get(chosen) {
                        self.write(pattern, args, rules, out);
                    }
                }
            }
        }
    }
}

/// The variant Fluent picks for `value`: an exact number key first, then
/// the number's plural category, or a text's equal key.
fn select(
    variants: &[(String, Vec<Part>)],
    value: Option<Arg<'_>>,
    rules: &dyn Rules,
) -> Option<usize> {
    let position = |wanted: &str| variants.iter().position(|(key, _)| key == wanted);
    match value? {
        Arg::Text(text) => position(text),
        Arg::Number(number) => variants
            .iter()
            .position(|(key, _)| key.parse::<i64>().is_ok_and(|k| k == number))
            .or_else(|| position(&rules.plural(number))),
    }
}

#[cfg(test)]
mod tests;
