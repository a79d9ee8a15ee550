//! Soft Token, the browser app: screens (Leptos components) over app state,
//! over the vault, over IndexedDB. Data flows one way, storage → vault →
//! state → screens; nothing here computes a code or touches key material
//! except through the `otp` and `vault` crates.

pub mod app;
pub mod panic;

pub use app::App;
