//! What the browser tells an open connection, and why one closed.

use super::StorageError;

/// What the browser may tell an open connection while it is in use.
#[derive(Default)]
pub struct Events {
    /// The database did not exist (and so holds no vault): called before
    /// it has finished opening.
    pub on_created: Option<Box<dyn FnOnce()>>,
    /// Another tab holds an older version open, so opening waits for it.
    pub on_blocked: Option<Box<dyn FnOnce()>>,
    /// The connection closed under the app: another tab opened a newer
    /// version ([`StorageError::Upgraded`]), or the browser closed it itself
    /// (a full disk, site data cleared: [`StorageError::ClosedByBrowser`]).
    pub on_closed: Option<Box<dyn Fn(StorageError)>>,
}

/// Why a connection closed under the app.
#[derive(Clone, Copy)]
pub(super) enum Closed {
    Upgraded,
    ClosedByBrowser,
}

impl Closed {
    pub(super) fn error(self) -> StorageError {
        match self {
            Self::Upgraded => StorageError::Upgraded,
            Self::ClosedByBrowser => StorageError::ClosedByBrowser,
        }
    }
}
