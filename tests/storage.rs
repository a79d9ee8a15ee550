//! The storage layer on the real IndexedDB of headless Chromium: durability,
//! races between two connections, damaged records, and the attempt record.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use softtoken::platform::storage::{Events, StorageError, Store};
use support::*;
use vault::Attempts;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn exists_says_no_until_the_database_is_created() {
    let name = fresh_db_name("exists");
    assert_eq!(Store::exists(&name).await, Some(false));
    let store = Store::open(&name).await.unwrap();
    assert_eq!(Store::exists(&name).await, Some(true));
    // Another name is still absent: the answer is per database.
    assert_eq!(Store::exists(&format!("{name}-other")).await, Some(false));
    store.close();
}

#[wasm_bindgen_test]
async fn data_survives_closing_and_reopening_the_database() {
    let name = fresh_db_name("durable");
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.read_vault().await.unwrap(), None);
    assert_eq!(store.write_vault("first", 0).await.unwrap(), 1);
    assert_eq!(store.write_vault("second", 1).await.unwrap(), 2);
    store.close();
    let reopened = Store::open(&name).await.unwrap();
    let record = reopened.read_vault().await.unwrap().unwrap();
    assert_eq!((record.revision, record.text.as_str()), (2, "second"));
}

#[wasm_bindgen_test]
async fn a_stale_revision_is_a_conflict_and_overwrites_nothing() {
    let name = fresh_db_name("stale");
    let store = Store::open(&name).await.unwrap();
    store.write_vault("one", 0).await.unwrap();
    assert_eq!(
        store.write_vault("lost", 0).await,
        Err(StorageError::Conflict)
    );
    assert_eq!(store.read_vault().await.unwrap().unwrap().text, "one");
}

/// Read-modify-write of a counter, retrying on conflict, as the app does.
async fn increment(store: &Store) {
    loop {
        let record = store.read_vault().await.unwrap();
        let (revision, value) =
            record.map_or((0, 0), |r| (r.revision, r.text.parse::<u32>().unwrap()));
        match store.write_vault(&(value + 1).to_string(), revision).await {
            Ok(_) => return,
            Err(StorageError::Conflict) => continue,
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[wasm_bindgen_test]
async fn two_connections_writing_at_once_never_lose_an_update() {
    let name = fresh_db_name("race");
    let (a, b) = (
        Store::open(&name).await.unwrap(),
        Store::open(&name).await.unwrap(),
    );
    let run = |store: Store| async move {
        for _ in 0..25 {
            increment(&store).await;
        }
        store
    };
    let (a, _b) = futures::join!(run(a), run(b));
    let record = a.read_vault().await.unwrap().unwrap();
    assert_eq!(record.text, "50", "an update was lost");
    assert_eq!(record.revision, 50);
}

#[wasm_bindgen_test]
async fn a_damaged_record_is_reported_and_left_untouched() {
    let name = fresh_db_name("damaged");
    Store::open(&name).await.unwrap().close();
    let garbage = JsValue::from_str("{\"revision\": 3, \"text\": ");
    put_raw(&name, "vault", &garbage).await;
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.read_vault().await, Err(StorageError::Damaged));
    assert_eq!(
        store.write_vault("replacement", 0).await,
        Err(StorageError::Damaged)
    );
    assert_eq!(
        store.write_vault("replacement", 3).await,
        Err(StorageError::Damaged)
    );
    store.close();
    assert_eq!(
        get_raw(&name, "vault").await,
        Some(garbage),
        "the damaged record was changed"
    );

    // The app says so, in a sentence, and still does not touch it.
    let app = mount(&name);
    wait_for_text(
        &app,
        "The stored data could not be read. It was left as it is; nothing was deleted.",
    )
    .await;
    drop(app);
    assert_eq!(
        get_raw(&name, "vault").await,
        Some(JsValue::from_str("{\"revision\": 3, \"text\": "))
    );
}

#[wasm_bindgen_test]
async fn a_damaged_vault_inside_a_good_record_is_reported_on_unlock() {
    let name = fresh_db_name("damaged-vault");
    let app = mount(&name);
    create_pin(&app).await;
    drop(app);
    let store = Store::open(&name).await.unwrap();
    let record = store.read_vault().await.unwrap().unwrap();
    let damaged = record
        .text
        .replacen("\"ciphertext\":\"", "\"ciphertext\":\"AAAA", 1);
    store.write_vault(&damaged, record.revision).await.unwrap();
    store.close();
    let app = mount(&name);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    wait_for_text(
        &app,
        "the record is damaged. It was left as it is; nothing was deleted.",
    )
    .await;
    drop(app);
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.read_vault().await.unwrap().unwrap().text, damaged);
}

#[wasm_bindgen_test]
async fn the_attempt_counter_and_the_lock_survive_a_reopen() {
    let name = fresh_db_name("lockout");
    let app = mount(&name);
    create_pin(&app).await;
    drop(app);
    let store = Store::open(&name).await.unwrap();
    let locked = Attempts {
        failures: 0,
        lockouts: 1,
        locked_until_ms: js_sys::Date::now() as u64 + 90_000,
    };
    store.write_attempts(&locked).await.unwrap();
    store.close();
    assert_eq!(
        Store::open(&name)
            .await
            .unwrap()
            .read_attempts()
            .await
            .unwrap(),
        locked
    );

    let app = mount(&name);
    wait_for_text(&app, "Too many wrong PINs. Try again in 1:").await;
    let unlock = control(&app.container, "Unlock").unwrap();
    assert!(
        unlock.has_attribute("disabled"),
        "Unlock is offered during a lockout"
    );
}

#[wasm_bindgen_test]
async fn five_wrong_pins_lock_the_app_with_a_countdown() {
    let name = fresh_db_name("five");
    let app = mount(&name);
    create_pin(&app).await;
    click(&app, "Lock").await;
    for left in [4, 3, 2, 1] {
        type_into(&app, "PIN", "0000").await;
        click(&app, "Unlock").await;
        wait_for_text(
            &app,
            &format!("{left} attempt{} left.", if left == 1 { "" } else { "s" }),
        )
        .await;
    }
    type_into(&app, "PIN", "0000").await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "Too many wrong PINs. Try again in 1:00.").await;
    // Even the right PIN is not checked now.
    let attempts = Store::open(&name)
        .await
        .unwrap()
        .read_attempts()
        .await
        .unwrap();
    assert_eq!(attempts.lockouts, 1);
    assert!(attempts.locked_for(js_sys::Date::now() as u64).is_some());
}

