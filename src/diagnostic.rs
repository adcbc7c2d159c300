//! What a finding is: spans, severities, diagnostics and fixes, independent of any renderer.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A byte range `start..end` into the original bytes of a file.
///
/// Both ends always lie on UTF-8 character boundaries. Line and column are
/// computed only when a finding is rendered (see [`crate::lines::LineIndex`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Whether `other` lies wholly within `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Shifts a span that is relative to `base` into file offsets.
    pub const fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    schemars::JsonSchema,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(format!(
                "unknown severity `{other}`; expected `error`, `warning` or `info`"
            )),
        }
    }
}

/// Whether a fix may be applied without asking.
#[derive(
    schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// May be applied without asking: the meaning cannot change.
    Safe,
    /// Applied only when asked for explicitly: the meaning may change.
    Unsafe,
    /// Shown as a suggestion, never applied.
    Display,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: non-overlapping edits, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A secondary span with a short text, drawn beside the primary one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding in one article. The contract every renderer reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `set/rule`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// What is wrong, in the article.
    pub span: Span,
    /// Short text drawn under the primary span.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The order findings are reported in within one file.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, self.rule.as_str())
    }
}
