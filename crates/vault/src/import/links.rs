//! Text with one link a line: `otpauth://` links (Soft Token's and Aegis's
//! link exports, ente Auth's plain export, whose extra `codeDisplay`
//! parameter is ignored, WinAuth's text export, any list a person saved)
//! and Google Authenticator's `otpauth-migration://` export links, in any
//! mix. A line that is neither is skipped with its number.

use super::{App, ImportError, Imported, skip};
use crate::Entry;

const OTPAUTH: &str = "otpauth://";
const MIGRATION: &str = "otpauth-migration://";

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let is_link =
        |l: &&str| starts_with_ignoring_case(l, OTPAUTH) || starts_with_ignoring_case(l, MIGRATION);
    if !lines.iter().any(is_link) {
        return Err(ImportError::UnknownFormat);
    }
    let only_migration = lines
        .iter()
        .all(|l| starts_with_ignoring_case(l, MIGRATION));
    let mut imported = Imported {
        app: if only_migration {
            App::GoogleAuthenticator
        } else {
            App::Links
        },
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (number, line) in lines.iter().enumerate() {
        let where_ = || format!("line {}", number + 1);
        if starts_with_ignoring_case(line, MIGRATION) {
            match otp::migration::parse(line) {
                Ok(batch) => {
                    imported
                        .entries
                        .extend(batch.entries.into_iter().map(from_link));
                    imported.skipped.extend(batch.skipped);
                }
                Err(error) => imported.skipped.push(skip(where_(), error.to_string())),
            }
            continue;
        }
        match otp::otpauth::parse(line) {
            Ok(link) => imported.entries.push(from_link(link)),
            Err(error) => imported.skipped.push(skip(where_(), error.to_string())),
        }
    }
    Ok(imported)
}

pub(super) fn from_link(link: otp::otpauth::OtpAuth) -> Entry {
    Entry::new(link.account, link.issuer, link.token)
}

pub(super) fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}
