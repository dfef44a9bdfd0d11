//! A list of the snapshot's OUs or accounts as a plan changes it, found by
//! id. Items are borrowed from the live snapshot until a step changes
//! them: folding a plan that moves 200 of 10,000 accounts copies 200.

use std::borrow::Cow;

use foldhash::HashMap;

use crate::org::{Account, OrganizationalUnit};

/// What an item is found by.
pub(in crate::plan) trait Keyed: Clone {
    fn key(&self) -> &str;
}

impl Keyed for Account {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for OrganizationalUnit {
    fn key(&self) -> &str {
        &self.id
    }
}

pub(in crate::plan) struct Listed<'a, T: Keyed> {
    items: Vec<Cow<'a, T>>,
    index: HashMap<Cow<'a, str>, usize>,
}

impl<'a, T: Keyed> Listed<'a, T> {
    pub(in crate::plan) fn borrowed(items: &'a [T]) -> Self {
        Listed {
            index: (items.iter().enumerate())
                .map(|(i, t)| (Cow::Borrowed(t.key()), i))
                .collect(),
            items: items.iter().map(Cow::Borrowed).collect(),
        }
    }

    pub(in crate::plan) fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).map(|&i| &*self.items[i])
    }

    pub(in crate::plan) fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let i = *self.index.get(id)?;
        Some(self.items[i].to_mut())
    }

    pub(in crate::plan) fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    pub(in crate::plan) fn len(&self) -> usize {
        self.items.len()
    }

    pub(in crate::plan) fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|t| t.key())
    }

    pub(in crate::plan) fn push(&mut self, item: T) {
        self.index
            .insert(Cow::Owned(item.key().to_string()), self.items.len());
        self.items.push(Cow::Owned(item));
    }

    pub(in crate::plan) fn remove(&mut self, id: &str) -> Option<T> {
        let i = self.index.remove(id)?;
        for at in self.index.values_mut() {
            if *at > i {
                *at -= 1;
            }
        }
        Some(self.items.remove(i).into_owned())
    }

    pub(in crate::plan) fn into_vec(self) -> Vec<T> {
        self.items.into_iter().map(Cow::into_owned).collect()
    }
}
