//! Suppressions written in an article: Markdown comments that turn rules off and on for a
//! stretch of the article or for the next line, and a front-matter key that turns them off for
//! the whole article.
//!
//! ```markdown
//! ---
//! copydesk: { disable: [house/wordy] }
//! ---
//! <!-- copydesk-disable-next-line attribution/anonymous-source -->
//! Sources said the deal was done.
//!
//! <!-- copydesk-disable dates -->
//! …
//! <!-- copydesk-enable dates -->
//! ```
//!
//! A comment names rule ids (`house/wordy`) or rule set names (`house`), separated by spaces or
//! commas; none means every rule. For a finding, the last `disable`/`enable` before it that
//! names its rule (or names none) decides; `disable-next-line` covers the next line that is not
//! blank. Plain-text articles take the same comments, each on a line of its own (the document
//! records those lines in `Document::html`, as it records a Markdown article's HTML).

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub use crate::rules::kinds::suppression::Warning;

/// A rule of the `suppression` kind that runs on an article: the warning it gives, under which
/// id and with which severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reporter<'a> {
    pub warning: Warning,
    pub rule: &'a str,
    pub severity: Severity,
}

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `copydesk-disable`: off from here on.
    Disable,
    /// `copydesk-enable`: on again from here.
    Enable,
    /// `copydesk-disable-next-line`: off on the next line that is not blank.
    DisableNextLine,
    /// Front matter `copydesk: { disable: [...] }`: off in the whole article.
    DisableFile,
}

/// One suppression directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub action: Action,
    /// The comment or front-matter entry.
    pub span: Span,
    /// The rule ids or set names it names, with their spans; empty means every rule.
    pub rules: Vec<(String, Span)>,
    /// The byte range it covers, for `DisableNextLine` (a line) and `DisableFile`.
    pub covers: Option<Span>,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    // A literal pattern, checked by the tests: it cannot fail to compile.
    Regex::new(r"<!--[ \t\r\n]*copydesk-(disable-next-line|disable|enable)\b((?s:.)*?)-->")
        .unwrap_or_else(|_| unreachable!("the directive pattern is valid"))
});

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[^\s,\[\]"']+"#).unwrap_or_else(|_| unreachable!("the token pattern is valid"))
});

static DISABLE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bdisable\b\s*[:=]").unwrap_or_else(|_| unreachable!("the key pattern is valid"))
});

/// Every directive of `doc`, in order.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let mut out = Vec::new();
    if let Some(directive) = front_matter(doc) {
        out.push(directive);
    }
    for html in &doc.html {
        let text = html.slice(&doc.source);
        for found in COMMENT.captures_iter(text) {
            let (Some(whole), Some(action), Some(list)) =
                (found.get(0), found.get(1), found.get(2))
            else {
                continue;
            };
            let action = match action.as_str() {
                "disable" => Action::Disable,
                "enable" => Action::Enable,
                _ => Action::DisableNextLine,
            };
            let span = Span::new(whole.start(), whole.end()).offset(html.start);
            let base = html.start + list.start();
            let rules = tokens(list.as_str(), base);
            let covers = (action == Action::DisableNextLine)
                .then(|| next_line(&doc.source, span.end))
                .flatten();
            out.push(Directive {
                action,
                span,
                rules,
                covers,
            });
        }
    }
    out
}

/// Rule names in `text` (which starts at `base` in the article).
fn tokens(text: &str, base: usize) -> Vec<(String, Span)> {
    TOKEN
        .find_iter(text)
        .map(|m| {
            (
                m.as_str().to_string(),
                Span::new(m.start(), m.end()).offset(base),
            )
        })
        .collect()
}

/// The first line after the one holding `offset` that is not blank.
fn next_line(source: &str, offset: usize) -> Option<Span> {
    // A line ends at LF, CRLF or a lone CR (old Mac files, which plain text reads too).
    let bytes = source.as_bytes();
    let ends = |i: usize| bytes[i] == b'\n' || bytes[i] == b'\r';
    let mut at = (offset..bytes.len()).find(|&i| ends(i))?;
    loop {
        // Past this line's end (a CRLF is one end).
        at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        let end = (at..bytes.len()).find(|&i| ends(i)).unwrap_or(bytes.len());
        let line = &source[at..end];
        if !line.trim().is_empty() {
            return Some(Span::new(at, at + line.trim_end().len()));
        }
        if end == bytes.len() {
            return None;
        }
        at = end;
    }
}

