use thiserror::Error;

/// Every way opening or writing a vault can fail. Each message is the
/// sentence the app shows; none of them is ever answered by deleting the stored record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VaultError {
    #[error("That PIN is not correct.")]
    WrongPin,
    #[error("A PIN has 4 to 16 digits.")]
    InvalidPin,
    #[error("A password has 10 to 128 characters.")]
    InvalidPassword,
    #[error(
        "This PIN is too easy to guess (a common PIN, one digit repeated, a repeating pattern or a straight run). Choose another."
    )]
    WeakPin,
    #[error(
        "The stored tokens could not be read: the record is damaged. It was left as it is; nothing was deleted."
    )]
    Corrupt(&'static str),
    #[error(
        "The stored vault was written by a newer version of Soft Token (format {0}). Update the app."
    )]
    NewerFormat(u32),
    #[error(
        "Your tokens were saved by a newer version of Soft Token (document schema {0}). Reload to get the newer version; nothing was changed."
    )]
    NewerDocument(u32),
    #[error("The stored vault has no PIN slot, so a PIN cannot open it. It was left as it is.")]
    NoPinSlot,
    #[error(
        "The stored PIN settings are outside what Soft Token accepts (Argon2id: 1 lane, at most 256 MiB and 10 passes, a 16-byte salt). The record was left as it is."
    )]
    KdfParams,
    #[error("That passkey is not one of this vault's passkeys. Use another, or your PIN.")]
    UnknownPasskey,
    #[error("That passkey did not open the vault. Use your PIN, or another passkey.")]
    WrongPasskey,
    #[error("The passkey gave an answer Soft Token cannot use. Try again, or use your PIN.")]
    PrfOutput,
    #[error("Enter your PIN too: this vault opens only with the PIN and a passkey together.")]
    PinNeeded,
    #[error(
        "This is the last passkey, and the PIN opens nothing without one. Turn off \u{201c}Require a passkey with the PIN\u{201d} first."
    )]
    LastRequiredPasskey,
    #[error(
        "The passkey \u{201c}{0}\u{201d} did not answer, so nothing was changed. Try again with it, or remove it first."
    )]
    PasskeyDidNotAnswer(String),
    #[error("Your passkeys must answer to change the PIN, since the vault needs both.")]
    PasskeysNeeded,
    #[error("That Unlock Code is not correct. Check it with Self-Service, then type it again.")]
    WrongUnlockCode,
    #[error("This identity cannot reset the PIN. Restore from a backup instead.")]
    NoRecovery,
    #[error("This browser gave no random numbers, so nothing was changed. Try another browser.")]
    Random,
}
