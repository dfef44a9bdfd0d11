//! Writing a layout from a snapshot, for `orgguard import`: a pure
//! function from the live organization to the files of a repository
//! (`ou-layout.toml` and `policies/`) that describes it exactly, so the
//! first `plan` reports no changes.
//!
//! `ou-layout.toml` is written section by section: the organization's own
//! sections ([`layout_toml`]), then each [`SectionWriter`] of
//! [`EXTRA_SECTIONS`] in order, then the Identity Center declarations
//! ([`identity_center`]), which also name files of their own (inline
//! policies).

pub mod identity_center;
mod layout_toml;
mod org_settings;
mod policy_files;
mod toml_text;
mod trusted_access;

pub use layout_toml::Counts;
pub use org_settings::org_settings_section;
pub use policy_files::{PolicyOut, safe_stem};
pub use toml_text::{comment, inline_table, key, list, string};
pub use trusted_access::trusted_access_section;

/// Layout text and the files it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// TOML to append to ou-layout.toml.
    pub toml: String,
    /// Path relative to the repository → content.
    pub files: std::collections::BTreeMap<String, String>,
}

use crate::org::Snapshot;

/// One more part of `ou-layout.toml`, written from the snapshot: TOML text
/// (tables with their comments), or `None` when the snapshot holds nothing
/// for it.
pub type SectionWriter = fn(&Snapshot) -> Option<String>;

/// The writers of the sections that follow the organization's own, in the
/// order they are written. Add a writer here to have `import` write its
/// sections; its keys must be in the layout schema so `plan` reads them.
pub const EXTRA_SECTIONS: &[SectionWriter] = &[trusted_access_section, org_settings_section];

/// One file of the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative to the repository, with `/` separators.
    pub path: String,
    pub text: String,
}

/// What `import` writes, and what it could not carry over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// `ou-layout.toml` first, then the policy files.
    pub files: Vec<File>,
    pub counts: Counts,
    /// Things that will not read back as they are live, one line each.
    pub notes: Vec<String>,
}

/// Why a snapshot cannot be written as a layout.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the snapshot is incomplete: {0}")]
    Incomplete(String),
    #[error("the snapshot has no root")]
    NoRoot,
    #[error("{0}")]
    Unrepresentable(String),
}

/// The repository that describes `snapshot`, with [`EXTRA_SECTIONS`].
pub fn import(snapshot: &Snapshot) -> Result<Imported, ImportError> {
    import_with(snapshot, EXTRA_SECTIONS)
}

/// [`import`] with a chosen list of extra section writers.
pub fn import_with(snapshot: &Snapshot, extra: &[SectionWriter]) -> Result<Imported, ImportError> {
    // An Organizations read that failed would be written as "nothing
    // there", and the layout would then delete or detach it.
    if let Some(f) = snapshot.incomplete.iter().find(|f| {
        f.service.eq_ignore_ascii_case("organizations")
            && !crate::org::SETTINGS_READS.contains(&f.operation.as_str())
    }) {
        return Err(ImportError::Incomplete(format!(
            "{} {}: {}",
            f.service, f.operation, f.message
        )));
    }
    if snapshot.roots.is_empty() {
        return Err(ImportError::NoRoot);
    }
    let mut notes = Vec::new();
    let ous = layout_toml::ou_paths(snapshot).map_err(ImportError::Unrepresentable)?;
    let policies = policy_files::policy_files(snapshot, &mut notes);
    let mut counts = Counts::default();
    let mut text = layout_toml::layout_toml(snapshot, &ous, &policies, &mut counts, &mut notes);
    for writer in extra {
        if let Some(section) = writer(snapshot) {
            text.push('\n');
            text.push_str(&section);
        }
    }
    let identity_center = identity_center::write(snapshot);
    if !identity_center.toml.is_empty() {
        text.push('\n');
        text.push_str(&identity_center.toml);
    }
    counts.trusted_access = trusted_access::counts(snapshot);
    if let Some(ic) = &snapshot.identity_center {
        counts.permission_sets = ic.permission_sets.len();
        counts.assignments = ic.assignments.len();
    }
    let mut files = vec![File {
        path: crate::layout::LAYOUT_FILE.to_string(),
        text,
    }];
    files.extend(policies.into_iter().map(|p| File {
        path: p.path,
        text: p.text,
    }));
    files.extend(
        identity_center
            .files
            .into_iter()
            .map(|(path, text)| File { path, text }),
    );
    Ok(Imported {
        files,
        counts,
        notes,
    })
}

#[cfg(test)]
mod tests;
