//! The database's schema, one versioned step at a time.
//!
//! Step `n` (counting from 0) takes a database of version `n` to `n + 1`.
//! The browser runs every step a database lacks in one upgrade
//! transaction: either all of them land, or (a step failed, the tab
//! closed) none does and the database stays at the version it had. A
//! step is written once and never changed after a release has run it;
//! a later schema change is a new step at the end. Steps only shape
//! stores: the document inside the vault record is encrypted, so its own
//! migrations run after unlock (`vault::migrate`).

use idb::{Database, ObjectStoreParams};

pub(super) const VAULT_STORE: &str = "vault";
pub(super) const META_STORE: &str = "meta";

type Step = fn(&Database) -> Result<(), idb::Error>;

/// Version 0 → 1: the vault record's store and the attempt record's.
fn create_vault_and_meta(db: &Database) -> Result<(), idb::Error> {
    for store in [VAULT_STORE, META_STORE] {
        if !db.store_names().iter().any(|name| name == store) {
            db.create_object_store(store, ObjectStoreParams::new())?;
        }
    }
    Ok(())
}

/// A step that exists only in the build the upgrade test makes
/// (`--features next-schema`): a store no release has, so the test can
/// tell the upgraded database from the old one.
#[cfg(feature = "next-schema")]
fn add_test_store(db: &Database) -> Result<(), idb::Error> {
    db.create_object_store("next-schema", ObjectStoreParams::new())
        .map(drop)
}

const STEPS: &[Step] = &[
    create_vault_and_meta,
    #[cfg(feature = "next-schema")]
    add_test_store,
];

/// The version this build opens: one per step.
pub const SCHEMA_VERSION: u32 = STEPS.len() as u32;

/// Runs the steps from `old_version` up to [`SCHEMA_VERSION`].
///
/// # Errors
/// The first step's error; the caller aborts the upgrade transaction, so
/// the steps before it are undone too.
pub(super) fn upgrade(db: &Database, old_version: u32) -> Result<(), idb::Error> {
    let first = usize::try_from(old_version).unwrap_or(usize::MAX);
    STEPS.iter().skip(first).try_for_each(|step| step(db))
}
