//! Runs the rules, then applies the `[lint]` settings: severity overrides,
//! disabled rules and waivers.

use serde::Serialize;
use time::Date;

use std::collections::BTreeMap;

use super::config::{LintConfig, SeverityRule, Waiver, is_under};
use super::context::Context;
use super::registry::{Needs, Out, RULES, Rule};
use crate::diagnostics::{Finding, Severity};
use crate::policy::pattern::{matches, wildcards};

/// A finding a current waiver accepted.
#[derive(Debug, Clone, Serialize)]
pub struct Waived {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
    pub expires: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Most severe first.
    pub findings: Vec<Finding>,
    pub waived: Vec<Waived>,
    /// Fingerprint → how its finding got its severity, for the findings
    /// whose severity `[lint]` changed; see [`Outcome::origin_of`].
    pub origins: BTreeMap<String, SeverityOrigin>,
}

impl Outcome {
    /// How a finding got its severity. Only the findings `[lint]` changed
    /// are recorded: a large organization has tens of thousands of the
    /// others, which kept the severity their rule reported.
    pub fn origin_of(&self, finding: &Finding) -> SeverityOrigin {
        finding
            .fingerprint
            .as_ref()
            .and_then(|id| self.origins.get(id))
            .cloned()
            .unwrap_or(SeverityOrigin {
                reported: finding.severity,
                overridden: None,
                rule: None,
            })
    }
}

/// How a finding's severity was decided, for `explain --severity`.
#[derive(Debug, Clone)]
pub struct SeverityOrigin {
    /// What the rule reported.
    pub reported: Severity,
    /// `severity = { CODE = … }` in `[lint]`, when set for the rule.
    pub overridden: Option<Severity>,
    /// The first severity rule that matched: its index and the rule.
    pub rule: Option<(usize, SeverityRule)>,
}

pub fn run(ctx: &Context) -> Outcome {
    let mut outcome = Outcome::default();
    for out in checked(ctx) {
        let severity = ctx.config.severity.get(out.code()).copied();
        for mut finding in out.findings {
            let mut origin = SeverityOrigin {
                reported: finding.severity,
                overridden: severity,
                rule: None,
            };
            if let Some(severity) = severity {
                finding.severity = severity;
            }
            if let Some((i, r)) = ctx
                .config
                .severity_rules
                .iter()
                .enumerate()
                .find(|(_, r)| severity_rule_matches(ctx, r, &finding))
            {
                finding.severity = r.effect.apply(finding.severity);
                origin.rule = Some((i, r.clone()));
            }
            if let Some(id) = &finding.fingerprint
                && (origin.overridden.is_some() || origin.rule.is_some())
            {
                outcome.origins.insert(id.clone(), origin);
            }
            match waiver_for(ctx.config, &finding, ctx.today) {
                Some(w) => outcome.waived.push(Waived {
                    finding,
                    reason: w.reason.clone(),
                    expires: w.expires.to_string(),
                }),
                None => outcome.findings.push(finding),
            }
        }
    }
    outcome.findings.sort_by(|a, b| {
        (a.severity, &a.code, &a.subject, &a.message)
            .cmp(&(b.severity, &b.code, &b.subject, &b.message))
    });
    outcome.waived.sort_by(|a, b| {
        (&a.finding.code, &a.finding.subject).cmp(&(&b.finding.code, &b.finding.subject))
    });
    outcome
}

