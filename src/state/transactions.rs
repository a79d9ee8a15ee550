//! Transaction verification (docs/transaction-verification.md): a request
//! read from a QR code or a link is checked against the activation
//! identity it names, and only a request that passes is shown; its
//! confirmation code is computed when the person confirms. And answers to
//! challenges for challenge-response (OCRA) identities (docs/ocra.md).
//!
//! Security contract: nothing here is stored or sent. The token secret is
//! read from the open document for each check and not kept; a
//! [`CheckedTransaction`] holds the request and the identity's id only.
//! A request that fails any check yields an error and no code.

use super::{AppError, AppState, now_ms};
use leptos::prelude::*;
use otp::transaction::{Request, parse_link, verify_request};
use vault::Origin;

/// A request whose MAC and dates held, for identity `identity_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedTransaction {
    pub identity_id: String,
    pub identity_name: String,
    pub request: Request,
}

impl AppState {
    /// Reads and checks a request: its form, the identity with its Serial
    /// Number, the MAC under that identity's secret, and its dates.
    ///
    /// # Errors
    /// [`AppError::Transaction`], [`AppError::TransactionForAnotherIdentity`]
    /// or [`AppError::TransactionIdentityCleared`].
    pub fn check_transaction(&self, link: &str) -> Result<CheckedTransaction, AppError> {
        let (request, mac) = parse_link(link)?;
        let serial = request.serial.formatted();
        let found = self.document.with_untracked(|document| {
            document
                .identities
                .iter()
                .find(|identity| {
                    matches!(&identity.origin, Origin::Activation { serial: s, .. } if *s == serial)
                })
                .map(|identity| {
                    (
                        identity.id.clone(),
                        identity.name.clone(),
                        identity.token.as_ref().map(|token| token.secret.clone()),
                    )
                })
        });
        let Some((identity_id, identity_name, secret)) = found else {
            return Err(AppError::TransactionForAnotherIdentity { serial });
        };
        let secret = secret.ok_or(AppError::TransactionIdentityCleared { serial })?;
        let verified = verify_request(request, &mac, secret.expose(), now_ms() / 1000)?;
        Ok(CheckedTransaction {
            identity_id,
            identity_name,
            request: verified.request().clone(),
        })
    }

    /// The confirmation code for a checked request, from its identity's
    /// secret as stored now.
    ///
    /// # Errors
    /// [`AppError::TransactionIdentityCleared`] when the identity was
    /// reactivated or deleted meanwhile.
    pub fn confirm_transaction(&self, checked: &CheckedTransaction) -> Result<String, AppError> {
        let serial = checked.request.serial.formatted();
        let secret = self
            .document
            .with_untracked(|document| {
                document
                    .identities
                    .iter()
                    .find(|identity| identity.id == checked.identity_id)
                    .and_then(|identity| identity.token.as_ref().map(|token| token.secret.clone()))
            })
            .ok_or(AppError::TransactionIdentityCleared { serial })?;
        // A request left on screen past its lifetime is not confirmed.
        if now_ms() / 1000 > checked.request.expires_at() {
            return Err(otp::transaction::TransactionError::Expired.into());
        }
        Ok(checked.request.confirmation_code(secret.expose())?)
    }
}

impl AppState {
    /// The response of challenge-response identity `id` to `question`
    /// (with `pin` for suites with P). For a suite with a counter, the
    /// counter moves on in storage first, so no counter answers twice
    /// even if the tab closes: the issuer's look-ahead covers a skipped one.
    ///
    /// # Errors
    /// [`AppError::Challenge`] for a malformed challenge or a missing PIN,
    /// [`vault::DocumentError`] for an identity without a token, or as
    /// [`AppState::commit`].
    pub async fn answer_challenge(
        &self,
        id: &str,
        question: &str,
        pin: Option<&str>,
    ) -> Result<String, AppError> {
        let token = self
            .document
            .with_untracked(|document| {
                document
                    .identity(id)
                    .and_then(|identity| identity.token.as_ref().map(vault::StoredToken::to_token))
            })
            .ok_or(vault::DocumentError::NoToken)??;
        let otp::Kind::Ocra { suite, .. } = token.kind() else {
            return Err(otp::ocra::OcraError::NotChallengeResponse.into());
        };
        // Checked before the counter moves: a mistyped challenge costs none.
        let response = token.answer(question, pin, now_ms() / 1000)?;
        if suite.parse().is_ok_and(|suite| suite.counter) {
            self.next_code(id).await?;
        }
        Ok(response)
    }
}
