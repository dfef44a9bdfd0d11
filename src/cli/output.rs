//! Where command output goes: stdout or a file given with `-o`.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::render::{self, Format, Renderable, Style};

/// Writes `text` to `path`, or to stdout when there is none. A file is
/// written whole or not at all: a temporary file renamed into place.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<()> {
    write_output_with(path, |out| out.write_all(text.as_bytes()))
}

/// Writes `value` rendered in `format` to `path`, or to stdout when there
/// is none, as [`write_output_with`] does.
pub fn write_rendered<T: Renderable + ?Sized>(
    path: Option<&Path>,
    format: Format,
    style: Style,
    value: &T,
) -> Result<()> {
    let renderer = render::renderer::<T>(format, style)?;
    write_output_with(path, |out| renderer.render(value, out))
}

/// Like [`write_output`], but `write` produces the text straight into the
/// destination, so a large report (a million-row inventory) is never held
/// in memory whole.
pub fn write_output_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let write_error = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    match path {
        None => {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = write(&mut stdout).and_then(|()| stdout.flush());
            Ok(())
        }
        // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) is written to,
        // never replaced by a renamed file.
        Some(path) if path.exists() && !path.is_file() => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| write_error(path, e))?;
            let mut out = BufWriter::new(file);
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| write_error(path, e))
        }
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("output");
            let tmp = dir.join(format!(".{file_name}.orgguard-tmp"));
            let written = std::fs::File::create(&tmp).and_then(|file| {
                let mut out = BufWriter::new(file);
                write(&mut out)?;
                out.flush()
            });
            written
                .and_then(|()| std::fs::rename(&tmp, path))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    write_error(path, e)
                })
        }
    }
}

/// Whether to colour output written to stdout.
pub fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
