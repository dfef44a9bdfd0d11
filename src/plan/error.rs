//! Why a plan was refused. Every refusal happens before any call to AWS and
//! says what to change.

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum PlanError {
    #[error("the live organization is {live}, but ou-layout.toml is for {expected}")]
    #[diagnostic(
        code(orgguard::plan::wrong_organization),
        help(
            "check the AWS credentials, --profile or --live file in use, or fix [organization] in ou-layout.toml"
        )
    )]
    WrongOrganization { live: String, expected: String },

    #[error("the live organization has no root")]
    #[diagnostic(
        code(orgguard::plan::no_root),
        help(
            "take the snapshot again with `orgguard snapshot`; an organization always has a root"
        )
    )]
    NoRoot,

    #[error("the live organization was not read completely: {what}")]
    #[diagnostic(
        code(orgguard::plan::incomplete_live),
        help(
            "a plan computed from a partial read could delete or move the wrong things; fix the access problem and read again"
        )
    )]
    IncompleteLive { what: String },

    #[error("OU `{path}` is pinned to id {id}, which is not in the live organization")]
    #[diagnostic(
        code(orgguard::plan::pinned_ou_missing),
        help(
            "copy the id from `orgguard snapshot`, or remove `id` so the OU is matched by its path (or created)"
        )
    )]
    PinnedOuMissing { path: String, id: String },

    #[error(
        "OU `{path}` is pinned to id {id}, which sits under {live_parent} in the live organization; AWS cannot move an OU to another parent"
    )]
    #[diagnostic(
        code(orgguard::plan::pinned_ou_moved),
        help(
            "keep the OU under {live_parent} in the layout, or remove the `id` pin: orgguard then creates `{path}`, moves the accounts into it and, with settings.unmanaged = \"delete\", deletes the old OU"
        )
    )]
    PinnedOuMoved {
        path: String,
        id: String,
        live_parent: String,
    },

    #[error(
        "the layout declares Identity Center resources, but the live state has no Identity Center"
    )]
    #[diagnostic(
        code(orgguard::plan::no_identity_center),
        help(
            "read it with `orgguard snapshot` (set settings.identity_center_region or --sso-region if the instance lives in another region), or enable IAM Identity Center"
        )
    )]
    NoIdentityCenter,

    #[error(
        "{what} `{name}`, named by [[identity_center.assignment]], is not in the identity store"
    )]
    #[diagnostic(
        code(orgguard::plan::unknown_principal),
        help(
            "create it in the identity store first (or correct the name); `orgguard validate --live FILE` lists every unknown name"
        )
    )]
    UnknownPrincipal { what: &'static str, name: String },

    #[error("account {id} ({name}) is the management account, which cannot be closed")]
    #[diagnostic(
        code(orgguard::plan::close_management),
        help(
            "remove `state = \"closed\"` from its [[account]]; AWS closes a management account only once the organization is deleted"
        )
    )]
    CloseManagement { id: String, name: String },

    #[error(
        "the plan closes {count} accounts, more than the {limit} one plan may close (settings.limits.account_closures_per_plan)"
    )]
    #[diagnostic(
        code(orgguard::plan::too_many_closures),
        help(
            "{aws}, and a closed account can only be reopened by AWS Support within 90 days. If every closure is meant, plan again with --max-account-closures {count} (a plan saved with -o keeps it for `orgguard apply`; `apply` without a saved plan takes the same flag); otherwise mark fewer accounts closed"
        )
    )]
    TooManyClosures {
        count: usize,
        limit: usize,
        aws: String,
    },

    #[error(
        "the plan closes {count} accounts, more than AWS lets an organization of {members} active member accounts close in 30 days ({quota})"
    )]
    #[diagnostic(
        code(orgguard::plan::over_closure_quota),
        help(
            "{aws}; AWS would refuse the rest part-way through the apply. Mark at most {quota} accounts closed now and the others in a later month"
        )
    )]
    OverClosureQuota {
        count: usize,
        quota: usize,
        members: usize,
        aws: String,
    },

    /// A step of the ordered plan breaks an AWS rule in the simulated org.
    #[error("step {step} ({change}) is refused: {reason}")]
    #[diagnostic(code(orgguard::plan::unsafe_step), help("{help}"))]
    Unsafe {
        step: usize,
        change: String,
        reason: String,
        help: String,
    },
}

impl From<PlanError> for crate::error::Error {
    fn from(error: PlanError) -> Self {
        let help = miette::Diagnostic::help(&error).map(|h| h.to_string());
        crate::error::Error::Invalid {
            message: error.to_string(),
            help,
        }
    }
}
