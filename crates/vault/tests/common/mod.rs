//! What the slot tests share: small KDF costs, a derivation run here, and
//! a way to poll the envelopes' futures, which never wait.
#![allow(dead_code)]

use vault::kdf::{DerivedKey, KdfCosts, KdfRequest};
use vault::{Entropy, VaultError};

/// Polls a future that never waits (every `derive` here answers at once).
pub fn ready<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("waited on something else"),
    }
}

/// Small costs keep the native tests fast; the format is the same.
pub const COSTS: KdfCosts = KdfCosts {
    memory_kib: 256,
    iterations: 1,
};

/// Runs a request here.
pub async fn derive(request: KdfRequest) -> Result<DerivedKey, VaultError> {
    Ok(request.run()?)
}

/// Bytes counting up from 1: a random source whose bytes a test knows
/// (the data key, the known-answer examples).
pub struct Sequence(pub u8);

impl Entropy for Sequence {
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), VaultError> {
        for byte in bytes {
            self.0 = self.0.wrapping_add(1);
            *byte = self.0;
        }
        Ok(())
    }
}
