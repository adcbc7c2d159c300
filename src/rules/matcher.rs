//! Building regexes from rule files (named fragments, word lists, case) and running them over
//! the units of a document's prose.

use super::{Case, Scope};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::error::{LocatedError, SourceFile};
use copydesk_regex::{Error as BuildError, Regex, RegexBuilder};
use std::collections::BTreeMap;
use toml::Spanned;

/// Where a string value sits in its TOML file, for errors that point inside it.
pub(crate) struct Located<'a> {
    pub file: &'a SourceFile,
    pub value: &'a Spanned<String>,
}

impl Located<'_> {
    pub fn span(&self) -> Span {
        self.value.span().into()
    }

    /// The file span of bytes `start..end` of the string's value, when the TOML spells the value
    /// literally (no escapes); otherwise the whole value.
    pub fn inner(&self, start: usize, end: usize) -> Span {
        let span = self.span();
        let raw = span.slice(&self.file.text);
        let value = self.value.get_ref();
        for quote in ["'''", "\"\"\"", "'", "\""] {
            if let Some(body) = raw.strip_prefix(quote).and_then(|r| r.strip_suffix(quote)) {
                if body == value {
                    let base = span.start + quote.len();
                    return Span::new(base + start, base + end);
                }
            }
        }
        span
    }
}

/// The `[define]` table: named regex fragments usable as `{name}` in patterns.
#[derive(Debug, Default)]
pub(crate) struct Defines {
    expanded: BTreeMap<String, String>,
}

impl Defines {
    /// Expands every fragment (fragments may use fragments defined anywhere in the table).
    pub fn new(
        file: &SourceFile,
        raw: &BTreeMap<String, Spanned<String>>,
    ) -> Result<Defines, Vec<LocatedError>> {
        let mut defines = Defines::default();
        let mut errors = Vec::new();
        for (name, value) in raw {
            match expand_with(file, value, raw, &mut vec![name.as_str()]) {
                Ok(text) => {
                    defines.expanded.insert(name.clone(), text);
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(defines)
        } else {
            Err(errors)
        }
    }

    /// Replaces each `{name}` in `value` by its fragment, wrapped in a non-capturing group.
    pub fn expand(
        &self,
        file: &SourceFile,
        value: &Spanned<String>,
    ) -> Result<String, LocatedError> {
        substitute(file, value, |name| {
            self.expanded.get(name).cloned().ok_or(())
        })
    }
}

fn expand_with<'a>(
    file: &SourceFile,
    value: &Spanned<String>,
    raw: &'a BTreeMap<String, Spanned<String>>,
    stack: &mut Vec<&'a str>,
) -> Result<String, LocatedError> {
    substitute(file, value, |name| {
        if stack.contains(&name) {
            return Err(());
        }
        let (name, inner) = raw.get_key_value(name).ok_or(())?;
        stack.push(name.as_str());
        let result = expand_with(file, inner, raw, stack).map_err(|_| ());
        stack.pop();
        result
    })
}

/// Finds `{name}` references (a letter or `_` first, so `{2,3}` quantifiers and `\p{Lu}` classes
/// are left alone) and replaces them with `lookup(name)`.
fn substitute(
    file: &SourceFile,
    value: &Spanned<String>,
    mut lookup: impl FnMut(&str) -> Result<String, ()>,
) -> Result<String, LocatedError> {
    let text = value.get_ref();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        // `\p{Lu}`, `\x{E9}`, `\u{E9}`: braces of an escape, not a fragment.
        let escaped_class = i >= 2
            && bytes[i - 2] == b'\\'
            && matches!(bytes[i - 1], b'p' | b'P' | b'x' | b'u' | b'U');
        let escaped_brace = i >= 1 && bytes[i - 1] == b'\\';
        if bytes[i] == b'{' && !escaped_class && !escaped_brace {
            let name_len = text[i + 1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(text.len() - i - 1);
            let name = &text[i + 1..i + 1 + name_len];
            let closes = text[i + 1 + name_len..].starts_with('}');
            if closes && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                let end = i + name_len + 2;
                match lookup(name) {
                    Ok(fragment) => {
                        out.push_str("(?:");
                        out.push_str(&fragment);
                        out.push(')');
                    }
                    Err(()) => {
                        let at = Located { file, value };
                        return Err(LocatedError::new(
                            file,
                            at.inner(i, end),
                            format!("unknown fragment `{{{name}}}`"),
                        )
                        .label("not defined in [define]")
                        .with_help(
                            "define it in the rule set's [define] table, or escape the brace as \\{ \
                             (a fragment cannot use itself)",
                        ));
                    }
                }
                i = end;
                continue;
            }
        }
        let c_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + c_len]);
        i += c_len;
    }
    Ok(out)
}

