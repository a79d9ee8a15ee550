//! Text with one `otpauth://` link a line: Soft Token's and Aegis's link
//! exports, ente Auth's plain export (its extra `codeDisplay` parameter is
//! ignored), and any list a person saved.

use super::{App, ImportError, Imported, skip};
use crate::Entry;

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty()
        || !lines
            .iter()
            .any(|l| starts_with_ignoring_case(l, "otpauth://"))
    {
        return Err(ImportError::UnknownFormat);
    }
    let mut imported = Imported {
        app: App::Links,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (number, line) in lines.iter().enumerate() {
        match otp::otpauth::parse(line) {
            Ok(link) => imported.entries.push(from_link(link)),
            Err(error) => imported
                .skipped
                .push(skip(format!("line {}", number + 1), format!("{error}"))),
        }
    }
    Ok(imported)
}

pub(super) fn from_link(link: otp::otpauth::OtpAuth) -> Entry {
    Entry {
        name: link.account,
        issuer: link.issuer,
        token: link.token,
        activation: None,
    }
}

pub(super) fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}
