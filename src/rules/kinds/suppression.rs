#![doc = include_str!("suppression.md")]

use crate::error::LocatedError;
use crate::rules::compile::{Context, RawRule};
use crate::rules::{Check, Finding, RuleKind};
use crate::document::Document;
use serde::Deserialize;

/// Which of copydesk's warnings about an article's suppressions a rule gives.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    /// A suppression names a rule or rule set that no loaded rule set has.
    UnknownRule,
    /// A suppression silenced nothing (reported with `--report-unused-suppressions`).
    Unused,
}

raw_rule! {
    /// A rule that gives one of copydesk's warnings about the suppressions written in articles.
    #[schemars(rename = "SuppressionRule")]
    struct Raw {
        /// Which warning: `unknown-rule` (a suppression names no loaded rule or rule set) or `unused` (a suppression silenced nothing; with `--report-unused-suppressions`).
        warning: Warning,
    }
}

/// The compiled rule: it finds nothing itself. The engine, which applies an article's
/// suppressions after every rule has run, gives its warnings under this rule's id and severity
/// ([`Check::suppression_warning`]).
#[derive(Debug)]
struct SuppressionRule {
    warning: Warning,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Suppression;
    const PLACEHOLDERS: &'static [&'static str] = &[];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn default_message(&self) -> Option<&'static str> {
        Some(match self.warning {
            Warning::UnknownRule => "This suppression names no known rule or rule set.",
            Warning::Unused => "This suppression silences nothing.",
        })
    }

    fn compile(&self, _cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        Ok(Box::new(SuppressionRule {
            warning: self.warning,
        }))
    }
}

impl Check for SuppressionRule {
    fn check(&self, _doc: &Document, _findings: &mut Vec<Finding>) {}

    fn suppression_warning(&self) -> Option<Warning> {
        Some(self.warning)
    }
}

#[cfg(test)]
mod tests {
    use super::Warning;
    use crate::rules::load::compile_str;
    use crate::testing::flagged;

    const RULES: &str = "[ruleset]\nname = \"s\"\n[[suppression]]\nid = \"unused\"\nwarning = \"unused\"\n";

    #[test]
    fn a_suppression_rule_finds_nothing_itself_and_says_which_warning_it_gives() {
        let set = compile_str(RULES).unwrap();
        let rule = &set.rules[0];
        assert_eq!(rule.check.suppression_warning(), Some(Warning::Unused));
        assert_eq!(rule.message.as_str(), "This suppression silences nothing.");
        assert!(flagged(&set, "s/unused", "<!-- copydesk-disable dates -->\nFine.").is_empty());
    }
}
