//! The rest of the importers' formats: Android preferences XML (FreeOTP
//! v1, Authy, Battle.net), Duo Mobile, and the formats read before the
//! importers existed (Aegis and Soft Token backups, Google Authenticator
//! export links), now through the same entry point.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod import_vectors;

use base64::Engine;
use import_vectors::{check, check_opened, expected, vector};
use otp::{Algorithm, Kind};
use std::path::PathBuf;
use vault::import::{App, ImportError, import};

#[test]
fn freeotp_v1_preferences_xml() {
    // FreeOTP, like FreeOTP+, stores the HOTP counter one less.
    check("freeotp.xml", App::FreeOtp, |e| {
        if let Kind::Hotp { counter } = e.token.kind() {
            e.token = otp::Token::new(
                e.token.secret().clone(),
                e.token.algorithm(),
                e.token.digits(),
                Kind::Hotp {
                    counter: counter - 1,
                },
            )
            .unwrap();
        }
    });
    // The file holds 4 of the 7.
    assert_eq!(
        import(&vector("freeotp.xml"), None).unwrap().entries.len(),
        4
    );
}

#[test]
fn battle_net_device_xml() {
    let imported = import(&vector("battle_net_authenticator.xml"), None).unwrap();
    assert_eq!(imported.app, App::BattleNet);
    assert!(imported.skipped.is_empty());
    let [entry] = imported.entries.as_slice() else {
        panic!("{:?}", imported.entries);
    };
    // Unmasked by hand (hex, XOR with the app's public mask) with Python.
    assert_eq!(entry.name, "US-2211-2050-3346");
    assert_eq!(entry.issuer.as_deref(), Some("Battle.net"));
    assert_eq!(
        otp::base32::encode(entry.token.secret().expose()).as_str(),
        "BMGRXPGFARQQF4GMT25JATL2VYLAHDBI"
    );
    assert_eq!(entry.token.algorithm(), Algorithm::Sha1);
    assert_eq!(entry.token.digits(), 8);
    assert_eq!(entry.token.kind(), Kind::Totp { period: 30, t0: 0 });
}

#[test]
fn duo_mobile_accounts() {
    // The README lists "HOTP counter 1", but duo.json holds `"counter": 3`
    // for that account: the importer gives what the file says, since a
    // counter taken lower than the app's would repeat codes already used.
    check("duo.json", App::Duo, |e| {
        e.issuer = None;
        if let Kind::Hotp { .. } = e.token.kind() {
            e.token = otp::Token::new(
                e.token.secret().clone(),
                e.token.algorithm(),
                e.token.digits(),
                Kind::Hotp { counter: 3 },
            )
            .unwrap();
        }
    });
    assert_eq!(import(&vector("duo.json"), None).unwrap().entries.len(), 2);
}

fn aegis_vector(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/aegis")
        .join(name);
    std::fs::read(path).unwrap()
}

#[test]
fn aegis_backups_plain_and_encrypted_through_the_same_entry_point() {
    let plain = import(&aegis_vector("aegis_plain.json"), None).unwrap();
    assert_eq!(plain.app, App::Aegis);
    assert_eq!(plain.entries.len(), 7);
    let encrypted = aegis_vector("aegis_encrypted.json");
    assert_eq!(
        import(&encrypted, None).unwrap_err(),
        ImportError::PasswordNeeded("Aegis or Soft Token")
    );
    assert_eq!(
        import(&encrypted, Some("nope")).unwrap_err(),
        ImportError::Backup(vault::backup::BackupError::WrongPassword)
    );
    assert_eq!(
        import(&encrypted, Some("test")).unwrap().entries,
        plain.entries
    );
    // And the Aegis vault holds the README's 7 tokens.
    let secrets = |entries: &[vault::Entry]| {
        let mut all: Vec<_> = entries
            .iter()
            .map(|e| e.token.secret().expose().to_vec())
            .collect();
        all.sort();
        all
    };
    assert_eq!(secrets(&plain.entries), secrets(&expected()));
}

/// A Google Authenticator export link, its payload written byte by byte.
fn migration_link(name: &str, secret: &[u8]) -> String {
    let mut account = vec![0x0a, secret.len() as u8];
    account.extend_from_slice(secret);
    account.extend([0x12, name.len() as u8]);
    account.extend_from_slice(name.as_bytes());
    let mut payload = vec![0x0a, account.len() as u8];
    payload.extend(account);
    payload.extend([0x18, 1]); // batch_size 1
    let data = base64::engine::general_purpose::STANDARD.encode(payload);
    format!(
        "otpauth-migration://offline?data={}",
        data.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    )
}

