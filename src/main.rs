//! Entry point: no arguments opens the window; a subcommand runs the admin command line.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    casevault::hardening::disable_core_dumps();
    let args = casevault::cli::Args::parse();
    match args.command {
        None => casevault::ui::run(),
        Some(command) => casevault::cli::run(command),
    }
}
