//! The document's operations (`Document::add`, `rename`, …), natively: what
//! each changes, and that a refused one changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind, Secret, Token};
use vault::{
    Activation, ActivationDetails, ActivationTarget, Document, DocumentError, Duplicates, Entry,
    Origin, StoredToken,
};

const NOW: u64 = 1_764_000_000_000;

fn entry(name: &str, secret: &[u8], kind: Kind) -> Entry {
    Entry::new(
        name.to_owned(),
        Some("Example".into()),
        Token::new(Secret::from_slice(secret), Algorithm::Sha1, 6, kind).unwrap(),
    )
}

fn totp(name: &str, secret: &[u8]) -> Entry {
    entry(name, secret, Kind::Totp { period: 30, t0: 0 })
}

fn with(entries: &[Entry]) -> Document {
    let mut document = Document::default();
    for (number, entry) in entries.iter().enumerate() {
        document
            .add(entry, Duplicates::LeaveOut, format!("id{number}"), NOW)
            .unwrap();
    }
    document
}

#[test]
fn add_stores_the_entry_with_the_callers_id_and_time() {
    let document = with(&[totp("alice", b"secret-one-20-bytes!")]);
    let identity = document.identity("id0").unwrap();
    assert_eq!(identity.name, "alice");
    assert_eq!(identity.issuer.as_deref(), Some("Example"));
    assert_eq!(identity.created_at, NOW);
    assert_eq!(identity.origin, Origin::Added);
    assert_eq!(
        identity
            .token
            .as_ref()
            .unwrap()
            .to_token()
            .unwrap()
            .code_at(59),
        totp("x", b"secret-one-20-bytes!").token.code_at(59)
    );
}

#[test]
fn a_stored_token_is_left_out_unless_added_again() {
    let mut document = with(&[totp("alice", b"secret-one-20-bytes!")]);
    let again = totp("alice (copy)", b"secret-one-20-bytes!");
    assert_eq!(document.find_duplicate(&again).unwrap().id, "id0");
    let before = document.clone();
    assert_eq!(
        document.add(&again, Duplicates::LeaveOut, "id1".into(), NOW),
        Err(DocumentError::AlreadyStored)
    );
    assert_eq!(document, before, "a refused add changes nothing");
    document
        .add(&again, Duplicates::AddAgain, "id1".into(), NOW)
        .unwrap();
    assert_eq!(document.identities.len(), 2);
    // Another secret, or the same secret with other parameters, is new.
    let other_period = entry(
        "b",
        b"secret-one-20-bytes!",
        Kind::Totp { period: 60, t0: 0 },
    );
    assert!(document.find_duplicate(&other_period).is_none());
    assert!(
        document
            .find_duplicate(&totp("c", b"another-secret"))
            .is_none()
    );
}

#[test]
fn an_hotp_token_whose_counter_moved_on_is_still_the_same_token() {
    let mut document = with(&[entry("h", b"hotp-secret", Kind::Hotp { counter: 3 })]);
    document.next_code("id0").unwrap();
    let found = document.find_duplicate(&entry("h", b"hotp-secret", Kind::Hotp { counter: 0 }));
    assert_eq!(found.unwrap().id, "id0");
}

#[test]
fn add_all_counts_what_it_added_and_leaves_out_what_is_stored() {
    let mut document = with(&[totp("alice", b"secret-one")]);
    let mut ids = (10..).map(|n| format!("id{n}"));
    let added = document.add_all(
        &[
            (totp("alice again", b"secret-one"), Duplicates::LeaveOut),
            (totp("bob", b"secret-two"), Duplicates::LeaveOut),
            (totp("alice twice", b"secret-one"), Duplicates::AddAgain),
        ],
        || ids.next().unwrap(),
        NOW,
    );
    assert_eq!(added, 2);
    let names: Vec<&str> = document
        .identities
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["alice", "bob", "alice twice"]);
}

#[test]
fn rename_trims_and_refuses_an_empty_name_or_a_missing_identity() {
    let mut document = with(&[totp("alice", b"secret-one")]);
    document.rename("id0", "  Work mail ").unwrap();
    assert_eq!(document.identity("id0").unwrap().name, "Work mail");
    assert_eq!(document.rename("id0", "   "), Err(DocumentError::EmptyName));
    assert_eq!(
        document.rename("gone", "x"),
        Err(DocumentError::NoSuchIdentity)
    );
    assert_eq!(document.identity("id0").unwrap().name, "Work mail");
}

#[test]
fn delete_removes_only_that_identity() {
    let mut document = with(&[totp("a", b"secret-one"), totp("b", b"secret-two")]);
    document.delete("id0").unwrap();
    assert!(document.identity("id0").is_none());
    assert!(document.identity("id1").is_some());
    assert_eq!(document.delete("id0"), Err(DocumentError::NoSuchIdentity));
}

