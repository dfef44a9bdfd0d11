//! The assignment inventory as CSV, one row per inventory row.

use std::io::{self, Write};

use super::audit_emit::Emit;
use super::excel_csv::write_table;
use crate::audit::inventory::{COLUMNS, Inventory};

pub struct InventoryCsv;

impl Emit<Inventory> for InventoryCsv {
    fn emit(&self, report: &Inventory, out: &mut dyn Write) -> io::Result<()> {
        write_table(out, &COLUMNS, report.rows.iter().map(|r| r.cells()))
    }
}
