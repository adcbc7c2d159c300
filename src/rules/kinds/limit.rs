#![doc = include_str!("limit.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::{Check, Finding, RuleKind, Scope};
use crate::diagnostic::Span;
use crate::document::{BlockKind, Document};
use crate::error::LocatedError;
use serde::Deserialize;
use toml::Spanned;

/// What a limit counts.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Count {
    Words,
    Characters,
    Sentences,
    Paragraphs,
}

impl Count {
    const fn as_str(self) -> &'static str {
        match self {
            Count::Words => "words",
            Count::Characters => "characters",
            Count::Sentences => "sentences",
            Count::Paragraphs => "paragraphs",
        }
    }
}

raw_rule! {
    /// A rule that bounds lengths and counts.
    #[schemars(rename = "LimitRule")]
    struct Raw {
        /// What is measured: each `sentence`, `paragraph` or `headline`, or the whole `document`.
        #[schemars(with = "Scope")]
        scope: Spanned<Scope>,
        /// What is counted: `words` or `characters` (any scope), `sentences` (paragraph, document) or `paragraphs` (document).
        #[schemars(with = "Count")]
        count: Spanned<Count>,
        /// The most allowed.
        #[serde(default)]
        max: Option<usize>,
        /// The fewest allowed.
        #[serde(default)]
        min: Option<usize>,
    }
}

#[derive(Debug)]
struct LimitRule {
    scope: Scope,
    count: Count,
    max: Option<usize>,
    min: Option<usize>,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Limit;
    const PLACEHOLDERS: &'static [&'static str] =
        &["count", "max", "min", "unit", "scope", "limit"];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("This {scope} has {count} {unit}; {limit}.");

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let scope = *self.scope.get_ref();
        let count = *self.count.get_ref();
        let allowed: &[Count] = match scope {
            Scope::Sentence | Scope::Headline => &[Count::Words, Count::Characters],
            Scope::Paragraph => &[Count::Words, Count::Characters, Count::Sentences],
            Scope::Document => &[
                Count::Words,
                Count::Characters,
                Count::Sentences,
                Count::Paragraphs,
            ],
        };
        if !allowed.contains(&count) {
            let names: Vec<_> = allowed
                .iter()
                .map(|c| format!("`{}`", c.as_str()))
                .collect();
            return Err(vec![cx
                .error(
                    self.count.span(),
                    format!("a {} cannot count {}", scope.as_str(), count.as_str()),
                )
                .label("not countable in this scope")
                .with_help(format!(
                    "in a {} scope, count one of {}",
                    scope.as_str(),
                    names.join(", ")
                ))]);
        }
        if self.max.is_none() && self.min.is_none() {
            return Err(vec![cx
                .error(self.id.span(), "this limit has neither `max` nor `min`")
                .with_help("add `max = N` (or `min = N`)")]);
        }
        if let (Some(min), Some(max)) = (self.min, self.max) {
            if min > max {
                return Err(vec![cx.error(
                    self.id.span(),
                    format!("`min` ({min}) is above `max` ({max})"),
                )]);
            }
        }
        Ok(Box::new(LimitRule {
            scope,
            count,
            max: self.max,
            min: self.min,
        }))
    }
}

impl LimitRule {
    fn measure(&self, doc: &Document, unit: Span) -> usize {
        let within = |s: Span| unit.contains(s);
        match self.count {
            Count::Words => {
                // Words are in order: count those inside the unit with two binary searches.
                let first = doc.words.partition_point(|w| w.start < unit.start);
                let last = doc.words.partition_point(|w| w.start < unit.end);
                doc.words[first..last]
                    .iter()
                    .filter(|w| within(**w))
                    .count()
            }
            Count::Characters => {
                let text = doc.prose(unit);
                // Blanked markup is not text; runs of white space count as one character.
                text.split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>()
                    .saturating_sub(1)
            }
            Count::Sentences => doc
                .sentences_in(unit)
                .iter()
                .filter(|s| within(s.span))
                .count(),
            Count::Paragraphs => doc
                .blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::Heading(_)) && within(b.span))
                .count(),
        }
    }
}

impl Check for LimitRule {
    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        for unit in self.scope.units(doc) {
            let n = self.measure(doc, unit);
            let limit = match (self.max, self.min) {
                (Some(max), _) if n > max => format!("the limit is {max}"),
                (_, Some(min)) if n < min => format!("the minimum is {min}"),
                _ => continue,
            };
            let mut finding = Finding::new(unit)
                .var("count", n.to_string())
                .var("unit", self.count.as_str())
                .var("scope", self.scope.as_str())
                .var("limit", limit)
                .label(format!("{n} {}", self.count.as_str()));
            if let Some(max) = self.max {
                finding = finding.var("max", max.to_string());
            }
            if let Some(min) = self.min {
                finding = finding.var("min", min.to_string());
            }
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::{flagged, messages};

    const RULES: &str = r#"
[ruleset]
name = "t"

[[limit]]
id = "sentence-words"
scope = "sentence"
count = "words"
max = 5

[[limit]]
id = "paragraph-sentences"
scope = "paragraph"
count = "sentences"
max = 2

[[limit]]
id = "headline-chars"
scope = "headline"
count = "characters"
max = 20
"#;

    #[test]
    fn long_sentences_are_flagged_whole() {
        let set = compile_str(RULES).unwrap();
        let text = "One two three four five six. Short one.";
        assert_eq!(
            flagged(&set, "t/sentence-words", text),
            ["One two three four five six."]
        );
        assert_eq!(
            messages(&set, "t/sentence-words", text),
            ["This sentence has 6 words; the limit is 5."]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        let set = compile_str(RULES).unwrap();
        let text = "A headline that runs on too long\n\nOne. Two. Three.\n\nOne. Two.\n";
        assert_eq!(
            flagged(&set, "t/paragraph-sentences", text),
            ["One. Two. Three."]
        );
        assert_eq!(
            flagged(&set, "t/headline-chars", text),
            ["A headline that runs on too long"]
        );
    }

    #[test]
    fn a_count_the_scope_cannot_hold_is_refused() {
        let text = "[ruleset]\nname = \"t\"\n[[limit]]\nid = \"x\"\nscope = \"sentence\"\ncount = \"paragraphs\"\nmax = 1\n";
        let err = compile_str(text).unwrap_err().remove(0);
        assert_eq!(err.message, "a sentence cannot count paragraphs");
        assert_eq!(err.span.slice(text), "\"paragraphs\"");
    }
}
