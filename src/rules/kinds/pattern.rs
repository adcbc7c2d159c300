#![doc = include_str!("pattern.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::matcher::Matcher;
use crate::rules::token_pattern::TokenPatterns;
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
        /// Words to flag in every inflection, by lemma: "sign" flags "sign", "signs", "signed" and "signing" (read on the sentence analysis).
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        lemmas: Vec<Spanned<String>>,
        /// Token patterns to flag, read on the sentence analysis: items in a row, each a lemma ("sign"), a word class (`<noun>`, `<past>`, `<modal>` …) or a lemma of one class (`sign<verb>`), at most 8 ("<modal> have <participle>").
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        tokens: Vec<Spanned<String>>,
    }
}

#[derive(Debug)]
struct PatternRule {
    /// The text patterns, if the rule has any.
    matcher: Option<Matcher>,
    /// The lemmas and token patterns, searched in the same scope as `matcher`.
    tokens: TokenPatterns,
    /// The exceptions, when there is no `matcher` to hold them.
    exceptions: Option<Regex>,
    scope: Scope,
    in_quotes: bool,
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
        let regex = regex?;
        let exceptions = exceptions?;
        let mut tokens = TokenPatterns::default();
        for lemma in &self.lemmas {
            let word = lemma.get_ref().trim();
            let result = if word.contains(char::is_whitespace) {
                Err("a lemma is one word: write a sequence in `tokens`".to_string())
            } else {
                tokens.add(word)
            };
            if let Err(e) = result {
                errors.push(cx.error(lemma.span(), e).label("here"));
            }
        }
        for pattern in &self.tokens {
            if let Err(e) = tokens.add(pattern.get_ref()) {
                errors.push(cx.error(pattern.span(), e).label("here").with_help(
                    "items are a lemma (\"sign\"), a class (\"<noun>\") or both (\"sign<verb>\")",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if regex.is_none() && tokens.is_empty() {
            return Err(vec![cx
                .error(self.id.span(), "this pattern rule has nothing to look for")
                .with_help(
                    "give it `words = [...]`, `patterns = [...]`, a `named` table, `lemmas` or `tokens`",
                )]);
        }
        let scope = self.scope.unwrap_or(Scope::Document);
        let in_quotes = self.in_quotes.unwrap_or(true);
        // The exceptions live in the matcher when there is one, else beside the tokens.
        let (matcher, exceptions) = match regex {
            Some(regex) => (
                Some(Matcher {
                    regex,
                    exceptions,
                    scope,
                    in_quotes,
                }),
                None,
            ),
            None => (None, exceptions),
        };
        Ok(Box::new(PatternRule {
            matcher,
            tokens,
            exceptions,
            scope,
            in_quotes,
            report: self.report.unwrap_or(Report::Match),
            names,
        }))
    }
}

impl Check for PatternRule {
    fn regexes(&self) -> Vec<&Regex> {
        let mut out = match &self.matcher {
            Some(matcher) => matcher.regexes(),
            None => self.exceptions.iter().collect(),
        };
        out.extend(self.names.iter().map(|(_, re)| re));
        out
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let mut found_spans: Vec<Span> = Vec::new();
        if let Some(matcher) = &self.matcher {
            matcher.for_each(doc, |_, found| found_spans.push(found));
        }
        if !self.tokens.is_empty() {
            let before = found_spans.len();
            self.token_matches(doc, &mut found_spans);
            if found_spans.len() > before {
                found_spans.sort_by_key(|s| (s.start, s.end));
                found_spans.dedup();
            }
        }
        let mut last_unit: Option<Span> = None;
        for found in found_spans {
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
        }
    }
}

impl PatternRule {
    /// The matches of `lemmas` and `tokens`, kept as the text patterns' are: inside the scope's
    /// units, outside exceptions and (unless `in_quotes`) outside quotations.
    fn token_matches(&self, doc: &Document, out: &mut Vec<Span>) {
        let units = self.scope.units(doc);
        let regex = self
            .matcher
            .as_ref()
            .and_then(|m| m.exceptions.as_ref())
            .or(self.exceptions.as_ref());
        let exceptions: Vec<Span> = regex.map_or_else(Vec::new, |re| {
            re.find_iter(doc.profile(), &doc.mask)
                .map(Span::from)
                .collect()
        });
        for span in self.tokens.find(doc) {
            let i = units.partition_point(|u| u.end <= span.start);
            let in_unit = units.get(i).is_some_and(|u| u.contains(span));
            let excepted = {
                let j = exceptions.partition_point(|e| e.start <= span.start);
                j > 0 && exceptions[j - 1].contains(span)
            };
            if in_unit && !excepted && (self.in_quotes || !doc.in_quote(span)) {
                out.push(span);
            }
        }
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
    fn lemmas_and_token_patterns_match_on_the_sentence_analysis() {
        let set = compile_str(
            r#"
[ruleset]
name = "t"

[[pattern]]
id = "sign"
lemmas = ["ratify"]
tokens = ["sign<verb>", "<modal> have <participle>"]
exceptions = ['\bsigned off\b']
in_quotes = false
message = "m"
"#,
        )
        .unwrap();
        let text = "The treaty was signed and ratified. A sign fell. It could have failed. \
                    He signed off. \"We will sign,\" she said.";
        assert_eq!(
            flagged(&set, "t/sign", text),
            ["signed", "ratified", "could have failed"]
        );
    }

    #[test]
    fn bad_lemmas_and_token_patterns_are_reported_where_written() {
        let text = r#"
[ruleset]
name = "t"

[[pattern]]
id = "bad"
lemmas = ["two words"]
tokens = ["sign<verbs>"]
message = "m"
"#;
        let errors = compile_str(text).unwrap_err();
        let at: Vec<&str> = errors.iter().map(|e| &text[e.span.start..e.span.end]).collect();
        assert_eq!(at, ["\"two words\"", "\"sign<verbs>\""], "{errors:?}");
        assert!(errors[1].message.contains("no word class `verbs`"));
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
