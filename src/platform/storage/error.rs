//! What can go wrong with storage, each with the sentence the user sees,
//! and how the browser's errors map onto it.

/// A storage failure. None of them deletes or changes what is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error(
        "This browser does not let Soft Token store data here (a private window can do this). Open Soft Token in a normal window."
    )]
    Unavailable,
    #[error(
        "Another Soft Token tab is using an older version of its storage. Close the other Soft Token tabs (or reload them); this one opens as soon as they do."
    )]
    Blocked,
    #[error(
        "A newer version of Soft Token has stored your tokens in this browser. Reload this tab to get the newer version; nothing was changed."
    )]
    NewerVersion,
    #[error(
        "Soft Token was updated in another tab. Reload this tab to go on; your tokens are safe and nothing was lost."
    )]
    Upgraded,
    #[error(
        "The browser closed Soft Token's storage while it was open: the device may be out of space, or this site's data was cleared. The last change may not be saved. Free some space if the device is full, then reload this tab."
    )]
    ClosedByBrowser,
    #[error(
        "The device is out of storage space, so the change was not saved. Free some space and try again; your tokens are unchanged."
    )]
    Quota,
    #[error(
        "Another tab changed your tokens at the same moment. The latest version was loaded; try again if your change is missing."
    )]
    Conflict,
    #[error("The stored data could not be read. It was left as it is; nothing was deleted.")]
    Damaged,
    #[error("Storage failed ({0}). Nothing was changed; try again.")]
    Failed(String),
}

impl StorageError {
    /// A request's or transaction's failure, told apart by the
    /// `DOMException` name the browser gave.
    pub(super) fn from_idb(error: idb::Error) -> Self {
        let text = error.to_string();
        if text.contains("QuotaExceeded") {
            Self::Quota
        } else {
            Self::Failed(text)
        }
    }
}
