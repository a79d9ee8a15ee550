//! Groups and favourites travel through Aegis-format backups as Aegis
//! writes them (format 3: the db's `groups` with uuids, each entry's
//! `groups` naming them, `favorite`), and Aegis 2's single `group` reads.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind, Secret, Token};
use serde_json::{Value, json};
use vault::OsEntropy;
use vault::backup::{self, Backup, BackupEntry};

fn entry(name: &str, groups: &[&str], favourite: bool) -> BackupEntry {
    let token = Token::new(
        Secret::from_slice(format!("secret of {name}!").as_bytes()),
        Algorithm::Sha1,
        6,
        Kind::Totp { period: 30, t0: 0 },
    )
    .unwrap();
    let mut entry = BackupEntry::new(name.into(), Some("Example".into()), token);
    entry.groups = groups.iter().map(|g| (*g).to_owned()).collect();
    entry.favourite = favourite;
    entry
}

fn read_plain(text: &str) -> Vec<BackupEntry> {
    match backup::read(text).unwrap() {
        Backup::Plain { entries, skipped } => {
            assert!(skipped.is_empty(), "{skipped:?}");
            entries
        }
        Backup::Encrypted(_) => panic!("a plain backup read as encrypted"),
    }
}

#[test]
fn groups_and_favourites_are_written_as_aegis_does_and_read_back() {
    let entries = vec![
        entry("alice", &["Work", "Personal"], true),
        entry("bob", &["Personal"], false),
        entry("carol", &[], false),
    ];
    let text = backup::write_plain(&entries, &mut OsEntropy).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let groups = file["db"]["groups"].as_array().unwrap();
    let named: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(named, ["Work", "Personal"]);
    let uuid_of = |name: &str| {
        groups.iter().find(|g| g["name"] == name).unwrap()["uuid"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(uuid_of("Work").len(), 36);
    let written = &file["db"]["entries"];
    assert_eq!(
        written[0]["groups"],
        json!([uuid_of("Work"), uuid_of("Personal")])
    );
    assert_eq!(written[1]["groups"], json!([uuid_of("Personal")]));
    assert_eq!(written[0]["favorite"], true);
    assert_eq!(written[1]["favorite"], false);
    assert_eq!(read_plain(&text), entries);
}

#[test]
fn aegis_2s_one_group_by_name_and_an_unknown_uuid_read_as_a_person_expects() {
    let mut file: Value = serde_json::from_str(
        &backup::write_plain(&[entry("alice", &[], false)], &mut OsEntropy).unwrap(),
    )
    .unwrap();
    file["db"]["entries"][0]["group"] = json!("Banking");
    file["db"]["entries"][0]["groups"] = json!(["00000000-0000-4000-8000-000000000000"]);
    // A malformed group is left out; its entries still come in.
    file["db"]["groups"] = json!([{"name": 5}]);
    let entries = read_plain(&file.to_string());
    assert_eq!(entries[0].groups, ["Banking"]);
    assert_eq!(entries[0].name, "alice");
}
