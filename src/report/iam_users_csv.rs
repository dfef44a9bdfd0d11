//! IAM users and access keys as CSV.

use std::io::{self, Write};

use super::audit_emit::Emit;
use super::excel_csv::write_table;
use crate::audit::iam_users::{COLUMNS, IamUsersReport};

pub struct IamUsersCsv;

impl Emit<IamUsersReport> for IamUsersCsv {
    fn emit(&self, report: &IamUsersReport, out: &mut dyn Write) -> io::Result<()> {
        write_table(out, &COLUMNS, report.rows.iter().map(|r| r.cells()))
    }
}
