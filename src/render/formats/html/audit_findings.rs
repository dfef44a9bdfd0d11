//! The findings report as one self-contained HTML page.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::parts::{bar_chart, cards, esc, page_end, page_start, severity_chips};
use crate::audit::findings_report::FindingsReport;
use crate::audit::summary::display_ou;
use crate::diagnostics::{Finding, Severity};
use crate::render::Render;
use crate::render::formats::Html;

impl Render<FindingsReport> for Html {
    fn render(&self, report: &FindingsReport, out: &mut dyn Write) -> io::Result<()> {
        let mut html = page_start(
            "Findings report",
            &format!("Snapshot captured {}", report.captured_at),
        );
        html.push_str(&cards(&[
            ("Findings", report.total),
            ("Accounts with findings", report.by_account.len()),
            ("Waivers", report.waivers.len()),
        ]));
        let counts: Vec<(Severity, usize)> = report
            .by_severity
            .iter()
            .map(|(s, l)| (*s, l.len()))
            .collect();
        html.push_str(&severity_chips(&counts));
        html.push_str("<section class=\"charts\">\n");
        let per_ou: Vec<(String, usize)> = report
            .by_ou
            .iter()
            .map(|(ou, c)| (ou.clone(), c.values().sum()))
            .collect();
        html.push_str(&bar_chart("Findings per OU", "findings", &per_ou));
        let per_account: Vec<(String, usize)> = report
            .by_account
            .iter()
            .map(|a| (a.account_name.clone(), a.findings.len()))
            .collect();
        html.push_str(&bar_chart("Findings per account", "findings", &per_account));
        html.push_str("</section>\n");

        if let Some(changes) = &report.changes {
            let _ = writeln!(
                html,
                "<h2>Since the baseline</h2>\n<p>{} opened, {} fixed.</p>",
                changes.opened.len(),
                changes.fixed.len()
            );
            if !changes.opened.is_empty() {
                html.push_str("<h3>Opened</h3>\n");
                html.push_str(&finding_table(&changes.opened));
            }
            if !changes.fixed.is_empty() {
                html.push_str("<h3>Fixed</h3>\n<div class=\"table-wrap\"><table><thead><tr><th>Code</th><th>Severity</th><th>Where</th><th>Finding</th></tr></thead><tbody>\n");
                for e in &changes.fixed {
                    let _ = writeln!(
                        html,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&e.code),
                        e.severity,
                        esc(&e.location),
                        esc(&e.message)
                    );
                }
                html.push_str("</tbody></table></div>\n");
            }
        }
        html.push_str("<h2>By severity</h2>\n");
        for (severity, list) in report.by_severity.iter().filter(|(_, l)| !l.is_empty()) {
            let _ = writeln!(
                html,
                "<h3><span class=\"chip sev-{severity}\">{severity}</span> {}</h3>",
                list.len()
            );
            html.push_str(&finding_table(list));
        }
        if report.total == 0 {
            html.push_str("<p>No findings.</p>\n");
        }

        html.push_str("<h2>By account</h2>\n");
        if report.by_account.is_empty() {
            html.push_str("<p>No findings in any account.</p>\n");
        }
        for a in &report.by_account {
            let _ = writeln!(
                html,
                "<h3>{} <span class=\"sub\">{} · {}</span></h3>",
                esc(&a.account_name),
                esc(&a.account_id),
                esc(display_ou(&a.ou_path))
            );
            html.push_str(&finding_table(&a.findings));
        }
        if !report.without_account.is_empty() {
            html.push_str("<h2>Not tied to an account</h2>\n");
            html.push_str(&finding_table(&report.without_account));
        }

        html.push_str("<h2>Waivers</h2>\n");
        if report.waivers.is_empty() {
            html.push_str("<p>No waivers.</p>\n");
        } else {
            html.push_str("<div class=\"table-wrap\"><table><thead><tr><th>Code</th><th>Account</th><th>Resource</th><th>Reason</th><th>Expires</th><th>State</th></tr></thead><tbody>\n");
            for w in &report.waivers {
                let _ = writeln!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"waiver-{}\">{}</td></tr>",
                    esc(&w.waiver.code),
                    esc(w.waiver.account_id.as_deref().unwrap_or("")),
                    esc(w.waiver.resource.as_deref().unwrap_or("(everywhere)")),
                    esc(&w.waiver.reason),
                    esc(w.waiver.expires.as_deref().unwrap_or("never")),
                    w.state.as_str().replace(' ', "-"),
                    esc(w.state.as_str()),
                );
            }
            html.push_str("</tbody></table></div>\n");
        }
        html.push_str(&page_end(""));
        out.write_all(html.as_bytes())
    }
}

fn finding_table(list: &[Finding]) -> String {
    let mut html = String::from(
        "<div class=\"table-wrap\"><table><thead><tr><th>Code</th><th>Severity</th><th>Account</th><th>Resource</th><th>Finding</th><th>How to fix</th></tr></thead><tbody>\n",
    );
    for f in list {
        let _ = writeln!(
            html,
            "<tr><td><span class=\"tag finding\">{}</span></td><td><span class=\"chip sev-{sev}\">{sev}</span></td><td>{}</td><td class=\"id\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.code),
            esc(f.subject.account_id.as_deref().unwrap_or("")),
            esc(f
                .subject
                .resource
                .as_deref()
                .or(f.subject.file.as_deref())
                .unwrap_or("")),
            esc(&f.message),
            esc(&f.help),
            sev = f.severity,
        );
    }
    html.push_str("</tbody></table></div>\n");
    html
}
