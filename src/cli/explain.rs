//! `copydesk explain RULE`: what a rule checks and why, its options and examples; also rule
//! sets, rule kinds and `fix/conflict`.

use super::out::{finish, Out};
use super::{report_errors, style, ColorChoice, RuleArgs, EXIT_ERROR, EXIT_OK};
use clap::Args;
use copydesk::error::Error;
use copydesk::output::terminal::{escaped, escaped_line};
use copydesk::rules::builtin::BUILTINS;
use copydesk::rules::{load_ruleset, RuleKind, RuleSet};
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (`attribution/quote-needs-source`), a rule set (`dates`) or a rule kind
    /// (`pattern`, `substitution`, …).
    #[arg(value_name = "RULE", required_unless_present = "builtin_reference")]
    name: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Print the reference page of every built-in rule (docs/builtin-rules.md).
    #[arg(long, hide = true)]
    builtin_reference: bool,
}

const KINDS: &[RuleKind] = RuleKind::ALL;

/// Every built-in set, compiled.
fn builtin_sets() -> Result<Vec<RuleSet>, Vec<Error>> {
    BUILTINS.iter().map(|b| load_ruleset(&b.source())).collect()
}

/// The configured sets (and `--rules`), then every built-in set not among them.
fn all_sets(args: &RuleArgs) -> Result<Vec<RuleSet>, Vec<Error>> {
    let config = args.config.load()?;
    let mut sets = config.load_rulesets(&args.rules)?;
    for set in builtin_sets()? {
        if !sets.iter().any(|s| s.name == set.name) {
            sets.push(set);
        }
    }
    Ok(sets)
}

pub fn run(args: ExplainArgs) -> u8 {
    let mut out = Out::stdout();
    let status = explain(args, &mut out);
    finish(&mut out, status)
}

fn explain(args: ExplainArgs, out: &mut impl Write) -> io::Result<u8> {
    if args.builtin_reference {
        return match builtin_sets() {
            Ok(sets) => {
                write!(out, "{}", copydesk::explain::builtin_reference(&sets))?;
                Ok(EXIT_OK)
            }
            Err(errors) => {
                report_errors(&errors, style(ColorChoice::Auto));
                Ok(EXIT_ERROR)
            }
        };
    }
    let name = args.name.as_deref().unwrap_or_default();
    if let Some(kind) = KINDS.iter().find(|k| k.as_str() == name) {
        write!(out, "{}", kind.documentation())?;
        return Ok(EXIT_OK);
    }
    if name == copydesk::fix::FIX_CONFLICT {
        let (message, description) = copydesk::fix::FIX_CONFLICT_DOC;
        writeln!(out, "# {name}\n\n*Reported by copydesk itself, with --fix and --diff; an error.*\n\nMessage: {message}\n\n{description}")?;
        return Ok(EXIT_OK);
    }
    let sets = match all_sets(&args.rules) {
        Ok(sets) => sets,
        Err(errors) => {
            report_errors(&errors, style(ColorChoice::Auto));
            return Ok(EXIT_ERROR);
        }
    };
    if let Some(rule) = sets.iter().flat_map(|s| &s.rules).find(|r| r.id == name) {
        write!(out, "{}", copydesk::explain::rule(rule, 1))?;
        return Ok(EXIT_OK);
    }
    if let Some(set) = sets.iter().find(|s| s.name == name) {
        writeln!(out, "# {}\n", escaped_line(&set.name))?;
        if let Some(description) = &set.description {
            writeln!(out, "{}\n", escaped(description))?;
        }
        let from = match set.origin.strip_prefix("builtin:") {
            Some(_) => "Built into copydesk".to_string(),
            None => format!("From the rule file `{}`", escaped_line(&set.origin)),
        };
        writeln!(
            out,
            "{from}. Its rules (`copydesk explain RULE` for one):\n"
        )?;
        let width = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for rule in &set.rules {
            writeln!(
                out,
                "    {:width$}  {:8}  {}",
                escaped_line(&rule.id),
                rule.severity.as_str(),
                escaped_line(rule.message.as_str())
            )?;
        }
        return Ok(EXIT_OK);
    }
    let mut candidates: Vec<&str> = sets
        .iter()
        .flat_map(|s| std::iter::once(s.name.as_str()).chain(s.rules.iter().map(|r| r.id.as_str())))
        .collect();
    candidates.extend(KINDS.iter().map(|k| k.as_str()));
    let help = match copydesk::config::nearest(name, &candidates) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "`copydesk rules` lists the active rules".into(),
    };
    report_errors(
        &[Error::Usage {
            message: format!("no rule, rule set or rule kind named `{name}`"),
            help: Some(help),
        }],
        style(ColorChoice::Auto),
    );
    Ok(EXIT_ERROR)
}
