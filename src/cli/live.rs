//! What commands that touch the live organization share: the tokio
//! runtime, the layout's settings when there is a layout, and the check
//! that the live organization is the one the layout was written for.

use std::path::Path;

use crate::aws::Clients;
use crate::aws::organizations::describe_organization;
use crate::error::{Error, Result};
use crate::layout::{self, LAYOUT_FILE};

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Error::invalid(
                format!("cannot start the async runtime: {e}"),
                "this is a bug; please report it",
            )
        })
}

/// The settings a live read takes from ou-layout.toml, or defaults when the
/// directory has none.
#[derive(Debug, Clone)]
pub struct LayoutSettings {
    pub management_account_id: Option<String>,
    pub organization_id: Option<String>,
    pub member_role_name: String,
    pub regions: Option<Vec<String>>,
    pub identity_center_region: Option<String>,
    /// The layout declares `[identity_center]` resources.
    pub identity_center: bool,
    /// Whether the layout declares alternate contacts.
    pub contacts: bool,
    /// Whether the layout has `[trusted_access]`.
    pub trusted_access: bool,
}

impl LayoutSettings {
    pub fn read(dir: &Path) -> Result<Self> {
        if !dir.join(LAYOUT_FILE).exists() {
            return Ok(LayoutSettings {
                management_account_id: None,
                organization_id: None,
                member_role_name: "OrganizationAccountAccessRole".to_string(),
                regions: None,
                identity_center_region: None,
                identity_center: false,
                contacts: false,
                trusted_access: false,
            });
        }
        let loaded = layout::load(dir)?;
        match &loaded.layout {
            Some(layout) => Ok(Self::of(layout)),
            None => Err(Error::invalid(
                format!("{LAYOUT_FILE} in {} cannot be parsed", dir.display()),
                "run `orgguard validate` to see the problem",
            )),
        }
    }

    /// The settings of a loaded layout.
    pub fn of(layout: &crate::layout::Layout) -> Self {
        let org = layout.file.organization.get_ref();
        LayoutSettings {
            management_account_id: Some(org.management_account_id.get_ref().clone()),
            organization_id: org.id.as_ref().map(|i| i.get_ref().clone()),
            member_role_name: layout.file.settings.member_role_name.get_ref().clone(),
            regions: Some(layout.file.settings.regions.get_ref().clone()),
            identity_center_region: layout
                .file
                .settings
                .identity_center_region
                .as_ref()
                .map(|r| r.get_ref().clone()),
            identity_center: crate::plan::saved::manages_identity_center(layout),
            contacts: layout.file.declares_contacts(),
            trusted_access: layout.file.declares_trusted_access(),
        }
    }

    /// The organization's settings `plan` and `apply` read: those the
    /// layout manages.
    pub fn settings_reads(&self) -> crate::aws::SettingsReads {
        crate::aws::SettingsReads {
            trusted_access: self.trusted_access,
            contacts: self.contacts,
        }
    }

    /// The AWS options of the command line, with the layout's settings
    /// where the command line leaves them open.
    pub fn aws_options(&self, global: &super::GlobalArgs) -> crate::aws::AwsOptions {
        let mut options = global.aws_options();
        if options.identity_center_region.is_none() {
            options.identity_center_region = self.identity_center_region.clone();
        }
        options
    }

    /// Refuses to go on against an organization other than the layout's.
    pub async fn check_organization(&self, clients: &Clients) -> Result<()> {
        if self.management_account_id.is_none() && self.organization_id.is_none() {
            return Ok(());
        }
        let live = match describe_organization(clients).await {
            Ok(live) => live,
            Err(e) => return Err(clients.explain(e, None).await),
        };
        if let Some(expected) = &self.management_account_id
            && &live.management_account_id != expected
        {
            return Err(Error::WrongOrganization {
                live: format!(
                    "{} (management account {})",
                    live.id, live.management_account_id
                ),
                expected: format!("management account {expected}"),
            });
        }
        if let Some(expected) = &self.organization_id
            && &live.id != expected
        {
            return Err(Error::WrongOrganization {
                live: live.id,
                expected: expected.clone(),
            });
        }
        Ok(())
    }
}

/// The snapshot from `--live FILE`, or, without one, a fresh read of the
/// live organization (with `deep`, of every member account too), after
/// checking it is the layout's organization. With `read_settings`, the
/// organization's own settings are read too.
pub fn snapshot_or_read(
    global: &super::GlobalArgs,
    live: Option<&Path>,
    deep: bool,
    read_settings: bool,
) -> Result<crate::org::Snapshot> {
    if let Some(path) = live {
        let mut snapshot = crate::org::read_snapshot(path)?;
        snapshot.normalize();
        return Ok(snapshot);
    }
    let settings = LayoutSettings::read(&global.dir)?;
    runtime()?.block_on(async {
        let clients = Clients::new(&settings.aws_options(global)).await;
        settings.check_organization(&clients).await?;
        let deep = deep.then(|| crate::aws::members::DeepOptions {
            role_name: settings.member_role_name.clone(),
            regions: settings
                .regions
                .clone()
                .unwrap_or_else(|| vec![clients.home_region.clone()]),
            concurrency: 8,
        });
        let options = crate::aws::ReadOptions {
            deep,
            assignments: crate::aws::identity_center::AssignmentStrategy::Auto,
            identity_center: true,
            progress: !global.no_progress && !global.quiet,
            org_settings: match read_settings {
                true => crate::aws::SettingsReads::ALL,
                false => crate::aws::SettingsReads::NONE,
            },
        };
        crate::aws::read_snapshot(&clients, &options).await
    })
}
