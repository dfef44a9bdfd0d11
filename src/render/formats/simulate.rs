//! simulate's reports (what a proposed guardrail would deny, and what the
//! trail recorded as denied) as text for a terminal and Markdown for a
//! pull-request comment. Their JSON is their serde shape (json/mod.rs).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::render::Render;
use crate::render::formats::{Markdown, Text};
use crate::simulate::observed::ObservedReport;
use crate::simulate::report::{
    GroupReport, Report, Section, account_label, resource_of, statement_label, thousands,
};

impl Render<Report> for Text {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        text(report, out)
    }
}

impl Render<Report> for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        markdown(report, out)
    }
}

impl Render<ObservedReport> for Text {
    fn render(&self, report: &ObservedReport, out: &mut dyn Write) -> io::Result<()> {
        observed_text(report, out)
    }
}

impl Render<ObservedReport> for Markdown {
    fn render(&self, report: &ObservedReport, out: &mut dyn Write) -> io::Result<()> {
        observed_markdown(report, out)
    }
}

/// Groups shown per section in text and Markdown (JSON has them all).
pub const SHOWN_GROUPS: usize = 20;

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// The one-sentence answer: how many calls the change would deny and who
/// made most of them.
fn headline(report: &Report) -> String {
    let denied = report.newly_denied.total;
    if denied == 0 {
        let evaluated =
            report.allowed_by_both + report.denied_by_both.total + report.allowed_again.total;
        return format!(
            "This change would have denied none of the {} that SCPs and RCPs apply to.",
            plural(evaluated, "call", "calls")
        );
    }
    let mut by_who: BTreeMap<(&str, &str), (u64, Option<&str>)> = BTreeMap::new();
    for g in &report.newly_denied.groups {
        let e = by_who
            .entry((g.principal.as_str(), g.account.as_str()))
            .or_insert((0, g.account_name.as_deref()));
        e.0 += g.count;
    }
    let top = by_who
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)));
    let mut text = format!(
        "This change would have denied {}",
        plural(denied, "call", "calls")
    );
    if let Some(((principal, account), (count, name))) = top {
        let share = if denied == 1 {
            "made".to_string()
        } else if *count == denied {
            "all of them".to_string()
        } else {
            format!("{} of them", thousands(*count))
        };
        let _ = write!(
            text,
            ", {share} by {principal} in account {}",
            account_label(account, *name)
        );
    }
    text.push('.');
    text
}

fn text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Simulated {} from {}",
        plural(report.events, "event", "events"),
        plural(report.files, "file", "files")
    )?;
    writeln!(out, "  live:     {}", report.live)?;
    writeln!(out, "  proposed: {}", report.proposed)?;
    writeln!(out, "\n{}", headline(report))?;
    text_section(
        out,
        "Newly denied by the proposed SCPs and RCPs",
        &report.newly_denied,
        "denied by",
    )?;
    text_section(
        out,
        "Allowed again by the proposed SCPs and RCPs",
        &report.allowed_again,
        "denied now by",
    )?;
    text_section(
        out,
        "Denied by both",
        &report.denied_by_both,
        "denied by the proposed",
    )?;
    writeln!(
        out,
        "\nAllowed by both: {}",
        plural(report.allowed_by_both, "event", "events")
    )?;
    writeln!(
        out,
        "\nNot affected by SCPs or RCPs: {}",
        plural(report.not_affected_total(), "event", "events")
    )?;
    for n in &report.not_affected {
        writeln!(out, "  {:>9}  {}", thousands(n.count), n.description)?;
    }
    if !report.not_in_layout.is_empty() {
        let total: u64 = report
            .not_in_layout
            .iter()
            .map(|a| a.counts.allowed + a.counts.denied)
            .sum();
        writeln!(
            out,
            "\nAccounts the layout does not place, evaluated against the live SCPs and RCPs only: {}",
            plural(total, "event", "events")
        )?;
        for a in &report.not_in_layout {
            writeln!(
                out,
                "  {}: {} allowed, {} denied",
                account_label(&a.account, a.account_name.as_deref()),
                thousands(a.counts.allowed),
                thousands(a.counts.denied)
            )?;
        }
    }
    if !report.not_in_live.is_empty() {
        writeln!(
            out,
            "\nAccounts the layout places that the live organization does not have (not evaluated):"
        )?;
        for a in &report.not_in_live {
            writeln!(
                out,
                "  {}: {}",
                a.account,
                plural(a.events, "event", "events")
            )?;
        }
    }
    if report.malformed > 0 {
        writeln!(
            out,
            "\nMalformed events (skipped): {}",
            thousands(report.malformed)
        )?;
        for m in &report.malformed_examples {
            writeln!(out, "  {}: event {}: {}", m.file, m.event, m.message)?;
        }
        if report.malformed > report.malformed_examples.len() as u64 {
            writeln!(
                out,
                "  … the first {} are shown",
                report.malformed_examples.len()
            )?;
        }
    }
    if !report.unreadable_files.is_empty() {
        writeln!(
            out,
            "\nFiles that could not be read to the end: {}",
            report.unreadable_files.len()
        )?;
        for u in &report.unreadable_files {
            writeln!(out, "  {}: {}", u.file, u.message)?;
        }
    }
    Ok(())
}

