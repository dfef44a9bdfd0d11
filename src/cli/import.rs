//! `orgguard import`: write the layout of an existing organization.

use std::path::{Path, PathBuf};

use super::GlobalArgs;
use super::output::write_output;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout::write::{self, ImportError, Imported};
use crate::layout::{LAYOUT_FILE, POLICIES_DIR};
use crate::policy::kinds::PolicyKind;

/// Write ou-layout.toml and policies/ for an existing organization.
///
/// Reads the live organization (or a snapshot given with --live) and
/// writes a repository that describes it as it is: the organization id and
/// management account, the OU tree with every OU pinned by id (so a later
/// change of path is a rename, not a new OU), every account in its OU with
/// its tags, every SCP and RCP attachment, and each policy's document,
/// pretty-printed, in policies/ (RCPs in policies/rcp/), with its
/// description. `orgguard plan` right after reports no changes. Existing
/// files are never overwritten without --force.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard import -o my-org")]
pub struct Args {
    /// Read the organization from this snapshot file instead of AWS.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// The directory to write into [default: the -C directory, else the
    /// current one].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite ou-layout.toml and policy files that already exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let snapshot = super::live::snapshot_or_read(global, args.live.as_deref(), false, true)?;
    let imported = write::import(&snapshot).map_err(refusal)?;
    let dir = args.output.clone().unwrap_or_else(|| global.dir.clone());
    let (overwritten, others) = existing(&dir, &imported)?;
    if !args.force && (!overwritten.is_empty() || !others.is_empty()) {
        let mut names: Vec<&str> = overwritten
            .iter()
            .chain(&others)
            .map(String::as_str)
            .collect();
        let more = names.len().saturating_sub(5);
        names.truncate(5);
        return Err(Error::invalid(
            format!(
                "{} already holds a layout: {}{}; nothing was written",
                dir.display(),
                names.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
            "import into an empty directory with -o DIR, or pass --force to overwrite the files import writes",
        ));
    }
    for file in &imported.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        write_output(Some(&path), &file.text)?;
    }
    if !global.quiet {
        print!(
            "{}",
            summary(&dir, &imported, &others, args.live.as_deref())
        );
    }
    crate::phase::leave_for_exit((imported, snapshot));
    Ok(Exit::Clean)
}

fn refusal(error: ImportError) -> Error {
    let help = match &error {
        ImportError::Incomplete(_) => {
            "a layout written from a partial read would delete what was not read; fix the access (`orgguard permissions snapshot`) and import again"
        }
        ImportError::NoRoot => "take the snapshot again with `orgguard snapshot -o live.json`",
        ImportError::Unrepresentable(_) => {
            "rename it in AWS Organizations (a rename keeps its id, accounts and policies), then import again"
        }
    };
    Error::invalid(error.to_string(), help)
}

/// The files import would overwrite, and the policy files already there
/// that it would not (orgguard would read them as policies too).
fn existing(dir: &Path, imported: &Imported) -> Result<(Vec<String>, Vec<String>)> {
    let ours: Vec<&str> = imported.files.iter().map(|f| f.path.as_str()).collect();
    let overwritten = ours
        .iter()
        .filter(|p| dir.join(p).exists())
        .map(|p| p.to_string())
        .collect();
    let mut others = Vec::new();
    for kind in PolicyKind::ALL {
        let folder = dir.join(kind.folder());
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::read(&folder, e)),
        };
        for entry in entries {
            let path = entry.map_err(|e| Error::read(&folder, e))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let relative = format!("{}/{name}", kind.folder());
            if path.is_file() && name.ends_with(".json") && !ours.contains(&relative.as_str()) {
                others.push(relative);
            }
        }
    }
    others.sort();
    Ok((overwritten, others))
}

fn summary(dir: &Path, imported: &Imported, others: &[String], live: Option<&Path>) -> String {
    let c = &imported.counts;
    let shown = dir.display();
    let mut out = format!(
        "wrote {shown}/{LAYOUT_FILE}: {} OUs, {} accounts, {} policy attachments\n\
         wrote {} SCP(s) to {shown}/{POLICIES_DIR}/ and {} RCP(s) to {shown}/{}/\n",
        c.ous,
        c.accounts,
        c.attachments,
        c.scps,
        c.rcps,
        PolicyKind::Rcp.folder()
    );
    if c.permission_sets > 0 || c.assignments > 0 {
        out.push_str(&format!(
            "wrote [identity_center]: {} permission set(s) and the principals of {} assignment(s)\n",
            c.permission_sets, c.assignments
        ));
    }
    if let Some((services, registrations)) = c.trusted_access {
        out.push_str(&format!(
            "wrote [trusted_access]: {services} trusted service(s), {registrations} delegated administrator registration(s)\n"
        ));
    }
    for note in &imported.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for other in others {
        out.push_str(&format!(
            "warning: {shown}/{other} was already there and is read as a policy too; delete it if the organization does not have it\n"
        ));
    }
    let c_dir = if dir == Path::new(".") {
        String::new()
    } else {
        format!(" -C {shown}")
    };
    // lint reads the organization from a snapshot file only.
    let (snapshot_step, live_arg) = match live {
        Some(p) => (None, format!(" --live {}", p.display())),
        None => (
            Some((
                format!("orgguard{c_dir} snapshot --deep -o live.json"),
                "read the organization (and, with --deep, every account) once",
            )),
            " --live live.json".to_string(),
        ),
    };
    let plan_live = if live.is_some() {
        live_arg.as_str()
    } else {
        ""
    };
    let mut steps = vec![(
        format!("orgguard{c_dir} validate"),
        "check the layout offline",
    )];
    steps.extend(snapshot_step);
    steps.push((
        format!("orgguard{c_dir} lint{live_arg}"),
        "hazards in the layout and the organization",
    ));
    steps.push((
        format!("orgguard{c_dir} plan{plan_live}"),
        "expect \"No changes.\"; then commit the directory",
    ));
    let width = steps.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    out.push_str("next:\n");
    for (command, what) in steps {
        out.push_str(&format!("  {command:<width$}   {what}\n"));
    }
    out
}
