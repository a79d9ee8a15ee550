//! Settings fixed for the life of the app: the defaults in a release
//! build; the browser tests pass their own (a fresh database, small KDF
//! costs, no workers).

use vault::{KdfCosts, KdfParams};

#[derive(Clone, Debug)]
pub struct AppConfig {
    pub db_name: String,
    pub kdf_memory_kib: u32,
    pub kdf_iterations: u32,
    /// The KDF worker's script; `None` derives on the page.
    pub kdf_worker: Option<String>,
    /// How long a started KDF worker may take before it counts as silent.
    pub kdf_timeout_ms: u32,
    /// The QR worker's script; `None` reads QR codes on the page.
    pub qr_worker: Option<String>,
    /// Overrides the user's auto-lock time (tests use seconds, not minutes).
    pub auto_lock_after_ms: Option<u64>,
    /// The service worker to register; `None` in debug builds, whose
    /// rebuilds `trunk serve` reloads and a cache would hide.
    pub service_worker: Option<String>,
    /// Where the messages' catalogs come from.
    pub catalogs: super::Catalogs,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            db_name: crate::platform::storage::DEFAULT_DB_NAME.to_owned(),
            kdf_memory_kib: KdfParams::DEFAULT_MEMORY_KIB,
            kdf_iterations: KdfParams::DEFAULT_ITERATIONS,
            kdf_worker: Some(crate::workers::kdf::DEFAULT_WORKER_URL.to_owned()),
            // Argon2id at the caps (256 MiB, 10 passes) on a slow phone.
            kdf_timeout_ms: 60_000,
            qr_worker: Some(crate::workers::qr::DEFAULT_WORKER_URL.to_owned()),
            auto_lock_after_ms: None,
            service_worker: (!cfg!(debug_assertions))
                .then(|| crate::platform::updates::DEFAULT_SERVICE_WORKER_URL.to_owned()),
            catalogs: super::Catalogs::Fetched,
        }
    }
}

impl AppConfig {
    /// What a new PIN slot costs.
    pub fn kdf_costs(&self) -> KdfCosts {
        KdfCosts {
            memory_kib: self.kdf_memory_kib,
            iterations: self.kdf_iterations,
        }
    }

    /// Where derivations run.
    pub fn kdf_runner(&self) -> crate::workers::kdf::KdfRunner {
        crate::workers::kdf::KdfRunner {
            worker_url: self.kdf_worker.clone(),
            timeout_ms: self.kdf_timeout_ms,
        }
    }
}