fn text_section(out: &mut dyn Write, title: &str, section: &Section, verb: &str) -> io::Result<()> {
    writeln!(
        out,
        "\n{title}: {}",
        plural(section.total, "event", "events")
    )?;
    for g in section.groups.iter().take(SHOWN_GROUPS) {
        text_group(out, g, verb)?;
    }
    more(out, section, "  ")
}

fn text_group(out: &mut dyn Write, g: &GroupReport, verb: &str) -> io::Result<()> {
    writeln!(
        out,
        "  {:>9}  {} by {}",
        thousands(g.count),
        g.action,
        g.principal
    )?;
    writeln!(
        out,
        "             in account {}{}, {verb} {} {} (attached to {})",
        account_label(&g.account, g.account_name.as_deref()),
        resource_of(g),
        g.kind,
        statement_label(&g.policy, g.sid.as_deref()),
        g.attached_at
    )?;
    if let (Some(policy), Some(level), Some(kind)) =
        (&g.live_policy, &g.live_attached_at, g.live_kind)
    {
        writeln!(
            out,
            "             and today by {kind} {} (attached to {level})",
            statement_label(policy, g.live_sid.as_deref()),
        )?;
    }
    if !g.decided_without.is_empty() {
        writeln!(
            out,
            "             decided without {}: the records do not carry {}",
            g.decided_without.join(", "),
            if g.decided_without.len() == 1 {
                "it"
            } else {
                "them"
            }
        )?;
    }
    for e in &g.examples {
        writeln!(
            out,
            "             e.g. {} {} {} {} ({})",
            e.event_time, e.region, e.event_name, e.event_id, e.file
        )?;
    }
    Ok(())
}

fn more(out: &mut dyn Write, section: &Section, indent: &str) -> io::Result<()> {
    if section.groups.len() > SHOWN_GROUPS {
        writeln!(
            out,
            "{indent}… and {} more groups (--format json lists them all)",
            section.groups.len() - SHOWN_GROUPS
        )?;
    }
    Ok(())
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|")
}

fn markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### SCP and RCP simulation\n")?;
    writeln!(out, "**{}**\n", headline(report))?;
    writeln!(
        out,
        "Replayed {} from {} against the live SCPs and RCPs (`{}`) and the proposed ones (`{}`).\n",
        plural(report.events, "event", "events"),
        plural(report.files, "file", "files"),
        report.live,
        report.proposed
    )?;
    writeln!(out, "| | Events |\n|---|---:|")?;
    for (label, n) in [
        ("Newly denied", report.newly_denied.total),
        ("Allowed again", report.allowed_again.total),
        ("Denied by both", report.denied_by_both.total),
        ("Allowed by both", report.allowed_by_both),
        ("Not affected by SCPs or RCPs", report.not_affected_total()),
        (
            "Accounts not in the layout (live SCPs and RCPs only)",
            report
                .not_in_layout
                .iter()
                .map(|a| a.counts.allowed + a.counts.denied)
                .sum(),
        ),
        ("Malformed (skipped)", report.malformed),
    ] {
        writeln!(out, "| {label} | {} |", thousands(n))?;
    }
    md_section(out, "Newly denied", &report.newly_denied)?;
    md_section(out, "Allowed again", &report.allowed_again)?;
    md_section(out, "Denied by both", &report.denied_by_both)?;
    if !report.not_in_layout.is_empty() {
        writeln!(
            out,
            "\n#### Accounts the layout does not place\n\nEvaluated against the live SCPs and RCPs only.\n\n| Account | Allowed | Denied |\n|---|---:|---:|"
        )?;
        for a in &report.not_in_layout {
            writeln!(
                out,
                "| {} | {} | {} |",
                md_escape(&account_label(&a.account, a.account_name.as_deref())),
                thousands(a.counts.allowed),
                thousands(a.counts.denied)
            )?;
        }
    }
    if report.malformed > 0 || !report.unreadable_files.is_empty() {
        writeln!(out, "\n#### Input problems\n")?;
        for m in &report.malformed_examples {
            writeln!(
                out,
                "- `{}` event {}: {}",
                m.file,
                m.event,
                md_escape(&m.message)
            )?;
        }
        for u in &report.unreadable_files {
            writeln!(out, "- `{}`: {}", u.file, md_escape(&u.message))?;
        }
    }
    Ok(())
}

