//! Rule sets: loaded from TOML (raw, with spans), compiled once (regexes built, references
//! checked), then run over documents. One module per rule kind.

/// Declares a kind's raw TOML table: the keys every rule has, then the kind's own.
/// (`#[serde(flatten)]` would share them, but it cannot be combined with rejecting unknown keys.)
macro_rules! raw_rule {
    ($(#[$meta:meta])* struct $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        $(#[$meta])*
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            /// The rule's id within its set: lowercase letters, digits, `-` and `_`. Findings
            /// name it `set/id`.
            #[schemars(with = "String", regex(pattern = r"^[a-z][a-z0-9_-]*$"))]
            pub id: toml::Spanned<String>,
            /// How serious a finding is (default `warning`).
            #[serde(default)]
            pub severity: Option<crate::diagnostic::Severity>,
            /// What is wrong, shown with each finding. `{match}` is the flagged text; each kind
            /// offers more placeholders.
            #[serde(default)]
            #[schemars(with = "Option<String>")]
            pub message: Option<toml::Spanned<String>>,
            /// How to fix a finding, shown under it.
            #[serde(default)]
            pub help: Option<String>,
            /// What the rule checks and why an editor cares (`copydesk explain`, SARIF).
            #[serde(default)]
            pub description: Option<String>,
            /// Good and bad examples, run by `copydesk test`.
            #[serde(default)]
            #[schemars(with = "Vec<crate::rules::compile::RawExample>")]
            pub example: Vec<toml::Spanned<crate::rules::compile::RawExample>>,
            /// What this rule flags is not copy (page furniture, a pasted notice): other rules'
            /// findings inside it are dropped.
            #[serde(default)]
            pub not_copy: bool,
            /// Let this rule's fixes change words inside quotations (off: such fixes are only
            /// shown).
            #[serde(default)]
            pub fix_in_quotes: bool,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl crate::rules::compile::HasCommon for $name {
            fn common(&self) -> crate::rules::compile::Common<'_> {
                crate::rules::compile::Common {
                    id: &self.id,
                    severity: self.severity,
                    message: self.message.as_ref(),
                    help: self.help.as_deref(),
                    description: self.description.as_deref(),
                    example: &self.example,
                    not_copy: self.not_copy,
                    fix_in_quotes: self.fix_in_quotes,
                }
            }
        }
    };
}

pub mod builtin;
#[cfg(test)]
mod builtin_regexes;
mod compile;
pub mod examples;
pub mod kinds;
pub(crate) mod load;
pub(crate) mod matcher;
mod options;
mod template;
pub mod token_pattern;

pub use kinds::RuleKind;

pub use load::{json_schema, load_ruleset, load_ruleset_text, RuleSource};
pub use template::Template;

/// JSON Schema generation for rule files and the configuration: draft-07, which every TOML
/// editor's validator reads; an absent key is simply absent (TOML has no null).
pub(crate) fn schema_generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft07()
        .with(|s| s.transforms.push(Box::new(without_null)))
        .into_generator()
}

/// Removes `null` as an allowed type, at every depth: an optional key is left out in TOML,
/// never written as null.
fn without_null(schema: &mut schemars::Schema) {
    use serde_json::{Map, Value};
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => strip_map(map),
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    fn strip_map(map: &mut Map<String, Value>) {
        if let Some(Value::Array(types)) = map.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types.remove(0);
                map.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(options)) = map.get_mut("anyOf") {
            options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
            if options.len() == 1 {
                let only = options.remove(0);
                map.remove("anyOf");
                if let Value::Object(inner) = only {
                    for (k, v) in inner {
                        map.entry(k).or_insert(v);
                    }
                }
            }
        }
        if map.get("default") == Some(&Value::Null) {
            map.remove("default");
        }
        // In draft-07 a `$ref` hides its sibling keywords: keep them by moving the reference
        // into `allOf`.
        if map.len() > 1 {
            if let Some(reference) = map.remove("$ref") {
                let mut only = Map::new();
                only.insert("$ref".into(), reference);
                map.insert("allOf".into(), Value::Array(vec![Value::Object(only)]));
            }
        }
        map.values_mut().for_each(strip);
    }
    if let Some(map) = schema.as_object_mut() {
        strip_map(map);
    }
}

use crate::diagnostic::{Diagnostic, Fix, Label, Severity, Span};
use crate::document::{BlockKind, Document};
use copydesk_regex::Regex;
use serde::Deserialize;

/// Which parts of an article a rule looks at.
#[derive(
    schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// All the prose of the article, headline included.
    Document,
    /// Each headline or heading.
    Headline,
    /// Each body paragraph (blockquote paragraphs and list items included; headings not).
    Paragraph,
    /// Each sentence of the body (headings not included).
    Sentence,
}

