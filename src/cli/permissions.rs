//! `orgguard permissions`: the least-privilege IAM policy for each role
//! orgguard runs as, from the table of the operations it calls.

use super::GlobalArgs;
use super::live::LayoutSettings;
use super::output::write_output;
use crate::aws::operations::{Declared, Role, policy};
use crate::error::{Error, Result};
use crate::exit::Exit;

/// Print the IAM policy a role running orgguard needs.
///
/// Prints an identity policy (JSON) with exactly the actions orgguard calls
/// for one use: `plan` for the read-only role a pull request assumes (also
/// enough for lint, audit and access without --live), `apply` for the role
/// that applies on merge, `snapshot` for the management-account reader
/// (--deep adds sts:AssumeRole on the member role), and `member` for the
/// role --deep assumes in each member account. The apply role reads and
/// changes IAM Identity Center only when ou-layout.toml declares
/// [identity_center]. When it declares alternate contacts, plan and apply
/// also read them and apply sets them; with [trusted_access], plan and
/// apply read trusted access and delegated administrators and apply
/// changes them. docs/permissions.md shows the trust policy for each role.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard permissions plan > orgguard-plan-policy.json")]
pub struct Args {
    /// Which role's policy to print.
    #[arg(value_enum, value_name = "ROLE")]
    pub role: Role,
    /// With `snapshot`: also let it assume the member role in every account.
    #[arg(long)]
    pub deep: bool,
    /// The member role --deep assumes [default: settings.member_role_name
    /// of ou-layout.toml, else OrganizationAccountAccessRole].
    #[arg(long, value_name = "NAME")]
    pub role_name: Option<String>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    if args.deep && args.role != Role::Snapshot {
        return Err(Error::invalid(
            format!(
                "--deep applies to the snapshot role, not to {}",
                args.role.name()
            ),
            "drop --deep, or ask for `orgguard permissions snapshot --deep`",
        ));
    }
    let settings = LayoutSettings::read(&global.dir)?;
    let member_role = args.role_name.clone().unwrap_or(settings.member_role_name);
    let declared = Declared {
        identity_center: settings.identity_center,
        contacts: settings.contacts,
        trusted_access: settings.trusted_access,
    };
    let document = policy(args.role, args.deep, &member_role, declared);
    let text = serde_json::to_string_pretty(&document).unwrap_or_default() + "\n";
    write_output(None, &text)?;
    Ok(Exit::Clean)
}
