//! What the importer tests share: the vector files and the 7 tokens of
//! `plain.txt` they all hold.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // tests may unwrap

use std::path::PathBuf;
use vault::Entry;
use vault::import::{App, import};

pub fn vector(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/importers")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The 7 tokens, as the links in plain.txt give them.
pub fn expected() -> Vec<Entry> {
    let text = String::from_utf8(vector("plain.txt")).unwrap();
    text.lines()
        .map(|line| {
            let link = otp::otpauth::parse(line).unwrap();
            Entry::new(link.account, link.issuer, link.token)
        })
        .collect()
}

/// Finds the expected entry with the same secret, changed as `adjust` says, and compares.
pub fn check(file: &str, app: App, adjust: impl Fn(&mut Entry)) {
    check_opened(file, None, app, adjust);
}

/// [`check`], for a file that opens with `password`.
pub fn check_opened(file: &str, password: Option<&str>, app: App, adjust: impl Fn(&mut Entry)) {
    let imported = import(&vector(file), password).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(imported.app, app, "{file}");
    assert!(
        imported.skipped.is_empty(),
        "{file}: {:?}",
        imported.skipped
    );
    let mut wanted = expected();
    wanted.iter_mut().for_each(&adjust);
    wanted.retain(|e| {
        imported
            .entries
            .iter()
            .any(|got| got.token.secret() == e.token.secret())
    });
    assert_eq!(imported.entries.len(), wanted.len(), "{file}");
    for got in &imported.entries {
        let want = wanted
            .iter()
            .find(|e| e.token.secret() == got.token.secret())
            .unwrap();
        assert_eq!(got, want, "{file}");
    }
}
