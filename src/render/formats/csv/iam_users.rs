//! IAM users and access keys as CSV.

use std::io::{self, Write};

use super::write_table;
use crate::audit::iam_users::{COLUMNS, IamUsersReport};
use crate::render::Render;
use crate::render::formats::Csv;

impl Render<IamUsersReport> for Csv {
    fn render(&self, report: &IamUsersReport, out: &mut dyn Write) -> io::Result<()> {
        write_table(out, &COLUMNS, report.rows.iter().map(|r| r.cells()))
    }
}
