//! Where command output goes: stdout or a file given with `-o`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `text` to `path`, or to stdout when there is none. A file is
/// written whole or not at all: a temporary file renamed into place.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
        // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) is written to,
        // never replaced by a renamed file.
        Some(path) if path.exists() && !path.is_file() => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::Write {
                    path: path.to_path_buf(),
                    source: e,
                })?;
            file.write_all(text.as_bytes()).map_err(|e| Error::Write {
                path: path.to_path_buf(),
                source: e,
            })
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
            std::fs::write(&tmp, text).map_err(|e| Error::Write {
                path: path.to_path_buf(),
                source: e,
            })?;
            std::fs::rename(&tmp, path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::Write {
                    path: path.to_path_buf(),
                    source: e,
                }
            })
        }
    }
}

/// Whether to colour output written to stdout.
pub fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
