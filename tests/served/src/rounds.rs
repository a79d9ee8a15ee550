//! The reliability suite's knobs and its one source of chance.
//!
//! `RELIABILITY_ROUNDS` sets how many rounds a test runs (each test has
//! its own default, sized for `make test`); `RELIABILITY_SEED` replays a
//! run, whose seed every test prints.

/// The rounds to run: `RELIABILITY_ROUNDS`, or `default`.
pub fn rounds(default: u32) -> u32 {
    std::env::var("RELIABILITY_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// A small xorshift generator: the moments of the faults, not secrets.
pub struct Chance(u64);

impl Chance {
    /// Seeded by `RELIABILITY_SEED`, or by the clock (and printed).
    pub fn from_env() -> Self {
        let seed = std::env::var("RELIABILITY_SEED")
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            })
            .max(1);
        println!("RELIABILITY_SEED={seed}");
        Self(seed)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

/// A secret of its own for each name (the same secret twice would be a
/// duplicate, which the preview holds back).
pub fn secret_for(name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut secret = String::new();
    for round in 0..2u8 {
        for byte in name.bytes().chain([round]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        for shift in (0..60).step_by(5).take(8) {
            secret.push(char::from(ALPHABET[((hash >> shift) & 31) as usize]));
        }
    }
    secret
}
