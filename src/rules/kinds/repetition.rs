#![doc = include_str!("repetition.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::{Case, Check, Finding, RuleKind};
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::document::Document;
use crate::error::LocatedError;
use std::collections::HashSet;

raw_rule! {
    /// A rule that flags a word written twice in a row.
    #[schemars(rename = "RepetitionRule")]
    struct Raw {
        /// Whether to look inside quotations (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// Words that may be doubled ("that that", "had had").
        #[serde(default)]
        exceptions: Vec<String>,
        /// Letter case: `insensitive` (default: "The the" counts) or `sensitive`.
        #[serde(default)]
        case: Option<crate::rules::Case>,
    }
}

#[derive(Debug)]
struct RepetitionRule {
    exceptions: HashSet<String>,
    case: Case,
    in_quotes: bool,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Repetition;
    const PLACEHOLDERS: &'static [&'static str] = &["word"];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("'{word}' is written twice.");

    fn compile(&self, _cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        Ok(Box::new(RepetitionRule {
            exceptions: self.exceptions.iter().map(|w| w.to_lowercase()).collect(),
            case: self.case.unwrap_or(Case::Insensitive),
            in_quotes: self.in_quotes.unwrap_or(true),
        }))
    }
}

impl RepetitionRule {
    fn same(&self, a: &str, b: &str) -> bool {
        match self.case {
            Case::Sensitive => a == b,
            Case::Insensitive => a.to_lowercase() == b.to_lowercase(),
        }
    }
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Check for RepetitionRule {
    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        // Pairs within one block only: a headline's last word may open the first paragraph.
        let blocks = doc.blocks.iter().map(|b| {
            let sentences = doc.block_sentences(b);
            let start = sentences.first().map_or(0, |s| s.words.start);
            let end = sentences.last().map_or(0, |s| s.words.end);
            &doc.words[start..end]
        });
        for pair in blocks.flat_map(|words| words.windows(2)) {
            let (first, second) = (pair[0], pair[1]);
            let gap = &doc.mask[first.end..second.start];
            if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
                continue;
            }
            // "in in-fighting", "break-in in 1999": one of the two is part of a compound.
            let hyphen = |c: Option<char>| c.is_some_and(|c| c == '-' || c == '‑');
            if hyphen(doc.mask[second.end..].chars().next())
                || hyphen(doc.mask[..first.start].chars().next_back())
            {
                continue;
            }
            let (a, b) = (doc.prose(first), doc.prose(second));
            // "The the" is a slip at a sentence start; "lord Lord Bingham" and "Duran Duran"
            // are a title and a name.
            if !self.same(a, b)
                || a.chars().all(|c| !c.is_alphabetic())
                || capitalised(b)
                || self.exceptions.contains(&a.to_lowercase())
                || (!self.in_quotes && doc.in_quote(second))
            {
                continue;
            }
            findings.push(
                Finding::new(Span::new(first.start, second.end))
                    .var("word", doc.text(second))
                    .label("doubled")
                    .fix(Fix {
                        applicability: Applicability::Safe,
                        edits: vec![Edit {
                            span: Span::new(first.end, second.end),
                            replacement: String::new(),
                        }],
                    }),
            );
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
[[repetition]]
id = "twice"
exceptions = ["that"]
"#;

    #[test]
    fn doubled_words_across_line_breaks() {
        let set = compile_str(RULES).unwrap();
        let text = "He went to the\nthe shop. The the end.\n\nEnd\n\nend.";
        assert_eq!(flagged(&set, "t/twice", text), ["the\nthe", "The the"]);
    }

    #[test]
    fn names_numbers_punctuation_and_exceptions_are_left_alone() {
        let set = compile_str(RULES).unwrap();
        let text = "Duran Duran played. The law lord Lord Bingham said that that was so. It rose 10 10 times. Go, go. The in in-fighting after the break-in in May.";
        assert!(flagged(&set, "t/twice", text).is_empty());
    }
}
