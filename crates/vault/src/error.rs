use thiserror::Error;

/// Every way opening or writing a vault can fail. The app turns each into a
/// sentence; none of them is ever answered by deleting the stored record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VaultError {
    #[error("the PIN is not correct")]
    WrongPin,
    #[error("a PIN has 4 to 16 digits")]
    InvalidPin,
    #[error(
        "this PIN is too easy to guess (a common PIN, one digit repeated, a repeating pattern or a straight run); choose another"
    )]
    WeakPin,
    #[error("the stored vault is damaged ({0}); it was left as it is")]
    Corrupt(&'static str),
    #[error(
        "the stored vault was written by a newer version of Soft Token (format {0}); update the app"
    )]
    NewerFormat(u32),
    #[error("the vault has no PIN slot")]
    NoPinSlot,
    #[error(
        "the stored PIN settings are outside what Soft Token accepts (Argon2id: 1 lane, at most 256 MiB and 10 passes, a 16-byte salt); the record was left as it is"
    )]
    KdfParams,
    #[error("no random number source is available")]
    Random,
}
