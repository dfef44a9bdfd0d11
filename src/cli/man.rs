//! `orgguard man`: manual pages in roff, generated from the clap
//! definitions, so `man orgguard-plan` says what `orgguard plan --help` says.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::output::write_output_with;
use super::{Cli, GlobalArgs};
use crate::error::{Error, Result};
use crate::exit::Exit;

/// Print the orgguard(1) manual page, or write a page for every command.
///
/// `orgguard man | man -l -` reads it now; `orgguard man --out-dir DIR`
/// writes orgguard.1 and one page per command (orgguard-plan.1, …) for
/// `MANPATH`. The release archives carry those pages under man/man1/.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard man --out-dir /usr/local/share/man/man1")]
pub struct Args {
    /// Write orgguard.1 and a page per command into this directory.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

pub fn run(_global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let mut command = Cli::command();
    // Gives every subcommand its display name: orgguard-access-check.
    command.build();
    match &args.out_dir {
        Some(dir) => {
            let write_error = |source| Error::Write {
                path: dir.clone(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(write_error)?;
            write_pages(&command, dir).map_err(write_error)?;
        }
        None => write_output_with(None, |out| clap_mangen::Man::new(command).render(out))?,
    }
    Ok(Exit::Clean)
}

/// A page for `command` and for each of its subcommands, but none for the
/// `help` subcommands clap adds: `--help` is on every page already.
fn write_pages(command: &clap::Command, dir: &Path) -> std::io::Result<()> {
    let name = command.get_display_name().unwrap_or(command.get_name());
    let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(format!("{name}.1")))?);
    clap_mangen::Man::new(command.clone()).render(&mut file)?;
    file.flush()?;
    for sub in command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
    {
        write_pages(sub, dir)?;
    }
    Ok(())
}
