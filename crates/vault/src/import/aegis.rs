//! Aegis's and Soft Token's own backups (`backup/`, docs/backup-format.md),
//! plain or encrypted, through the importers' one entry point.

use super::locked::{Lock, LockedExport};
use super::{App, ImportError, Imported, Opened};
use crate::backup::{self, Backup};
use serde_json::Value;

pub(super) fn read(value: Value) -> Result<Opened, ImportError> {
    Ok(match backup::read_json(value)? {
        Backup::Plain { entries, skipped } => Opened::Read(Imported {
            app: App::Aegis,
            entries,
            skipped,
        }),
        Backup::Encrypted(locked) => {
            Opened::Locked(LockedExport::new(App::Aegis, Lock::Aegis(locked)))
        }
    })
}
