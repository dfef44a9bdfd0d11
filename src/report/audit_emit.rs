//! The trait every audit report emitter implements.

use std::io::{self, Write};

/// Writes one kind of report in one format.
pub trait Emit<T: ?Sized> {
    fn emit(&self, report: &T, out: &mut dyn Write) -> io::Result<()>;
}

/// The emitted report as text (every audit format is UTF-8).
pub fn emit_to_string<T: ?Sized>(emitter: &dyn Emit<T>, report: &T) -> io::Result<String> {
    let mut bytes = Vec::new();
    emitter.emit(report, &mut bytes)?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
