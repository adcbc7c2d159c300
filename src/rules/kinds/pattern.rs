#![doc = include_str!("pattern.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::matcher::Matcher;
use crate::rules::{Case, Check, Finding, RuleKind, Scope};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::error::LocatedError;
use copydesk_regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// What a finding underlines.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    Match,
    Sentence,
    Paragraph,
}

raw_rule! {
    /// A rule that flags words or regex matches.
    #[schemars(rename = "PatternRule")]
    struct Raw {
        /// Whether matches inside quotations count (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// Plain words or phrases to flag, matched as whole words, across line breaks.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        words: Vec<Spanned<String>>,
        /// Regular expressions to flag (Rust `regex` syntax; `{name}` uses a `[define]` fragment).
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        patterns: Vec<Spanned<String>>,
        /// Regular expressions: a match lying inside a match of one of these is not reported.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        exceptions: Vec<Spanned<String>>,
        /// Where to search: `document` (default), `headline`, `paragraph` or `sentence`.
        #[serde(default)]
        scope: Option<Scope>,
        /// Letter case: `insensitive` (default) or `sensitive`.
        #[serde(default)]
        case: Option<Case>,
        /// What to underline: the `match` (default), its whole `sentence`, or its whole `paragraph` (one finding per sentence or paragraph).
        #[serde(default)]
        report: Option<Report>,
        /// Named lists of regular expressions, searched like `patterns`; the name of the one that matched fills the message's `{name}`.
        #[serde(default)]
        #[schemars(with = "BTreeMap<String, Vec<String>>")]
        named: BTreeMap<String, Vec<Spanned<String>>>,
    }
}

#[derive(Debug)]
struct PatternRule {
    matcher: Matcher,
    report: Report,
    /// For `named` patterns: each name and a regex of its patterns, to say which one matched.
    names: Vec<(String, Regex)>,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Pattern;
    const PLACEHOLDERS: &'static [&'static str] = &["unit", "name"];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let case = self.case.unwrap_or(Case::Insensitive);
        let mut names = Vec::new();
        let mut errors = Vec::new();
        for (name, patterns) in &self.named {
            match cx.alternation(patterns, &[], case) {
                Ok(Some(re)) => names.push((name.clone(), re)),
                Ok(None) => {}
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let all: Vec<Spanned<String>> = self
            .patterns
            .iter()
            .chain(self.named.values().flatten())
            .cloned()
            .collect();
        let (regex, exceptions) = rayon::join(
            || cx.alternation(&all, &self.words, case),
            || cx.alternation(&self.exceptions, &[], case),
        );
        let regex = regex?.ok_or_else(|| {
            vec![cx
                .error(self.id.span(), "this pattern rule has nothing to look for")
                .with_help("give it `words = [...]`, `patterns = [...]` or a `named` table")]
        })?;
        let exceptions = exceptions?;
        Ok(Box::new(PatternRule {
            matcher: Matcher {
                regex,
                exceptions,
                scope: self.scope.unwrap_or(Scope::Document),
                in_quotes: self.in_quotes.unwrap_or(true),
            },
            report: self.report.unwrap_or(Report::Match),
            names,
        }))
    }
}

impl Check for PatternRule {
    fn regexes(&self) -> Vec<&Regex> {
        let mut out = self.matcher.regexes();
        out.extend(self.names.iter().map(|(_, re)| re));
        out
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let mut last_unit: Option<Span> = None;
        self.matcher.for_each(doc, |_, found| {
            let name = self
                .names
                .iter()
                .find(|(_, re)| {
                    re.find(doc.profile(), doc.prose(found))
                        .is_some_and(|m| m.len() == found.len())
                })
                .map_or("", |(n, _)| n.as_str());
            let unit = match self.report {
                Report::Match => None,
                Report::Sentence => doc
                    .sentences_in(found)
                    .iter()
                    .find(|s| s.span.contains(found))
                    .map(|s| (s.span, "sentence")),
                Report::Paragraph => doc.block_at(found).map(|b| (b.span, "paragraph")),
            };
            match unit {
                None => findings.push(Finding::new(found).var("name", name)),
                Some((unit, _)) if last_unit == Some(unit) => {}
                Some((unit, unit_name)) => {
                    last_unit = Some(unit);
                    let label = if name.is_empty() {
                        "found here".to_string()
                    } else {
                        name.to_string()
                    };
                    findings.push(
                        Finding::new(unit)
                            .var("unit", unit_name)
                            .var("name", name)
                            .secondary(found, label),
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
