//! Storage the browser deleted is not a first visit: the app says the
//! tokens are gone and how to restore them, and every first visit offers
//! the restore beside Create PIN.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const GONE: &str = "The tokens stored in this browser are gone.";

/// Deletes the database as eviction does: IndexedDB goes, cookies stay.
async fn evict(db_name: &str) {
    let request = web_sys::window()
        .unwrap()
        .indexed_db()
        .unwrap()
        .unwrap()
        .delete_database(db_name)
        .unwrap();
    let done = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
}

fn cookies() -> String {
    js_sys::Reflect::get(
        &web_sys::window().unwrap().document().unwrap(),
        &"cookie".into(),
    )
    .unwrap()
    .as_string()
    .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_vault_the_browser_deleted_is_reported_as_gone_not_as_a_first_visit() {
    let name = fresh_db_name("evicted");
    let app = mount(&name);
    create_pin(&app).await;
    drop(app);
    let marker = cookies();
    assert!(
        marker.contains(&format!("softtoken-vault-{name}=")),
        "{marker}"
    );
    assert!(!marker.contains(support::PIN), "the mark holds no secret");

    evict(&name).await;
    let app = mount(&name);
    wait_for_text(&app, GONE).await;
    wait_for_text(
        &app,
        "If you have a backup file, choose Restore from a backup.",
    )
    .await;
    // Starting again makes a new vault, and the notice goes.
    type_into(&app, "PIN", PIN).await;
    type_into(&app, "Enter the PIN again", PIN).await;
    click(&app, "Create PIN").await;
    wait_for_text(&app, "No soft token identity yet.").await;
    drop(app);
    let app = mount(&name);
    wait_for_text(&app, "Enter your PIN").await;
    assert!(!text_of(&app.container).contains(GONE));
}

#[wasm_bindgen_test]
async fn a_first_visit_offers_restore_beside_create_pin_and_leads_to_the_backup() {
    let name = fresh_db_name("restore-first");
    let app = mount(&name);
    wait_for_text(&app, "Create PIN").await;
    assert!(
        !text_of(&app.container).contains(GONE),
        "a first visit lost nothing"
    );
    click(&app, "Restore from a backup").await;
    wait_for_text(&app, "First choose a PIN for Soft Token in this browser.").await;
    type_into(&app, "PIN", PIN).await;
    type_into(&app, "Enter the PIN again", PIN).await;
    click(&app, "Create PIN and open a backup").await;
    wait_for_text(&app, "Open a backup file").await;
}
