//! The assignment inventory as CSV, one row per inventory row.

use std::io::{self, Write};

use super::write_table;
use crate::audit::inventory::{COLUMNS, Inventory};
use crate::render::Render;
use crate::render::formats::Csv;

impl Render<Inventory> for Csv {
    fn render(&self, report: &Inventory, out: &mut dyn Write) -> io::Result<()> {
        write_table(out, &COLUMNS, report.rows.iter().map(|r| r.cells()))
    }
}
