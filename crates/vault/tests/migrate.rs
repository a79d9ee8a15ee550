//! The document's migration mechanism: steps run in order from the stored
//! schema, the result is stamped, a newer schema is refused, and the record
//! saved by the first release opens in this build.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::{Map, Value, json};
use vault::migrate::{Step, read_with};
use vault::{Pin, SealedVault, VaultError};

fn identity(name: &str) -> Value {
    json!({"id": "1", "name": name, "created_at": 5, "origin": {"type": "added"},
           "token": {"secret": "GEZDGNBV", "algorithm": "SHA1", "digits": 6, "type": "hotp", "counter": 0}})
}

/// Schema 1 → 2 for the tests: the names were once stored as `title`.
fn title_to_name(document: &mut Map<String, Value>) -> Result<(), VaultError> {
    for identity in document["identities"].as_array_mut().into_iter().flatten() {
        if let Some(title) = identity.as_object_mut().and_then(|f| f.remove("title")) {
            identity["name"] = title;
        }
    }
    Ok(())
}

/// Schema 2 → 3 for the tests: upper-cases each name (a step that shows
/// it ran after the one before it).
fn shout(document: &mut Map<String, Value>) -> Result<(), VaultError> {
    for identity in document["identities"].as_array_mut().into_iter().flatten() {
        let name = identity["name"].as_str().unwrap_or_default().to_uppercase();
        identity["name"] = Value::from(name);
    }
    Ok(())
}

fn refuse(_: &mut Map<String, Value>) -> Result<(), VaultError> {
    Err(VaultError::Corrupt("refused by the test step"))
}

const STEPS: &[Step] = &[Step::Rewrite(title_to_name), Step::Rewrite(shout)];

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

#[test]
fn a_document_without_a_stamp_is_schema_1_and_runs_every_step_in_order() {
    let mut old = identity("ignored");
    old.as_object_mut().unwrap().remove("name");
    old["title"] = json!("Mail");
    let document = read_with(&bytes(&json!({"identities": [old]})), STEPS).unwrap();
    // title → name ran first, then the upper-casing.
    assert_eq!(document.identities[0].name, "MAIL");
}

#[test]
fn a_document_runs_only_the_steps_after_its_schema() {
    let stamped = json!({"schema": 2, "identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&stamped), STEPS).unwrap().identities[0].name,
        "MAIL"
    );
    let current = json!({"schema": 3, "identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&current), STEPS).unwrap().identities[0].name,
        "Mail"
    );
}

#[test]
fn a_newer_schema_is_refused_with_its_number_and_never_read() {
    let newer = json!({"schema": 4, "identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&newer), STEPS).unwrap_err(),
        VaultError::NewerDocument(4)
    );
    let error = VaultError::NewerDocument(4).to_string();
    assert!(
        error.contains("newer version of Soft Token") && error.contains("nothing was changed"),
        "{error}"
    );
}

#[test]
fn a_failing_step_fails_the_open_and_a_bad_stamp_is_damage() {
    let old = json!({"identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&old), &[Step::Rewrite(refuse)]).unwrap_err(),
        VaultError::Corrupt("refused by the test step")
    );
    for bad in [
        json!({"schema": 0, "identities": []}),
        json!({"schema": "2", "identities": []}),
        json!([1, 2]),
    ] {
        assert!(
            matches!(read_with(&bytes(&bad), STEPS), Err(VaultError::Corrupt(_))),
            "{bad}"
        );
    }
}

#[test]
fn the_record_saved_by_the_first_release_opens_in_this_build() {
    let record: Value =
        serde_json::from_str(include_str!("fixtures/release-1-record.json")).unwrap();
    assert_eq!(record["revision"], 4);
    let sealed = SealedVault::parse(record["text"].as_str().unwrap()).unwrap();
    let (_, document) = sealed.unlock(&Pin::new("246810").unwrap()).unwrap();
    let names: Vec<_> = document
        .identities
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["AnyBank", "alice@example.com", "VPN"]);
    let vpn = document.identities[2]
        .token
        .as_ref()
        .unwrap()
        .to_token()
        .unwrap();
    assert_eq!(vpn.kind(), otp::Kind::Hotp { counter: 5 });
    // RFC 4226's secret at counter 5.
    assert_eq!(vpn.code_at(0).unwrap().to_string(), "254676");
}

#[test]
fn an_adding_step_reads_older_documents_as_they_are_and_keeps_older_readers_out() {
    // Schema 2 adds a token type: a schema 1 document needs no rewrite...
    let adds = [Step::Adds];
    let old = json!({"identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&old), &adds).unwrap().identities[0].name,
        "Mail"
    );
    // ...and a rewrite after it still runs for a document that needs it.
    let then_shout = [Step::Adds, Step::Rewrite(shout)];
    assert_eq!(
        read_with(&bytes(&old), &then_shout).unwrap().identities[0].name,
        "MAIL"
    );
    // A reader of schema 1 refuses what a schema 2 writer stamped.
    let newer = json!({"schema": 2, "identities": [identity("Mail")]});
    assert_eq!(
        read_with(&bytes(&newer), &[]).unwrap_err(),
        VaultError::NewerDocument(2)
    );
}
