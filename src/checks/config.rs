//! The `[lint]` section of ou-layout.toml: severity overrides, disabled
//! rules, waivers, required guardrails and rule settings. docs/lint.md
//! describes every key.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use miette::NamedSource;
use time::Date;
use toml::Spanned;

use super::registry;
use crate::diagnostics::Severity;
use crate::diagnostics::{Location, Sources};
use crate::error::{Error, Result};
use crate::layout::{LAYOUT_FILE, Layout};
use crate::org::FULL_AWS_ACCESS;

/// The access-key age past which IAM005 raises a key to medium, when
/// `max_access_key_age_days` is unset.
pub const DEFAULT_MAX_ACCESS_KEY_AGE_DAYS: u32 = 90;
/// Likewise for the days since a key was last used.
pub const DEFAULT_MAX_ACCESS_KEY_UNUSED_DAYS: u32 = 90;

/// Where the example layout keeps production and SDLC accounts.
pub const DEFAULT_PRODUCTION_OUS: &[&str] = &["Foundational/Workloads/Production"];
pub const DEFAULT_SANDBOX_OUS: &[&str] = &["Foundational/Workloads/SDLC"];

pub use crate::layout::sections::{LintSection, SeverityRuleSection, WaiverSection};

/// `[lint]` checked and ready for the engine.
#[derive(Debug, Clone, Default)]
pub struct LintConfig {
    pub disabled: BTreeSet<String>,
    pub severity: BTreeMap<String, Severity>,
    pub waivers: Vec<Waiver>,
    pub required: Vec<Required>,
    pub break_glass_roles: Vec<String>,
    pub max_access_key_age_days: u32,
    pub max_access_key_unused_days: u32,
    pub production_ous: Vec<String>,
    pub sandbox_ous: Vec<String>,
    pub severity_rules: Vec<SeverityRule>,
    pub personal_data_buckets: Vec<String>,
}

