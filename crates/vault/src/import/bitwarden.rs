//! Bitwarden's JSON and CSV exports: each login's `totp` field (JSON
//! `login.totp`, CSV column `login_totp`), an otpauth link, a
//! `steam://SECRET` or a bare Base32 secret (TOTP SHA1/6/30 s). Items
//! without one are not tokens and are passed over silently; an encrypted
//! export is refused with a sentence.

use super::json_formats::{base32_secret, entry, require_array, text, token};
use super::{App, ImportError, Imported, skip};
use otp::{Algorithm, Kind};
use serde_json::Value;

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    if value.get("encrypted").and_then(Value::as_bool) == Some(true) {
        return Err(ImportError::Encrypted(App::Bitwarden.name()));
    }
    let mut imported = Imported {
        app: App::Bitwarden,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in require_array(App::Bitwarden, value, "items")? {
        add(
            &mut imported,
            text(item, "/name"),
            &text(item, "/login/totp"),
        );
    }
    Ok(imported)
}

/// Whether a text file is Bitwarden's CSV export: its header names `login_totp`.
pub(super) fn is_csv(text: &str) -> bool {
    text.lines().next().is_some_and(|header| {
        header
            .split(',')
            .any(|column| column.trim() == "login_totp")
    })
}

/// The CSV export: a header row, then one row a vault item (RFC 4180
/// quoting: a TOTP link with commas is quoted).
pub(super) fn import_csv(text: &str) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|_| super::damaged(App::Bitwarden, "its header row cannot be read"))?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let totp = column("login_totp").ok_or(ImportError::UnknownFormat)?;
    let name_column = column("name");
    let mut imported = Imported {
        app: App::Bitwarden,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (number, row) in reader.records().enumerate() {
        let Ok(row) = row else {
            imported.skipped.push(skip(
                format!("row {}", number + 2),
                "it is not a well-formed CSV row",
            ));
            continue;
        };
        let name = name_column
            .and_then(|c| row.get(c))
            .unwrap_or_default()
            .to_owned();
        add(&mut imported, name, row.get(totp).unwrap_or_default());
    }
    Ok(imported)
}

/// One item's TOTP field, when it has one, as an entry or a skipped one.
fn add(imported: &mut Imported, name: String, field: &str) {
    let field = field.trim();
    if field.is_empty() {
        return;
    }
    let read = if super::links::starts_with_ignoring_case(field, "otpauth://") {
        otp::otpauth::parse(field)
            .map(super::links::from_link)
            .map_err(|error| error.to_string())
    } else if let Some(secret) = field
        .get(..8)
        .filter(|head| head.eq_ignore_ascii_case("steam://"))
        .and(field.get(8..))
    {
        base32_secret(secret)
            .and_then(|secret| token(secret, Algorithm::Sha1, 5, Kind::Steam))
            .map(|token| entry(name.clone(), "Steam".into(), token))
    } else {
        base32_secret(field)
            .and_then(|secret| token(secret, Algorithm::Sha1, 6, Kind::Totp { period: 30, t0: 0 }))
            .map(|token| entry(name.clone(), String::new(), token))
    };
    match read {
        Ok(entry) => imported.entries.push(entry),
        Err(reason) => imported.skipped.push(skip(name, reason)),
    }
}
