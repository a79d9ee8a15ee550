//! The importers against other authenticators' own export files
//! (`tests/vectors/importers/`, from the Aegis project's importer tests):
//! each gives the 7 tokens of `plain.txt` with the differences the
//! vectors' README lists, compared by secret (type, algorithm, digits,
//! period or counter, issuer and name); and bad input is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind};
use vault::import::{App, ImportError, MAX_FILE_BYTES, import};

mod import_vectors;
use import_vectors::{check, expected, vector};

/// Every token the file holds, as plain.txt has it; `count`: how many the app could hold.
fn as_plain(file: &str, app: App, count: usize) {
    check(file, app, |_| {});
    assert_eq!(
        import(&vector(file), None).unwrap().entries.len(),
        count,
        "{file}"
    );
}

#[test]
fn a_list_of_links_and_ente_auth() {
    as_plain("plain.txt", App::Links, 7);
    // ente's extra codeDisplay parameter is ignored; "Air+Canada" is "Air Canada".
    as_plain("ente_auth.txt", App::Links, 7);
}

#[test]
fn two_fas_schemas_1_to_4() {
    // Schema 1 knows only TOTP SHA1/6/30 s.
    check("2fas_authenticator.json", App::TwoFas, |e| {
        let secret = e.token.secret().clone();
        e.token =
            otp::Token::new(secret, Algorithm::Sha1, 6, Kind::Totp { period: 30, t0: 0 }).unwrap();
    });
    // Schema 2 has no type: HOTP and Steam come as TOTP with their algorithm and digits, period 30.
    check("2fas_authenticator_plain.2fas", App::TwoFas, |e| {
        if !matches!(e.token.kind(), Kind::Totp { .. }) {
            let (secret, algorithm, digits) = (
                e.token.secret().clone(),
                e.token.algorithm(),
                e.token.digits(),
            );
            e.token = otp::Token::new(secret, algorithm, digits, Kind::Totp { period: 30, t0: 0 })
                .unwrap();
        }
    });
    // Schema 3 holds no Steam token.
    as_plain("2fas_authenticator_plain_v3.2fas", App::TwoFas, 6);
    // The schema 4 file holds 5 of them, a Steam token among them.
    as_plain("2fas_authenticator_plain_v4.2fas", App::TwoFas, 5);
}

#[test]
fn andotp_freeotp_plus_proton_and_stratum() {
    as_plain("andotp_plain.json", App::AndOtp, 7);
    // Proton Authenticator holds TOTP tokens only.
    as_plain("proton_authenticator.json", App::Proton, 3);
    as_plain("stratum_plain.json", App::Stratum, 7);
    // FreeOTP+ stores the HOTP counter one less.
    check("freeotp_plus.json", App::FreeOtpPlus, |e| {
        if let Kind::Hotp { counter } = e.token.kind() {
            let (secret, algorithm, digits) = (
                e.token.secret().clone(),
                e.token.algorithm(),
                e.token.digits(),
            );
            e.token = otp::Token::new(
                secret,
                algorithm,
                digits,
                Kind::Hotp {
                    counter: counter - 1,
                },
            )
            .unwrap();
        }
    });
}

#[test]
fn steam_desktop_authenticator_mafiles_old_and_new() {
    for file in ["steam.json", "steam_old.json"] {
        // Only the Steam entry, issuer "Steam".
        check(file, App::Steam, |e| e.issuer = Some("Steam".into()));
        assert_eq!(
            import(&vector(file), None).unwrap().entries.len(),
            1,
            "{file}"
        );
    }
}

#[test]
fn bitwarden_links_and_steam_secrets() {
    let imported = import(&vector("bitwarden.json"), None).unwrap();
    assert_eq!(imported.app, App::Bitwarden);
    let plain = expected();
    assert_eq!(imported.entries.len(), 4);
    for got in &imported.entries[..3] {
        assert!(plain.contains(got), "{got:?}");
    }
    // The steam:// item: only its secret (and type) can be checked.
    let steam = plain
        .iter()
        .find(|e| e.token.kind() == Kind::Steam)
        .unwrap();
    assert_eq!(imported.entries[3].token, steam.token);
}

#[test]
fn bad_input_is_refused_with_a_sentence() {
    assert_eq!(
        import(&vec![b' '; MAX_FILE_BYTES + 1], None).unwrap_err(),
        ImportError::TooLarge
    );
    for junk in [
        &b"\xff\xfe\x00"[..],
        b"hello",
        b"{\"what\": 1}",
        b"[1, 2]",
        b"",
        b"{not json",
    ] {
        assert_eq!(
            import(junk, None).unwrap_err(),
            ImportError::UnknownFormat,
            "{junk:?}"
        );
    }
    let truncated = &vector("andotp_plain.json")[..200];
    assert_eq!(
        import(truncated, None).unwrap_err(),
        ImportError::UnknownFormat
    );
    let newer = br#"{"schemaVersion": 9, "services": []}"#;
    assert!(matches!(
        import(newer, None).unwrap_err(),
        ImportError::Newer { .. }
    ));
    for error in [
        ImportError::TooLarge,
        ImportError::UnknownFormat,
        ImportError::Encrypted("2FAS"),
    ] {
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn unusable_entries_are_skipped_with_reasons_and_the_rest_read() {
    let stratum = br#"{"Authenticators":[
        {"Type":5,"Issuer":"Yandex","Username":"ivan","Secret":"GEZDGNBV","Algorithm":0,"Digits":8,"Period":30},
        {"Type":2,"Issuer":"Deno","Username":"Mason","Secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","Algorithm":0,"Digits":6,"Period":30},
        {"Type":2,"Issuer":"Broken","Username":"x","Secret":"not base32!","Algorithm":0,"Digits":6,"Period":30}]}"#;
    let imported = import(stratum, None).unwrap();
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(imported.skipped.len(), 2);
    assert_eq!(
        imported.skipped[0].reason,
        "Yandex tokens are not supported"
    );
    assert!(
        imported.skipped[1]
            .reason
            .starts_with("its secret is not valid")
    );
    let links = b"otpauth://totp/A:a?secret=GEZDGNBV\nnot a link\notpauth://totp?secret=GEZDGNBV";
    let imported = import(links, None).unwrap();
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(
        imported
            .skipped
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["line 2", "line 3"]
    );
    assert!(imported.skipped[1].reason.contains("has no label"));
}
