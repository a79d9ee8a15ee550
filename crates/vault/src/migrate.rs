//! The document's schema, one versioned step at a time.
//!
//! The plaintext document carries `"schema": n` (absent: 1, as every
//! document written before the field existed). Opening runs the steps from
//! its schema up to [`DOCUMENT_SCHEMA`] in order, in memory; the next
//! write stores the result, stamped with the new schema. A step is written
//! once, never changed after a release has run it, and tested from a
//! fixture of the schema before it.
//!
//! A document from a newer schema than this build knows is refused
//! ([`VaultError::NewerDocument`]): it is never opened, so never rewritten
//! without the fields this build would drop.
//!
//! Security contract: the intermediate JSON of a migration holds secrets;
//! every string in it is zeroized before it is dropped.

use crate::{Document, VaultError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::Zeroize;

/// One step: takes a document of schema `n` (its index + 1) to `n + 1`.
#[derive(Clone, Copy)]
pub enum Step {
    /// Rewrites the JSON of schema `n` into schema `n + 1`.
    Rewrite(fn(&mut Map<String, Value>) -> Result<(), VaultError>),
    /// Schema `n + 1` only adds what a reader of schema `n` cannot read (a
    /// new token type, a new optional field), so a document of schema `n`
    /// reads as it is: the stamp alone keeps older readers out.
    Adds,
}

/// A step that exists only in the build the upgrade test makes
/// (`--features next-schema`): it marks the document so that a test can
/// see it ran; a document it migrated opens only in that build.
#[cfg(feature = "next-schema")]
fn mark_for_the_upgrade_test(document: &mut Map<String, Value>) -> Result<(), VaultError> {
    document.insert("next_schema".into(), Value::Bool(true));
    Ok(())
}

const STEPS: &[Step] = &[
    // Schema 2: challenge-response tokens (`"type": "ocra"` with a `suite`).
    Step::Adds,
    // Schema 3: the person's arrangement: the document's `groups` and
    // `order`, each identity's `favourite`, `groups`, `uses` and `icon`,
    // all optional (absent: none, custom, false, none, 0, matched).
    Step::Adds,
    #[cfg(feature = "next-schema")]
    Step::Rewrite(mark_for_the_upgrade_test),
];

/// No step rewrites: every older document reads as it is.
const READ_AS_IS: bool = all_additive(STEPS);

const fn all_additive(steps: &[Step]) -> bool {
    let mut index = 0;
    while index < steps.len() {
        if matches!(steps[index], Step::Rewrite(_)) {
            return false;
        }
        index += 1;
    }
    true
}

/// The schema this build writes: one more than its number of steps.
pub const DOCUMENT_SCHEMA: u32 = STEPS.len() as u32 + 1;

/// The document as sealed: its fields and the schema stamp.
#[derive(Serialize)]
pub(crate) struct Stamped<'a> {
    schema: u32,
    #[serde(flatten)]
    document: &'a Document,
}

impl<'a> Stamped<'a> {
    pub(crate) fn new(document: &'a Document) -> Self {
        Self {
            schema: DOCUMENT_SCHEMA,
            document,
        }
    }
}

#[derive(Deserialize)]
struct Stamp {
    #[serde(default = "first_schema")]
    schema: u32,
}

fn first_schema() -> u32 {
    1
}

/// Reads a document's plaintext JSON, migrating it to this build's schema.
///
/// # Errors
/// [`VaultError::NewerDocument`] for a schema this build does not know;
/// [`VaultError::Corrupt`] for text that is not a document.
pub(crate) fn read(plaintext: &[u8]) -> Result<Document, VaultError> {
    if READ_AS_IS {
        // Nothing to rewrite in this build: the JSON-value path (and its
        // code, which every user would download) is left out.
        return read_as_is(plaintext, DOCUMENT_SCHEMA);
    }
    read_with(plaintext, STEPS)
}

/// Reads a document of schema 1 to `current` directly.
fn read_as_is(plaintext: &[u8], current: u32) -> Result<Document, VaultError> {
    let unreadable = |_| VaultError::Corrupt("the contents are unreadable");
    let Stamp { schema } = serde_json::from_slice(plaintext).map_err(unreadable)?;
    match schema {
        0 => Err(VaultError::Corrupt("an unknown schema")),
        _ if schema > current => Err(VaultError::NewerDocument(schema)),
        _ => serde_json::from_slice(plaintext).map_err(unreadable),
    }
}

/// [`read`] with the steps given: the mechanism, testable on steps made
/// for its tests.
pub fn read_with(plaintext: &[u8], steps: &[Step]) -> Result<Document, VaultError> {
    let unreadable = |_| VaultError::Corrupt("the contents are unreadable");
    let current = steps.len() as u32 + 1;
    let Stamp { schema } = serde_json::from_slice(plaintext).map_err(unreadable)?;
    let first = usize::try_from(schema.saturating_sub(1)).unwrap_or(usize::MAX);
    let rest = steps.get(first..).unwrap_or_default();
    if schema >= current || schema == 0 || rest.iter().all(|s| matches!(s, Step::Adds)) {
        return read_as_is(plaintext, current);
    }
    let mut value: Value = serde_json::from_slice(plaintext).map_err(unreadable)?;
    let migrated = migrate(&mut value, schema, steps)
        .and_then(|()| Document::deserialize(&value).map_err(unreadable));
    scrub(&mut value);
    migrated
}

fn migrate(value: &mut Value, schema: u32, steps: &[Step]) -> Result<(), VaultError> {
    let Value::Object(fields) = value else {
        return Err(VaultError::Corrupt("the contents are not an object"));
    };
    let first = usize::try_from(schema - 1).unwrap_or(usize::MAX);
    for step in steps.iter().skip(first) {
        if let Step::Rewrite(rewrite) = step {
            rewrite(fields)?;
        }
    }
    fields.insert("schema".into(), Value::from(steps.len() as u32 + 1));
    Ok(())
}

/// Zeroizes every string value of a JSON value (the keys are field names).
fn scrub(value: &mut Value) {
    match value {
        Value::String(text) => text.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(scrub),
        Value::Object(fields) => {
            fields.values_mut().for_each(scrub);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn what_is_sealed_carries_this_builds_schema_and_reads_back_unchanged() {
        let document = Document::default();
        let text = serde_json::to_vec(&Stamped::new(&document)).unwrap();
        let value: Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(value["schema"], DOCUMENT_SCHEMA);
        assert_eq!(value["identities"], Value::Array(Vec::new()));
        assert_eq!(read(&text).unwrap(), document);
    }

    #[test]
    fn scrubbing_empties_every_string_value() {
        let mut value = serde_json::json!({"a": "secret", "b": [{"c": "more"}], "d": 5});
        scrub(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"a": "", "b": [{"c": ""}], "d": 5})
        );
    }
}
