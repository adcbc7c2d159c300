#![doc = include_str!("pattern.md")]

use super::load::{Context, RawRule};
use super::matcher::Matcher;
use super::{Case, Check, Finding, RuleKind, Scope};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::error::LocatedError;
use serde::Deserialize;
use toml::Spanned;

/// What a finding underlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    Match,
    Sentence,
    Paragraph,
}

raw_rule! {
    struct Raw {
        #[serde(default)]
        words: Vec<Spanned<String>>,
        #[serde(default)]
        patterns: Vec<Spanned<String>>,
        #[serde(default)]
        exceptions: Vec<Spanned<String>>,
        #[serde(default)]
        scope: Option<Scope>,
        #[serde(default)]
        case: Option<Case>,
        #[serde(default)]
        report: Option<Report>,
    }
}

#[derive(Debug)]
struct PatternRule {
    matcher: Matcher,
    report: Report,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Pattern;
    const PLACEHOLDERS: &'static [&'static str] = &["unit"];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let case = self.case.unwrap_or(Case::Insensitive);
        let regex = cx
            .alternation(&self.patterns, &self.words, case)?
            .ok_or_else(|| {
                vec![cx
                    .error(self.id.span(), "this pattern rule has nothing to look for")
                    .with_help("give it `words = [...]` or `patterns = [...]`")]
            })?;
        let exceptions = cx.alternation(&self.exceptions, &[], case)?;
        Ok(Box::new(PatternRule {
            matcher: Matcher {
                regex,
                exceptions,
                scope: self.scope.unwrap_or(Scope::Document),
            },
            report: self.report.unwrap_or(Report::Match),
        }))
    }
}

impl Check for PatternRule {
    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let mut last_unit: Option<Span> = None;
        self.matcher.for_each(doc, |_, found| {
            let unit = match self.report {
                Report::Match => None,
                Report::Sentence => doc
                    .sentences
                    .iter()
                    .find(|s| s.span.contains(found))
                    .map(|s| (s.span, "sentence")),
                Report::Paragraph => doc
                    .blocks
                    .iter()
                    .find(|b| b.span.contains(found))
                    .map(|b| (b.span, "paragraph")),
            };
            match unit {
                None => findings.push(Finding::new(found)),
                Some((unit, _)) if last_unit == Some(unit) => {}
                Some((unit, name)) => {
                    last_unit = Some(unit);
                    findings.push(
                        Finding::new(unit)
                            .var("unit", name)
                            .secondary(found, "found here"),
                    );
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::flagged;

    const RULES: &str = r#"
[ruleset]
name = "t"

[[pattern]]
id = "leftover"
words = ["click here", "Editors' Picks"]
patterns = ['\bTK\b']
exceptions = ['click here to']
message = "m"
case = "sensitive"

[[pattern]]
id = "notice"
words = ["all rights reserved"]
report = "paragraph"
message = "m"
"#;

    #[test]
    fn flags_words_and_patterns_with_exact_spans() {
        let set = compile_str(RULES).unwrap();
        let text =
            "Title\n\nTK. To learn more, click here. Or click here to go.\n\nEditors’ Picks\n";
        assert_eq!(
            flagged(&set, "t/leftover", text),
            ["TK", "click here", "Editors’ Picks"]
        );
    }

    #[test]
    fn whole_paragraph_reporting_flags_each_paragraph_once() {
        let set = compile_str(RULES).unwrap();
        let text = "A.\n\n(c) 2024 Wire. All rights reserved. All Rights Reserved.\n";
        assert_eq!(
            flagged(&set, "t/notice", text),
            ["(c) 2024 Wire. All rights reserved. All Rights Reserved."]
        );
    }
}
