//! The change record of one alternate contact.

use serde::{Deserialize, Serialize};

use crate::org::AlternateContact;
use crate::plan::action::Action;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum ContactChange {
    /// Sets one alternate contact of one account (the Account API).
    #[serde(rename = "set_contact")]
    Set(SetContact),
}

impl ContactChange {
    pub fn action(&self) -> Action {
        match self {
            ContactChange::Set(set) if set.old.is_none() => Action::Create,
            ContactChange::Set(_) => Action::Update,
        }
    }

    /// `set SECURITY contact of account 1111 (name): old → new`.
    pub fn describe(&self) -> String {
        match self {
            ContactChange::Set(set) => set.summary().chars().skip(2).collect(),
        }
    }

    /// `account/ID/contact/TYPE`.
    pub fn address(&self) -> String {
        match self {
            ContactChange::Set(set) => {
                format!("account/{}/contact/{}", set.account_id, set.contact_type)
            }
        }
    }
}

/// Sets one alternate contact of one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetContact {
    pub account_id: String,
    pub account_name: String,
    /// The management account's own contacts are set without an account id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub management: bool,
    /// SECURITY, OPERATIONS or BILLING.
    pub contact_type: String,
    /// The live contact; `None` when it is not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<AlternateContact>,
    pub new: AlternateContact,
}

impl SetContact {
    /// `~ set SECURITY contact of account 1111 (name): old → new`.
    pub fn summary(&self) -> String {
        let (symbol, from) = match &self.old {
            Some(old) => ("~", format!("{} → ", describe(old))),
            None => ("+", String::new()),
        };
        format!(
            "{symbol} set {} contact of account {} ({}): {from}{}",
            self.contact_type,
            self.account_id,
            self.account_name,
            describe(&self.new)
        )
    }
}

/// `Name <email>`, how a reviewer tells contacts apart; the other fields
/// are in the JSON plan.
fn describe(c: &AlternateContact) -> String {
    format!("{} <{}>", c.name, c.email)
}
