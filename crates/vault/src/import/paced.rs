//! Reading a long export without one long task: the JSON is parsed, then
//! its list of tokens is read [`ITEMS_A_SLICE`] items at a time, the
//! caller's `pause` (a yield to the page in the app) between slices, so
//! that 10,000 entries leave the screen responsive. The result is what
//! [`super::read`] gives for the same bytes.

use super::{ImportError, Imported, Opened};
use serde_json::Value;

/// Items read between two pauses: a few milliseconds in the browser.
pub const ITEMS_A_SLICE: usize = 500;

/// Where each JSON format keeps its list of tokens.
const LISTS: [&str; 6] = [
    "/services",
    "/items",
    "/tokens",
    "/Authenticators",
    "/entries",
    "/db/entries",
];

/// [`super::read`], pausing between slices of a long list.
///
/// # Errors
/// As [`super::read`].
pub async fn read_paced(bytes: &[u8], pause: &impl AsyncFn()) -> Result<Opened, ImportError> {
    let Some(mut value) = long_json(bytes) else {
        return super::read(bytes);
    };
    pause().await;
    let pointer = if value.is_array() {
        ""
    } else {
        match LISTS
            .iter()
            .find(|p| value.pointer(p).is_some_and(Value::is_array))
        {
            Some(pointer) => pointer,
            None => return super::json_formats::read(value),
        }
    };
    let items = match value.pointer_mut(pointer).map(Value::take) {
        Some(Value::Array(items)) if items.len() > ITEMS_A_SLICE => items,
        Some(items) => {
            // Short, or not a list after all: put back, and read at once.
            if let Some(place) = value.pointer_mut(pointer) {
                *place = items;
            }
            return super::json_formats::read(value);
        }
        None => return super::json_formats::read(value),
    };
    let mut read: Option<Imported> = None;
    let mut items = items.into_iter();
    loop {
        let slice: Vec<Value> = items.by_ref().take(ITEMS_A_SLICE).collect();
        if slice.is_empty() {
            break;
        }
        let mut part = value.clone();
        if let Some(place) = part.pointer_mut(pointer) {
            *place = Value::Array(slice);
        }
        match super::json_formats::read(part)? {
            Opened::Read(imported) => match &mut read {
                Some(all) => {
                    all.entries.extend(imported.entries);
                    all.skipped.extend(imported.skipped);
                }
                None => read = Some(imported),
            },
            // An encrypted file holds no plain list to slice: read whole.
            Opened::Locked(locked) => return Ok(Opened::Locked(locked)),
        }
        pause().await;
    }
    read.map(Opened::Read).ok_or(ImportError::UnknownFormat)
}

/// The file as JSON when it is JSON at all (else the plain reader decides).
fn long_json(bytes: &[u8]) -> Option<Value> {
    if bytes.len() > super::MAX_FILE_BYTES {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}').trim();
    (text.starts_with('{') || text.starts_with('[')).then(|| serde_json::from_str(text).ok())?
}
