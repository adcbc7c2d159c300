//! What compiling one rule needs, shared by the loader and every rule kind: the keys every
//! kind has, the trait a kind's raw table implements, the context a rule compiles in (its file,
//! for located errors, and the set's `[define]` fragments), and the steps common to all kinds
//! (id, message template, examples). Kinds depend on this module; it depends on no kind.

use super::matcher::{self, Defines};
use super::{Case, Check, Example, Rule, RuleKind, Template};
use crate::diagnostic::{Severity, Span};
use crate::error::{LocatedError, SourceFile};
use copydesk_regex::Regex;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::Spanned;

/// `[ruleset]`: the set's name and what it is for.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RuleSetHeader")]
pub(crate) struct RawHeader {
    /// The set's name: the first part of its rule ids (`house/cliche`).
    #[schemars(with = "String", regex(pattern = r"^[a-z][a-z0-9_-]*$"))]
    pub name: Spanned<String>,
    /// What the set checks, in a sentence.
    #[serde(default)]
    pub description: Option<String>,
}

/// `[[kind.example]]`: one good or bad text.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Example")]
pub(crate) struct RawExample {
    /// A text the rule must flag.
    #[serde(default)]
    bad: Option<String>,
    /// A text the rule must not flag.
    #[serde(default)]
    good: Option<String>,
    /// The exact texts a bad example must flag.
    #[serde(default)]
    flagged: Option<OneOrMany>,
}

/// One text, or a list of them.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The keys every rule kind has.
pub(crate) struct Common<'a> {
    pub id: &'a Spanned<String>,
    pub severity: Option<Severity>,
    pub message: Option<&'a Spanned<String>>,
    pub help: Option<&'a str>,
    pub description: Option<&'a str>,
    pub example: &'a [Spanned<RawExample>],
    pub not_copy: bool,
    pub fix_in_quotes: bool,
}

pub(crate) trait HasCommon {
    fn common(&self) -> Common<'_>;
}

/// What each rule kind tells the loader about itself.
pub(crate) trait RawRule: HasCommon + DeserializeOwned {
    const KIND: RuleKind;
    /// Message placeholders the kind fills, besides `{match}`.
    const PLACEHOLDERS: &'static [&'static str];
    /// The message used when the rule gives none; `None` makes `message` required.
    const DEFAULT_MESSAGE: Option<&'static str>;
    /// The default message of this rule, when it depends on the rule's options.
    fn default_message(&self) -> Option<&'static str> {
        Self::DEFAULT_MESSAGE
    }
    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>>;
}

/// What compiling a rule may use: its file (for errors) and the set's fragments.
pub(crate) struct Context<'a> {
    pub file: &'a SourceFile,
    pub(crate) defines: Defines,
    /// A built-in rule file: its patterns are known good (the tests load them), so they are
    /// parsed only when an article is searched with them.
    pub(crate) trusted: bool,
}

impl Context<'_> {
    /// Expands fragments in one pattern and compiles it, keeping its groups (for replacements
    /// that use them).
    pub fn regex_with_groups(
        &self,
        value: &Spanned<String>,
        case: Case,
    ) -> Result<Regex, LocatedError> {
        let pattern = self.defines.expand(self.file, value)?;
        if self.trusted {
            return Ok(matcher::trusted(&pattern, case, true));
        }
        matcher::compile_with_groups(self.file, value, &pattern, case)
    }

    /// One regex for several patterns and literal words, or `None` when both lists are empty.
    /// Compiled once, as one alternation; only when that fails is each pattern compiled on its
    /// own, to report the bad one where it is written.
    pub fn alternation(
        &self,
        patterns: &[Spanned<String>],
        words: &[Spanned<String>],
        case: Case,
    ) -> Result<Option<Regex>, Vec<LocatedError>> {
        let mut errors = Vec::new();
        let expanded: Vec<Option<String>> = patterns
            .iter()
            .map(|value| {
                self.defines
                    .expand(self.file, value)
                    .map_err(|e| errors.push(e))
                    .ok()
            })
            .collect();
        let mut parts: Vec<String> = expanded.iter().flatten().cloned().collect();
        for word in words {
            if word.get_ref().trim().is_empty() {
                errors.push(
                    LocatedError::new(self.file, word.span(), "an empty word matches nothing")
                        .label("empty"),
                );
            }
        }
        parts.extend(matcher::words_pattern(
            words
                .iter()
                .map(|w| w.get_ref().as_str())
                .filter(|w| !w.trim().is_empty()),
        ));
        let mut combined_error = None;
        if errors.is_empty() {
            if parts.is_empty() {
                return Ok(None);
            }
            let combined = matcher::alternation(parts.iter().map(String::as_str));
            if self.trusted {
                return Ok(Some(matcher::trusted(&combined, case, false)));
            }
            match matcher::build(&combined, case) {
                Ok(regex) => return Ok(Some(regex)),
                Err(e) => combined_error = Some(e),
            }
        }
        // Something is wrong: compile each pattern on its own to report every bad one where it
        // is written (words are escaped and cannot be at fault).
        errors.extend(patterns.iter().zip(&expanded).filter_map(|(value, p)| {
            p.as_ref()
                .and_then(|p| matcher::compile(self.file, value, p, case).err())
        }));
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.span.start);
            return Err(errors);
        }
        let span = patterns
            .first()
            .or(words.first())
            .map_or(Span::default(), |v| v.span().into());
        let detail = combined_error.map_or_else(String::new, |e| e.to_string());
        Err(vec![LocatedError::new(
            self.file,
            span,
            "these patterns do not compile together",
        )
        .with_help(format!(
            "{detail}\nsplit the list over several rules"
        ))])
    }

    pub fn error(&self, span: impl Into<Span>, message: impl Into<String>) -> LocatedError {
        LocatedError::new(self.file, span, message)
    }
}

