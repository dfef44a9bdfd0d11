/// The stack the command runs on. Every reader bounds nesting
/// ([`orgguard::nesting`]) before it reaches a recursive parser; this
/// margin keeps an input the bound did not foresee from aborting the
/// process instead of being reported.
const STACK_BYTES: usize = 64 * 1024 * 1024;

fn main() -> std::process::ExitCode {
    let exit = match std::thread::Builder::new()
        .name("orgguard".into())
        .stack_size(STACK_BYTES)
        .spawn(orgguard::cli::main)
    {
        Ok(handle) => handle.join().unwrap_or(orgguard::exit::Exit::Error),
        Err(_) => orgguard::cli::main(),
    };
    exit.into()
}
