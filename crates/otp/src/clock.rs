//! How far a device's clock is from a server's, from one HTTP exchange, so
//! that a person whose time-based codes are refused learns why.
//!
//! A server's `Date` header has whole seconds: the server's time when it
//! answered lies in `[date, date + 1 s)`, and the answer was made somewhere
//! between the request leaving and the response arriving. The estimate
//! takes the middle of both, so its error is at most half a second plus
//! half the round trip. Pure: every time is an argument.

/// A clock offset this small is left unsaid: a code is accepted across a
/// step's boundary by most servers, and the estimate itself is only good
/// to a second or so.
pub const TOLERATED_OFFSET_MS: i64 = 15_000;

/// Round trips longer than this say too little about when the server
/// answered (a phone waking its radio): their estimate is not used.
pub const LONGEST_USEFUL_ROUND_TRIP_MS: u64 = 10_000;

/// The device's clock against the server's, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockOffset {
    /// Positive when the device's clock is behind the server's.
    pub behind_ms: i64,
}

impl ClockOffset {
    /// The offset measured by one request sent at `sent_ms` and answered at
    /// `received_ms` (device time, Unix milliseconds) with a `Date` header
    /// of `server_seconds` (Unix seconds). `None` when the round trip is
    /// too long, or runs backwards (the device's clock was set during it).
    pub fn measure(server_seconds: i64, sent_ms: u64, received_ms: u64) -> Option<Self> {
        let round_trip = received_ms.checked_sub(sent_ms)?;
        if round_trip > LONGEST_USEFUL_ROUND_TRIP_MS {
            return None;
        }
        let device_ms = i64::try_from(sent_ms + round_trip / 2).ok()?;
        let server_ms = server_seconds.checked_mul(1000)?.checked_add(500)?;
        Some(Self {
            behind_ms: server_ms.checked_sub(device_ms)?,
        })
    }

    /// Whether a person should be told: more than [`TOLERATED_OFFSET_MS`]
    /// either way.
    pub fn is_significant(self) -> bool {
        self.behind_ms.unsigned_abs() > TOLERATED_OFFSET_MS.unsigned_abs()
    }

    /// The offset in whole seconds, rounded to the nearest: positive when
    /// the device is behind.
    pub fn seconds(self) -> i64 {
        let magnitude = (self.behind_ms.unsigned_abs() + 500) / 1000;
        let magnitude = i64::try_from(magnitude).unwrap_or(i64::MAX);
        if self.behind_ms < 0 {
            -magnitude
        } else {
            magnitude
        }
    }

    /// How far and which way, as a person says it: "47 seconds behind",
    /// "3 minutes ahead", "5 hours behind", "2 days ahead" (each unit
    /// until two of the next, rounded to the nearest).
    pub fn describe(self) -> String {
        let seconds = self.seconds().unsigned_abs();
        let (amount, unit) = match seconds {
            0..120 => (seconds, "second"),
            120..7_200 => ((seconds + 30) / 60, "minute"),
            7_200..172_800 => ((seconds + 1_800) / 3_600, "hour"),
            _ => ((seconds + 43_200) / 86_400, "day"),
        };
        let plural = if amount == 1 { "" } else { "s" };
        let way = if self.behind_ms < 0 {
            "ahead"
        } else {
            "behind"
        };
        format!("{amount} {unit}{plural} {way}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-04 18:00:00 UTC.
    const SERVER_SECONDS: i64 = 1_796_407_200;

    #[test]
    fn a_device_47_seconds_behind_measures_47() {
        let device = (SERVER_SECONDS - 47) as u64 * 1000;
        // A 120 ms round trip, the server answering half-way through its second.
        let offset = ClockOffset::measure(SERVER_SECONDS, device, device + 120).unwrap();
        assert_eq!(offset.seconds(), 47);
        assert!(offset.is_significant());
    }

    #[test]
    fn a_device_ahead_measures_negative() {
        let device = (SERVER_SECONDS + 125) as u64 * 1000;
        let offset = ClockOffset::measure(SERVER_SECONDS, device, device + 40).unwrap();
        assert_eq!(offset.seconds(), -125);
        assert!(offset.is_significant());
    }

    #[test]
    fn fifteen_seconds_or_less_is_left_unsaid() {
        for seconds in [-15, -3, 0, 14, 15] {
            let device = (SERVER_SECONDS - seconds) as u64 * 1000 + 500;
            let offset = ClockOffset::measure(SERVER_SECONDS, device, device).unwrap();
            assert!(!offset.is_significant(), "{seconds} s: {offset:?}");
        }
        let device = (SERVER_SECONDS - 16) as u64 * 1000 + 500;
        assert!(
            ClockOffset::measure(SERVER_SECONDS, device, device)
                .unwrap()
                .is_significant()
        );
    }

    #[test]
    fn the_error_is_at_most_half_a_second_plus_half_the_round_trip() {
        // The server's true time anywhere in its second, any round trip up
        // to the limit: the estimate is within the bound.
        for true_offset_ms in [0_i64, 999] {
            for round_trip in [0_u64, 300, LONGEST_USEFUL_ROUND_TRIP_MS] {
                for answered_at in [0, round_trip / 2, round_trip] {
                    let sent = 1_796_400_000_000_u64;
                    let server_true_ms = (sent + answered_at) as i64 + 30_000 + true_offset_ms;
                    let offset =
                        ClockOffset::measure(server_true_ms / 1000, sent, sent + round_trip)
                            .unwrap();
                    let error = (offset.behind_ms - 30_000 - true_offset_ms).unsigned_abs();
                    assert!(error <= 500 + round_trip / 2 + 1, "error {error} ms");
                }
            }
        }
    }

    #[test]
    fn offsets_are_said_in_the_unit_a_person_would_use() {
        let said = |behind_seconds: i64| {
            ClockOffset {
                behind_ms: behind_seconds * 1000,
            }
            .describe()
        };
        assert_eq!(said(47), "47 seconds behind");
        assert_eq!(said(-1), "1 second ahead");
        assert_eq!(said(119), "119 seconds behind");
        assert_eq!(said(-150), "3 minutes ahead");
        assert_eq!(said(3_600), "60 minutes behind");
        assert_eq!(said(5 * 3_600 + 1_000), "5 hours behind");
        assert_eq!(said(-3 * 86_400), "3 days ahead");
    }

    #[test]
    fn a_long_or_backward_round_trip_measures_nothing() {
        let sent = 1_796_400_000_000_u64;
        assert_eq!(
            ClockOffset::measure(
                SERVER_SECONDS,
                sent,
                sent + LONGEST_USEFUL_ROUND_TRIP_MS + 1
            ),
            None
        );
        assert_eq!(ClockOffset::measure(SERVER_SECONDS, sent, sent - 1), None);
        assert_eq!(ClockOffset::measure(i64::MAX, sent, sent), None);
    }
}
