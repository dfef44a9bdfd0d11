//! What a change acts on: a root, OU or account, existing or created
//! earlier in the same plan.

use serde::{Deserialize, Serialize};

/// A root, OU or account: by id when it exists, by OU path when the plan
/// creates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Target {
    Root {
        id: String,
    },
    /// An existing OU.
    Ou {
        id: String,
        path: String,
    },
    /// An OU the plan creates earlier.
    NewOu {
        path: String,
    },
    Account {
        id: String,
        name: String,
    },
    /// An account the plan creates earlier, known by its email until then.
    NewAccount {
        name: String,
        email: String,
    },
}

impl Target {
    /// The key a target has in the simulated organization: its id, or
    /// `new:PATH` for an OU the plan creates.
    pub fn key(&self) -> String {
        match self {
            Target::Root { id } | Target::Ou { id, .. } | Target::Account { id, .. } => id.clone(),
            Target::NewOu { path } => Target::new_ou_key(path),
            Target::NewAccount { email, .. } => format!("new-account:{}", email.to_lowercase()),
        }
    }

    /// The key of the OU the plan creates at `path`.
    pub fn new_ou_key(path: &str) -> String {
        format!("new:{path}")
    }

    /// Its address in a plan: `root`, `ou/PATH`, `account/ID`, or
    /// `account/EMAIL` for an account the plan creates.
    pub fn address(&self) -> String {
        match self {
            Target::Root { .. } => "root".to_string(),
            Target::Ou { path, .. } | Target::NewOu { path } => format!("ou/{path}"),
            Target::Account { id, .. } => format!("account/{id}"),
            Target::NewAccount { email, .. } => format!("account/{}", email.to_lowercase()),
        }
    }

    /// How a reviewer reads it: "root", "OU Foundational/Workloads",
    /// "account 444444444444 (payments-prod)".
    pub fn describe(&self) -> String {
        match self {
            Target::Root { .. } => "root".to_string(),
            Target::Ou { path, .. } | Target::NewOu { path } => format!("OU {path}"),
            Target::Account { id, name } => format!("account {id} ({name})"),
            Target::NewAccount { name, .. } => format!("new account {name}"),
        }
    }
}
