//! A rule's documentation as text or Markdown, for `explain`,
//! docs/rules.md and SARIF rule help.

use super::registry::{Area, RULES, Rule};

pub fn markdown(rule: &Rule) -> String {
    format!(
        "## {} {}\n\n{}\n\n- Area: {}\n- Default severity: {}\n- Needs: {}\n\n### What it checks\n\n{}\n\n### Why it is dangerous\n\n{}\n\n### Example\n\n{}\n\n### How to fix\n\n{}\n",
        rule.code,
        rule.name,
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
        "{} {}: {}\n\narea: {}\ndefault severity: {}\nneeds: {}\n\nWHAT IT CHECKS\n{}\n\nWHY IT IS DANGEROUS\n{}\n\nEXAMPLE\n{}\n\nHOW TO FIX\n{}\n",
        rule.code,
        rule.name,
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

/// docs/rules.md: an index table, then every rule by area.
pub fn reference() -> String {
    let mut out = String::from(
        "# Lint rules\n\n<!-- Generated from the rule registry by `orgguard explain --all --format markdown`; do not edit. -->\n\n`orgguard lint` runs these rules; `orgguard explain CODE` prints one of them. Severities can be changed, rules disabled and findings waived in the `[lint]` section of ou-layout.toml (see docs/lint.md).\n\n| Code | Name | Severity | Needs | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    for rule in RULES {
        let needs = match rule.needs {
            super::registry::Needs::Org => "layout or live",
            super::registry::Needs::Live => "live",
        };
        out.push_str(&format!(
            "| [{}](#{}-{}) | {} | {} | {} | {} |\n",
            rule.code,
            rule.code.to_lowercase(),
            rule.name,
            rule.name,
            rule.severity,
            needs,
            rule.summary.replace('|', "\\|")
        ));
    }
    let mut area: Option<Area> = None;
    for rule in RULES {
        if area != Some(rule.area) {
            area = Some(rule.area);
            out.push_str(&format!("\n# {}\n", rule.area.title()));
        }
        out.push('\n');
        out.push_str(&markdown(rule));
    }
    out
}
