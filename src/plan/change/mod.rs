//! The changes a plan is made of, in the order they are applied: one
//! record per kind of resource, each with its action, its description and
//! its address, in the module of its kind. Objects that do not exist yet (a
//! new OU, a new SCP) are referred to by path or name; the applier resolves
//! them to ids as it creates them.

pub mod account;
pub mod attachment;
pub mod contact;
pub mod ou;
pub mod policy;
pub mod tag;
pub mod trusted_access;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

pub use self::account::{AccountChange, CloseAccount, CreateAccount};
pub use self::attachment::AttachmentChange;
pub use self::contact::{ContactChange, SetContact};
pub use self::ou::OuChange;
pub use self::policy::PolicyChange;
pub use self::tag::TagChange;
pub use self::trusted_access::TrustedAccessChange;
pub use super::action::Action;
use super::resources::ic_change::{IcAction, IcChange};
pub use super::target::Target;
pub use crate::policy::kinds::PolicyKind;

/// An SCP: by id when it exists, by name when the plan creates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PolicyRef {
    Existing { id: String, name: String },
    New { name: String },
}

impl PolicyRef {
    pub fn name(&self) -> &str {
        match self {
            PolicyRef::Existing { name, .. } | PolicyRef::New { name } => name,
        }
    }
}

/// One change, written flat in a plan with its `op` (`create_ou`,
/// `attach_policy`, `set_contact`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Change {
    Ou(OuChange),
    Account(AccountChange),
    Policy(PolicyChange),
    Attachment(AttachmentChange),
    Tag(TagChange),
    Contact(ContactChange),
    /// Trusted service access and delegated administrators.
    TrustedAccess(TrustedAccessChange),
    /// Identity Center: permission sets, provisioning and assignments.
    IdentityCenter(IcChange),
}

/// A saved change is read by its `op`: each kind of resource is asked in
/// turn, and the first that knows the op reads it, so a change with a
/// wrong field is reported as that, not as a change of no kind at all.
impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let Some(op) = value.get("op").and_then(serde_json::Value::as_str) else {
            return Err(D::Error::missing_field("op"));
        };
        type Reader = fn(&serde_json::Value) -> serde_json::Result<Change>;
        let kinds: [Reader; 8] = [
            |v| OuChange::deserialize(v).map(Change::Ou),
            |v| AccountChange::deserialize(v).map(Change::Account),
            |v| PolicyChange::deserialize(v).map(Change::Policy),
            |v| AttachmentChange::deserialize(v).map(Change::Attachment),
            |v| TagChange::deserialize(v).map(Change::Tag),
            |v| ContactChange::deserialize(v).map(Change::Contact),
            |v| TrustedAccessChange::deserialize(v).map(Change::TrustedAccess),
            |v| IcChange::deserialize(v).map(Change::IdentityCenter),
        ];
        for read in kinds {
            match read(&value) {
                Ok(change) => return Ok(change),
                Err(e) if e.to_string().starts_with("unknown variant") => continue,
                Err(e) => return Err(D::Error::custom(format!("change `{op}`: {e}"))),
            }
        }
        Err(D::Error::custom(format!("unknown change `{op}`")))
    }
}

impl Change {
    /// What a reviewer counts the change as.
    pub fn action(&self) -> Action {
        match self {
            Change::Ou(c) => c.action(),
            Change::Account(c) => c.action(),
            Change::Policy(c) => c.action(),
            Change::Attachment(c) => c.action(),
            Change::Tag(c) => c.action(),
            Change::Contact(c) => c.action(),
            Change::TrustedAccess(c) => c.action(),
            Change::IdentityCenter(c) => match c.action() {
                IcAction::Create => Action::Create,
                IcAction::Update => Action::Update,
                IcAction::Delete => Action::Delete,
            },
        }
    }

    /// "create OU Foundational/Workloads/SDLC", "attach SCP deny-all to OU Suspended".
    pub fn describe(&self) -> String {
        match self {
            Change::Ou(c) => c.describe(),
            Change::Account(c) => c.describe(),
            Change::Policy(c) => c.describe(),
            Change::Attachment(c) => c.describe(),
            Change::Tag(c) => c.describe(),
            Change::Contact(c) => c.describe(),
            Change::TrustedAccess(c) => c.describe(),
            Change::IdentityCenter(c) => c.describe(),
        }
    }

    /// The resource the change acts on, the same for every change to it
    /// and across plans (docs/plan.md lists the forms): `ou/PATH`,
    /// `scp/NAME`, `scp/NAME@ou/PATH` for an attachment, `account/ID/tags`,
    /// `permission_set/NAME`, ...
    pub fn address(&self) -> String {
        match self {
            Change::Ou(c) => c.address(),
            Change::Account(c) => c.address(),
            Change::Policy(c) => c.address(),
            Change::Attachment(c) => c.address(),
            Change::Tag(c) => c.address(),
            Change::Contact(c) => c.address(),
            Change::TrustedAccess(c) => c.address(),
            Change::IdentityCenter(c) => c.address(),
        }
    }

    /// Lines a reviewer needs under the headline (the content diff aside).
    pub fn details(&self) -> Vec<String> {
        match self {
            Change::Policy(c) => c.details(),
            Change::Account(c) => c.details(),
            Change::TrustedAccess(c) => c.details(),
            Change::IdentityCenter(c) => c.details(),
            Change::Ou(_) | Change::Attachment(_) | Change::Tag(_) | Change::Contact(_) => vec![],
        }
    }

    /// The line `apply` prints: the action's symbol, then the description
    /// every plan format shows (`+ attach SCP deny-all to OU Suspended`).
    pub fn summary(&self) -> String {
        format!("{} {}", self.action().symbol(), self.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Change, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_saved_change_is_read_by_its_op_and_written_back_the_same() {
        for json in [
            r#"{"op":"create_ou","path":"Sandbox","parent":{"kind":"root","id":"r-1"},"name":"Sandbox"}"#,
            r#"{"op":"attach_policy","kind":"rcp","policy":{"kind":"new","name":"perimeter"},"target":{"kind":"root","id":"r-1"}}"#,
            r#"{"op":"detach_policy","policy":{"kind":"existing","id":"p-FullAWSAccess","name":"FullAWSAccess"},"target":{"kind":"account","id":"111111111111","name":"prod"}}"#,
            r#"{"op":"enable_policy_type","kind":"rcp","root_id":"r-1"}"#,
            r#"{"op":"untag_resource","target":{"kind":"ou","id":"ou-1","path":"Prod"},"keys":["team"]}"#,
            r#"{"op":"close_account","account_id":"222222222222","name":"old"}"#,
            r#"{"op":"enable_service_access","service":"config.amazonaws.com"}"#,
        ] {
            let change = read(json).expect(json);
            assert_eq!(serde_json::to_string(&change).expect("written"), json);
        }
    }

    #[test]
    fn a_saved_change_with_a_wrong_field_says_which_change_and_field() {
        let error = read(r#"{"op":"attach_policy","policy":{"kind":"new","name":"x"}}"#)
            .expect_err("no target");
        assert_eq!(error, "change `attach_policy`: missing field `target`");
    }

    #[test]
    fn a_saved_change_of_no_known_kind_is_named() {
        let error = read(r#"{"op":"launch_rocket"}"#).expect_err("unknown");
        assert_eq!(error, "unknown change `launch_rocket`");
        let error = read(r#"{"path":"Sandbox"}"#).expect_err("no op");
        assert_eq!(error, "missing field `op`");
    }
}
