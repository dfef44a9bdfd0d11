//! SARIF 2.1.0 for GitHub code scanning, of lint's and validate's findings:
//! rule metadata from the registry (both tables);
//! findings in the repository point at file and line, findings about live
//! resources carry the ARN as a logical location.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::checks::docs;
use crate::checks::registry::{self, Rule};
use crate::checks::report::Report;
use crate::diagnostics::{Finding, Severity};
use crate::render::Render;
use crate::render::formats::Sarif;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` scale (0–10).
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn rule(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": docs::text(rule), "markdown": docs::markdown(rule)},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": ["security", format!("{:?}", rule.area).to_lowercase()],
            "security-severity": security_severity(rule.severity),
        },
    })
}

fn result(f: &Finding, baseline: Option<&crate::checks::baseline::Comparison>) -> Value {
    let mut location = serde_json::Map::new();
    if let Some(file) = &f.subject.file {
        let mut region = serde_json::Map::new();
        region.insert(
            "startLine".into(),
            json!(f.subject.line.unwrap_or(1).max(1)),
        );
        if let Some(col) = f.subject.column {
            region.insert("startColumn".into(), json!(col.max(1)));
        }
        location.insert(
            "physicalLocation".into(),
            json!({"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"}, "region": region}),
        );
    }
    if let Some(resource) = &f.subject.resource {
        let mut logical = json!({"fullyQualifiedName": resource, "kind": "resource"});
        if let Some(account) = &f.subject.account_id {
            logical["properties"] = json!({"accountId": account, "region": f.subject.region});
        }
        location.insert("logicalLocations".into(), json!([logical]));
    }
    let mut value = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": {"text": format!("{} Fix: {}", f.message, f.help)},
        "properties": {"severity": f.severity},
    });
    if let Some(index) = registry::all().position(|r| r.code == f.code) {
        value["ruleIndex"] = json!(index);
    }
    // GitHub code scanning follows a finding across runs by these.
    if let Some(id) = &f.fingerprint {
        value["partialFingerprints"] = json!({"orgguardFindingId/v1": id});
    }
    if let Some(b) = baseline {
        value["baselineState"] = json!(if b.is_new(f) { "new" } else { "unchanged" });
    }
    if !location.is_empty() {
        value["locations"] = json!([Value::Object(location)]);
    }
    value
}

impl Render<Report<'_>> for Sarif {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "orgguard",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": registry::all().map(rule).collect::<Vec<_>>(),
                }},
                "results": report.findings.iter().map(|f| result(f, report.baseline)).collect::<Vec<_>>(),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::report::fixtures::*;
    use crate::render::Format;

    #[test]
    fn files_become_physical_and_arns_logical_locations() {
        let findings = findings();
        let log: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &report(&findings))).unwrap();
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().map(Vec::len),
            Some(crate::checks::registry::all().count())
        );
        let kms = &run["results"][0];
        assert_eq!(kms["level"], "error");
        assert_eq!(
            kms["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "arn:aws:kms:eu-west-1:444444444444:key/k1"
        );
        let index = kms["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "KMS003");
        let scp = &run["results"][1]["locations"][0]["physicalLocation"];
        assert_eq!(scp["artifactLocation"]["uri"], "policies/guard.json");
        assert_eq!(scp["region"]["startLine"], 5);
    }
}