/// Every enabled rule's findings, in registry order. The rules only read
/// the context, and on a large organization a few of them (trust and key
/// policies of every member account) take most of the time, so they are
/// spread over the processors; the order of the results does not depend
/// on which thread ran what.
fn checked(ctx: &Context) -> Vec<Out> {
    let rules: Vec<&Rule> = RULES
        .iter()
        .filter(|r| !ctx.config.disabled.contains(r.code))
        .collect();
    let run_one = |rule: &Rule| {
        let mut out = Out::new(rule);
        let started = std::time::Instant::now();
        (rule.check)(ctx, &mut out);
        // Here, on the worker: IAM005 alone gives 10,000 findings to hash
        // on a large organization.
        super::fingerprint::assign(&mut out.findings, &out.details);
        // At -vv: which rules a slow lint spends its time in.
        tracing::debug!(
            "rule {} in {:.3} s ({} findings)",
            rule.code,
            started.elapsed().as_secs_f64(),
            out.findings.len()
        );
        out
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return rules.into_iter().map(run_one).collect();
    }
    // The member accounts' documents are parsed on every processor before
    // the rules start: parsed on first use instead, the rules that need
    // them would wait for it one worker at a time.
    if ctx.live.is_some() && rules.iter().any(|r| r.needs == Needs::Live) {
        ctx.member_documents();
    }
    // Workers take the next rule as they finish one.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Out)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(rules.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(rule) = rules.get(i) else { break };
                        done.push((i, run_one(rule)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    // A rule whose worker died is run again here rather than skipped.
    let mut seen = vec![false; rules.len()];
    for (i, _) in &results {
        seen[*i] = true;
    }
    for (i, rule) in rules.iter().enumerate() {
        if !seen[i] {
            results.push((i, run_one(rule)));
        }
    }
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, out)| out).collect()
}

/// Whether a `[[lint.severity_rules]]` entry matches a finding: every
/// condition it sets must hold.
fn severity_rule_matches(ctx: &Context, rule: &SeverityRule, finding: &Finding) -> bool {
    let s = &finding.subject;
    let account = s
        .account_id
        .as_deref()
        .and_then(|id| ctx.org.as_ref()?.index.account(id));
    let ou_path = s
        .account_id
        .as_deref()
        .and_then(|id| ctx.org.as_ref()?.ou_path(id));
    rule.rule.as_ref().is_none_or(|code| *code == finding.code)
        && rule.account.as_ref().is_none_or(|pattern| {
            [s.account_id.as_deref(), account.map(|a| a.name.as_str())]
                .into_iter()
                .flatten()
                .any(|text| matches(&wildcards(pattern), text, false))
        })
        && rule
            .account_tag
            .as_ref()
            .is_none_or(|(k, v)| account.is_some_and(|a| a.tags.get(k) == Some(v)))
        && rule.ou.as_ref().is_none_or(|ou| {
            ou_path
                .as_deref()
                .is_some_and(|p| is_under(p, std::slice::from_ref(ou)))
        })
        && rule.resource.as_ref().is_none_or(|pattern| {
            [s.resource.as_deref(), s.file.as_deref()]
                .into_iter()
                .flatten()
                .any(|text| matches(&wildcards(pattern), text, false))
        })
}

