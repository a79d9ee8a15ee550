//! The person's arrangement (schema 3): orders with favourites first,
//! moves, use counts, groups, Search's folding, and the record saved by
//! the first release reading into it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind, Secret, Token};
use serde_json::Value;
use vault::migrate::{Step, read_with};
use vault::search::{ListIndex, fold, ordered};
use vault::{
    Document, DocumentError, Duplicates, Entry, IconChoice, Order, Pin, SealedVault, VaultError,
};

/// Identities added in this order: (name, issuer), each with its own secret.
fn document(names: &[(&str, Option<&str>)]) -> Document {
    let mut document = Document::default();
    for (index, (name, issuer)) in names.iter().enumerate() {
        let secret = format!("secret number {index:04}");
        let token = Token::new(
            Secret::from_slice(secret.as_bytes()),
            Algorithm::Sha1,
            6,
            Kind::Totp { period: 30, t0: 0 },
        )
        .unwrap();
        let entry = Entry::new((*name).into(), issuer.map(Into::into), token);
        document
            .add(&entry, Duplicates::LeaveOut, format!("id{index}"), 0)
            .unwrap();
    }
    document
}

fn names(document: &Document) -> Vec<&str> {
    ordered(document).iter().map(|i| i.name.as_str()).collect()
}

fn sample() -> Document {
    document(&[
        ("carol", Some("Zulu Bank")),
        ("alice", None),
        ("Bob", Some("acme")),
        ("dave", Some("Acme")),
    ])
}

#[test]
fn each_order_sorts_as_a_person_reads_and_custom_is_the_order_of_adding() {
    let mut document = sample();
    assert_eq!(document.order, Order::Custom);
    assert_eq!(names(&document), ["carol", "alice", "Bob", "dave"]);
    document.set_order(Order::Name);
    assert_eq!(names(&document), ["alice", "Bob", "carol", "dave"]);
    // Case does not split "acme" from "Acme"; without an issuer is last.
    document.set_order(Order::Issuer);
    assert_eq!(names(&document), ["Bob", "dave", "carol", "alice"]);
    for _ in 0..3 {
        document.count_use("id3").unwrap();
    }
    document.count_use("id1").unwrap();
    document.set_order(Order::MostUsed);
    // Ties keep the custom order.
    assert_eq!(names(&document), ["dave", "alice", "carol", "Bob"]);
}

#[test]
fn favourites_come_first_in_every_order() {
    let mut document = sample();
    document.set_favourite("id3", true).unwrap();
    document.set_favourite("id2", true).unwrap();
    for order in [Order::Custom, Order::Name, Order::Issuer, Order::MostUsed] {
        document.set_order(order);
        let listed = names(&document);
        let mut first_two = listed[..2].to_vec();
        first_two.sort_unstable();
        assert_eq!(first_two, ["Bob", "dave"], "{order:?}: {listed:?}");
    }
    document.set_order(Order::Name);
    assert_eq!(names(&document), ["Bob", "dave", "alice", "carol"]);
    document.set_favourite("id3", false).unwrap();
    assert_eq!(names(&document), ["Bob", "alice", "carol", "dave"]);
    assert_eq!(
        document.set_favourite("gone", true),
        Err(DocumentError::NoSuchIdentity)
    );
}

#[test]
fn moving_an_identity_places_it_in_the_custom_order() {
    let mut document = sample();
    document.move_identity("id3", 0).unwrap();
    assert_eq!(names(&document), ["dave", "carol", "alice", "Bob"]);
    document.move_identity("id3", 2).unwrap();
    assert_eq!(names(&document), ["carol", "alice", "dave", "Bob"]);
    document.move_identity("id0", 99).unwrap();
    assert_eq!(names(&document), ["alice", "dave", "Bob", "carol"]);
    let before = document.clone();
    assert_eq!(
        document.move_identity("gone", 0),
        Err(DocumentError::NoSuchIdentity)
    );
    assert_eq!(document, before);
}

#[test]
fn search_folds_case_and_accents_and_finds_every_word_anywhere() {
    assert_eq!(
        fold("Zürich ÉCOLE Straße Ærø Łódź"),
        "zurich ecole strasse aero lodz"
    );
    // An accent typed as a combining mark after its letter.
    assert_eq!(fold("Jose\u{301}"), "jose");
    // Other scripts by case only.
    assert_eq!(fold("ΑΘΗΝΑ Москва"), "αθηνα москва");
    let document = document(&[
        ("jose@example.com", Some("Banco Pequeño")),
        ("Zoë", Some("Zürich Versicherung")),
        ("work", Some("GitHub")),
    ]);
    let index = ListIndex::new(&document);
    assert_eq!(index.len(), 3);
    assert_eq!(index.select("", None), ["id0", "id1", "id2"]);
    assert_eq!(index.ids(), index.select("", None));
    assert_eq!(index.select("PEQUENO", None), ["id0"]);
    assert_eq!(index.select("zur", None), ["id1"]);
    assert_eq!(index.select("zoe", None), ["id1"]);
    assert_eq!(index.select("hub", None), ["id2"]);
    // Every word, each anywhere in the issuer or the name.
    assert_eq!(index.select("  banco   jose ", None), ["id0"]);
    assert_eq!(index.select("banco zoe", None), Vec::<String>::new());
}

