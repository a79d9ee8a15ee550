//! Failed-PIN accounting. Stored unencrypted (it must be readable before
//! unlock) and pure: the time is an argument.
//!
//! The counter is incremented *before* a PIN is checked ([`Attempts::begin`]),
//! and the record written, so closing the tab mid-check does not reset it.
//! After [`Attempts::ALLOWED_FAILURES`] consecutive failures the app locks for
//! 1 min, then 5 min, then 15 min, then 1 h each further time.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    /// Attempts begun since the last success or lockout.
    pub failures: u32,
    /// Lockouts since the last success: sets the next lockout's length.
    pub lockouts: u32,
    /// Unix milliseconds until which no PIN is checked.
    pub locked_until_ms: u64,
}

impl Attempts {
    pub const ALLOWED_FAILURES: u32 = 5;

    /// How long the n-th lockout (0-based) lasts, in milliseconds.
    pub fn lockout_ms(lockouts: u32) -> u64 {
        const MINUTE: u64 = 60_000;
        match lockouts {
            0 => MINUTE,
            1 => 5 * MINUTE,
            2 => 15 * MINUTE,
            _ => 60 * MINUTE,
        }
    }

    /// Milliseconds left in a lockout, if one is in force.
    pub fn locked_for(&self, now_ms: u64) -> Option<u64> {
        (self.locked_until_ms > now_ms).then(|| self.locked_until_ms - now_ms)
    }

    /// Counts an attempt before its PIN is checked.
    pub fn begin(&mut self) {
        self.failures = self.failures.saturating_add(1);
    }

    /// The PIN was right.
    pub fn succeeded(&mut self) {
        *self = Self::default();
    }

    /// The PIN was wrong: locks when the allowance is used up.
    pub fn failed(&mut self, now_ms: u64) {
        if self.failures >= Self::ALLOWED_FAILURES {
            self.locked_until_ms = now_ms + Self::lockout_ms(self.lockouts);
            self.lockouts = self.lockouts.saturating_add(1);
            self.failures = 0;
        }
    }

    /// Attempts left before the next lockout.
    pub fn remaining(&self) -> u32 {
        Self::ALLOWED_FAILURES.saturating_sub(self.failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(attempts: &mut Attempts, now: u64) {
        attempts.begin();
        attempts.failed(now);
    }

    #[test]
    fn five_failures_lock_for_growing_times() {
        let mut attempts = Attempts::default();
        let mut now = 1_000_000;
        for expected_left in [4, 3, 2, 1] {
            fail(&mut attempts, now);
            assert_eq!(attempts.remaining(), expected_left);
            assert_eq!(attempts.locked_for(now), None);
        }
        for minutes in [1u64, 5, 15, 60, 60] {
            if attempts.locked_for(now).is_none() {
                while attempts.locked_for(now).is_none() {
                    fail(&mut attempts, now);
                }
            }
            assert_eq!(attempts.locked_for(now), Some(minutes * 60_000));
            now += minutes * 60_000;
            assert_eq!(attempts.locked_for(now), None);
            assert_eq!(attempts.remaining(), 5);
        }
    }

    #[test]
    fn an_attempt_interrupted_mid_check_still_counts() {
        let mut attempts = Attempts::default();
        attempts.begin(); // the tab closed before the PIN was checked
        let stored = serde_json::to_string(&attempts).unwrap();
        let reloaded: Attempts = serde_json::from_str(&stored).unwrap();
        assert_eq!(reloaded.remaining(), 4);
    }

    #[test]
    fn success_clears_everything() {
        let mut attempts = Attempts {
            failures: 3,
            lockouts: 2,
            locked_until_ms: 0,
        };
        attempts.begin();
        attempts.succeeded();
        assert_eq!(attempts, Attempts::default());
    }
}
