//! A rule's documentation as text or Markdown, for `explain`,
//! docs/rules.md and SARIF rule help.

use super::registry::{self, Needs, Rule};

/// A rule's heading: its code and name (`KMS001 single-key-administrator`),
/// or the code alone where the code is the name (validate's rules).
pub fn title(rule: &Rule) -> String {
    if rule.code == rule.name {
        rule.code.to_string()
    } else {
        format!("{} {}", rule.code, rule.name)
    }
}

pub fn markdown(rule: &Rule) -> String {
    format!(
        "## {}\n\n{}\n\n- Area: {}\n- Default severity: {}\n- Needs: {}\n\n### What it checks\n\n{}\n\n### Why it is dangerous\n\n{}\n\n### Example\n\n{}\n\n### How to fix\n\n{}\n",
        title(rule),
        rule.summary,
        rule.area.title(),
        rule.severity,
        rule.needs,
        rule.docs.what,
        rule.docs.why,
        rule.docs.example,
        rule.docs.fix
    )
}

pub fn text(rule: &Rule) -> String {
    format!(
        "{}: {}\n\narea: {}\ndefault severity: {}\nneeds: {}\n\nWHAT IT CHECKS\n{}\n\nWHY IT IS DANGEROUS\n{}\n\nEXAMPLE\n{}\n\nHOW TO FIX\n{}\n",
        title(rule),
        rule.summary,
        rule.area.title(),
        rule.severity,
        rule.needs,
        rule.docs.what,
        rule.docs.why,
        rule.docs.example,
        rule.docs.fix
    )
}

/// docs/rules.md: an index table, then every rule by area (lint's rules,
/// then validate's, in each).
pub fn reference() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry by `orgguard explain --all --format markdown`; do not edit. -->\n\nEvery code orgguard reports is here. `orgguard lint` runs the rules with upper-case codes (`KMS001`) on the layout or a live snapshot; their severities can be changed, rules disabled and findings waived in the `[lint]` section of ou-layout.toml (see docs/lint.md). `orgguard validate` checks the rules with kebab-case codes (`scp-grammar`, needs: validate) while it reads the files: high is what it calls an error (exit 1), medium a warning (exit 1 with `--deny-warnings`). `orgguard explain CODE` prints one rule.\n\n| Code | Name | Severity | Needs | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut rules: Vec<&Rule> = registry::all().collect();
    // Stable: lint's rules stay ahead of validate's within an area.
    rules.sort_by_key(|r| r.area);
    for rule in &rules {
        let needs = match rule.needs {
            Needs::Org => "layout or live",
            Needs::Live => "live",
            Needs::Files => "validate",
        };
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} | {} |\n",
            rule.code,
            title(rule).to_lowercase().replace(' ', "-"),
            rule.name,
            rule.severity,
            needs,
            rule.summary.replace('|', "\\|")
        ));
    }
    let mut area = None;
    for rule in rules {
        if area != Some(rule.area) {
            area = Some(rule.area);
            out.push_str(&format!("\n# {}\n", rule.area.title()));
        }
        out.push('\n');
        out.push_str(&markdown(rule));
    }
    out
}
