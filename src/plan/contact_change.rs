//! The change record of one alternate contact, apart from the planning in
//! [`super::resources::contact`] so the change record does not depend on planning.

use serde::{Deserialize, Serialize};

use crate::model::AlternateContact;

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
