//! Help that teaches: `orgguard --help` lists the commands in the order a
//! new user meets them with an example each, and every command's help ends
//! with an example invocation that orgguard itself accepts.

use clap::{CommandFactory, Parser};
use orgguard::cli::Cli;

/// Every command and subcommand, with its path (`audit assignments`).
fn commands(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = format!("{path} {}", sub.get_name()).trim().to_string();
        out.push((path.clone(), sub.clone()));
        commands(sub, &path, out);
    }
}

/// An example line must parse as the command it illustrates.
fn assert_parses(example: &str, command: &str) {
    // What the shell does with the output is not orgguard's to parse.
    let example = example.split(['>', '|']).next().unwrap_or_default().trim();
    let words: Vec<&str> = example.split_whitespace().collect();
    assert_eq!(words.first(), Some(&"orgguard"), "{example}");
    let parsed = Cli::try_parse_from(&words);
    assert!(
        parsed.is_ok(),
        "the example `{example}` of `{command}` does not parse: {}",
        parsed.err().map(|e| e.to_string()).unwrap_or_default()
    );
    assert!(
        example.starts_with(&format!("orgguard {command}")),
        "the example of `{command}` runs another command: {example}"
    );
}

#[test]
fn the_command_list_follows_a_new_users_first_steps() {
    let mut cli = Cli::command();
    let help = cli.render_long_help().to_string();
    let listed: Vec<&str> = cli
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| *n != "help")
        .collect();
    let order = ["validate", "plan", "apply", "lint", "audit", "simulate"];
    let positions: Vec<usize> = order
        .iter()
        .map(|name| {
            listed
                .iter()
                .position(|n| n == name)
                .unwrap_or_else(|| panic!("{name} is not listed: {listed:?}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "commands are listed as {listed:?}"
    );
    // The help text shows them in that order too.
    let in_text: Vec<usize> = order
        .iter()
        .map(|name| help.find(&format!("\n  {name} ")).unwrap_or(usize::MAX))
        .collect();
    assert!(in_text.windows(2).all(|w| w[0] < w[1]), "{help}");

    // One example per command, after the list, each one a valid invocation.
    let examples = help
        .split("Examples, in the order you will need them:")
        .nth(1)
        .unwrap_or_else(|| panic!("no examples in:\n{help}"));
    for name in &listed {
        let line = examples
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("orgguard {name}")))
            .unwrap_or_else(|| panic!("no example of {name} in:\n{examples}"));
        let invocation = line.trim().split("  ").next().unwrap_or_default();
        assert_parses(invocation, name);
    }
}

#[test]
fn every_commands_help_ends_with_an_example_that_runs() {
    let mut all = Vec::new();
    commands(&Cli::command(), "", &mut all);
    assert!(all.len() >= 15, "{}", all.len());
    for (path, mut cmd) in all {
        let help = cmd.render_long_help().to_string();
        let lines: Vec<&str> = help.trim_end().lines().collect();
        let n = lines.len();
        assert!(
            n >= 2 && lines[n - 2] == "Example:",
            "`orgguard {path} --help` does not end with an example:\n{help}"
        );
        assert_parses(lines[n - 1].trim(), &path);
    }
}
