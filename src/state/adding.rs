//! Adding tokens other than by activation: whatever a QR code, a pasted
//! link or a typed secret gave becomes a list of candidates, held here (in
//! memory only, while unlocked) until the preview screen stores or drops
//! them.
//!
//! Contract: nothing is stored before the person has seen the preview;
//! candidates live only in this context, never in the URL, storage or the
//! DOM beyond their names and current codes; they are dropped on Cancel,
//! on Save and when the app locks.

use super::{AppError, AppState, ReadingError};
use leptos::prelude::*;
use otp::migration::{BatchTracker, MigrationBatch, Skipped};
use vault::Duplicates;
use zeroize::Zeroizing;

/// A token waiting for the preview: the vault's [`vault::Entry`].
pub use vault::Entry as Candidate;

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
    /// A transaction request (`softtoken://transaction?…`): the transaction
    /// screen checks it.
    TransactionRequest(String),
}

/// Lines read between two yields to the page (about 10 ms of links).
pub const LINES_A_SLICE: usize = 500;

/// What the lines of a text gave so far.
#[derive(Default)]
struct Tokens {
    candidates: Vec<Candidate>,
    skipped: Vec<Skipped>,
    missing_parts: Option<(u32, Vec<u32>)>,
}

impl Tokens {
    fn into_reading(self) -> Reading {
        Reading::Tokens {
            candidates: self.candidates,
            skipped: self.skipped,
            missing_parts: self.missing_parts,
        }
    }
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
    /// A transaction request read on Add, waiting for the transaction screen.
    pub transaction_link: RwSignal<Option<String>>,
    /// The app whose export the candidates came from, for the preview to name.
    pub source: RwSignal<Option<&'static str>>,
    /// An encrypted backup file waiting for its password (`state/backups.rs`).
    pub backup_needs_password: RwSignal<bool>,
    pub(super) locked_backup: StoredValue<Option<vault::import::LockedExport>, LocalStorage>,
    exports: StoredValue<BatchTracker>,
}

pub(super) fn provide_pending() -> Pending {
    let pending = Pending {
        candidates: RwSignal::new(Vec::new()),
        skipped: RwSignal::new(Vec::new()),
        missing_parts: RwSignal::new(None),
        activation_link: RwSignal::new(None),
        transaction_link: RwSignal::new(None),
        source: RwSignal::new(None),
        backup_needs_password: RwSignal::new(false),
        locked_backup: StoredValue::new_local(None),
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
    pub fn read(&self, text: &str) -> Result<Reading, ReadingError> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return Err(ReadingError::Empty);
        }
        if let [line] = lines.as_slice()
            && starts_with_ignoring_case(line, "igmobileotp://")
        {
            return Ok(Reading::ActivationLink((*line).to_owned()));
        }
        if let [line] = lines.as_slice()
            && otp::transaction::is_request_link(line)
        {
            return Ok(Reading::TransactionRequest((*line).to_owned()));
        }
        let mut tokens = Tokens::default();
        self.read_lines(&lines, 0, &mut tokens)?;
        Ok(tokens.into_reading())
    }

    /// [`Pending::read`] for a file of any length: its lines are read
    /// [`LINES_A_SLICE`] at a time, the page given back between slices, so
    /// that 10,000 links leave the screen responsive (no task over 50 ms).
    ///
    /// # Errors
    /// As [`Pending::read`].
    pub async fn read_file_text(&self, text: &str) -> Result<Reading, ReadingError> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() <= LINES_A_SLICE {
            return self.read(text);
        }
        let mut tokens = Tokens::default();
        for (slice, chunk) in lines.chunks(LINES_A_SLICE).enumerate() {
            if slice > 0 {
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            self.read_lines(chunk, slice * LINES_A_SLICE, &mut tokens)?;
        }
        Ok(tokens.into_reading())
    }

    /// Reads `lines` (the first of them line `first + 1` of the text) into `tokens`.
    fn read_lines(
        &self,
        lines: &[&str],
        first: usize,
        tokens: &mut Tokens,
    ) -> Result<(), ReadingError> {
        let numbered = first > 0 || lines.len() > 1;
        for (number, line) in lines.iter().enumerate() {
            let at = if numbered {
                format!(" (line {})", first + number + 1)
            } else {
                String::new()
            };
            if starts_with_ignoring_case(line, "otpauth-migration://") {
                let batch = otp::migration::parse(line).map_err(|error| ReadingError::Export {
                    at: at.clone(),
                    error,
                })?;
                tokens.missing_parts = self.record_export(&batch).or(tokens.missing_parts.take());
                tokens.skipped.extend(batch.skipped);
                tokens
                    .candidates
                    .extend(batch.entries.into_iter().map(from_link));
            } else if starts_with_ignoring_case(line, "otpauth://") {
                let entry = otp::otpauth::parse(line).map_err(|error| ReadingError::Link {
                    at: at.clone(),
                    error,
                })?;
                tokens.candidates.push(from_link(entry));
            } else {
                return Err(ReadingError::NotALink { at });
            }
        }
        Ok(())
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
        self.source.set(None);
        self.missing_parts.set(missing_parts);
    }

    /// Forgets every candidate (Cancel, Save, lock).
    pub fn clear(&self) {
        self.offer(Vec::new(), Vec::new(), None);
        self.activation_link.set(None);
        self.transaction_link.set(None);
        self.backup_needs_password.set(false);
        self.locked_backup.set_value(None);
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// A link's token as a candidate: no activation details.
fn from_link(entry: otp::otpauth::OtpAuth) -> Candidate {
    Candidate::new(entry.account, entry.issuer, entry.token)
}

impl AppState {
    /// Stores the chosen candidates, each with a new id, in one write; a
    /// token already stored is left out unless it says [`Duplicates::AddAgain`]
    /// (one stored by another tab since the preview too). When these are
    /// the first tokens, asks the browser to keep the data, without
    /// waiting for its answer.
    ///
    /// # Errors
    /// As [`AppState::commit`].
    pub async fn add_candidates(
        &self,
        chosen: Vec<(Candidate, Duplicates)>,
    ) -> Result<usize, AppError> {
        let now = super::now_ms();
        let first = self.document.with_untracked(|d| d.identities.is_empty());
        let added = self
            .commit(|document| {
                Ok::<_, AppError>(document.add_all(&chosen, super::new_identity_id, now))
            })
            .await?;
        if first && added > 0 {
            super::ask_to_keep_data_in_background();
        }
        Ok(added)
    }

    /// The QR codes in a picture file or pasted image, read in the QR
    /// worker.
    ///
    /// # Errors
    /// A [`crate::workers::picture::PictureError`].
    pub async fn read_picture(
        &self,
        blob: &web_sys::Blob,
    ) -> Result<Vec<Zeroizing<String>>, AppError> {
        let worker = self.config().qr_worker;
        Ok(crate::workers::picture::read_picture(blob, worker.as_deref()).await?)
    }

    /// The QR codes in the camera's current frame; none when it shows none.
    ///
    /// # Errors
    /// A [`crate::workers::picture::PictureError`].
    pub async fn read_frame(
        &self,
        video: &web_sys::HtmlVideoElement,
    ) -> Result<Vec<Zeroizing<String>>, AppError> {
        let worker = self.config().qr_worker;
        Ok(crate::workers::picture::read_frame(video, worker.as_deref()).await?)
    }
}
