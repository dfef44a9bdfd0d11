//! IAM users and access keys as Markdown.

use std::io::{self, Write};

use super::cell::table;
use crate::audit::iam_users::IamUsersReport;
use crate::render::Render;
use crate::render::formats::Markdown;

impl Render<IamUsersReport> for Markdown {
    fn render(&self, report: &IamUsersReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# IAM users and access keys\n")?;
        writeln!(
            out,
            "Snapshot captured {}; key ages are counted to that time. {} accounts read, {} not read.\n",
            report.captured_at, report.accounts_read, report.accounts_not_read
        )?;
        if report.accounts_not_read > 0 {
            writeln!(
                out,
                "> **Not read:** accounts marked `not read` may hold IAM users this report cannot show.\n"
            )?;
        }
        let header = [
            "Account",
            "Account id",
            "Read",
            "User",
            "Console",
            "Password last used",
            "Access key",
            "Key status",
            "Age (days)",
            "Key last used",
            "Service",
            "Note",
        ];
        let rows = report.rows.iter().map(|r| {
            let c = r.cells();
            // Everything but the user's ARN, which the user name stands for.
            [
                &c[1], &c[0], &c[2], &c[3], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &c[11],
                &c[12],
            ]
            .into_iter()
            .cloned()
            .collect()
        });
        out.write_all(table(&header, rows).as_bytes())
    }
}
