//! The assignment inventory as one self-contained HTML page: summary,
//! charts and a sortable, filterable table.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::parts::{bar_chart, cards, esc, page_end, page_start, severity_chips, warning};
use crate::audit::inventory::{AssignmentRow, Inventory};
use crate::audit::summary::{
    Summary, admin_accounts_by_principal, display_ou, per_ou, per_permission_set,
};
use crate::render::Render;
use crate::render::formats::Html;

const SCRIPT: &str = include_str!("assets/inventory.js");

impl Render<Inventory> for Html {
    fn render(&self, report: &Inventory, out: &mut dyn Write) -> io::Result<()> {
        let s = Summary::of(report);
        let subtitle = format!(
            "Snapshot captured {} · {}{}",
            report.captured_at,
            report.source,
            if report.expand_groups {
                " · group assignments expanded to their members"
            } else {
                ""
            }
        );
        let mut html = page_start("Identity Center assignments", &subtitle);
        html.push_str(&warning(&report.incomplete));
        html.push_str(&cards(&[
            ("Accounts", s.accounts),
            ("Permission sets", s.permission_sets),
            ("Principals", s.principals),
            (
                if report.expand_groups {
                    "Rows (user × assignment)"
                } else {
                    "Assignments"
                },
                s.rows,
            ),
        ]));
        let total: usize = s.findings.iter().map(|(_, n)| n).sum();
        let _ = writeln!(html, "<h2>Findings on these assignments: {total}</h2>");
        html.push_str(&severity_chips(&s.findings));
        html.push_str("<section class=\"charts\">\n");
        html.push_str(&bar_chart(
            "Assignments per permission set",
            "rows",
            &per_permission_set(&report.rows),
        ));
        html.push_str(&bar_chart(
            "Assignments per OU",
            "rows",
            &per_ou(&report.rows),
        ));
        html.push_str(&bar_chart(
            "Admin-level access by principal (accounts)",
            "accounts",
            &admin_accounts_by_principal(&report.rows),
        ));
        html.push_str("</section>\n");
        html.push_str(&table(&report.rows));
        html.push_str(&page_end(SCRIPT));
        out.write_all(html.as_bytes())
    }
}

const HEADERS: [&str; 12] = [
    "Account",
    "OU",
    "Status",
    "Permission set",
    "Policies",
    "Principal",
    "Type",
    "Email",
    "Via group",
    "Provisioning",
    "Findings",
    "Account id",
];

fn table(rows: &[AssignmentRow]) -> String {
    let mut html = String::from("<h2>Assignments</h2>\n<div class=\"toolbar\">\n");
    let _ = writeln!(
        html,
        "<input id=\"filter\" type=\"search\" placeholder=\"Filter: any text, e.g. an account, a user, outdated…\" aria-label=\"filter rows\" autocomplete=\"off\">\n\
         <span id=\"row-count\" class=\"count\" aria-live=\"polite\">{n} of {n} rows</span>\n</div>",
        n = rows.len()
    );
    html.push_str("<div class=\"table-wrap\">\n<table id=\"inventory\">\n<thead><tr>");
    for h in HEADERS {
        let _ = write!(
            html,
            "<th class=\"sortable\" tabindex=\"0\" scope=\"col\">{}</th>",
            esc(h)
        );
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        html.push_str(&row(r));
    }
    if rows.is_empty() {
        let _ = writeln!(
            html,
            "<tr class=\"empty-row\"><td colspan=\"{}\">No assignments match.</td></tr>",
            HEADERS.len()
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

fn row(r: &AssignmentRow) -> String {
    let mut policies = String::new();
    if r.admin_level {
        policies.push_str("<span class=\"tag admin\">admin-level</span>");
    }
    for p in &r.managed_policies {
        let short = p.rsplit('/').next().unwrap_or(p);
        let _ = write!(
            policies,
            "<span class=\"tag\" title=\"{}\">{}</span>",
            esc(p),
            esc(short)
        );
    }
    for p in &r.customer_managed_policies {
        let _ = write!(
            policies,
            "<span class=\"tag\" title=\"customer managed\">{}</span>",
            esc(p)
        );
    }
    if r.has_inline_policy {
        policies.push_str("<span class=\"tag\">inline</span>");
    }
    let deleted = if &*r.principal_name == crate::audit::inventory::DELETED {
        " deleted"
    } else {
        ""
    };
    let findings: String = r
        .findings
        .iter()
        .map(|c| format!("<span class=\"tag finding\">{}</span>", esc(c)))
        .collect();
    let status_class = r.provisioning.as_str().replace(' ', "-");
    format!(
        "<tr><td>{account}</td><td>{ou}</td><td class=\"status-{status}\">{status}</td>\
         <td title=\"{ps_arn}\">{ps}</td><td>{policies}</td>\
         <td class=\"principal{deleted}\" title=\"{pid}\">{pname}<div class=\"sub\">{pid}</div></td>\
         <td>{ptype}</td><td>{email}</td><td>{via}</td>\
         <td class=\"status-{status_class}\">{prov}</td><td>{findings}</td><td class=\"id\">{account_id}</td></tr>\n",
        account = esc(&r.account_name),
        ou = esc(display_ou(&r.ou_path)),
        status = esc(&r.account_status),
        ps_arn = esc(&r.permission_set_arn),
        ps = esc(&r.permission_set_name),
        pid = esc(&r.principal_id),
        pname = esc(&r.principal_name),
        ptype = esc(&r.principal_type),
        email = esc(r.principal_email.as_deref().unwrap_or("")),
        via = esc(r.via_group_name.as_deref().unwrap_or("")),
        prov = esc(r.provisioning.as_str()),
        account_id = esc(&r.account_id),
    )
}
