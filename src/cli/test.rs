//! `copydesk test`: run the examples rules carry, the proof a rule set does what it says.

use super::out::{finish, Out};
use super::{
    load, report_errors, style, ColorChoice, RuleArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK,
};
use clap::Args;
use copydesk::config::selects;
use copydesk::rules::examples::run_all;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule sets (by name) or rules (by id) to test. Default: every active rule.
    #[arg(value_name = "RULESET")]
    sets: Vec<String>,
    #[command(flatten)]
    rules: RuleArgs,
}

pub fn run(args: TestArgs) -> u8 {
    let mut out = Out::stdout();
    let status = test(args, &mut out);
    finish(&mut out, status)
}

fn test(args: TestArgs, out: &mut impl Write) -> io::Result<u8> {
    let rules = match load(&args.rules) {
        Ok(loaded) => loaded.rules,
        Err(errors) => {
            report_errors(&errors, style(ColorChoice::Auto));
            return Ok(EXIT_ERROR);
        }
    };
    let unknown: Vec<&String> = args
        .sets
        .iter()
        .filter(|s| !rules.iter().any(|r| selects(s, &r.id)))
        .collect();
    if !unknown.is_empty() {
        for name in unknown {
            eprintln!(
                "copydesk: no active rule set or rule named `{name}` (add a file with --rules)"
            );
        }
        return Ok(EXIT_ERROR);
    }
    let chosen = rules
        .iter()
        .filter(|r| args.sets.is_empty() || args.sets.iter().any(|s| selects(s, &r.id)));
    let results = run_all(chosen.clone());
    let (mut passed, mut failed) = (0, 0);
    for result in &results {
        match &result.failure {
            None => passed += 1,
            Some(problem) => {
                failed += 1;
                writeln!(out, "FAIL {}: {problem}", result.rule.id)?;
                writeln!(out, "     example: {:?}", result.example.text)?;
            }
        }
    }
    let without: Vec<&str> = chosen
        .filter(|r| r.examples.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    if !without.is_empty() {
        writeln!(out, "rules without examples: {}", without.join(", "))?;
    }
    writeln!(out, "examples: {passed} passed, {failed} failed")?;
    Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
