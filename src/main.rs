//! The `copydesk` command: parse the arguments, call the library, print, exit.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
