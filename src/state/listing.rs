//! The person's arrangement of the list, as the screens ask for it: the
//! order, "Pin to top", moving a card, groups, icons, and the use count a
//! copy adds. Each is one revision-checked write of the document
//! (`commit.rs`) around a pure operation of `vault/src/listing.rs`; the
//! order, "Pin to top", a move and a use count only rearrange the list, so
//! theirs do not wait for the disk's flush (`AppState::arrange`).

use super::{AppError, AppState};
use vault::{IconChoice, Order};

impl AppState {
    /// # Errors
    /// As [`AppState::commit`].
    pub async fn set_order(&self, order: Order) -> Result<(), AppError> {
        self.arrange(|document| {
            document.set_order(order);
            Ok::<_, AppError>(())
        })
        .await
    }

    /// "Pin to top", or unpin.
    ///
    /// # Errors
    /// [`vault::DocumentError::NoSuchIdentity`], or as [`AppState::commit`].
    pub async fn set_favourite(&self, id: &str, favourite: bool) -> Result<(), AppError> {
        self.arrange(|document| document.set_favourite(id, favourite))
            .await
    }

    /// Moves identity `id` to `position` of the custom order.
    ///
    /// # Errors
    /// As [`AppState::set_favourite`].
    pub async fn move_identity(&self, id: &str, position: usize) -> Result<(), AppError> {
        self.arrange(|document| document.move_identity(id, position))
            .await
    }

    /// Counts a copy of identity `id`'s code, for "Most used".
    ///
    /// # Errors
    /// As [`AppState::set_favourite`].
    pub async fn count_use(&self, id: &str) -> Result<(), AppError> {
        self.arrange(|document| document.count_use(id)).await
    }

    /// # Errors
    /// As [`AppState::set_favourite`].
    pub async fn set_icon(&self, id: &str, icon: Option<IconChoice>) -> Result<(), AppError> {
        self.commit(|document| document.set_icon(id, icon.clone()))
            .await
    }

    /// # Errors
    /// [`vault::DocumentError::EmptyGroupName`], `GroupNameTooLong` or
    /// `GroupExists`, or as [`AppState::commit`].
    pub async fn add_group(&self, name: &str) -> Result<(), AppError> {
        self.commit(|document| document.add_group(name)).await
    }

    /// # Errors
    /// As [`AppState::add_group`], or `NoSuchGroup`.
    pub async fn rename_group(&self, from: &str, to: &str) -> Result<(), AppError> {
        self.commit(|document| document.rename_group(from, to))
            .await
    }

    /// # Errors
    /// `NoSuchGroup`, or as [`AppState::commit`].
    pub async fn delete_group(&self, name: &str) -> Result<(), AppError> {
        self.commit(|document| document.delete_group(name)).await
    }

    /// # Errors
    /// `NoSuchIdentity` or `NoSuchGroup`, or as [`AppState::commit`].
    pub async fn set_in_group(&self, id: &str, group: &str, member: bool) -> Result<(), AppError> {
        self.commit(|document| document.set_in_group(id, group, member))
            .await
    }
}
