//! The catalog file (docs/i18n.md, "Catalog format, version 1"): a header
//! line, then one line a message, in English's order, from the header's
//! first message number. Markers are control
//! characters no Fluent text holds (the compiler refuses them):
//!
//! - U+0001 name U+0002: a variable;
//! - U+0003 name U+0002, then variants, then U+0005: a select on a
//!   variable; each variant is U+0004 key U+0002 pattern, its key starting
//!   with `*` for the default;
//! - U+0006: a line break inside a message.
//!
//! Read by a few hundred bytes of code, where JSON through serde cost the
//! start path 8 KB of WASM.

use crate::{Catalog, CatalogError, Part};

const VAR: char = '\u{1}';
const END_NAME: char = '\u{2}';
const SELECT: char = '\u{3}';
const VARIANT: char = '\u{4}';
const END_SELECT: char = '\u{5}';
const LINE_BREAK: char = '\u{6}';
const MAGIC: &str = "softtoken-catalog 1";

/// Whether `c` may not appear in a message's text.
#[must_use]
pub fn is_marker(c: char) -> bool {
    ('\u{1}'..='\u{6}').contains(&c)
}

impl Catalog {
    /// The catalog as its file's text.
    #[must_use]
    pub fn encode(&self) -> String {
        let mut out = format!("{MAGIC} {} {} {}\n", self.lang, self.version, self.first);
        for message in &self.messages {
            write_pattern(message, &mut out);
            out.push('\n');
        }
        out
    }

    /// A catalog, or a part of one, from its file's text, if it is of the
    /// set of messages `version` names.
    ///
    /// # Errors
    /// [`CatalogError::Unreadable`] for text that is no catalog,
    /// [`CatalogError::OtherVersion`] for another build's.
    pub fn parse(text: &str, version: &str) -> Result<Self, CatalogError> {
        let mut lines = text.split('\n');
        let header = lines.next().ok_or(CatalogError::Unreadable)?;
        let mut words = header
            .strip_prefix(MAGIC)
            .ok_or(CatalogError::Unreadable)?
            .split(' ')
            .skip(1);
        let (Some(lang), Some(found), Some(first)) = (words.next(), words.next(), words.next())
        else {
            return Err(CatalogError::Unreadable);
        };
        if found != version {
            return Err(CatalogError::OtherVersion);
        }
        let first = first.parse().map_err(|_| CatalogError::Unreadable)?;
        let mut messages = Vec::new();
        for line in lines.filter(|line| !line.is_empty()) {
            let mut chars = line.chars();
            let (parts, stop) = read_pattern(&mut chars);
            if stop.is_some() {
                return Err(CatalogError::Unreadable);
            }
            messages.push(parts);
        }
        Ok(Self {
            lang: lang.to_owned(),
            version: found.to_owned(),
            first,
            messages,
        })
    }

    /// Splits off the messages from number `at` on, as the part that
    /// follows this one.
    #[must_use]
    pub fn split_off(&mut self, at: usize) -> Self {
        let rest = self
            .messages
            .split_off(at.saturating_sub(self.first).min(self.messages.len()));
        Self {
            lang: self.lang.clone(),
            version: self.version.clone(),
            first: self.first + self.messages.len(),
            messages: rest,
        }
    }
}

fn write_pattern(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Text(text) => {
                out.extend(text.chars().map(|c| if c == '\n' { LINE_BREAK } else { c }))
            }
            Part::Var(name) => {
                out.push(VAR);
                out.push_str(name);
                out.push(END_NAME);
            }
            Part::Select {
                on,
                variants,
                default,
            } => {
                out.push(SELECT);
                out.push_str(on);
                out.push(END_NAME);
                for (index, (key, pattern)) in variants.iter().enumerate() {
                    out.push(VARIANT);
                    if index == *default {
                        out.push('*');
                    }
                    out.push_str(key);
                    out.push(END_NAME);
                    write_pattern(pattern, out);
                }
                out.push(END_SELECT);
            }
        }
    }
}

/// Reads a pattern up to the end of the line or a marker that ends it
/// (a variant's start or a select's end), which it returns.
fn read_pattern(chars: &mut std::str::Chars<'_>) -> (Vec<Part>, Option<char>) {
    let mut parts = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, parts: &mut Vec<Part>| {
        if !text.is_empty() {
            parts.push(Part::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            VAR => {
                flush(&mut text, &mut parts);
                parts.push(Part::Var(read_name(chars)));
            }
            SELECT => {
                flush(&mut text, &mut parts);
                parts.push(read_select(chars));
            }
            VARIANT | END_SELECT => {
                flush(&mut text, &mut parts);
                return (parts, Some(c));
            }
            LINE_BREAK => text.push('\n'),
            c => text.push(c),
        }
    }
    flush(&mut text, &mut parts);
    (parts, None)
}

fn read_name(chars: &mut std::str::Chars<'_>) -> String {
    chars.by_ref().take_while(|&c| c != END_NAME).collect()
}

fn read_select(chars: &mut std::str::Chars<'_>) -> Part {
    let on = read_name(chars);
    let mut variants = Vec::new();
    let mut default = 0;
    // The first variant's marker follows the selector's name.
    let mut stop = chars.next();
    while stop == Some(VARIANT) {
        let key = read_name(chars);
        let key = match key.strip_prefix('*') {
            Some(plain) => {
                default = variants.len();
                plain.to_owned()
            }
            None => key,
        };
        let (pattern, next) = read_pattern(chars);
        variants.push((key, pattern));
        stop = next;
    }
    Part::Select {
        on,
        variants,
        default,
    }
}
