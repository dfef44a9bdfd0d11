//! `orgguard snapshot`: read the live organization into a file.

use std::path::PathBuf;

use super::GlobalArgs;
use crate::error::Result;
use crate::exit::Exit;

/// Read the live organization (Organizations, Identity Center and, with
/// --deep, every member account) into a snapshot file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the snapshot (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also assume a role into every active member account and read IAM
    /// roles and users, KMS keys and AWS Config recorders.
    #[arg(long)]
    pub deep: bool,
}

pub fn run(_global: &GlobalArgs, _args: &Args) -> Result<Exit> {
    Ok(Exit::Clean)
}
