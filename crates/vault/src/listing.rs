//! How the person arranges the list: the order, favourites ("Pin to top"),
//! moving a card, use counts, chosen icons, and groups. Pure methods on
//! [`Document`], as in `identities.rs`.
//!
//! Groups are named, not numbered: a name is unique in a document
//! (compared without case or accents, as a person reads them), an identity
//! lists the names of its groups, and renaming a group renames it in each.
//!
//! Contract: an operation that fails leaves the document as it was, and
//! says why with a [`DocumentError`].

use crate::search::fold;
use crate::{Document, DocumentError, IconChoice, Order};

/// A group's name may be this long, in characters: a chip, not a page.
pub const GROUP_NAME_MAX: usize = 40;

impl Document {
    /// Orders the initial screen by `order` from now on.
    pub fn set_order(&mut self, order: Order) {
        self.order = order;
    }

    /// Pins identity `id` to the top of every order, or unpins it.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn set_favourite(&mut self, id: &str, favourite: bool) -> Result<(), DocumentError> {
        self.identity_mut(id)?.favourite = favourite;
        Ok(())
    }

    /// Moves identity `id` to `position` of the custom order (0 is first;
    /// past the end is last).
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn move_identity(&mut self, id: &str, position: usize) -> Result<(), DocumentError> {
        let from = self
            .identities
            .iter()
            .position(|identity| identity.id == id)
            .ok_or(DocumentError::NoSuchIdentity)?;
        let identity = self.identities.remove(from);
        let to = position.min(self.identities.len());
        self.identities.insert(to, identity);
        Ok(())
    }

    /// Counts one use of identity `id`'s code (a copy), for "Most used".
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn count_use(&mut self, id: &str) -> Result<(), DocumentError> {
        let identity = self.identity_mut(id)?;
        identity.uses = identity.uses.saturating_add(1);
        Ok(())
    }

    /// The picture identity `id` shows: `None` for the icon matched by its
    /// issuer.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`].
    pub fn set_icon(&mut self, id: &str, icon: Option<IconChoice>) -> Result<(), DocumentError> {
        self.identity_mut(id)?.icon = icon;
        Ok(())
    }

    /// Creates group `name` (trimmed), last of the chips.
    ///
    /// # Errors
    /// [`DocumentError::EmptyGroupName`], [`DocumentError::GroupNameTooLong`]
    /// or [`DocumentError::GroupExists`].
    pub fn add_group(&mut self, name: &str) -> Result<(), DocumentError> {
        let name = checked_group_name(name)?;
        if self.group_named(name).is_some() {
            return Err(DocumentError::GroupExists);
        }
        self.groups.push(name.to_owned());
        Ok(())
    }

    /// The stored spelling of group `name`, creating the group when there
    /// is none: what an import uses, where a file's group may match one
    /// already here. `None` for a name that cannot be a group (empty).
    pub fn add_group_named(&mut self, name: &str) -> Option<String> {
        let name = checked_group_name(name).ok()?;
        if let Some(existing) = self.group_named(name) {
            return Some(existing.to_owned());
        }
        self.groups.push(name.to_owned());
        Some(name.to_owned())
    }

    /// Renames group `from` to `to` (trimmed), in each identity too.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchGroup`], or as [`Document::add_group`] for
    /// the new name (a change of case alone is allowed).
    pub fn rename_group(&mut self, from: &str, to: &str) -> Result<(), DocumentError> {
        let to = checked_group_name(to)?;
        let index = self.group_index(from)?;
        let old = self.groups[index].clone();
        if self
            .group_named(to)
            .is_some_and(|existing| fold(existing) != fold(&old))
        {
            return Err(DocumentError::GroupExists);
        }
        self.groups[index] = to.to_owned();
        for identity in &mut self.identities {
            for group in &mut identity.groups {
                if *group == old {
                    to.clone_into(group);
                }
            }
        }
        Ok(())
    }

    /// Deletes group `name`; its identities stay, in no longer that group.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchGroup`].
    pub fn delete_group(&mut self, name: &str) -> Result<(), DocumentError> {
        let index = self.group_index(name)?;
        let old = self.groups.remove(index);
        for identity in &mut self.identities {
            identity.groups.retain(|group| *group != old);
        }
        Ok(())
    }

    /// Puts identity `id` in group `group`, or takes it out.
    ///
    /// # Errors
    /// [`DocumentError::NoSuchIdentity`] or [`DocumentError::NoSuchGroup`].
    pub fn set_in_group(
        &mut self,
        id: &str,
        group: &str,
        member: bool,
    ) -> Result<(), DocumentError> {
        let index = self.group_index(group)?;
        let name = self.groups[index].clone();
        let identity = self.identity_mut(id)?;
        let present = identity.groups.contains(&name);
        if member && !present {
            identity.groups.push(name);
        } else if !member {
            identity.groups.retain(|group| *group != name);
        }
        Ok(())
    }

    fn group_named(&self, name: &str) -> Option<&str> {
        let wanted = fold(name.trim());
        self.groups
            .iter()
            .find(|group| fold(group) == wanted)
            .map(String::as_str)
    }

    fn group_index(&self, name: &str) -> Result<usize, DocumentError> {
        self.groups
            .iter()
            .position(|group| group == name)
            .ok_or(DocumentError::NoSuchGroup)
    }
}

fn checked_group_name(name: &str) -> Result<&str, DocumentError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DocumentError::EmptyGroupName);
    }
    if name.chars().count() > GROUP_NAME_MAX {
        return Err(DocumentError::GroupNameTooLong);
    }
    Ok(name)
}
