//! JSON for any audit report: the report's own serde shape, pretty-printed.

use std::io::{self, Write};

use serde::Serialize;

use super::audit_emit::Emit;

pub struct Json;

impl<T: Serialize + ?Sized> Emit<T> for Json {
    fn emit(&self, report: &T, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        out.write_all(b"\n")
    }
}
