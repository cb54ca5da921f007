//! `tollgate completions SHELL` and `tollgate man`: shell completion scripts (`clap_complete`)
//! and a roff man page (`clap_mangen`), both generated from the same argument definitions as
//! `--help`, so they cannot drift from the binary they ship with. Packagers run them at install
//! time (see the README); nothing is generated at build time.

use super::Cli;
use anyhow::Result;
use clap::{Args, CommandFactory, ValueEnum};
use std::io::Write;

#[derive(Args, Debug)]
pub(super) struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// Write the completion script for `args.shell` to standard output.
pub(super) fn cmd_completions(args: CompletionsArgs) -> Result<i32> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    // Generated into memory: the generator panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tollgate", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(0)
}

/// Write a man page to standard output: tollgate(1), or with a subcommand its own page
/// (`tollgate man scan` is tollgate-scan(1), with every scan option).
pub(super) fn cmd_man(args: ManArgs) -> Result<i32> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.subcommand {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
                anyhow::bail!("`{name}` is not a tollgate subcommand (expected one of {})", names.join(", "));
            };
            clap_mangen::Man::new(sub.clone().name(format!("tollgate-{name}")).version(env!("CARGO_PKG_VERSION")))
        }
    };
    let mut out = std::io::stdout().lock();
    page.render(&mut out)?;
    out.flush()?;
    Ok(0)
}

#[derive(Args, Debug)]
pub(super) struct ManArgs {
    /// Write this subcommand's page (`scan`, `upload`, ...) instead of tollgate(1).
    subcommand: Option<String>,
}