/// The current waiver that covers a finding. An expired waiver covers
/// nothing (ORG006 reports it).
fn waiver_for<'c>(config: &'c LintConfig, finding: &Finding, today: Date) -> Option<&'c Waiver> {
    let s = &finding.subject;
    config.waivers.iter().find(|w| {
        w.rule == finding.code
            && w.expires >= today
            && [
                s.resource.as_deref(),
                s.file.as_deref(),
                s.account_id.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|text| matches(&wildcards(&w.resource), text, false))
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::diagnostics::Severity;
    use time::macros::date;

    fn lint(extra: &str) -> crate::checks::Outcome {
        // An account under the root: one ORG001 finding.
        let toml = layout_toml(&format!(
            "[[account]]\nid = \"{SANDBOX}\"\nname = \"lab\"\nou = \"/\"\n{extra}"
        ));
        let (_dir, loaded) = load_layout(&toml, &[]);
        crate::checks::lint(
            loaded.layout.as_ref(),
            &loaded.sources,
            None,
            None,
            date!(2026 - 11 - 21),
        )
        .expect("lint")
    }

    #[test]
    fn waivers_overrides_and_disabling() {
        let plain = lint("");
        assert_eq!(
            plain
                .findings
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            ["ORG001"]
        );
        assert_eq!(plain.findings[0].severity, Severity::Medium);

        // Only what [lint] changed is recorded; explain --severity still
        // says how every finding got its severity.
        assert!(plain.origins.is_empty());
        let origin = plain.origin_of(&plain.findings[0]);
        assert_eq!(
            (origin.reported, origin.overridden, origin.rule.is_none()),
            (Severity::Medium, None, true)
        );

        let raised = lint("[lint]\nseverity = { ORG001 = \"critical\" }\n");
        assert_eq!(raised.findings[0].severity, Severity::Critical);
        assert_eq!(raised.origins.len(), 1);
        let origin = raised.origin_of(&raised.findings[0]);
        assert_eq!(
            (origin.reported, origin.overridden),
            (Severity::Medium, Some(Severity::Critical))
        );

        assert!(
            lint("[lint]\ndisable = [\"account-under-root\"]\n")
                .findings
                .is_empty()
        );

        let waiver = |pattern: &str, expires: &str| {
            format!(
                "[[lint.waiver]]\nrule = \"ORG001\"\nresource = \"{pattern}\"\nreason = \"lab\"\nexpires = {expires}\n"
            )
        };
        let waived = lint(&waiver("3333*", "2026-11-21"));
        assert!(waived.findings.is_empty());
        assert_eq!(waived.waived.len(), 1);
        assert_eq!(waived.waived[0].expires, "2026-11-21");

        let other = lint(&waiver("4444*", "2027-01-01"));
        assert_eq!(other.findings.len(), 1);

        let expired = lint(&waiver("3333*", "2026-11-20"));
        let codes: Vec<&str> = expired.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["ORG001", "ORG006"]);
    }

    /// The rules report in their own order, on different workers; the
    /// report lists every finding by severity, then code, subject and
    /// message, with a rule whose severity `[lint]` lowered among the
    /// rules that report at that severity.
    #[test]
    fn findings_are_listed_by_severity_then_code_whichever_rule_reported_them() {
        use crate::org::{AccessKey, IamUser};
        let toml = layout_toml(&format!(
            "[[account]]\nid = \"{SANDBOX}\"\nname = \"lab\"\nou = \"/\"\n[lint]\nseverity = {{ IAM001 = \"medium\" }}\n"
        ));
        let (_dir, loaded) = load_layout(&toml, &[]);
        let key = |id: &str, created: &str| AccessKey {
            id: id.into(),
            status: "Active".into(),
            created_at: Some(created.into()),
            last_used_at: None,
            last_used_service: None,
        };
        let mut snap = org();
        for account in [SANDBOX, PROD] {
            let mut m = member(account);
            m.roles = vec![role(
                account,
                "open",
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#,
                &[],
            )];
            m.users = ["ops", "batch"]
                .into_iter()
                .map(|name| IamUser {
                    arn: format!("arn:aws:iam::{account}:user/{name}"),
                    name: name.into(),
                    user_id: format!("AIDA{name}"),
                    created_at: None,
                    console_access: name == "ops",
                    password_last_used_at: None,
                    mfa: Some(false),
                    attached_policies: vec![],
                    inline_documents: Default::default(),
                    groups: vec![],
                    access_keys: vec![
                        key(&format!("AKIAOLD{name}"), "2019-01-01T00:00:00Z"),
                        key(&format!("AKIANEW{name}"), "2026-11-20T00:00:00Z"),
                    ],
                })
                .collect();
            snap.member_accounts.push(m);
        }
        let outcome = crate::checks::lint(
            loaded.layout.as_ref(),
            &loaded.sources,
            Some(&snap),
            None,
            date!(2026 - 11 - 21),
        )
        .expect("lint");
        let listed: Vec<_> = outcome
            .findings
            .iter()
            .map(|f| (f.severity, f.code.as_str(), &f.subject, f.message.as_str()))
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        let at = |severity: Severity| -> Vec<&str> {
            let mut codes: Vec<&str> = listed
                .iter()
                .filter(|f| f.0 == severity)
                .map(|f| f.1)
                .collect();
            codes.dedup();
            codes
        };
        assert_eq!(at(Severity::High), ["IAM005"]);
        assert_eq!(at(Severity::Medium), ["IAM001", "IAM005"]);
        assert_eq!(at(Severity::Low), ["IAM005"]);
        assert_eq!(listed.len(), 10);
    }
}
