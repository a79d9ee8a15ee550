//! Failed-PIN accounting. Stored unencrypted (it must be readable before
//! unlock) and pure: the time is an argument.
//!
//! The counter is incremented *before* a PIN is checked ([`Attempts::begin`]),
//! and the record written, so closing the tab mid-check does not reset it.
//! After [`Attempts::ALLOWED_FAILURES`] consecutive failures the app locks for
//! 1 min, then 5 min, then 15 min, then 1 h each further time.
//!
//! No lockout outlasts the longest step ([`Attempts::LONGEST_LOCKOUT_MS`]),
//! whatever the clock said when it was set: a clock that was far ahead
//! must not lock a person out for years (they would clear the site's data,
//! and lose the vault with it).

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
            _ => Self::LONGEST_LOCKOUT_MS,
        }
    }

    /// The longest lockout: no lockout in force lasts longer from now.
    pub const LONGEST_LOCKOUT_MS: u64 = 60 * 60_000;
    /// The lockout count from which every lockout is the longest.
    const LONGEST_STAGE: u32 = 3;

    /// Milliseconds left in a lockout, if one is in force; never more than
    /// [`Attempts::LONGEST_LOCKOUT_MS`].
    pub fn locked_for(&self, now_ms: u64) -> Option<u64> {
        (self.locked_until_ms > now_ms)
            .then(|| (self.locked_until_ms - now_ms).min(Self::LONGEST_LOCKOUT_MS))
    }

    /// Brings a lockout set by a clock that was ahead back to at most the
    /// longest lockout from `now_ms`, so it ends. True when it changed
    /// anything (the record should then be written back).
    pub fn clamp(&mut self, now_ms: u64) -> bool {
        let latest = now_ms.saturating_add(Self::LONGEST_LOCKOUT_MS);
        let changed = self.locked_until_ms > latest;
        if changed {
            self.locked_until_ms = latest;
        }
        changed
    }

    /// What an unreadable record stands for: one longest lockout from
    /// `now_ms`. Damage must not hand out fresh attempts, nor lock for ever.
    pub fn after_damage(now_ms: u64) -> Self {
        Self {
            failures: 0,
            lockouts: Self::LONGEST_STAGE + 1,
            locked_until_ms: now_ms.saturating_add(Self::LONGEST_LOCKOUT_MS),
        }
    }

    /// Counts an attempt before its PIN is checked.
    pub fn begin(&mut self) {
        self.failures = self.failures.saturating_add(1);
    }

    /// The PIN was right.
    pub fn succeeded(&mut self) {
        *self = Self::default();
    }

    /// The PIN was wrong: locks when the allowance is used up. A later
    /// lockout already in the record (another tab's) is kept.
    pub fn failed(&mut self, now_ms: u64) {
        if self.failures >= Self::ALLOWED_FAILURES {
            self.locked_until_ms = self
                .locked_until_ms
                .max(now_ms.saturating_add(Self::lockout_ms(self.lockouts)));
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
    fn a_lockout_set_by_a_clock_years_ahead_ends_within_the_longest_lockout() {
        let now = 1_700_000_000_000;
        let ten_years = 10 * 365 * 24 * 3_600_000;
        let mut attempts = Attempts {
            failures: 0,
            lockouts: 1,
            locked_until_ms: now + ten_years,
        };
        assert_eq!(attempts.locked_for(now), Some(Attempts::LONGEST_LOCKOUT_MS));
        assert!(attempts.clamp(now));
        assert!(!attempts.clamp(now), "clamping twice changes nothing");
        assert_eq!(
            attempts.locked_for(now + Attempts::LONGEST_LOCKOUT_MS),
            None
        );
        // A lockout within the bound is left as it is.
        let mut short = Attempts {
            locked_until_ms: now + 60_000,
            ..Attempts::default()
        };
        assert!(!short.clamp(now));
        assert_eq!(short.locked_for(now), Some(60_000));
    }

    #[test]
    fn damage_counts_as_one_longest_lockout_then_longest_ones() {
        let now = 5_000_000;
        let mut attempts = Attempts::after_damage(now);
        assert_eq!(attempts.locked_for(now), Some(Attempts::LONGEST_LOCKOUT_MS));
        let later = now + Attempts::LONGEST_LOCKOUT_MS;
        assert_eq!(attempts.locked_for(later), None);
        for _ in 0..Attempts::ALLOWED_FAILURES {
            fail(&mut attempts, later);
        }
        assert_eq!(
            attempts.locked_for(later),
            Some(Attempts::LONGEST_LOCKOUT_MS)
        );
    }

    #[test]
    fn a_failure_keeps_a_later_lockout_another_tab_set() {
        let now = 9_000_000;
        let mut attempts = Attempts {
            failures: Attempts::ALLOWED_FAILURES - 1,
            lockouts: 0,
            locked_until_ms: now + 30 * 60_000,
        };
        fail(&mut attempts, now);
        assert_eq!(attempts.locked_for(now), Some(30 * 60_000));
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
