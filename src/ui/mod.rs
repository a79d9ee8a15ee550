//! What the person sees: one file per screen in `pages/`, pieces shared by
//! several in `components/`, and `split.rs`, which loads the screens after
//! the PIN gate in their own WASM chunk. Screens import `crate::state` (and
//! `otp`/`vault` types to display), nothing below it: `scripts/check-layers.sh`
//! keeps that true.
pub mod components;
pub mod pages;
pub mod split;