/// Compiles one regex, reporting a bad one at its place in the TOML.
pub(crate) fn compile(
    file: &SourceFile,
    value: &Spanned<String>,
    pattern: &str,
    case: Case,
) -> Result<Regex, LocatedError> {
    build(pattern, case).map_err(|e| located(file, value, e))
}

/// [`compile`] keeping the pattern's groups.
pub(crate) fn compile_with_groups(
    file: &SourceFile,
    value: &Spanned<String>,
    pattern: &str,
    case: Case,
) -> Result<Regex, LocatedError> {
    RegexBuilder::new(pattern)
        .case_insensitive(case == Case::Insensitive)
        .groups(true)
        .build()
        .map_err(|e| located(file, value, e))
}

fn located(file: &SourceFile, value: &Spanned<String>, e: BuildError) -> LocatedError {
    {
        let (message, help) = match &e {
            BuildError::TooBig(limit) => (
                format!("this pattern compiles to more than {limit} bytes"),
                "split it into smaller patterns, or use `words` for long lists of plain words"
                    .to_string(),
            ),
            other => (
                "invalid regular expression".to_string(),
                format!(
                    "{other}\ncopydesk uses Rust regex syntax: no look-around, no \
                     backreferences (see docs/rules.md)"
                ),
            ),
        };
        LocatedError::new(file, value.span(), message)
            .label("this pattern")
            .with_help(help)
    }
}

/// A pattern from a built-in rule file, parsed when first needed (see
/// [`RegexBuilder::build_trusted`]).
pub(crate) fn trusted(pattern: &str, case: Case, groups: bool) -> Regex {
    RegexBuilder::new(pattern)
        .case_insensitive(case == Case::Insensitive)
        .groups(groups)
        .build_trusted()
}

pub(crate) fn build(pattern: &str, case: Case) -> Result<Regex, BuildError> {
    RegexBuilder::new(pattern)
        .case_insensitive(case == Case::Insensitive)
        .build()
}

/// Regexes, to be joined as alternatives, that match each phrase literally as whole words
/// (earlier phrases first): spaces match any run of white space (a line break included) and an
/// apostrophe matches both ' and ’.
///
/// Runs of phrases that begin and end with a word character share one pair of word
/// boundaries, `\b(?:one|two)\b`, which matches what `\bone\b|\btwo\b` matches (a branch
/// whose closing boundary fails gives way to the next, as in any alternation) and is about a
/// third smaller to parse and compile for a long list.
pub(crate) fn words_pattern<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut parts = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let close = |run: &mut Vec<String>, parts: &mut Vec<String>| {
        if !run.is_empty() {
            parts.push(format!(r"\b(?:{})\b", run.join("|")));
            run.clear();
        }
    };
    for phrase in phrases {
        match word_parts(phrase) {
            (true, core, true) => run.push(core),
            (lead, core, trail) => {
                close(&mut run, &mut parts);
                let boundary = |on: bool| if on { r"\b" } else { "" };
                parts.push(format!("{}{core}{}", boundary(lead), boundary(trail)));
            }
        }
    }
    close(&mut run, &mut parts);
    parts
}