#[test]
fn groups_are_named_once_renamed_everywhere_and_deleting_one_keeps_its_identities() {
    let mut document = sample();
    document.add_group("Work").unwrap();
    document.add_group(" Personal ").unwrap();
    assert_eq!(document.groups, ["Work", "Personal"]);
    // Names compare as Search does: without case or accents.
    assert_eq!(document.add_group("WÖRK"), Err(DocumentError::GroupExists));
    assert_eq!(
        document.add_group("   "),
        Err(DocumentError::EmptyGroupName)
    );
    assert_eq!(
        document.add_group(&"x".repeat(41)),
        Err(DocumentError::GroupNameTooLong)
    );
    document.set_in_group("id0", "Work", true).unwrap();
    document.set_in_group("id0", "Work", true).unwrap();
    document.set_in_group("id2", "Work", true).unwrap();
    document.set_in_group("id2", "Personal", true).unwrap();
    assert_eq!(document.identities[2].groups, ["Work", "Personal"]);
    let index = ListIndex::new(&document);
    assert_eq!(index.select("", Some("Work")), ["id0", "id2"]);
    assert_eq!(
        index.ids().len(),
        document.identities.len(),
        "every identity, whatever its groups"
    );
    assert_eq!(index.select("bob", Some("Personal")), ["id2"]);

    document.rename_group("Work", "Office").unwrap();
    assert_eq!(document.identities[0].groups, ["Office"]);
    assert_eq!(document.rename_group("Office", "office"), Ok(()));
    assert_eq!(
        document.rename_group("office", "personal"),
        Err(DocumentError::GroupExists)
    );
    document.set_in_group("id2", "office", false).unwrap();
    assert_eq!(document.identities[2].groups, ["Personal"]);
    document.delete_group("Personal").unwrap();
    assert!(document.identities[2].groups.is_empty());
    assert_eq!(document.identities.len(), 4);
    assert_eq!(
        document.set_in_group("id1", "Personal", true),
        Err(DocumentError::NoSuchGroup)
    );
}

#[test]
fn an_imported_entry_joins_a_group_of_the_same_name_or_creates_it() {
    let mut document = sample();
    document.add_group("Work").unwrap();
    let token = Token::new(
        Secret::from_slice(b"another secret!!"),
        Algorithm::Sha1,
        6,
        Kind::Steam,
    )
    .unwrap();
    let mut entry = Entry::new("gamer".into(), Some("Steam".into()), token);
    entry.groups = vec!["work".into(), "Games".into(), " ".into()];
    entry.favourite = true;
    document
        .add(&entry, Duplicates::LeaveOut, "id9".into(), 0)
        .unwrap();
    let added = document.identity("id9").unwrap();
    assert_eq!(added.groups, ["Work", "Games"]);
    assert!(added.favourite);
    assert_eq!(document.groups, ["Work", "Games"]);
    // And back out: a backup is written from the same fields.
    let entries = document.entries();
    let written = entries.iter().find(|e| e.name == "gamer").unwrap();
    assert_eq!(
        (written.favourite, written.groups.clone()),
        (true, vec!["Work".into(), "Games".into()])
    );
}

#[test]
fn the_first_releases_record_reads_with_no_arrangement_and_keeps_one_once_made() {
    let record: Value =
        serde_json::from_str(include_str!("fixtures/release-1-record.json")).unwrap();
    let sealed = SealedVault::parse(record["text"].as_str().unwrap()).unwrap();
    let (_, mut document) = sealed.unlock(&Pin::new("246810").unwrap()).unwrap();
    assert_eq!(document.order, Order::Custom);
    assert!(document.groups.is_empty());
    for identity in &document.identities {
        assert!(!identity.favourite && identity.groups.is_empty() && identity.uses == 0);
        assert_eq!(identity.icon, None);
    }
    let vpn = document.identities[2].id.clone();
    document.add_group("Work").unwrap();
    document.set_in_group(&vpn, "Work", true).unwrap();
    document.set_favourite(&vpn, true).unwrap();
    document.set_icon(&vpn, Some(IconChoice::Letter)).unwrap();
    document.count_use(&vpn).unwrap();
    document.set_order(Order::MostUsed);

    // What this build stores reads back whole, and a schema-2 reader
    // (one step) refuses it rather than drop the arrangement.
    let mut stored = serde_json::to_value(&document).unwrap();
    stored["schema"] = Value::from(vault::DOCUMENT_SCHEMA);
    let text = serde_json::to_vec(&stored).unwrap();
    assert_eq!(
        read_with(&text, &[Step::Adds, Step::Adds]).unwrap(),
        document
    );
    assert_eq!(
        read_with(&text, &[Step::Adds]).unwrap_err(),
        VaultError::NewerDocument(3)
    );
    assert_eq!(stored["order"], "most_used");
    assert_eq!(stored["identities"][2]["icon"], "letter");
    // An identity never arranged stores none of the new fields.
    let plain = stored["identities"][0].as_object().unwrap();
    for field in ["favourite", "groups", "uses", "icon"] {
        assert!(!plain.contains_key(field), "{field}");
    }
}
