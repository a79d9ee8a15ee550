//! A newer schema opened in another tab, on the real IndexedDB: this
//! tab's connection lets go at once (the newer tab is never blocked), says
//! so in a sentence, and loses nothing; a database a newer build already
//! upgraded is never opened by this one.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use idb::DatabaseEvent;
use softtoken::platform::storage::{Events, SCHEMA_VERSION, StorageError, Store};
use std::time::Duration;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Opens `name` at `version` as a newer build would, adding a store, and
/// reports whether the browser made it wait (another connection held on).
async fn open_as_newer_build(name: &str, version: u32) -> (idb::Database, bool) {
    let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut request = idb::Factory::new()
        .unwrap()
        .open(name, Some(version))
        .unwrap();
    let seen = blocked.clone();
    request.on_blocked(move |_| seen.set(true));
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        db.create_object_store("newer", idb::ObjectStoreParams::new())
            .unwrap();
    });
    let db = request.await.unwrap();
    (db, blocked.get())
}

#[wasm_bindgen_test]
async fn a_newer_schema_in_another_tab_closes_this_connection_and_keeps_the_data() {
    let name = fresh_db_name("upgraded-elsewhere");
    let upgraded = std::rc::Rc::new(std::cell::Cell::new(false));
    let told = upgraded.clone();
    let store = Store::open_with(
        &name,
        Events {
            on_closed: Some(Box::new(move |why| {
                assert_eq!(why, StorageError::Upgraded);
                told.set(true);
            })),
            ..Events::default()
        },
    )
    .await
    .unwrap();
    store.write_vault("sealed", 0).await.unwrap();

    let (newer, was_blocked) = open_as_newer_build(&name, SCHEMA_VERSION + 1).await;
    assert!(
        !was_blocked,
        "this connection let go without being asked twice"
    );
    assert!(upgraded.get(), "this tab was told");
    // This tab can no longer write, and says why.
    assert_eq!(
        store.write_vault("stale", 1).await,
        Err(StorageError::Upgraded)
    );
    assert!(
        StorageError::Upgraded
            .to_string()
            .contains("Reload this tab"),
        "the sentence says what to do"
    );
    newer.close();
    // The record is as this tab left it, now in the upgraded database.
    assert_eq!(
        get_raw(&name, "vault")
            .await
            .and_then(|v| v.as_string())
            .map(|t| t.contains("\"sealed\"")),
        Some(true)
    );
}

#[wasm_bindgen_test]
async fn a_database_upgraded_by_a_newer_build_is_not_opened_and_not_changed() {
    let name = fresh_db_name("newer-build");
    let store = Store::open(&name).await.unwrap();
    store.write_vault("sealed", 0).await.unwrap();
    store.close();
    let (newer, _) = open_as_newer_build(&name, SCHEMA_VERSION + 1).await;
    newer.close();

    assert!(matches!(
        Store::open(&name).await,
        Err(StorageError::NewerVersion)
    ));
    let record = get_raw(&name, "vault")
        .await
        .and_then(|v| v.as_string())
        .unwrap();
    assert!(record.contains("\"sealed\""), "{record}");
}

#[wasm_bindgen_test]
async fn the_unlocked_app_forgets_its_codes_and_asks_for_a_reload_when_another_tab_upgrades() {
    let name = fresh_db_name("app-upgraded");
    let app = mount(&name);
    create_pin(&app).await;
    wait_for_text(&app, "No soft token identity yet.").await;

    let (newer, was_blocked) = open_as_newer_build(&name, SCHEMA_VERSION + 1).await;
    assert!(!was_blocked);
    wait_for_text(
        &app,
        "Soft Token was updated in another tab. Reload this tab",
    )
    .await;
    assert!(!text_of(&app.container).contains("No soft token identity yet."));
    newer.close();
    wait_for("a Reload button", Duration::from_secs(5), || {
        control(&app.container, "Reload")
    })
    .await;
}