/// A phrase as a regex without its word boundaries, and whether it takes one before and after.
fn word_parts(phrase: &str) -> (bool, String, bool) {
    let mut out = String::new();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut first = true;
    for part in phrase.split_whitespace() {
        if !first {
            out.push_str(r"\s+");
        }
        first = false;
        for c in part.chars() {
            match c {
                '\'' | '’' => out.push_str("['’]"),
                c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            }
        }
    }
    (
        is_word(phrase.chars().next()),
        out,
        is_word(phrase.chars().last()),
    )
}

/// One alternation of several patterns.
pub(crate) fn alternation<'a>(patterns: impl IntoIterator<Item = &'a str>) -> String {
    patterns
        .into_iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A compiled search: what to find, what to leave alone, and where to look.
#[derive(Debug)]
pub(crate) struct Matcher {
    pub regex: Regex,
    pub exceptions: Option<Regex>,
    pub scope: Scope,
    /// Whether matches inside quotations count (`in_quotes`).
    pub in_quotes: bool,
}

impl Matcher {
    /// The regexes it searches with: the regex and its exceptions.
    pub fn regexes(&self) -> Vec<&Regex> {
        std::iter::once(&self.regex)
            .chain(&self.exceptions)
            .collect()
    }

    /// Calls `f(unit, match)` for every match in every unit of the scope, in order, skipping
    /// empty matches, matches that lie inside a match of an exception, and (unless `in_quotes`)
    /// matches inside quotations.
    pub fn for_each(&self, doc: &Document, mut f: impl FnMut(Span, Span)) {
        for unit in self.scope.units(doc) {
            self.in_unit(doc, unit, &mut f);
        }
    }

    /// The matches within one unit.
    pub fn in_unit(&self, doc: &Document, unit: Span, f: &mut impl FnMut(Span, Span)) {
        let text = doc.prose(unit);
        let mut exceptions: Option<Vec<Span>> = None;
        for m in self.regex.find_iter(doc.profile(), text) {
            if m.is_empty() {
                continue;
            }
            let span = Span::from(m).offset(unit.start);
            if !self.in_quotes && doc.in_quote(span) {
                continue;
            }
            if let Some(regex) = &self.exceptions {
                let spans = exceptions.get_or_insert_with(|| {
                    regex
                        .find_iter(doc.profile(), text)
                        .map(|e| Span::from(e).offset(unit.start))
                        .collect()
                });
                // Matches of one regex are in order and do not overlap: the only exception that
                // can hold this match is the last one starting at or before it.
                let i = spans.partition_point(|e| e.start <= span.start);
                if i > 0 && spans[i - 1].contains(span) {
                    continue;
                }
            }
            f(unit, span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_patterns_match_whole_words_across_line_breaks() {
        let re = regex::Regex::new(&words_pattern(["Editors' Picks"])[0]).unwrap();
        assert!(re.is_match("Editors’\nPicks"));
        assert!(!re.is_match("Editors' Pickston"));
        let re = regex::Regex::new(&words_pattern(["[INSERT"])[0]).unwrap();
        assert!(re.is_match("see [INSERT NAME]"));
    }

    #[test]
    fn fragments_expand_but_quantifiers_and_classes_do_not() {
        let file = SourceFile::new("t.toml", "");
        let mut raw = BTreeMap::new();
        raw.insert("day".to_string(), Spanned::new(0..0, "Mon|Tue".to_string()));
        raw.insert(
            "when".to_string(),
            Spanned::new(0..0, "on {day}".to_string()),
        );
        let defines = Defines::new(&file, &raw).unwrap();
        let value = Spanned::new(0..0, r"{when} \d{2} \p{Lu} \x{E9}".to_string());
        assert_eq!(
            defines.expand(&file, &value).unwrap(),
            r"(?:on (?:Mon|Tue)) \d{2} \p{Lu} \x{E9}"
        );
        let unknown = Spanned::new(0..0, "{nope}".to_string());
        assert!(defines.expand(&file, &unknown).is_err());
    }

    #[test]
    fn a_fragment_cannot_use_itself() {
        let file = SourceFile::new("t.toml", "");
        let mut raw = BTreeMap::new();
        raw.insert("a".to_string(), Spanned::new(0..0, "x{a}".to_string()));
        assert!(Defines::new(&file, &raw).is_err());
    }
}
