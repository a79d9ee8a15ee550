//! Soft Token, the browser app, in layers (see `docs/architecture.md`):
//! - `ui/`: screens and components (Leptos); they read the state's signals
//!   and call its methods, nothing below it;
//! - `state/`: the context the screens ask: session, writes, the
//!   document's operations, backups, errors and their sentences;
//! - `platform/`: browser adapters (IndexedDB, other tabs, persistence,
//!   preferences, updates, downloads, Web Locks, the panic hook);
//! - `workers/`: the clients of the KDF and QR Web Workers (their binaries
//!   are in `src/bin/`).
//!
//! Data flows one way, storage → vault → state → screens; nothing here
//! computes a code or touches key material except through the `otp` and
//! `vault` crates.

pub mod app;
pub mod platform;
pub mod state;
pub mod ui;
pub mod workers;

pub use app::App;
pub use state::AppConfig;
