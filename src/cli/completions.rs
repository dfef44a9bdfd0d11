//! `orgguard completions SHELL`: the shell completion script, generated from
//! the same clap definitions the parser uses.

use clap::CommandFactory;
use clap_complete::Shell;

use super::output::write_output_with;
use super::{Cli, GlobalArgs};
use crate::error::Result;
use crate::exit::Exit;

/// Print the completion script for a shell.
///
/// bash:       orgguard completions bash > ~/.local/share/bash-completion/completions/orgguard
/// zsh:        orgguard completions zsh > "${fpath[1]}/_orgguard"
/// fish:       orgguard completions fish > ~/.config/fish/completions/orgguard.fish
/// PowerShell: orgguard completions powershell >> $PROFILE
///
/// The release archives carry the same scripts under completions/.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print the completion script for a shell",
    verbatim_doc_comment,
    after_help = "Example:\n  orgguard completions bash"
)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
    /// Write the script to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// The completion script for `shell`.
pub fn script(shell: Shell, out: &mut dyn std::io::Write) {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "orgguard", out);
}

pub fn run(_global: &GlobalArgs, args: &Args) -> Result<Exit> {
    write_output_with(args.output.as_deref(), |out| {
        script(args.shell, out);
        Ok(())
    })?;
    Ok(Exit::Clean)
}
