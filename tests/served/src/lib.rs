//! Harness for the served-build layer: serves `dist/` (the output of
//! `trunk build --release`) on 127.0.0.1, starts chromedriver, and opens a
//! headless Chromium with a fresh profile for each test.
//!
//! Only this machine's loopback is ever contacted.

pub mod browser;
pub mod pictures;
pub mod rounds;
pub mod selfservice;
pub mod server;
pub mod shots;

pub use browser::{Browser, Engine};
pub use server::StaticServer;

use std::path::PathBuf;
use std::time::Duration;

/// The release build the tests serve; `make test` builds it first.
/// `from`'s files and folders (the brand icons, the language catalogs)
/// into `to`.
///
/// # Errors
/// The first file or folder that cannot be read or written.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

pub fn dist_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist");
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {}: run `make test` (or `trunk build --release`) first",
        dir.display()
    );
    dir
}

/// The next release as the upgrade test needs it: this build with one
/// more database schema step and one more document step (the
/// `next-schema` feature), built by scripts/build-next-schema.sh.
pub fn next_schema_dist_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/dist-next-schema");
    assert!(
        dir.join("index.html").is_file(),
        "no next-schema build at {}: run `make test-served` (or scripts/build-next-schema.sh) first",
        dir.display()
    );
    dir
}

/// Polls `condition` until it returns `Some`, or fails after `timeout`.
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut condition: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(value) = condition().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
