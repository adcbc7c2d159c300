//! `copydesk rules`: the active rules, for people or tools.

use super::out::{finish, Out};
use super::{load, report_errors, style, ColorChoice, ListFormat, RuleArgs, EXIT_ERROR, EXIT_OK};
use clap::Args;
use copydesk::output::terminal::escaped_line;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    rules: RuleArgs,
    /// How to write the list.
    #[arg(long, value_enum, default_value = "human")]
    format: ListFormat,
    /// Print every regex the active rules search article text with, one a line, ready for
    /// `rg -U -f` (the benchmarks compare copydesk with ripgrep on the same patterns).
    #[arg(long, hide = true)]
    patterns: bool,
}

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    kind: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    description: Option<&'a str>,
    /// `builtin:SET` or the rule file's path.
    origin: &'a str,
    examples: usize,
}

pub fn run(args: RulesArgs) -> u8 {
    let mut out = Out::stdout();
    let status = list(args, &mut out);
    finish(&mut out, status)
}

fn list(args: RulesArgs, out: &mut impl Write) -> io::Result<u8> {
    let rules = match load(&args.rules) {
        Ok(loaded) => loaded.rules,
        Err(errors) => {
            report_errors(&errors, style(ColorChoice::Auto));
            return Ok(EXIT_ERROR);
        }
    };
    if args.patterns {
        // One alternation is built from all lines, so group names, which may repeat between
        // patterns, are dropped.
        for rule in rules.iter().filter(|r| r.enabled) {
            for pattern in rule.patterns() {
                writeln!(
                    out,
                    "{}",
                    copydesk::rules::kinds::substitution::without_group_names(pattern)
                )?;
            }
        }
        return Ok(EXIT_OK);
    }
    let listed: Vec<Listed> = rules
        .iter()
        .map(|r| Listed {
            id: &r.id,
            kind: r.kind.as_str(),
            // Off by default, on where an [[overrides]] entry says so.
            severity: if r.enabled {
                r.severity.as_str()
            } else {
                "off"
            },
            message: r.message.as_str(),
            help: r.help.as_deref(),
            description: r.description.as_deref(),
            origin: &r.origin,
            examples: r.examples.len(),
        })
        .collect();
    match args.format {
        ListFormat::Json => match serde_json::to_string_pretty(&listed) {
            Ok(text) => writeln!(out, "{text}")?,
            Err(e) => {
                eprintln!("copydesk: {e}");
                return Ok(EXIT_ERROR);
            }
        },
        ListFormat::Human => {
            let id_width = listed.iter().map(|l| l.id.len()).max().unwrap_or(2).max(2);
            writeln!(
                out,
                "{:id_width$}  {:12}  {:8}  message",
                "id", "kind", "severity"
            )?;
            for l in &listed {
                writeln!(
                    out,
                    "{:id_width$}  {:12}  {:8}  {}",
                    escaped_line(l.id),
                    l.kind,
                    l.severity,
                    escaped_line(l.message)
                )?;
            }
            let n = listed.len();
            writeln!(out, "{n} {}", if n == 1 { "rule" } else { "rules" })?;
        }
    }
    Ok(EXIT_OK)
}
