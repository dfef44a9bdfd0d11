//! The change records of accounts as code: moving an account, creating one
//! the layout declares without an id, and closing one it marks closed.

use serde::{Deserialize, Serialize};

use crate::plan::action::Action;
use crate::plan::target::Target;
use crate::policy::limits::accounts::POST_CLOSURE_DAYS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum AccountChange {
    #[serde(rename = "move_account")]
    Move {
        account_id: String,
        name: String,
        from: Target,
        to: Target,
    },
    /// Creates a member account and places it in its OU.
    #[serde(rename = "create_account")]
    Create(CreateAccount),
    /// Closes a member account (CloseAccount).
    #[serde(rename = "close_account")]
    Close(CloseAccount),
}

impl AccountChange {
    pub fn action(&self) -> Action {
        match self {
            AccountChange::Move { .. } => Action::Move,
            AccountChange::Create(_) => Action::Create,
            AccountChange::Close(_) => Action::Delete,
        }
    }

    /// `move account 1111 (name) from OU A to OU B`.
    pub fn describe(&self) -> String {
        match self {
            AccountChange::Move {
                account_id,
                name,
                from,
                to,
            } => format!(
                "move account {account_id} ({name}) from {} to {}",
                from.describe(),
                to.describe()
            ),
            AccountChange::Create(create) => create.describe(),
            AccountChange::Close(close) => close.describe(),
        }
    }

    /// What creating or closing means, under the headline.
    pub fn details(&self) -> Vec<String> {
        match self {
            AccountChange::Move { .. } => vec![],
            AccountChange::Create(create) => create.details(),
            AccountChange::Close(close) => close.details(),
        }
    }

    /// `account/ID`, or `account/EMAIL` for one the plan creates.
    pub fn address(&self) -> String {
        match self {
            AccountChange::Move { account_id, .. } => format!("account/{account_id}"),
            AccountChange::Create(create) => format!("account/{}", create.email.to_lowercase()),
            AccountChange::Close(close) => format!("account/{}", close.account_id),
        }
    }
}

/// Creates a member account (CreateAccount, followed to its end), then moves
/// it from the root to `ou`. Later changes name it as
/// [`Target::NewAccount`] until it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateAccount {
    pub name: String,
    /// The root user's email; also how a resumed apply finds the account.
    pub email: String,
    /// Where the account goes once created.
    pub ou: Target,
    /// The root, where AWS creates it.
    pub root_id: String,
    /// The role AWS creates in the account for the management account.
    pub role_name: String,
    pub iam_user_access_to_billing: bool,
    /// How long apply waits for AWS to finish creating it.
    pub timeout_seconds: u64,
}

impl CreateAccount {
    /// `create account NAME (EMAIL) in OU X`.
    pub fn describe(&self) -> String {
        let place = match &self.ou {
            Target::Root { .. } => "under the root".to_string(),
            other => format!("in {}", other.describe()),
        };
        format!("create account {} ({}) {place}", self.name, self.email)
    }

    /// How the changes that follow name the account.
    pub fn target(&self) -> Target {
        Target::NewAccount {
            name: self.name.clone(),
            email: self.email.clone(),
        }
    }

    pub fn details(&self) -> Vec<String> {
        vec![format!(
            "member-access role {}; IAM user access to billing {}",
            self.role_name,
            if self.iam_user_access_to_billing {
                "allowed"
            } else {
                "denied"
            }
        )]
    }
}

/// Closes a member account. Never the management account: the plan
/// refuses that before it gets here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseAccount {
    pub account_id: String,
    pub name: String,
}

impl CloseAccount {
    /// `close account 1111 (NAME)`.
    pub fn describe(&self) -> String {
        format!("close account {} ({})", self.account_id, self.name)
    }

    /// What closing means, under the headline.
    pub fn details(&self) -> Vec<String> {
        vec![
            format!(
                "the account is suspended for {POST_CLOSURE_DAYS} days: its resources stop being available and only AWS Support can reopen it"
            ),
            format!(
                "after {POST_CLOSURE_DAYS} days AWS closes it permanently; it cannot be reopened"
            ),
        ]
    }
}
