use thiserror::Error;

/// Every way opening or writing a vault can fail. The app turns each into a
/// sentence; none of them is ever answered by deleting the stored record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VaultError {
    #[error("the PIN is not correct")]
    WrongPin,
    #[error("a PIN has 4 to 16 digits")]
    InvalidPin,
    #[error("the stored vault is damaged ({0}); it was left as it is")]
    Corrupt(&'static str),
    #[error(
        "the stored vault was written by a newer version of Soft Token (format {0}); update the app"
    )]
    NewerFormat(u32),
    #[error("the vault has no PIN slot")]
    NoPinSlot,
    #[error("the key derivation parameters are out of range")]
    KdfParams,
    #[error("no random number source is available")]
    Random,
}
