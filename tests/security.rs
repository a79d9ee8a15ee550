//! The holes of the security review (issue 17), each shown closed on the
//! real IndexedDB of headless Chromium: a KDF worker that dies or goes
//! silent, tabs failing PINs at once, lockouts from a wrong clock or a
//! damaged record, a lock during a save, easy PINs, and the PIN asked again.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use leptos::prelude::*;
use softtoken::platform::storage::Store;
use softtoken::state::{AppError, Phase, SessionError, provide_app_state};
use support::*;
use vault::Attempts;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const HOUR_MS: u64 = 3_600_000;

/// A worker script from text, as a Blob URL.
fn worker_script(source: &str) -> String {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&source.into()),
        &options,
    )
    .unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

fn with_worker(db: &str, script: Option<String>, timeout_ms: u32) -> softtoken::AppConfig {
    softtoken::AppConfig {
        kdf_worker: script,
        kdf_timeout_ms: timeout_ms,
        ..test_config(db)
    }
}

async fn stored_vault(db: &str) -> Option<String> {
    let store = Store::open(db).await.unwrap();
    let record = store.read_vault().await.unwrap().map(|r| r.text);
    store.close();
    record
}

async fn stored_attempts(db: &str) -> Attempts {
    let store = Store::open(db).await.unwrap();
    let attempts = store.read_attempts().await.unwrap();
    store.close();
    attempts
}

async fn try_create_pin(app: &Mounted) {
    wait_for_text(app, "Create PIN").await;
    type_into(app, "PIN", PIN).await;
    type_into(app, "Enter the PIN again", PIN).await;
    click(app, "Create PIN").await;
}

#[wasm_bindgen_test]
async fn a_kdf_worker_that_dies_is_an_error_and_is_not_retried_on_the_page() {
    let db = fresh_db_name("worker-dies");
    // Starts, then traps on the request, as an out-of-memory abort would.
    let dies = worker_script(
        "postMessage('ready'); onmessage = () => { throw new Error('unreachable: out of memory'); };",
    );
    let app = mount_with(with_worker(&db, Some(dies), 60_000));
    try_create_pin(&app).await;
    wait_for_text(&app, "The key derivation stopped before it finished").await;
    assert!(text_of(&app.container).contains("Close other tabs or apps and try again"));
    assert_eq!(
        stored_vault(&db).await,
        None,
        "no vault was made on the page"
    );
}

#[wasm_bindgen_test]
async fn a_silent_kdf_worker_is_stopped_after_its_timeout_with_a_sentence() {
    let db = fresh_db_name("worker-silent");
    let silent = worker_script("postMessage('ready'); onmessage = () => {};");
    let app = mount_with(with_worker(&db, Some(silent), 400));
    try_create_pin(&app).await;
    wait_for_text(&app, "The key derivation did not finish in time. Try again").await;
    assert_eq!(stored_vault(&db).await, None);
}

#[wasm_bindgen_test]
async fn a_kdf_worker_that_cannot_load_falls_back_to_the_page() {
    let db = fresh_db_name("worker-missing");
    let missing = Some("./no-such-kdf-worker.js".to_owned());
    let app = mount_with(with_worker(&db, missing, 60_000));
    try_create_pin(&app).await;
    wait_for_text(&app, "No soft token identity yet.").await;
    assert!(stored_vault(&db).await.is_some());
}

#[wasm_bindgen_test]
async fn two_tabs_failing_a_pin_at_once_both_count() {
    let db = fresh_db_name("two-tabs");
    let app = mount(&db);
    create_pin(&app).await;
    drop(app);
    let (first, second) = (mount(&db), mount(&db));
    for tab in [&first, &second] {
        wait_for_text(tab, "Enter your PIN").await;
        type_into(tab, "PIN", "97531").await;
    }
    // Both unlocks start in the same task: both read the record before
    // either has written, unless the update is one transaction.
    control(&first.container, "Unlock").unwrap().click();
    control(&second.container, "Unlock").unwrap().click();
    for tab in [&first, &second] {
        wait_for_text(tab, "attempts left.").await;
    }
    let shown = [text_of(&first.container), text_of(&second.container)];
    assert!(
        shown.iter().any(|t| t.contains("4 attempts left.")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|t| t.contains("3 attempts left.")),
        "{shown:?}"
    );
    assert_eq!(stored_attempts(&db).await.failures, 2);
}

/// Waits for the countdown and returns its seconds.
async fn countdown_seconds(app: &Mounted) -> u64 {
    let container = app.container.clone();
    wait_for("a lockout countdown", TIMEOUT, || {
        let text = text_of(&container);
        let (_, rest) = text.split_once("Try again in ")?;
        let (minutes, rest) = rest.split_once(':')?;
        let seconds: u64 = rest.get(..2)?.parse().ok()?;
        Some(minutes.parse::<u64>().ok()? * 60 + seconds)
    })
    .await
}