impl Scope {
    pub const fn as_str(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Headline => "headline",
            Scope::Paragraph => "paragraph",
            Scope::Sentence => "sentence",
        }
    }

    /// The spans of this scope's units in `doc`, in order.
    pub fn units(self, doc: &Document) -> Vec<Span> {
        let is_heading = |kind: BlockKind| matches!(kind, BlockKind::Heading(_));
        match self {
            Scope::Document => vec![doc.span()],
            Scope::Headline => doc
                .blocks
                .iter()
                .filter(|b| is_heading(b.kind))
                .map(|b| b.span)
                .collect(),
            Scope::Paragraph => doc
                .blocks
                .iter()
                .filter(|b| !is_heading(b.kind))
                .map(|b| b.span)
                .collect(),
            Scope::Sentence => doc
                .sentences
                .iter()
                .filter(|s| !is_heading(doc.blocks[s.block].kind))
                .map(|s| s.span)
                .collect(),
        }
    }
}

/// Whether letter case matters when matching.
#[derive(
    schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Sensitive,
    Insensitive,
}

/// What a rule found, before its message is written.
#[derive(Debug, Clone)]
pub struct Finding {
    pub span: Span,
    /// Values for the message placeholders besides `{match}` (the text of `span`).
    pub vars: Vec<(&'static str, String)>,
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(span: Span) -> Self {
        Finding {
            span,
            vars: Vec::new(),
            label: None,
            labels: Vec::new(),
            fix: None,
        }
    }
    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// A compiled rule's check over one document.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn check(&self, doc: &Document, findings: &mut Vec<Finding>);

    /// The regexes this check searches article text with (see [`Rule::patterns`]).
    fn regexes(&self) -> Vec<&Regex> {
        Vec::new()
    }

    /// For a rule of the `suppression` kind, the warning about an article's suppressions it
    /// gives. The engine makes those findings when it applies the suppressions, after every
    /// rule has run, under this rule's id and severity.
    fn suppression_warning(&self) -> Option<kinds::suppression::Warning> {
        None
    }
}

/// One good or bad example carried by a rule, run by `copydesk test` and `cargo test`.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// `true` for `bad` (must be flagged), `false` for `good` (must not be).
    pub bad: bool,
    /// For a bad example, the exact texts expected to be flagged, if given.
    pub flagged: Option<Vec<String>>,
    /// Where the example is written, for failure reports.
    pub span: Span,
}

/// A compiled rule, ready to run.
#[derive(Debug)]
pub struct Rule {
    /// `set/rule`.
    pub id: String,
    pub kind: RuleKind,
    pub severity: Severity,
    /// Whether the rule runs by default. A rule turned off in the configuration is kept, not
    /// run, when an `[[overrides]]` entry turns it on for some files.
    pub enabled: bool,
    pub message: Template,
    pub help: Option<String>,
    /// What the rule checks and why an editor cares, for `copydesk explain` and reports.
    pub description: Option<String>,
    /// Where the rule is written, to show its options as written (`Rule::options`).
    pub(crate) table: options::RuleTable,
    /// Where the rule is written: `builtin:SET` or a file path.
    pub origin: String,
    pub examples: Vec<Example>,
    /// What this rule flags is not copy (page furniture, a pasted notice): other rules'
    /// findings inside it are dropped, since the text is to be deleted, not edited.
    pub not_copy: bool,
    /// Whether this rule's fixes may change the words inside a quotation. Off by default:
    /// editors do not change what people said, so such a fix is only shown.
    pub fix_in_quotes: bool,
    pub check: Box<dyn Check>,
}

impl Rule {
    /// The rule's options as written in its rule file: its table without examples, message,
    /// help and description, sub-tables included, with the comments written above each option.
    /// For `copydesk explain`; read from the file when asked.
    pub fn options(&self) -> String {
        self.table.options()
    }

    /// Every regex the rule runs over article text, as written: what `copydesk rules
    /// --patterns` prints for benchmarks against other search tools.
    pub fn patterns(&self) -> Vec<&str> {
        self.check
            .regexes()
            .into_iter()
            .map(Regex::as_written)
            .collect()
    }

    /// Runs the rule over `doc` and writes its findings as diagnostics.
    pub fn run(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let mut findings = Vec::new();
        self.check.check(doc, &mut findings);
        out.extend(findings.into_iter().map(|mut f| {
            if let Some(fix) = &mut f.fix {
                if !self.fix_in_quotes && fix.edits.iter().any(|e| doc.touches_quote(e.span)) {
                    fix.applicability = crate::diagnostic::Applicability::Display;
                }
            }
            self.diagnostic(doc, f)
        }));
    }

    fn diagnostic(&self, doc: &Document, finding: Finding) -> Diagnostic {
        let matched = doc.text(finding.span);
        let message = self.message.render(|name| {
            if name == "match" {
                Some(matched)
            } else {
                finding
                    .vars
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.as_str())
            }
        });
        Diagnostic {
            rule: self.id.clone(),
            severity: self.severity,
            message,
            span: finding.span,
            label: finding.label,
            labels: finding.labels,
            help: self.help.clone(),
            fix: finding.fix,
        }
    }
}

/// A loaded, compiled rule set.
#[derive(Debug)]
pub struct RuleSet {
    pub name: String,
    pub description: Option<String>,
    /// Where it came from: `builtin:NAME` or a file path.
    pub origin: String,
    pub rules: Vec<Rule>,
}