/// `copydesk: { disable: [...] }` (YAML) or `[copydesk] disable = [...]` (TOML) in the front
/// matter.
fn front_matter(doc: &Document) -> Option<Directive> {
    let fm = doc.front_matter.as_ref()?;
    let entry = fm.get("copydesk")?;
    // Comments blanked byte for byte, so offsets into it are offsets into the value.
    let cleaned = without_comments(entry.value_span.slice(&doc.source));
    let value = cleaned.as_str();
    let key = DISABLE_KEY.find(value)?;
    let rest = &value[key.end()..];
    let trimmed = rest.trim_start();
    let start = key.end() + (rest.len() - trimmed.len());
    let list = if trimmed.starts_with('[') {
        // A flow list: up to its closing bracket.
        let end = trimmed.find(']').map_or(trimmed.len(), |i| i + 1);
        &value[start..start + end]
    } else if trimmed.starts_with('-') {
        // A YAML block list: the `- item` lines that follow.
        let mut end = start;
        for line in value[start..].split_inclusive('\n') {
            let item = line.trim_start();
            // Blank lines (and comments, blanked above) may stand between the items.
            if !item.is_empty() && !item.starts_with('-') {
                break;
            }
            end += line.len();
        }
        &value[start..end]
    } else {
        // One rule as a scalar, up to the end of the line or the flow mapping.
        let end = trimmed.find(['\n', '}', ',']).unwrap_or(trimmed.len());
        &value[start..start + end]
    };
    let rules: Vec<(String, Span)> = tokens(list, entry.value_span.start + start)
        .into_iter()
        .filter(|(name, _)| name != "-")
        .collect();
    if rules.is_empty() {
        return None;
    }
    Some(Directive {
        action: Action::DisableFile,
        span: Span::new(entry.key_span.start, entry.value_span.end),
        rules,
        covers: Some(Span::new(0, doc.source.len())),
    })
}

