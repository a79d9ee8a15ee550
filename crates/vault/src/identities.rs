//! The document's operations, as the screens use them: add (leaving out a
//! token already stored unless asked), rename, delete, clear for
//! Reactivate, finish an activation, step an HOTP counter, and the views a
//! backup or an export is written from. Each is a pure method; identity ids
//! and the time come from the caller.
//!
//! Contract: an operation that fails leaves the document as it was, and
//! says why with a [`DocumentError`] whose message is a sentence.

use crate::document::{ActivationDetails, Entry};
use crate::{Document, Identity, Origin, StoredToken};
use otp::Kind;
use zeroize::Zeroizing;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("This soft token identity no longer exists.")]
    NoSuchIdentity,
    #[error("Enter a name.")]
    EmptyName,
    #[error("This identity has no token.")]
    NoToken,
    #[error("This token is already stored.")]
    AlreadyStored,
    #[error("Enter a name for the group.")]
    EmptyGroupName,
    #[error("A group name can be at most 40 characters.")]
    GroupNameTooLong,
    #[error("A group with this name exists already.")]
    GroupExists,
    #[error("This group no longer exists.")]
    NoSuchGroup,
}

/// Whether [`Document::add`] may add a token that is stored already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    LeaveOut,
    AddAgain,
}

/// What an activation produced, for [`Document::finish_activation`].
#[derive(Debug, Clone)]
pub struct Activation {
    /// `NNNNN-NNNNN`
    pub serial: String,
    /// `NNNNN-NNNNN`, shown until Self-Service has it.
    pub registration_code: String,
    pub token: StoredToken,
}

/// Which identity an activation is for.
#[derive(Debug, Clone)]
pub enum ActivationTarget {
    /// An identity that Reactivate cleared (or one being activated anew).
    Existing(String),
    /// A new identity with this id and name.
    New { id: String, name: String },
}

/// The same secret and parameters; an HOTP counter that moved on is still
/// the same token.
fn same_token(a: &StoredToken, b: &StoredToken) -> bool {
    let same_kind = match (a.kind, b.kind) {
        (Kind::Hotp { .. }, Kind::Hotp { .. }) => true,
        (Kind::Ocra { suite: left, .. }, Kind::Ocra { suite: right, .. }) => left == right,
        (left, right) => left == right,
    };
    same_kind && a.secret == b.secret && a.algorithm == b.algorithm && a.digits == b.digits
}

impl Entry {
    /// How the identity made from this entry records where it came from.
    pub fn origin(&self) -> Origin {
        match &self.activation {
            Some(ActivationDetails {
                serial,
                activated_at,
            }) => Origin::Activation {
                serial: serial.clone(),
                activated_at: *activated_at,
                registration_code: None,
            },
            None => Origin::Added,
        }
    }
}

impl Document {
    pub fn identity(&self, id: &str) -> Option<&Identity> {
        self.identities.iter().find(|identity| identity.id == id)
    }

    pub(crate) fn identity_mut(&mut self, id: &str) -> Result<&mut Identity, DocumentError> {
        self.identities
            .iter_mut()
            .find(|identity| identity.id == id)
            .ok_or(DocumentError::NoSuchIdentity)
    }

    /// The stored identity holding the same token as `entry`, if any.
    pub fn find_duplicate(&self, entry: &Entry) -> Option<&Identity> {
        let candidate = StoredToken::from_token(&entry.token);
        self.identities.iter().find(|identity| {
            identity
                .token
                .as_ref()
                .is_some_and(|stored| same_token(stored, &candidate))
        })
    }

    /// Adds `entry` as identity `id`, created at `now_ms`.
    ///
    /// # Errors
    /// [`DocumentError::AlreadyStored`] when the same token is stored and
    /// `duplicates` is [`Duplicates::LeaveOut`]; nothing is added then.
    pub fn add(
        &mut self,
        entry: &Entry,
        duplicates: Duplicates,
        id: String,
        now_ms: u64,
    ) -> Result<(), DocumentError> {
        if duplicates == Duplicates::LeaveOut && self.find_duplicate(entry).is_some() {
            return Err(DocumentError::AlreadyStored);
        }
        let mut identity = Identity::new(
            id,
            entry.name.clone(),
            entry.issuer.clone(),
            now_ms,
            entry.origin(),
        );
        identity.token = Some(StoredToken::from_token(&entry.token));
        identity.favourite = entry.favourite;
        for group in &entry.groups {
            if let Some(name) = self.add_group_named(group)
                && !identity.groups.contains(&name)
            {
                identity.groups.push(name);
            }
        }
        self.identities.push(identity);
        Ok(())
    }