fn md_section(out: &mut dyn Write, title: &str, section: &Section) -> io::Result<()> {
    if section.groups.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n#### {title}: {}\n\n| Events | Statement | Account | Principal | Action | Example |\n|---:|---|---|---|---|---|",
        thousands(section.total)
    )?;
    for g in section.groups.iter().take(SHOWN_GROUPS) {
        let example = g
            .examples
            .first()
            .map(|e| format!("{} {} `{}`", e.event_time, e.region, e.event_id))
            .unwrap_or_default();
        let mut statement = format!(
            "{} `{}`",
            g.kind,
            md_escape(&statement_label(&g.policy, g.sid.as_deref()))
        );
        if let (Some(policy), Some(kind)) = (&g.live_policy, g.live_kind) {
            let _ = write!(
                statement,
                "; today {kind} `{}`",
                md_escape(&statement_label(policy, g.live_sid.as_deref()))
            );
        }
        let mut account = account_label(&g.account, g.account_name.as_deref());
        if let Some(owner) = &g.resource_account {
            let _ = write!(
                account,
                " (resource of {})",
                account_label(owner, g.resource_account_name.as_deref())
            );
        }
        if !g.decided_without.is_empty() {
            let _ = write!(
                statement,
                " (decided without {})",
                md_escape(&g.decided_without.join(", "))
            );
        }
        writeln!(
            out,
            "| {} | {} | {} | `{}` | `{}` | {} |",
            thousands(g.count),
            statement,
            md_escape(&account),
            md_escape(&g.principal),
            md_escape(&g.action),
            md_escape(&example)
        )?;
    }
    more(out, section, "\n")
}

fn observed_text(report: &ObservedReport, out: &mut dyn Write) -> io::Result<()> {
    let plural = |n: u64, one: &str, many: &str| {
        format!("{} {}", thousands(n), if n == 1 { one } else { many })
    };
    writeln!(
        out,
        "Read {} from {}",
        plural(report.events, "event", "events"),
        plural(report.files, "file", "files")
    )?;
    writeln!(
        out,
        "\nDenied by an organization guardrail: {}",
        plural(report.denied, "event", "events")
    )?;
    for (guardrail, count) in &report.by_guardrail {
        writeln!(out, "  {:>9}  {}", thousands(*count), guardrail.describe())?;
    }
    for g in report.groups.iter().take(SHOWN_GROUPS) {
        writeln!(
            out,
            "\n  {:>9}  {} by {}\n             in account {}, {}",
            thousands(g.count),
            g.action,
            g.principal,
            account_label(&g.account, g.account_name.as_deref()),
            g.guardrail.describe()
        )?;
        for e in &g.examples {
            writeln!(
                out,
                "             e.g. {} {} {} {} ({})",
                e.event_time, e.region, e.event_name, e.event_id, e.file
            )?;
        }
    }
    if report.groups.len() > SHOWN_GROUPS {
        writeln!(
            out,
            "\n  … and {} more groups (--format json lists them all)",
            report.groups.len() - SHOWN_GROUPS
        )?;
    }
    if report.malformed > 0 || !report.unreadable_files.is_empty() {
        writeln!(
            out,
            "\nMalformed events (skipped): {}; files that could not be read to the end: {}",
            thousands(report.malformed),
            report.unreadable_files.len()
        )?;
        for u in &report.unreadable_files {
            writeln!(out, "  {}: {}", u.file, u.message)?;
        }
    }
    Ok(())
}

fn observed_markdown(report: &ObservedReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Calls denied by organization guardrails\n")?;
    writeln!(
        out,
        "**{} of {} recorded calls were denied by an SCP or RCP.**\n",
        thousands(report.denied),
        thousands(report.events)
    )?;
    if report.groups.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "| Events | Guardrail | Account | Principal | Action |\n|---:|---|---|---|---|"
    )?;
    for g in report.groups.iter().take(SHOWN_GROUPS) {
        writeln!(
            out,
            "| {} | {} | {} | `{}` | `{}` |",
            thousands(g.count),
            g.guardrail.describe(),
            account_label(&g.account, g.account_name.as_deref()).replace('|', "\\|"),
            g.principal.replace('|', "\\|"),
            g.action
        )?;
    }
    Ok(())
}