fn activation(registration_code: &str) -> Activation {
    let token = Token::totp(
        Secret::from_slice(b"derived-secret"),
        Algorithm::Sha256,
        6,
        30,
    )
    .unwrap();
    Activation {
        serial: "48244-13456".into(),
        registration_code: registration_code.into(),
        token: StoredToken::from_token(&token),
    }
}

#[test]
fn reactivate_clears_the_token_and_activation_then_activation_fills_them_again() {
    let mut document = Document::default();
    let new = ActivationTarget::New {
        id: "bank".into(),
        name: " AnyBank ".into(),
    };
    document
        .finish_activation(new, activation("12211-49352"), NOW)
        .unwrap();
    let identity = document.identity("bank").unwrap();
    assert_eq!(identity.name, "AnyBank");
    assert_eq!(
        identity.origin,
        Origin::Activation {
            serial: "48244-13456".into(),
            activated_at: Some(NOW),
            registration_code: Some("12211-49352".into()),
        }
    );

    document.reactivate("bank").unwrap();
    let cleared = document.identity("bank").unwrap();
    assert!(cleared.token.is_none());
    assert_eq!(cleared.name, "AnyBank", "the name stays");
    assert_eq!(
        cleared.origin,
        Origin::Activation {
            serial: "48244-13456".into(),
            activated_at: None,
            registration_code: None,
        }
    );
    assert!(
        document.entries().is_empty(),
        "nothing to back up while cleared"
    );

    let later = NOW + 60_000;
    document
        .finish_activation(
            ActivationTarget::Existing("bank".into()),
            activation("55555-11111"),
            later,
        )
        .unwrap();
    let activated = document.identity("bank").unwrap();
    assert!(activated.token.is_some());
    assert!(matches!(
        &activated.origin,
        Origin::Activation { activated_at: Some(at), registration_code: Some(code), .. }
            if *at == later && code == "55555-11111"
    ));
    assert_eq!(document.identities.len(), 1);
}

#[test]
fn an_activation_for_a_gone_identity_or_without_a_name_changes_nothing() {
    let mut document = with(&[totp("a", b"secret-one")]);
    let before = document.clone();
    let gone = ActivationTarget::Existing("gone".into());
    assert_eq!(
        document.finish_activation(gone, activation("1"), NOW),
        Err(DocumentError::NoSuchIdentity)
    );
    let unnamed = ActivationTarget::New {
        id: "n".into(),
        name: " ".into(),
    };
    assert_eq!(
        document.finish_activation(unnamed, activation("1"), NOW),
        Err(DocumentError::EmptyName)
    );
    assert_eq!(document, before);
    assert_eq!(
        document.reactivate("gone"),
        Err(DocumentError::NoSuchIdentity)
    );
}

#[test]
fn next_code_steps_only_an_hotp_counter() {
    let mut document = with(&[
        entry(
            "h",
            b"hotp-secret",
            Kind::Hotp {
                counter: u64::MAX - 1,
            },
        ),
        totp("t", b"totp-secret"),
    ]);
    document.next_code("id0").unwrap();
    document.next_code("id0").unwrap();
    let counter = |d: &Document| d.identity("id0").unwrap().token.as_ref().unwrap().kind;
    assert_eq!(
        counter(&document),
        Kind::Hotp { counter: u64::MAX },
        "saturates"
    );
    let totp_before = document.identity("id1").cloned();
    document.next_code("id1").unwrap();
    assert_eq!(document.identity("id1").cloned(), totp_before);
    document.reactivate("id0").unwrap();
    assert_eq!(document.next_code("id0"), Err(DocumentError::NoToken));
}

#[test]
fn entries_keep_activation_details_and_links_read_back_as_the_same_tokens() {
    let mut document = with(&[
        totp("alice@example.com", b"secret-one-20-bytes!"),
        entry("counter", b"hotp-secret", Kind::Hotp { counter: 5 }),
    ]);
    let new = ActivationTarget::New {
        id: "bank".into(),
        name: "AnyBank".into(),
    };
    document
        .finish_activation(new, activation("12211-49352"), NOW)
        .unwrap();
    let entries = document.entries();
    assert_eq!(
        entries[2].activation,
        Some(ActivationDetails {
            serial: "48244-13456".into(),
            activated_at: Some(NOW),
        })
    );
    assert_eq!(entries[2].origin(), {
        let mut origin = document.identity("bank").unwrap().origin.clone();
        if let Origin::Activation {
            registration_code, ..
        } = &mut origin
        {
            *registration_code = None;
        }
        origin
    });

    let links = document.otpauth_links();
    let lines: Vec<&str> = links.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, entry) in lines.iter().zip(&entries) {
        let read = otp::otpauth::parse(line).unwrap();
        assert_eq!(read.account, entry.name);
        assert_eq!(read.token, entry.token);
    }
}