/// One `[[lint.severity_rules]]` entry, checked.
#[derive(Debug, Clone, Default)]
pub struct SeverityRule {
    pub rule: Option<String>,
    pub account: Option<String>,
    pub account_tag: Option<(String, String)>,
    pub ou: Option<String>,
    pub resource: Option<String>,
    pub effect: SeverityEffect,
    /// The entry as written, for `explain --severity`.
    pub text: String,
    pub location: Option<Location>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityEffect {
    Set(Severity),
    /// Positive raises toward critical, negative lowers toward info.
    Shift(i8),
}

impl Default for SeverityEffect {
    fn default() -> Self {
        SeverityEffect::Shift(0)
    }
}

impl SeverityEffect {
    pub fn apply(self, severity: Severity) -> Severity {
        match self {
            SeverityEffect::Set(s) => s,
            SeverityEffect::Shift(n) => {
                let at = Severity::ALL
                    .iter()
                    .position(|s| *s == severity)
                    .unwrap_or(0) as i64;
                let last = Severity::ALL.len() as i64 - 1;
                Severity::ALL[(at - i64::from(n)).clamp(0, last) as usize]
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Waiver {
    pub rule: String,
    pub resource: String,
    pub reason: String,
    pub expires: Date,
    pub location: Option<Location>,
}

#[derive(Debug, Clone)]
pub struct Required {
    /// An OU path, or "/" for the whole organization.
    pub ou_path: String,
    pub scps: Vec<String>,
    pub location: Option<Location>,
}

impl LintConfig {
    /// The settings when there is no layout or no `[lint]`.
    pub fn defaults() -> Self {
        LintConfig {
            max_access_key_age_days: DEFAULT_MAX_ACCESS_KEY_AGE_DAYS,
            max_access_key_unused_days: DEFAULT_MAX_ACCESS_KEY_UNUSED_DAYS,
            production_ous: DEFAULT_PRODUCTION_OUS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            sandbox_ous: DEFAULT_SANDBOX_OUS.iter().map(|s| s.to_string()).collect(),
            ..LintConfig::default()
        }
    }

    /// Checks `[lint]`; a bad value stops the command with its position.
    pub fn from_layout(layout: &Layout, sources: &Sources) -> Result<Self> {
        let section = &layout.file.lint;
        let text = sources.text(LAYOUT_FILE).unwrap_or_default();
        let bad = |span: Range<usize>, message: String, help: String| Error::Input {
            message,
            src: NamedSource::new(LAYOUT_FILE, text.to_string()),
            span: (span.start, span.end.saturating_sub(span.start)).into(),
            label: "here".to_string(),
            help: Some(help),
        };
        let at = |span: Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
        let known_rule = |code: &Spanned<String>| -> Result<String> {
            match registry::find_lint(code.get_ref()) {
                Some(rule) => Ok(rule.code.to_string()),
                None => Err(bad(
                    code.span(),
                    format!("`{}` is not a lint rule", code.get_ref()),
                    match crate::suggest::closest(
                        code.get_ref(),
                        registry::RULES.iter().map(|r| r.code),
                    ) {
                        Some(best) => format!(
                            "did you mean `{best}`? `orgguard explain --all` lists the rules"
                        ),
                        None => "`orgguard explain --all` lists the rules".to_string(),
                    },
                )),
            }
        };

        let mut config = LintConfig::defaults();
        for code in &section.disable {
            config.disabled.insert(known_rule(code)?);
        }
        for (code, level) in &section.severity {
            let rule = known_rule(code)?;
            let severity = level.get_ref().parse::<Severity>().map_err(|e| {
                bad(
                    level.span(),
                    e,
                    "write one of \"critical\", \"high\", \"medium\", \"low\", \"info\""
                        .to_string(),
                )
            })?;
            config.severity.insert(rule, severity);
        }
        for waiver in &section.waivers {
            let w = waiver.get_ref();
            let rule = known_rule(&w.rule)?;
            if w.reason.get_ref().trim().is_empty() {
                return Err(bad(
                    w.reason.span(),
                    "a waiver needs a reason".to_string(),
                    "say why the finding is accepted, for the next reviewer".to_string(),
                ));
            }
            let expires = match (w.expires.get_ref().date, w.expires.get_ref().time) {
                (Some(d), None) => Date::from_calendar_date(
                    i32::from(d.year),
                    time::Month::try_from(d.month).map_err(|e| {
                        bad(
                            w.expires.span(),
                            e.to_string(),
                            "write a date such as 2027-03-31".to_string(),
                        )
                    })?,
                    d.day,
                )
                .map_err(|e| {
                    bad(
                        w.expires.span(),
                        format!("invalid date: {e}"),
                        "write a date such as 2027-03-31".to_string(),
                    )
                })?,
                _ => {
                    return Err(bad(
                        w.expires.span(),
                        "`expires` must be a date without a time".to_string(),
                        "write a bare TOML date such as expires = 2027-03-31".to_string(),
                    ));
                }
            };
            config.waivers.push(Waiver {
                rule,
                resource: w.resource.get_ref().clone(),
                reason: w.reason.get_ref().clone(),
                expires,
                location: at(waiver.span()),
            });
        }
        for (path, scps) in &section.required_scps {
            let text = path.get_ref();
            if text != "/" {
                crate::layout::paths::check_path(text)
                    .map_err(|m| bad(path.span(), m, "write an OU path such as \"Foundational/Workloads\", or \"/\" for the whole organization".to_string()))?;
            }
            for scp in scps.get_ref() {
                let name = scp.get_ref();
                if name != FULL_AWS_ACCESS && !layout.policies.contains_key(name) {
                    return Err(bad(
                        scp.span(),
                        format!("required SCP `{name}` is not defined"),
                        match crate::suggest::closest(
                            name,
                            layout.policies.keys().map(String::as_str),
                        ) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => format!("add policies/{name}.json, or remove the name"),
                        },
                    ));
                }
            }
            config.required.push(Required {
                ou_path: text.clone(),
                scps: scps.get_ref().iter().map(|s| s.get_ref().clone()).collect(),
                location: at(path.span()),
            });
        }
        for role in &section.break_glass_roles {
            if !role.get_ref().starts_with("arn:") {
                return Err(bad(
                    role.span(),
                    format!("`{}` is not a role ARN pattern", role.get_ref()),
                    "write an ARN pattern such as \"arn:aws:iam::*:role/BreakGlass\"".to_string(),
                ));
            }
            config.break_glass_roles.push(role.get_ref().clone());
        }
        for (key, value, target) in [
            (
                "max_access_key_age_days",
                &section.max_access_key_age_days,
                &mut config.max_access_key_age_days,
            ),
            (
                "max_access_key_unused_days",
                &section.max_access_key_unused_days,
                &mut config.max_access_key_unused_days,
            ),
        ] {
            if let Some(days) = value {
                if *days.get_ref() == 0 {
                    return Err(bad(
                        days.span(),
                        format!("`{key}` is 0"),
                        "use at least 1, or remove the key for the default of 90 days".to_string(),
                    ));
                }
                *target = *days.get_ref();
            }
        }
        for (list, target) in [
            (&section.production_ous, &mut config.production_ous),
            (&section.sandbox_ous, &mut config.sandbox_ous),
        ] {
            let Some(list) = list else { continue };
            target.clear();
            for path in list {
                crate::layout::paths::check_path(path.get_ref()).map_err(|m| {
                    bad(
                        path.span(),
                        m,
                        "write an OU path such as \"Foundational/Workloads/Production\""
                            .to_string(),
                    )
                })?;
                target.push(path.get_ref().clone());
            }
        }
        for bucket in &section.personal_data_buckets {
            let name = bucket.get_ref();
            let valid = (3..=63).contains(&name.len())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
            if !valid {
                return Err(bad(
                    bucket.span(),
                    format!("`{name}` is not an S3 bucket name"),
                    "write the bucket's name, such as \"payments-customer-data\", not an ARN"
                        .to_string(),
                ));
            }
            config.personal_data_buckets.push(name.clone());
        }
        for entry in &section.severity_rules {
            let e = entry.get_ref();
            let effect = match (&e.severity, &e.raise, &e.lower) {
                (Some(level), None, None) => {
                    SeverityEffect::Set(level.get_ref().parse::<Severity>().map_err(|m| {
                        bad(
                            level.span(),
                            m,
                            "write one of \"critical\", \"high\", \"medium\", \"low\", \"info\""
                                .to_string(),
                        )
                    })?)
                }
                (None, Some(n), None) => SeverityEffect::Shift(*n.get_ref() as i8),
                (None, None, Some(n)) => SeverityEffect::Shift(-(*n.get_ref() as i8)),
                _ => {
                    return Err(bad(
                        entry.span(),
                        "a severity rule needs exactly one of `severity`, `raise` and `lower`"
                            .to_string(),
                        "write, say, { ou = \"Foundational/Workloads/Production\", raise = 1 }"
                            .to_string(),
                    ));
                }
            };
            let rule = e.rule.as_ref().map(&known_rule).transpose()?;
            let account_tag = match &e.account_tag {
                Some(tag) => Some(
                    tag.get_ref()
                        .split_once('=')
                        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                        .ok_or_else(|| {
                            bad(
                                tag.span(),
                                format!("`{}` is not key=value", tag.get_ref()),
                                "write a tag such as \"environment=production\"".to_string(),
                            )
                        })?,
                ),
                None => None,
            };
            if let Some(ou) = &e.ou {
                crate::layout::paths::check_path(ou.get_ref()).map_err(|m| {
                    bad(
                        ou.span(),
                        m,
                        "write an OU path such as \"Foundational/Workloads/Production\""
                            .to_string(),
                    )
                })?;
            }
            let span = entry.span();
            config.severity_rules.push(SeverityRule {
                rule,
                account: e.account.as_ref().map(|a| a.get_ref().clone()),
                account_tag,
                ou: e.ou.as_ref().map(|o| o.get_ref().clone()),
                resource: e.resource.as_ref().map(|r| r.get_ref().clone()),
                effect,
                text: text
                    .get(span.clone())
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                location: at(span),
            });
        }
        Ok(config)
    }
}

/// Whether an OU path is one of `ous` or under one of them.
pub fn is_under(path: &str, ous: &[String]) -> bool {
    ous.iter().any(|ou| {
        path == ou
            || path
                .strip_prefix(ou.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}
