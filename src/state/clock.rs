//! The clock check of the initial screen: whether this device's clock is
//! far enough from its server's that time-based codes may be refused.
//! Checked once when asked, and again each time the device reconnects;
//! offline, the answer is that nothing is known.

use crate::platform::clock::{offset_from_origin, reconnections};
use leptos::prelude::*;
use otp::clock::ClockOffset;

/// The device clock's offset from the server, for as long as the calling
/// owner lives; `None` (or not yet loaded) says nothing is known.
pub fn clock_check() -> LocalResource<Option<ClockOffset>> {
    let reconnected = reconnections();
    LocalResource::new(move || {
        reconnected.track();
        offset_from_origin()
    })
}
