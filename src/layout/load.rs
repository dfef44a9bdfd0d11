//! Reads `ou-layout.toml` and `policies/` from a repository. Syntax errors
//! are collected as problems (every file is read, so one run shows them
//! all); only a missing layout file stops the load.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::schema::{LayoutFile, VarValue};
use super::template::Templater;
use crate::diagnostics::{Problems, Sources};
use crate::error::{Error, Result};
use crate::policy::json_tree::{self, Node};
use crate::policy::kinds::PolicyKind;
use crate::policy::rcp_services::RcpServices;

pub const LAYOUT_FILE: &str = "ou-layout.toml";
pub const POLICIES_DIR: &str = "policies";

/// One policy file after templating.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    pub kind: PolicyKind,
    pub name: String,
    /// Path relative to the repository, as problems name it.
    pub file: String,
    /// The document with placeholders filled; spans point into `file`.
    pub document: Node,
    /// The exact text orgguard sends to AWS: compact JSON, keys in the
    /// order written. Its length is what counts against the size limit.
    pub content: String,
}

/// The desired state as read from a repository.
#[derive(Debug)]
pub struct Layout {
    pub dir: PathBuf,
    pub file: LayoutFile,
    pub vars: BTreeMap<String, VarValue>,
    /// SCPs, by name.
    pub policies: BTreeMap<String, PolicyFile>,
    /// RCPs (`policies/rcp/*.json`), by name.
    pub rcps: BTreeMap<String, PolicyFile>,
    /// Variables some policy used.
    pub used_vars: BTreeSet<String>,
    /// Inline policies of permission sets, by the name the layout gives
    /// them (relative to policies/).
    pub inline_policies: BTreeMap<String, super::inline_policies::InlinePolicyFile>,
    /// Policy files that exist but could not be parsed (already reported):
    /// references to them are not reported again as undefined.
    pub unparsed_policies: BTreeSet<String>,
}

impl Layout {
    /// The services RCPs apply to: orgguard's list and what
    /// `[settings] rcp_services` adds.
    pub fn rcp_services(&self) -> RcpServices {
        RcpServices::adding(
            self.file
                .settings
                .rcp_services
                .get_ref()
                .iter()
                .map(|s| s.get_ref()),
        )
    }

    /// The layout's policy files of one kind, by name.
    pub fn policies_of(&self, kind: PolicyKind) -> &BTreeMap<String, PolicyFile> {
        match kind {
            PolicyKind::Scp => &self.policies,
            PolicyKind::Rcp => &self.rcps,
        }
    }

    /// The file of the policy AWS knows as `name`: the file whose
    /// `[policies.FILE]` section gives that `name`, else the file named so.
    pub fn policy_file(&self, name: &str) -> Option<&PolicyFile> {
        let key = self
            .file
            .policies
            .iter()
            .find(|(_, section)| section.name.as_ref().is_some_and(|n| n.get_ref() == name))
            .map(|(key, _)| key.get_ref().as_str())
            .unwrap_or(name);
        self.policies.get(key).or_else(|| self.rcps.get(key))
    }
}

pub struct Loaded {
    pub layout: Option<Layout>,
    pub problems: Problems,
    pub sources: Sources,
    /// A file could not be parsed: the result is incomplete (exit 2).
    pub unreadable: bool,
}

pub fn load(dir: &Path) -> Result<Loaded> {
    let phase = crate::phase::Phase::start("read the layout");
    let loaded = load_files(dir)?;
    phase.done(format_args!("{} files", loaded.sources.len()));
    Ok(loaded)
}

