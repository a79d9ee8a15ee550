//! The stored records as the raw IndexedDB API sees them, for the tests
//! that must write what the app never would (a damaged or foreign record)
//! or read what it stored without the app's own parsing. Each record is the
//! one value of the object store of the same name (`vault`, `meta`).

use wasm_bindgen::JsValue;

async fn open(db_name: &str) -> idb::Database {
    idb::Factory::new()
        .unwrap()
        .open(db_name, None)
        .unwrap()
        .await
        .unwrap()
}

/// Writes `value` as the record `record` of database `db_name`.
pub async fn put_raw(db_name: &str, record: &str, value: &JsValue) {
    let db = open(db_name).await;
    let tx = db
        .transaction(&[record], idb::TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store(record)
        .unwrap()
        .put(value, Some(&JsValue::from_str(record)))
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
}

/// The record `record` of database `db_name`, as stored.
pub async fn get_raw(db_name: &str, record: &str) -> Option<JsValue> {
    let db = open(db_name).await;
    let tx = db
        .transaction(&[record], idb::TransactionMode::ReadOnly)
        .unwrap();
    let value = tx
        .object_store(record)
        .unwrap()
        .get(JsValue::from_str(record))
        .unwrap()
        .await
        .unwrap();
    db.close();
    value
}
