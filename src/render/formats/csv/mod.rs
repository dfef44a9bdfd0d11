//! CSV that spreadsheets open correctly: RFC 4180 quoting, CRLF line ends,
//! and a UTF-8 byte order mark, without which Excel reads non-ASCII names
//! ("Carol Díaz") in the local code page.

pub mod iam_users;
pub mod inventory;

use std::io::{self, Write};

pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes a header and rows of cells.
pub fn write_table<I, R>(out: &mut dyn Write, header: &[&str], rows: I) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    out.write_all(UTF8_BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(header).map_err(io::Error::other)?;
    for row in rows {
        writer.write_record(row).map_err(io::Error::other)?;
    }
    writer.flush()
}