/// `text` with YAML and TOML comments (`#` at the start of a line or after white space, to the
/// end of the line, outside quotes) replaced by spaces of the same length.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        let mut cut = None;
        for (i, c) in line.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '#' && previous.is_whitespace() => {
                    cut = Some(i);
                    break;
                }
                None => {}
            }
            previous = c;
        }
        match cut {
            Some(i) => {
                let end = line.trim_end_matches(['\n', '\r']).len();
                out.push_str(&line[..i]);
                out.extend(std::iter::repeat_n(' ', end - i));
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Whether `selector` (a rule id or a set name) names `rule`.
fn names(selector: &str, rule: &str) -> bool {
    crate::config::selects(selector, rule)
}

/// Drops the findings that directives silence; for each directive naming an unknown rule
/// (judged against `known`: every loaded rule id), and each one that silenced nothing among the
/// rules that `ran`, adds the warning of every reporter of that [`Warning`].
pub fn apply(
    directives: &[Directive],
    diagnostics: Vec<Diagnostic>,
    known: &HashSet<String>,
    ran: &[&str],
    reporters: &[Reporter<'_>],
) -> Vec<Diagnostic> {
    if directives.is_empty() {
        return diagnostics;
    }
    let reports = |warning: Warning| reporters.iter().any(|r| r.warning == warning);
    let report_unused = reports(Warning::Unused);
    let report_unknown = reports(Warning::UnknownRule);
    // Each reporter of `warning` gives the finding under its own id and severity.
    let warn = |kept: &mut Vec<Diagnostic>,
                warning: Warning,
                span: Span,
                message: &str,
                help: Option<String>| {
        for r in reporters.iter().filter(|r| r.warning == warning) {
            kept.push(Diagnostic {
                rule: r.rule.to_string(),
                severity: r.severity,
                message: message.to_string(),
                span,
                label: None,
                labels: Vec::new(),
                help: help.clone(),
                fix: None,
            });
        }
    };
    // Which directive (and which of its names) silenced something.
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut kept = Vec::with_capacity(diagnostics.len());
    // A sweep through the region directives in order; diagnostics come sorted by start. For
    // each selector (a rule id, a set name, or "" for all) the latest directive naming it.
    let regions: Vec<usize> = (0..directives.len())
        .filter(|&i| matches!(directives[i].action, Action::Disable | Action::Enable))
        .collect();
    let files: Vec<usize> = (0..directives.len())
        .filter(|&i| directives[i].action == Action::DisableFile)
        .collect();
    // Next-line directives come in the order of their comments, so of their lines too.
    let lines: Vec<usize> = (0..directives.len())
        .filter(|&i| {
            directives[i].action == Action::DisableNextLine && directives[i].covers.is_some()
        })
        .collect();
    let line_start = |i: usize| directives[i].covers.map_or(0, |c| c.start);
    let mut latest: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut next = 0;
    for d in diagnostics {
        while next < regions.len() && directives[regions[next]].span.end <= d.span.start {
            let i = regions[next];
            if directives[i].rules.is_empty() {
                latest.clear();
                latest.insert("", (i, usize::MAX));
            } else {
                for (n, (name, _)) in directives[i].rules.iter().enumerate() {
                    latest.insert(name.as_str(), (i, n));
                }
            }
            next += 1;
        }
        let set = d.rule.split('/').next().unwrap_or("");
        let decider = [d.rule.as_str(), set, ""]
            .iter()
            .filter_map(|s| latest.get(s).copied())
            .max_by_key(|&(i, _)| i);
        let mut silenced = decider.filter(|&(i, _)| directives[i].action == Action::Disable);
        if silenced.is_none() {
            // Whole-file directives, then the next-line directives aimed at this line: lines
            // do not overlap, so those are the ones with the last start at or before it.
            let at = d.span.start;
            let upto = lines.partition_point(|&i| line_start(i) <= at);
            let first = match upto.checked_sub(1) {
                Some(last) => {
                    let start = line_start(lines[last]);
                    lines[..upto].partition_point(|&i| line_start(i) < start)
                }
                None => 0,
            };
            silenced = files
                .iter()
                .chain(&lines[first..upto])
                .copied()
                .filter(|&i| {
                    directives[i]
                        .covers
                        .is_some_and(|c| c.start <= at && at <= c.end)
                })
                .find_map(|i| {
                    let dir = &directives[i];
                    if dir.rules.is_empty() {
                        return Some((i, usize::MAX));
                    }
                    dir.rules
                        .iter()
                        .position(|(name, _)| names(name, &d.rule))
                        .map(|n| (i, n))
                });
        }
        match silenced {
            Some(by) => {
                used.insert(by);
            }
            None => kept.push(d),
        }
    }
    for (i, directive) in directives.iter().enumerate() {
        let silencing = directive.action != Action::Enable;
        if directive.rules.is_empty() {
            if report_unused && silencing && !used.contains(&(i, usize::MAX)) {
                warn(
                    &mut kept,
                    Warning::Unused,
                    directive.span,
                    "This suppression silences nothing.",
                    None,
                );
            }
            continue;
        }
        for (n, (name, span)) in directive.rules.iter().enumerate() {
            if !known.iter().any(|id| names(name, id)) {
                if !report_unknown {
                    continue;
                }
                let nearest = {
                    let mut candidates: Vec<&str> = known.iter().map(String::as_str).collect();
                    let sets: HashSet<&str> =
                        known.iter().filter_map(|id| id.split('/').next()).collect();
                    candidates.extend(sets);
                    candidates.sort_unstable();
                    crate::config::nearest(name, &candidates).map(str::to_string)
                };
                warn(
                    &mut kept,
                    Warning::UnknownRule,
                    *span,
                    &format!("'{name}' is not a known rule or rule set."),
                    Some(match nearest {
                        Some(n) => format!("Did you mean '{n}'? `copydesk rules` lists them."),
                        None => "`copydesk rules` lists the rules and their sets.".into(),
                    }),
                );
            } else if report_unused
                && silencing
                && ran.iter().any(|id| names(name, id))
                && !used.contains(&(i, n))
            {
                warn(
                    &mut kept,
                    Warning::Unused,
                    *span,
                    &format!("This suppression of '{name}' silences nothing."),
                    Some("Delete it, so that it cannot hide a later finding.".into()),
                );
            }
        }
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}