fn load_files(dir: &Path) -> Result<Loaded> {
    let layout_path = dir.join(LAYOUT_FILE);
    let text = std::fs::read_to_string(&layout_path).map_err(|e| Error::read(&layout_path, e))?;
    let mut sources = Sources::default();
    let mut problems = Problems::default();
    let mut unreadable = false;
    sources.add(LAYOUT_FILE, text.clone());

    let file = match toml::from_str::<LayoutFile>(&text) {
        Ok(file) => Some(file),
        Err(e) => {
            unreadable = true;
            let span = e.span().unwrap_or(0..0);
            let (message, help) = explain_toml_error(e.message());
            problems.error(
                "syntax",
                Some(sources.locate(LAYOUT_FILE, span)),
                message,
                help,
            );
            None
        }
    };

    let vars: BTreeMap<String, VarValue> = file
        .as_ref()
        .map(|f| {
            f.vars
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), v.get_ref().clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut templater = Templater::new(&vars);
    let mut policies = BTreeMap::new();
    let mut unparsed_policies = BTreeSet::new();

    let mut rcps = BTreeMap::new();
    for kind in PolicyKind::ALL {
        let folder = kind.folder();
        let into = match kind {
            PolicyKind::Scp => &mut policies,
            PolicyKind::Rcp => &mut rcps,
        };
        for path in policy_files(dir, folder, &mut problems)? {
            let Some(name) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            let display = format!("{folder}/{name}.json");
            let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
            sources.add(&display, text.clone());
            let raw = match json_tree::parse(&text) {
                Ok(node) => node,
                Err(e) => {
                    unreadable = true;
                    unparsed_policies.insert(name.clone());
                    problems.error(
                        "syntax",
                        Some(sources.locate(&display, e.span)),
                        format!("invalid JSON: {}", e.message),
                        e.help.unwrap_or(
                            "fix the JSON syntax; policy files are plain JSON without comments or trailing commas",
                        ),
                    );
                    continue;
                }
            };
            let issues_before = templater.issues.len();
            let document = templater.fill(&raw);
            let issues: Vec<_> = templater.issues.drain(issues_before..).collect();
            // Without the layout there are no variables to check against.
            for issue in issues.into_iter().filter(|_| file.is_some()) {
                problems.error(
                    "template",
                    Some(sources.locate(&display, issue.span)),
                    issue.message,
                    issue.help,
                );
            }
            let content = document.to_value().to_string();
            into.insert(
                name.clone(),
                PolicyFile {
                    kind,
                    name,
                    file: display,
                    document,
                    content,
                },
            );
        }
    }
    let mut inline_policies = BTreeMap::new();
    if let Some(section) = file.as_ref().and_then(|f| f.identity_center.as_ref()) {
        let (loaded, bad) = super::inline_policies::load_inline_policies(
            dir,
            section,
            &mut templater,
            &mut sources,
            &mut problems,
            LAYOUT_FILE,
        )?;
        inline_policies = loaded;
        unreadable |= bad;
    }
    let used_vars = std::mem::take(&mut templater.used);

    Ok(Loaded {
        layout: file.map(|file| Layout {
            dir: dir.to_path_buf(),
            file,
            vars,
            policies,
            rcps,
            inline_policies,
            used_vars,
            unparsed_policies,
        }),
        problems,
        sources,
        unreadable,
    })
}

/// The `*.json` files of `policies/`, sorted. Other files are named in a
/// warning unless they are ones orgguard knows (Cedar, Markdown).
fn policy_files(repo: &Path, folder: &str, problems: &mut Problems) -> Result<Vec<PathBuf>> {
    let dir = repo.join(folder);
    let dir = dir.as_path();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::read(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::read(dir, e))?.path();
        if !path.is_file() {
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => files.push(path),
            Some("cedar" | "md") => {}
            _ => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
                problems.warning(
                    "ignored-file",
                    None,
                    format!("{folder}/{name} is ignored"),
                    "policy files end in .json (SCPs in policies/, RCPs in policies/rcp/); rename the file or move it",
                );
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Turns a TOML/serde message into a lowercase message and a help line,
/// with a did-you-mean for unknown keys.
pub fn explain_toml_error(message: &str) -> (String, String) {
    let message = message.trim().trim_end_matches('.');
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let help = match crate::suggest::closest(field, expected.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if expected.is_empty() => "remove the key; see docs/layout.md".to_string(),
            None => format!("remove the key; allowed here: {}", expected.join(", ")),
        };
        return (format!("unknown key `{field}`"), help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            format!("missing key `{field}`"),
            format!("add `{field} = ...`; see docs/layout.md"),
        );
    }
    let mut lower = message.to_string();
    if let Some(first) = lower.get(..1) {
        lower.replace_range(..1, &first.to_lowercase());
    }
    if lower.contains("did not match any variant of untagged enum VarValue") {
        return (
            "a variable must be a string or a list of strings".to_string(),
            "write name = \"value\" or name = [\"a\", \"b\"]".to_string(),
        );
    }
    (
        lower,
        "fix the TOML; docs/layout.md describes every key".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::explain_toml_error;

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let (m, h) = explain_toml_error(
            "unknown field `scsp`, expected one of `path`, `id`, `scps`, `tags`",
        );
        assert_eq!(m, "unknown key `scsp`");
        assert_eq!(h, "did you mean `scps`?");
        let (_, h) = explain_toml_error("unknown field `zzz`, expected `description`");
        assert_eq!(h, "remove the key; allowed here: description");
    }
}