    /// Adds each entry that [`Document::add`] accepts, ids from `new_id`;
    /// returns how many were added (a token stored since the preview, by
    /// another tab, is left out).
    pub fn add_all(
        &mut self,
        entries: &[(Entry, Duplicates)],
        mut new_id: impl FnMut() -> String,
        now_ms: u64,
    ) -> usize {
        entries
            .iter()
            .filter(|(entry, duplicates)| self.add(entry, *duplicates, new_id(), now_ms).is_ok())
            .count()
    }

    /// Renames identity `id` to `name`, trimmed.
    ///
    /// # Errors
    /// [`DocumentError::EmptyName`] or [`DocumentError::NoSuchIdentity`].
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), DocumentError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DocumentError::EmptyName);
        }
        self.identity_mut(id)?.name = name.to_owned();
        Ok(())
    }

    /// Deletes identity `id`.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn delete(&mut self, id: &str) -> Result<(), DocumentError> {
        let before = self.identities.len();
        self.identities.retain(|identity| identity.id != id);
        if self.identities.len() == before {
            return Err(DocumentError::NoSuchIdentity);
        }
        Ok(())
    }

    /// Reactivate: clears the token and the activation's date and
    /// Registration Code; the name and serial number stay.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn reactivate(&mut self, id: &str) -> Result<(), DocumentError> {
        let identity = self.identity_mut(id)?;
        identity.token = None;
        if let Origin::Activation {
            activated_at,
            registration_code,
            ..
        } = &mut identity.origin
        {
            *activated_at = None;
            *registration_code = None;
        }
        Ok(())
    }

    /// Stores what an activation produced, at `now_ms`: into the identity
    /// it was for, or as a new identity.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`] for an existing identity that is
    /// gone; [`DocumentError::EmptyName`] for a new one without a name.
    pub fn finish_activation(
        &mut self,
        target: ActivationTarget,
        activation: Activation,
        now_ms: u64,
    ) -> Result<(), DocumentError> {
        let origin = Origin::Activation {
            serial: activation.serial,
            activated_at: Some(now_ms),
            registration_code: Some(activation.registration_code),
        };
        match target {
            ActivationTarget::Existing(id) => {
                let identity = self.identity_mut(&id)?;
                identity.origin = origin;
                identity.token = Some(activation.token);
            }
            ActivationTarget::New { id, name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(DocumentError::EmptyName);
                }
                let mut identity = Identity::new(id, name.to_owned(), None, now_ms, origin);
                identity.token = Some(activation.token);
                self.identities.push(identity);
            }
        }
        Ok(())
    }

    /// HOTP: moves identity `id`'s counter on by one, for its next code;
    /// OCRA with a counter: for its next answer. A time-based token is
    /// left as it is.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`] or [`DocumentError::NoToken`].
    pub fn next_code(&mut self, id: &str) -> Result<(), DocumentError> {
        let stored = self
            .identity_mut(id)?
            .token
            .as_mut()
            .ok_or(DocumentError::NoToken)?;
        if let Kind::Hotp { counter } | Kind::Ocra { counter, .. } = &mut stored.kind {
            *counter = counter.saturating_add(1);
        }
        Ok(())
    }

    /// Every identity with a token, as entries, in order: what a backup is
    /// written from. An identity whose Reactivate is not completed has
    /// nothing to back up and is left out.
    pub fn entries(&self) -> Vec<Entry> {
        self.identities
            .iter()
            .filter_map(|identity| {
                let token = identity.token.as_ref()?.to_token().ok()?;
                Some(Entry {
                    name: identity.name.clone(),
                    issuer: identity.issuer.clone(),
                    token,
                    activation: match &identity.origin {
                        Origin::Activation {
                            serial,
                            activated_at,
                            ..
                        } => Some(ActivationDetails {
                            serial: serial.clone(),
                            activated_at: *activated_at,
                        }),
                        Origin::Added => None,
                    },
                    favourite: identity.favourite,
                    groups: identity.groups.clone(),
                })
            })
            .collect()
    }

    /// Every token as an otpauth:// link, one a line: the unencrypted
    /// export that other apps import. Holds every secret: zeroized on drop.
    pub fn otpauth_links(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::new());
        for entry in self.entries() {
            let link = otp::otpauth::emit(&otp::otpauth::OtpAuth {
                issuer: entry.issuer,
                account: entry.name,
                token: entry.token,
            });
            text.push_str(&link);
            text.push('\n');
        }
        text
    }
}
