//! The one table of rules: lint's ([`RULES`]) and validate's
//! ([`VALIDATE_RULES`], in `validate_rules.rs`). `explain`, docs/rules.md
//! and the SARIF rule metadata are all generated from it.

use std::fmt;

use super::context::Context;
use super::rules::{cfg, iam, kms, org, rcp, scp, sso};
pub use super::validate_rules::VALIDATE_RULES;
use crate::diagnostics::{Finding, Severity, Subject};

/// The part of the organization a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// The layout files themselves (validate's rules about syntax,
    /// references and values).
    Layout,
    Scp,
    Rcp,
    Org,
    Kms,
    Iam,
    Sso,
    Cfg,
}

impl Area {
    pub fn title(self) -> &'static str {
        match self {
            Area::Layout => "Layout files",
            Area::Scp => "Service control policies",
            Area::Rcp => "Resource control policies",
            Area::Org => "Organization",
            Area::Kms => "KMS keys",
            Area::Iam => "IAM",
            Area::Sso => "IAM Identity Center",
            Area::Cfg => "Detective coverage",
        }
    }
}

/// What a rule needs to say anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The organization: the layout (offline) or a snapshot (live).
    Org,
    /// A live snapshot; offline it reports nothing.
    Live,
    /// The files alone: `orgguard validate` reports it while it reads them.
    Files,
}

impl fmt::Display for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Needs::Org => "the layout (offline) or a live snapshot",
            Needs::Live => {
                "a live snapshot (`--live`); with `snapshot --deep` for member-account resources"
            }
            Needs::Files => "the files alone; `orgguard validate` reports it",
        })
    }
}

/// A rule's documentation, in fixed sections.
#[derive(Debug, Clone, Copy)]
pub struct Docs {
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

pub struct Rule {
    /// Stable code, such as `KMS001`.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub area: Area,
    pub severity: Severity,
    pub needs: Needs,
    /// One line, for lists and SARIF's shortDescription.
    pub summary: &'static str,
    pub docs: Docs,
    pub check: fn(&Context, &mut Out),
}

/// Collects one rule's findings.
pub struct Out {
    code: &'static str,
    severity: Severity,
    pub findings: Vec<Finding>,
    /// Finding index → what tells it apart from the rule's other findings
    /// on the same resource (a key id, a trusted account), for its
    /// fingerprint.
    pub details: super::fingerprint::Details,
}

impl Out {
    /// The code of the rule these findings are from.
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn new(rule: &Rule) -> Self {
        Out {
            code: rule.code,
            severity: rule.severity,
            findings: Vec::new(),
            details: Default::default(),
        }
    }

    pub fn report(
        &mut self,
        subject: Subject,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.report_as(self.severity, subject, message, help);
    }

    /// Marks the finding just reported with the detail that tells it apart
    /// from the rule's other findings on the same resource.
    pub fn detail(&mut self, detail: impl Into<String>) {
        if let Some(last) = self.findings.len().checked_sub(1) {
            self.details.insert(last, detail.into());
        }
    }

