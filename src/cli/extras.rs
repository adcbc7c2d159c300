//! The commands around checking: `init`, `completions`, `man` and `schema`.

use super::out::{finish, Out};
use super::{Cli, EXIT_ERROR, EXIT_OK};
use clap::{Args, CommandFactory, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The configuration `copydesk init` writes.
pub const STARTER_CONFIG: &str = include_str!("starter/copydesk.toml");
/// The house rule set `copydesk init` writes, at `rules/style.toml`.
pub const STARTER_RULES: &str = include_str!("starter/style.toml");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write into (default: the current one).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn init(args: InitArgs) -> u8 {
    // The schemas let a TOML editor check both files as they are typed (their `#:schema`
    // lines point at them); `copydesk schema` writes them again after an upgrade.
    let config_schema = schema_text(false);
    let rules_schema = schema_text(true);
    let files = [
        (args.dir.join("copydesk.toml"), STARTER_CONFIG),
        (
            args.dir.join("copydesk.schema.json"),
            config_schema.as_str(),
        ),
        (args.dir.join("rules/style.toml"), STARTER_RULES),
        (
            args.dir.join("rules/ruleset.schema.json"),
            rules_schema.as_str(),
        ),
    ];
    // Refuse before writing anything, so a half-initialised folder never results.
    let existing: Vec<&Path> = files
        .iter()
        .map(|(p, _)| p.as_path())
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        for path in existing {
            eprintln!(
                "copydesk: {} already exists; nothing written",
                path.display()
            );
        }
        eprintln!("  help: move it aside, or edit it by hand");
        return EXIT_ERROR;
    }
    // The files are written whatever happens to standard output.
    let mut out = Out::stdout();
    let mut status = Ok(());
    for (path, text) in &files {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                // `create_new`: a file that appeared since the check is not overwritten.
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)?
                    .write_all(text.as_bytes())
            });
        if let Err(e) = written {
            eprintln!("copydesk: cannot write {}: {e}", path.display());
            return EXIT_ERROR;
        }
        status = status.and_then(|()| writeln!(out, "wrote {}", path.display()));
    }
    let status = status.and_then(|()| {
        writeln!(
            out,
            "Next: `copydesk check` to check the articles here, `copydesk test` to run the \
             rules' examples, `copydesk explain RULE` to read about a rule."
        )
    });
    finish(&mut out, status.map(|()| EXIT_OK))
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails, so the script is made in memory first.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "copydesk", &mut script);
    let mut out = Out::stdout();
    let status = out.write_all(&script).map(|()| EXIT_OK);
    finish(&mut out, status)
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `copydesk.1` and one page per command (`copydesk-check.1`, …) into this folder
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn man(args: ManArgs) -> u8 {
    let command = Cli::command();
    match &args.dir {
        None => {
            let mut out = Out::stdout();
            let status = clap_mangen::Man::new(command)
                .render(&mut out)
                .map(|()| EXIT_OK);
            finish(&mut out, status)
        }
        Some(dir) => {
            match std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir))
            {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!(
                        "copydesk: cannot write the man pages into {}: {e}",
                        dir.display()
                    );
                    EXIT_ERROR
                }
            }
        }
    }
}

/// Which file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaOf {
    /// A rule file (`rules/*.toml`).
    Ruleset,
    /// `copydesk.toml`.
    Config,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    of: SchemaOf,
}

/// The schema as committed under `schemas/`.
pub fn schema_text(ruleset: bool) -> String {
    let schema = if ruleset {
        copydesk::rules::json_schema()
    } else {
        copydesk::config::json_schema()
    };
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

pub fn schema(args: SchemaArgs) -> u8 {
    let mut out = Out::stdout();
    let status = out
        .write_all(schema_text(args.of == SchemaOf::Ruleset).as_bytes())
        .map(|()| EXIT_OK);
    finish(&mut out, status)
}
