//! Soft Token, the browser app: screens (Leptos components) over app state,
//! over the vault, over IndexedDB. Data flows one way, storage → vault →
//! state → screens; nothing here computes a code or touches key material
//! except through the `otp` and `vault` crates.

pub mod adding;
pub mod app;
pub mod backup_reminder;
pub mod components;
pub mod kdf;
pub mod pages;
pub mod panic;
pub mod persist;
pub mod preferences;
pub mod qr_image;
pub mod qr_worker;
pub mod state;
pub mod storage;
pub mod sync;
pub mod updates;
pub mod web_lock;

pub use app::App;
pub use state::AppConfig;
