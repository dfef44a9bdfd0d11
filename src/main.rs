fn main() -> std::process::ExitCode {
    orgguard::cli::main().into()
}