#[test]
fn google_authenticator_export_links_in_a_text_file() {
    let text = format!(
        "{}\n{}\n",
        migration_link("Example:alice", b"12345678901234567890"),
        migration_link("bob", b"abcdefghijabcdefghij")
    );
    let imported = import(text.as_bytes(), None).unwrap();
    assert_eq!(imported.app, App::GoogleAuthenticator);
    assert_eq!(imported.entries.len(), 2);
    assert_eq!(imported.entries[0].name, "alice");
    assert_eq!(imported.entries[0].issuer.as_deref(), Some("Example"));
    assert_eq!(
        imported.entries[1].token.secret().expose(),
        b"abcdefghijabcdefghij"
    );
    // Mixed with otpauth links, it is a list of links; a damaged export
    // link is skipped with its line number, the rest read.
    let mixed =
        format!("{text}otpauth://totp/A:a?secret=GEZDGNBV\notpauth-migration://offline?data=%%%\n");
    let imported = import(mixed.as_bytes(), None).unwrap();
    assert_eq!(imported.app, App::Links);
    assert_eq!(imported.entries.len(), 3);
    assert_eq!(imported.skipped.len(), 1);
    assert_eq!(imported.skipped[0].name, "line 4");
}

#[test]
fn xml_that_is_no_known_app_is_refused() {
    for junk in [
        &b"<map><string name=\"x\">y</string></map>"[..],
        b"<html><body>hello</body></html>",
        b"<map><string name=\"tokenOrder\">[]",
        b"<!DOCTYPE map [<!ENTITY a \"aaaaaaaaaa\">]><map>&a;</map>",
    ] {
        assert_eq!(
            import(junk, None).unwrap_err(),
            ImportError::UnknownFormat,
            "{junk:?}"
        );
    }
    let damaged = br#"<map><string name="com.authy.storage.tokens.authenticator.key">[not json</string></map>"#;
    assert!(matches!(
        import(damaged, None).unwrap_err(),
        ImportError::Damaged { app: "Authy", .. }
    ));
    // An Authy file opens with the password even when check_opened is used
    // on a plain one (no password needed, none asked).
    check_opened("authy_plain.xml", Some("ignored"), App::Authy, |e| {
        e.token = otp::Token::new(
            e.token.secret().clone(),
            Algorithm::Sha1,
            e.token.digits(),
            Kind::Totp { period: 30, t0: 0 },
        )
        .unwrap();
    });
}

#[test]
fn freeotp_v2_encrypted_backups() {
    for file in [
        "freeotp_v2_api23.xml",
        "freeotp_v2_api25.xml",
        "freeotp_v2_api27.xml",
        "freeotp_v2_null_algo.xml",
    ] {
        check_opened(file, Some("test"), App::FreeOtp, |_| {});
        assert_eq!(
            import(&vector(file), Some("wrong")).unwrap_err(),
            ImportError::WrongPassword("FreeOTP"),
            "{file}"
        );
        assert_eq!(
            import(&vector(file), None).unwrap_err(),
            ImportError::PasswordNeeded("FreeOTP"),
            "{file}"
        );
    }
    // The files hold 6 of the 7 (no Steam token).
    assert_eq!(
        import(&vector("freeotp_v2_api27.xml"), Some("test"))
            .unwrap()
            .entries
            .len(),
        6
    );
    // A damaged key store is a sentence, never a panic.
    let file = vector("freeotp_v2_api23.xml");
    for cut in [4, 10, 60, 200, file.len() / 2] {
        assert!(matches!(
            import(&file[..cut], Some("test")).unwrap_err(),
            ImportError::Damaged { app: "FreeOTP", .. }
        ));
    }
}

/// A CSV field, quoted as RFC 4180 has it when it holds a comma or quote.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[test]
fn bitwarden_csv_gives_what_its_json_export_gives() {
    // The CSV Bitwarden writes for the same vault as bitwarden.json: its
    // header, then one row an item (written here from the JSON's items).
    let json: serde_json::Value = serde_json::from_slice(&vector("bitwarden.json")).unwrap();
    let mut csv = String::from(
        "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n",
    );
    for item in json["items"].as_array().unwrap() {
        let name = item["name"].as_str().unwrap_or_default();
        let totp = item
            .pointer("/login/totp")
            .and_then(|t| t.as_str())
            .unwrap_or_default();
        csv.push_str(&format!(
            ",,login,{},,,0,,,,{}\n",
            csv_field(name),
            csv_field(totp)
        ));
    }
    // A note without a TOTP is passed over; a broken secret is skipped by name.
    csv.push_str(",,note,Shopping list,\"eggs, milk\",,0,,,,\n");
    csv.push_str(",,login,Broken,,,0,,,,not base32!\n");
    let from_csv = import(csv.as_bytes(), None).unwrap();
    let from_json = import(&vector("bitwarden.json"), None).unwrap();
    assert_eq!(from_csv.app, App::Bitwarden);
    assert_eq!(from_csv.entries, from_json.entries);
    assert_eq!(from_csv.skipped.len(), 1);
    assert_eq!(from_csv.skipped[0].name, "Broken");
}