pub(crate) fn compile_kind<R: RawRule + Sync>(
    cx: &Context,
    set: &str,
    raws: &[R],
    rules: &mut Vec<Rule>,
    errors: &mut Vec<LocatedError>,
) {
    // Compiling a rule's regexes is most of the start-up time: rules compile in parallel.
    use rayon::prelude::*;
    let compiled: Vec<_> = raws
        .par_iter()
        .map(|raw| compile_rule(cx, set, raw))
        .collect();
    for result in compiled {
        match result {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.extend(e),
        }
    }
}

pub(crate) fn compile_rule<R: RawRule>(
    cx: &Context,
    set: &str,
    raw: &R,
) -> Result<Rule, Vec<LocatedError>> {
    let common = raw.common();
    let mut errors = Vec::new();
    let id_span: Span = common.id.span().into();
    let name = common.id.get_ref();
    if !is_identifier(name) {
        errors.push(
            cx.error(id_span, "invalid rule id")
                .label("not an id")
                .with_help("use lowercase letters, digits, hyphens and underscores, starting with a letter: `quote-needs-source`"),
        );
    }
    let mut allowed = vec!["match"];
    allowed.extend_from_slice(R::PLACEHOLDERS);
    let message = match (common.message, raw.default_message()) {
        (Some(message), _) => Template::parse(message.get_ref(), &allowed).map_err(|unknown| {
            let at = matcher::Located {
                file: cx.file,
                value: message,
            };
            let end = unknown.offset + unknown.name.len() + 2;
            cx.error(
                at.inner(unknown.offset, end.min(message.get_ref().len())),
                format!("unknown placeholder `{{{}}}`", unknown.name),
            )
            .label("not provided by this rule kind")
            .with_help(format!(
                "a {} rule offers {}; write {{{{ and }}}} for literal braces",
                R::KIND,
                allowed
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }),
        (None, Some(default)) => Template::parse(default, &allowed)
            .map_err(|_| cx.error(id_span, "internal error: bad default message")),
        (None, None) => Err(cx
            .error(id_span, format!("rule `{name}` has no `message`"))
            .label("this rule")
            .with_help(format!(
                "a {} rule must say what is wrong: add `message = \"...\"`",
                R::KIND
            ))),
    };
    let message = message.map_err(|e| errors.push(e)).ok();
    let examples = compile_examples(cx, common.example)
        .map_err(|e| errors.extend(e))
        .ok();
    let check = raw.compile(cx).map_err(|e| errors.extend(e)).ok();
    match (message, examples, check) {
        (Some(message), Some(examples), Some(check)) if errors.is_empty() => Ok(Rule {
            id: format!("{set}/{name}"),
            kind: R::KIND,
            severity: common.severity.unwrap_or(Severity::Warning),
            enabled: true,
            message,
            help: common.help.map(str::to_string),
            description: common.description.map(str::to_string),
            table: super::options::RuleTable::new(cx.file.text.clone(), R::KIND, id_span.start),
            origin: String::new(),
            examples,
            not_copy: common.not_copy,
            fix_in_quotes: common.fix_in_quotes,
            check,
        }),
        _ => Err(errors),
    }
}

fn compile_examples(
    cx: &Context,
    raws: &[Spanned<RawExample>],
) -> Result<Vec<Example>, Vec<LocatedError>> {
    let mut examples = Vec::new();
    let mut errors = Vec::new();
    for raw in raws {
        let span: Span = raw.span().into();
        let example = raw.get_ref();
        let flagged = example.flagged.as_ref().map(|f| match f {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        });
        match (&example.bad, &example.good) {
            (Some(text), None) => examples.push(Example {
                text: text.clone(),
                bad: true,
                flagged,
                span,
            }),
            (None, Some(text)) if flagged.is_none() => examples.push(Example {
                text: text.clone(),
                bad: false,
                flagged: None,
                span,
            }),
            (None, Some(_)) => errors.push(
                cx.error(span, "a good example cannot have `flagged` text")
                    .with_help("`flagged` lists what a bad example must flag"),
            ),
            _ => errors.push(
                cx.error(span, "an example needs exactly one of `bad` or `good`")
                    .label("this example"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(examples)
    } else {
        Err(errors)
    }
}

/// `house-style`, `quote-needs-source`: lowercase ASCII letters, digits and hyphens.
pub(crate) fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
