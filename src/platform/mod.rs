//! Browser adapters: each wraps one browser API for the state layer, and
//! only the state layer uses them.
pub mod backup_reminder;
pub mod clipboard;
pub mod clock;
pub mod download;
pub mod home_screen;
pub mod icons;
pub mod language;
pub mod marker;
pub mod panic;
pub mod persist;
pub mod preferences;
pub mod storage;
pub mod sync;
pub mod updates;
pub mod web_lock;
pub mod webauthn;
