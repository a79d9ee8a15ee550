//! Adding tokens other than by activation: whatever a QR code, a pasted
//! link or a typed secret gave becomes a list of candidates, held here (in
//! memory only, while unlocked) until the preview screen stores or drops
//! them.
//!
//! Contract: nothing is stored before the person has seen the preview;
//! candidates live only in this context, never in the URL, storage or the
//! DOM beyond their names and current codes; they are dropped on Cancel,
//! on Save and when the app locks.

use leptos::prelude::*;
use otp::migration::{BatchTracker, MigrationBatch, Skipped};
use otp::otpauth::OtpAuth;
use otp::{Kind, Token};
use vault::backup::{ActivationDetails, BackupEntry};
use vault::{Document, Origin, StoredToken};

/// A token waiting for the preview.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub issuer: Option<String>,
    pub name: String,
    pub token: Token,
    /// From a backup of an activation identity: restored as one.
    pub activation: Option<ActivationDetails>,
}

impl From<OtpAuth> for Candidate {
    fn from(entry: OtpAuth) -> Self {
        Self {
            issuer: entry.issuer,
            name: entry.account,
            token: entry.token,
            activation: None,
        }
    }
}

impl From<BackupEntry> for Candidate {
    fn from(entry: BackupEntry) -> Self {
        Self {
            issuer: entry.issuer,
            name: entry.name,
            token: entry.token,
            activation: entry.activation,
        }
    }
}

impl Candidate {
    /// "TOTP", "HOTP" or "Steam", as the preview names the type.
    pub fn kind_name(&self) -> &'static str {
        if self.activation.is_some() {
            return "Soft token identity";
        }
        match self.token.kind() {
            Kind::Totp { .. } => "TOTP",
            Kind::Hotp { .. } => "HOTP",
            Kind::Steam => "Steam",
        }
    }

    /// How the identity records where it came from.
    pub fn origin(&self) -> Origin {
        match &self.activation {
            Some(details) => Origin::Activation {
                serial: details.serial.clone(),
                activated_at: details.activated_at,
                registration_code: None,
            },
            None => Origin::Added,
        }
    }

    /// Stored already, with the same secret and parameters (an HOTP
    /// counter that moved on is still the same token).
    pub fn is_stored_in(&self, document: &Document) -> bool {
        let candidate = StoredToken::from_token(&self.token);
        document
            .identities
            .iter()
            .filter_map(|identity| identity.token.as_ref())
            .any(|stored| same_token(stored, &candidate))
    }
}

fn same_token(a: &StoredToken, b: &StoredToken) -> bool {
    let same_kind = match (a.kind, b.kind) {
        (Kind::Hotp { .. }, Kind::Hotp { .. }) => true,
        (left, right) => left == right,
    };
    same_kind && a.secret == b.secret && a.algorithm == b.algorithm && a.digits == b.digits
}

/// What a piece of text turned out to be.
pub enum Reading {
    Tokens {
        candidates: Vec<Candidate>,
        skipped: Vec<Skipped>,
        /// For a multi-part export: which parts are still to come (1-based).
        missing_parts: Option<(u32, Vec<u32>)>,
    },
    /// An `igmobileotp://` link: the activation screen takes it from here.
    ActivationLink(String),
}

/// The candidates and what the preview says about them.
#[derive(Clone, Copy)]
pub struct Pending {
    pub candidates: RwSignal<Vec<Candidate>>,
    pub skipped: RwSignal<Vec<Skipped>>,
    pub missing_parts: RwSignal<Option<(u32, Vec<u32>)>>,
    /// A secure activation link waiting for its password on the activation
    /// screen.
    pub activation_link: RwSignal<Option<String>>,
    exports: StoredValue<BatchTracker>,
}

pub fn provide_pending() -> Pending {
    let pending = Pending {
        candidates: RwSignal::new(Vec::new()),
        skipped: RwSignal::new(Vec::new()),
        missing_parts: RwSignal::new(None),
        activation_link: RwSignal::new(None),
        exports: StoredValue::new(BatchTracker::default()),
    };
    provide_context(pending);
    pending
}

pub fn use_pending() -> Pending {
    expect_context::<Pending>()
}

impl Pending {
    /// Reads pasted or scanned text: one or more links, one per line.
    ///
    /// # Errors
    /// A sentence for the screen naming the line that could not be read.
    pub fn read(&self, text: &str) -> Result<Reading, String> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return Err("Paste a link first.".into());
        }
        if let [line] = lines.as_slice()
            && starts_with_ignoring_case(line, "igmobileotp://")
        {
            return Ok(Reading::ActivationLink((*line).to_owned()));
        }
        let mut candidates = Vec::new();
        let mut skipped = Vec::new();
        let mut missing_parts = None;
        for (number, line) in lines.iter().enumerate() {
            let at = if lines.len() > 1 {
                format!(" (line {})", number + 1)
            } else {
                String::new()
            };
            if starts_with_ignoring_case(line, "otpauth-migration://") {
                let batch = otp::migration::parse(line)
                    .map_err(|e| format!("This export link cannot be read{at}: {e}."))?;
                missing_parts = self.record_export(&batch).or(missing_parts);
                skipped.extend(batch.skipped);
                candidates.extend(batch.entries.into_iter().map(Candidate::from));
            } else if starts_with_ignoring_case(line, "otpauth://") {
                let entry = otp::otpauth::parse(line)
                    .map_err(|e| format!("This link cannot be read{at}: {e}."))?;
                candidates.push(entry.into());
            } else {
                return Err(format!(
                    "This is not a link Soft Token can read{at}. Links start with otpauth://, otpauth-migration:// or igmobileotp://."
                ));
            }
        }
        Ok(Reading::Tokens {
            candidates,
            skipped,
            missing_parts,
        })
    }

    fn record_export(&self, batch: &MigrationBatch) -> Option<(u32, Vec<u32>)> {
        let missing = self
            .exports
            .try_update_value(|tracker| tracker.record(batch))
            .unwrap_or_default();
        (batch.batch_size > 1).then(|| {
            (
                batch.batch_size,
                missing.into_iter().map(|index| index + 1).collect(),
            )
        })
    }

    /// Replaces what the preview shows.
    pub fn offer(
        &self,
        reading_candidates: Vec<Candidate>,
        skipped: Vec<Skipped>,
        missing_parts: Option<(u32, Vec<u32>)>,
    ) {
        self.candidates.set(reading_candidates);
        self.skipped.set(skipped);
        self.missing_parts.set(missing_parts);
    }

    /// Forgets every candidate (Cancel, Save, lock).
    pub fn clear(&self) {
        self.offer(Vec::new(), Vec::new(), None);
        self.activation_link.set(None);
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}
