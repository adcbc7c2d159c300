#![doc = include_str!("quote.md")]

use crate::rules::compile::{Context, RawRule};
use crate::analysis::attribution::{Attributor, DEFAULT_MIN_WORDS};
use copydesk_regex::Regex;
use crate::rules::{Check, Finding, RuleKind};
use crate::document::{BlockKind, Document};
use crate::error::LocatedError;
use serde::Deserialize;

/// What a quote rule checks.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteCheck {
    Source,
    Balance,
}

raw_rule! {
    /// A rule about quotations: each needs a source, or its marks must balance.
    #[schemars(rename = "QuoteRule")]
    struct Raw {
        /// What to check: `source` (default: each quotation needs a speaker and a speech verb nearby) or `balance` (every quotation mark has its partner).
        #[serde(default)]
        check: Option<QuoteCheck>,
        /// Quotations shorter than this many words (scare quotes, titles, terms) need no source (default 3).
        #[serde(default)]
        min_words: Option<usize>,
        /// The speech verbs and phrases, replacing the built-in list.
        #[serde(default)]
        verbs: Option<Vec<String>>,
        /// More words that name a speaker, added to the built-in list.
        #[serde(default)]
        speakers: Vec<String>,
        /// Whether quotations in headlines are checked too (default `false`: the story below gives the source).
        #[serde(default)]
        headlines: bool,
    }
}

#[derive(Debug)]
struct QuoteRule {
    check: QuoteCheck,
    /// Only `check = "source"` needs one.
    attributor: Option<Attributor>,
    /// Whether the attributor uses the built-in lists and minimum (so the document's shared
    /// attributions are its own).
    default_lists: bool,
    headlines: bool,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Quote;
    const PLACEHOLDERS: &'static [&'static str] = &["words"];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn default_message(&self) -> Option<&'static str> {
        Some(match self.check.unwrap_or(QuoteCheck::Source) {
            QuoteCheck::Source => "This quotation has no source.",
            QuoteCheck::Balance => "This quotation mark has no partner.",
        })
    }

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let check = self.check.unwrap_or(QuoteCheck::Source);
        let attributor = match check {
            QuoteCheck::Balance => None,
            QuoteCheck::Source => Some(
                Attributor::new(
                    self.verbs.as_deref(),
                    &self.speakers,
                    self.min_words.unwrap_or(DEFAULT_MIN_WORDS),
                )
                .map_err(|e| {
                    vec![cx
                        .error(
                            self.id.span(),
                            format!("the speech verbs do not compile: {e}"),
                        )
                        .with_help("check the `verbs` list")]
                })?,
            ),
        };
        let default_lists = self.verbs.is_none()
            && self.speakers.is_empty()
            && self.min_words.unwrap_or(DEFAULT_MIN_WORDS) == DEFAULT_MIN_WORDS;
        Ok(Box::new(QuoteRule {
            check,
            attributor,
            default_lists,
            headlines: self.headlines,
        }))
    }
}

impl Check for QuoteRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.attributor
            .iter()
            .flat_map(Attributor::regexes)
            .collect()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        match self.check {
            QuoteCheck::Balance => {
                for &mark in &doc.unbalanced_quotes {
                    findings.push(Finding::new(mark).label("no partner for this mark"));
                }
            }
            QuoteCheck::Source => {
                let Some(attributor) = &self.attributor else {
                    return;
                };
                // With the built-in lists, the article's attributions are worked out once and
                // shared; a rule with lists of its own works out its own.
                let own;
                let attributions = if self.default_lists {
                    doc.attributions()
                } else {
                    own = attributor.attribute(doc);
                    &own
                };
                for (quote, attribution) in doc.quotes.iter().zip(attributions) {
                    let in_headline = matches!(doc.blocks[quote.block].kind, BlockKind::Heading(_));
                    if !attribution.needs_source() || (in_headline && !self.headlines) {
                        continue;
                    }
                    let mut finding = Finding::new(quote.span)
                        .var("words", attribution.words.to_string())
                        .label("who said this?");
                    if let Some(sentence) = doc
                        .sentences_in(quote.span)
                        .iter()
                        .find(|s| !quote.span.contains(s.span))
                    {
                        finding = finding
                            .secondary(sentence.span, "no speaker in this sentence or beside it");
                    }
                    findings.push(finding);
                }
            }
        }
    }
}