#[wasm_bindgen_test]
async fn a_lockout_set_by_a_clock_years_ahead_lasts_at_most_an_hour_and_is_written_back() {
    let db = fresh_db_name("clock-ahead");
    let app = mount(&db);
    create_pin(&app).await;
    drop(app);
    let now = js_sys::Date::now() as u64;
    let years_ahead = Attempts {
        failures: 0,
        lockouts: 2,
        locked_until_ms: now + 20 * 365 * 24 * HOUR_MS,
    };
    let store = Store::open(&db).await.unwrap();
    store.write_attempts(&years_ahead).await.unwrap();
    store.close();

    let app = mount(&db);
    let seconds = countdown_seconds(&app).await;
    assert!((3590..=3600).contains(&seconds), "{seconds} s");
    let stored = stored_attempts(&db).await;
    assert!(
        stored.locked_until_ms <= js_sys::Date::now() as u64 + HOUR_MS,
        "the record was brought back within an hour: {stored:?}"
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_attempt_record_is_one_longest_lockout_and_is_rewritten() {
    let db = fresh_db_name("meta-damaged");
    let app = mount(&db);
    create_pin(&app).await;
    drop(app);
    put_raw(&db, "meta", &JsValue::from_str("{not json")).await;

    let app = mount(&db);
    let seconds = countdown_seconds(&app).await;
    assert!((3590..=3600).contains(&seconds), "{seconds} s");
    let stored = stored_attempts(&db).await; // readable again
    assert!(
        stored.locked_for(js_sys::Date::now() as u64).is_some(),
        "{stored:?}"
    );
    assert_eq!(stored.lockouts, 4, "the next lockouts are the longest too");
}

#[wasm_bindgen_test]
async fn locking_while_a_save_is_under_way_keeps_the_key_and_the_codes_gone() {
    let db = fresh_db_name("lock-mid-save");
    let owner = Owner::new();
    let state = owner.with(|| provide_app_state(test_config(&db), false));
    wait_for("the PIN gate", TIMEOUT, || {
        (state.phase.get_untracked() == Phase::NoVault).then_some(())
    })
    .await;
    state
        .create_pin(vault::Pin::new(PIN).unwrap())
        .await
        .unwrap();
    let token = otp::Token::totp(
        otp::Secret::from_slice(b"12345678901234567890"),
        otp::Algorithm::Sha1,
        6,
        30,
    )
    .unwrap();
    let mut identity = vault::Identity::new(
        "saved-while-locking".into(),
        "Mail".into(),
        None,
        0,
        vault::Origin::Added,
    );
    identity.token = Some(vault::StoredToken::from_token(&token));
    let mut save = Box::pin(state.commit(move |stored| {
        stored.identities.push(identity.clone());
        Ok::<(), AppError>(())
    }));
    // The save runs up to its storage write, then the app locks.
    assert!(futures::poll!(&mut save).is_pending());
    state.lock();
    assert_eq!(save.await, Ok(()), "what was written stays written");

    assert_eq!(state.phase.get_untracked(), Phase::Locked);
    assert!(state.document.get_untracked().identities.is_empty());
    let after = state.commit(|_| Ok::<(), AppError>(())).await;
    assert_eq!(after, Err(SessionError::Locked.into()), "no key is held");
    assert_eq!(SessionError::Locked.to_string(), "Soft Token is locked.");
    assert!(stored_vault(&db).await.is_some());
    owner.cleanup();
}

#[wasm_bindgen_test]
async fn an_easy_pin_is_refused_at_create_pin() {
    let app = mount(&fresh_db_name("easy-pin"));
    wait_for_text(&app, "Create PIN").await;
    for easy in ["123456", "0000", "121212", "654321"] {
        type_into(&app, "PIN", easy).await;
        type_into(&app, "Enter the PIN again", easy).await;
        click(&app, "Create PIN").await;
        wait_for_text(&app, "This PIN is too easy to guess").await;
        assert!(text_of(&app.container).contains("Create PIN"));
    }
    create_pin(&app).await;
}

async fn change_pin(app: &Mounted, current: &str, new: &str) {
    type_into(app, "Current PIN", current).await;
    type_into(app, "New PIN", new).await;
    type_into(app, "Enter the new PIN again", new).await;
    click(app, "Change PIN").await;
}

#[wasm_bindgen_test]
async fn changing_the_pin_asks_for_the_current_one_and_refuses_an_easy_one() {
    let db = fresh_db_name("change-pin");
    let app = mount(&db);
    create_pin(&app).await;
    click(&app, "Settings").await;
    wait_for_text(&app, "Change PIN").await;
    change_pin(&app, "97531", "864297").await;
    wait_for_text(&app, "That PIN is not correct. 4 attempts left.").await;
    change_pin(&app, PIN, "1111").await;
    wait_for_text(&app, "This PIN is too easy to guess").await;
    change_pin(&app, PIN, "864297").await;
    wait_for_text(&app, "Your PIN was changed.").await;
    assert_eq!(stored_attempts(&db).await.failures, 0);

    click(&app, "Lock").await;
    type_into(&app, "PIN", "864297").await;
    click(&app, "Unlock").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}