fn counting_creation(count: std::rc::Rc<std::cell::Cell<u32>>) -> Events {
    Events {
        on_created: Some(Box::new(move || count.set(count.get() + 1))),
        ..Events::default()
    }
}

#[wasm_bindgen_test]
async fn opening_says_when_it_created_the_database_and_reads_both_records_at_once() {
    let name = fresh_db_name("created");
    let created = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = created.clone();
    let store = Store::open_with(&name, counting_creation(count))
        .await
        .unwrap();
    assert_eq!(created.get(), 1, "a new database is announced once");
    let (vault, attempts) = store.read_start().await.unwrap();
    assert_eq!(
        (vault.unwrap(), attempts.unwrap()),
        (None, Attempts::default())
    );

    store.write_vault("sealed", 0).await.unwrap();
    let mut failed = Attempts::default();
    failed.failed(1_000);
    store.write_attempts(&failed).await.unwrap();
    store.close();

    let count = created.clone();
    let reopened = Store::open_with(&name, counting_creation(count))
        .await
        .unwrap();
    assert_eq!(created.get(), 1, "an existing database is not announced");
    let (vault, attempts) = reopened.read_start().await.unwrap();
    assert_eq!(vault.unwrap().unwrap().text, "sealed");
    assert_eq!(attempts.unwrap(), failed);
}

#[wasm_bindgen_test]
async fn a_damaged_vault_record_read_at_start_is_reported_and_the_attempts_still_read() {
    let name = fresh_db_name("start-damaged");
    Store::open(&name).await.unwrap().close();
    put_raw(&name, "vault", &JsValue::from_f64(7.0)).await;
    let store = Store::open(&name).await.unwrap();
    let (vault, attempts) = store.read_start().await.unwrap();
    assert_eq!(vault, Err(StorageError::Damaged));
    assert_eq!(attempts.unwrap(), Attempts::default());
    assert!(
        get_raw(&name, "vault").await.is_some(),
        "the damaged record is kept"
    );
}

#[wasm_bindgen_test]
async fn a_stored_value_of_another_type_is_damage_and_is_never_overwritten() {
    let name = fresh_db_name("wrong-type");
    Store::open(&name).await.unwrap().close();
    let foreign = js_sys::Object::new();
    js_sys::Reflect::set(&foreign, &"revision".into(), &JsValue::from_f64(3.0)).unwrap();
    for value in [JsValue::from_f64(7.0), foreign.into()] {
        put_raw(&name, "vault", &value).await;
        let store = Store::open(&name).await.unwrap();
        assert_eq!(
            store.write_vault("new", 0).await,
            Err(StorageError::Damaged)
        );
        store.close();
        let kept = get_raw(&name, "vault").await.unwrap();
        assert!(
            kept.as_string().is_none(),
            "the stored value was replaced by text"
        );
        assert_eq!(
            js_sys::JSON::stringify(&kept).unwrap(),
            js_sys::JSON::stringify(&value).unwrap(),
            "the stored value is as it was"
        );
    }
}

#[wasm_bindgen_test]
async fn attempt_updates_from_two_connections_at_once_are_all_counted() {
    let name = fresh_db_name("attempt-race");
    let first = Store::open(&name).await.unwrap();
    let second = Store::open(&name).await.unwrap();
    let now = js_sys::Date::now() as u64;
    // Both updates start before either is awaited, as two tabs' would.
    for _ in 0..10 {
        let (a, b) = futures::join!(
            first.update_attempts(now, Attempts::begin),
            second.update_attempts(now, Attempts::begin)
        );
        a.unwrap();
        b.unwrap();
    }
    let stored = first.read_attempts().await.unwrap();
    assert_eq!(stored.failures, 20, "every begun attempt is counted once");
}