    /// A finding of a rule whose severity depends on what it found; the
    /// rule's own severity is the highest it reports.
    pub fn report_as(
        &mut self,
        severity: Severity,
        subject: Subject,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.findings.push(Finding {
            code: self.code.to_string(),
            severity,
            message: message.into(),
            subject,
            help: help.into(),
            fingerprint: None,
        });
    }
}

pub const RULES: &[Rule] = &[
    scp::unknown_action::RULE,
    scp::region_deny_blocks_global::RULE,
    scp::deny_blocks_break_glass::RULE,
    scp::allows_nothing::RULE,
    scp::too_large::RULE,
    scp::unattached::RULE,
    rcp::blocks_aws_services::RULE,
    rcp::unsupported_service::RULE,
    rcp::too_many::RULE,
    rcp::too_large::RULE,
    rcp::on_management::RULE,
    org::account_under_root::RULE,
    org::required_guardrail::RULE,
    org::too_many_scps::RULE,
    org::ou_too_deep::RULE,
    org::scp_on_management::RULE,
    org::expired_waiver::RULE,
    org::not_checked::RULE,
    org::no_security_contact::RULE,
    kms::single_admin::RULE,
    kms::no_admin::RULE,
    kms::admin_deleted::RULE,
    iam::trusts_everyone::RULE,
    iam::external_root::RULE,
    iam::github_oidc::RULE,
    iam::privileged_trusts_root::RULE,
    iam::long_lived_access_key::RULE,
    iam::production_trusts_sandbox::RULE,
    iam::root_access_key::RULE,
    sso::missing_principal::RULE,
    sso::inactive_account::RULE,
    sso::not_provisioned::RULE,
    sso::direct_user::RULE,
    sso::empty_group::RULE,
    sso::access_not_permitted::RULE,
    cfg::recorder_off::RULE,
    cfg::trail_coverage::RULE,
    cfg::guardduty_off::RULE,
    cfg::personal_data_not_logged::RULE,
];

/// Every rule: lint's, then validate's.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().chain(VALIDATE_RULES)
}

/// A rule by code, else by name, case-insensitively. (Validate's
/// `unattached-scp` is also the name of lint's SCP006: the code wins.)
pub fn find(key: &str) -> Option<&'static Rule> {
    all()
        .find(|r| r.code.eq_ignore_ascii_case(key))
        .or_else(|| all().find(|r| r.name.eq_ignore_ascii_case(key)))
}

/// A lint rule (what `[lint]` settings can name) by code or name,
/// case-insensitively.
pub fn find_lint(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// A validate rule by its exact code.
pub fn find_validate(code: &str) -> Option<&'static Rule> {
    VALIDATE_RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every doc section of a rule says something.
    fn assert_documented(rule: &Rule) {
        for (section, text) in [
            ("summary", rule.summary),
            ("what", rule.docs.what),
            ("why", rule.docs.why),
            ("example", rule.docs.example),
            ("fix", rule.docs.fix),
        ] {
            assert!(
                !text.trim().is_empty(),
                "{} has no `{section}` section",
                rule.code
            );
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: BTreeSet<_> = all().map(|r| r.code.to_lowercase()).collect();
        let names: BTreeSet<_> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), RULES.len() + VALIDATE_RULES.len());
        assert_eq!(names.len(), RULES.len());
        // A validate code that is also a lint rule's name must be the same
        // check (`explain` finds the code first).
        let shared: Vec<_> = VALIDATE_RULES
            .iter()
            .filter(|v| names.contains(v.code))
            .map(|v| v.code)
            .collect();
        assert_eq!(shared, ["unattached-scp"]);
        for rule in RULES {
            assert_ne!(rule.needs, Needs::Files, "{}", rule.code);
            let prefix = format!("{:?}", rule.area).to_uppercase();
            assert!(
                rule.code.starts_with(&prefix),
                "{} is filed under {prefix}",
                rule.code
            );
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
            assert_documented(rule);
        }
        for rule in VALIDATE_RULES {
            assert_eq!(rule.needs, Needs::Files, "{}", rule.code);
            assert_eq!(rule.code, rule.name, "a validate rule's code is its name");
            assert!(
                rule.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.code
            );
            assert!(
                rule.severity == Severity::ERROR || rule.severity == Severity::WARNING,
                "{} reports errors (high) or warnings (medium)",
                rule.code
            );
            assert_documented(rule);
        }
        assert_eq!(find("kms001").map(|r| r.code), Some("KMS001"));
        assert_eq!(find("scp-grammar").map(|r| r.code), Some("scp-grammar"));
        assert_eq!(
            find("unattached-scp").map(|r| r.code),
            Some("unattached-scp")
        );
        assert_eq!(find("scp006").map(|r| r.name), Some("unattached-scp"));
        assert_eq!(find_lint("unattached-scp").map(|r| r.code), Some("SCP006"));
        assert!(find_lint("scp-grammar").is_none());
        assert_eq!(
            find("single-key-administrator").map(|r| r.code),
            Some("KMS001")
        );
    }
}
