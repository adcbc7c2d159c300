//! Reading a rule file: TOML into raw tables (serde, spans, unknown keys rejected), then each
//! rule compiled and checked; every mistake becomes an error located in the file.

use super::matcher::{self, Defines};
use super::{
    calendar, consistency, limit, pattern, quote, repetition, require, substitution, Case, Check,
    Example, Rule, RuleKind, RuleSet, Template,
};
use crate::diagnostic::{Severity, Span};
use crate::error::{Error, LocatedError, SourceFile};
use copydesk_regex::Regex;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use toml::Spanned;

/// Where a rule set is read from.
#[derive(Debug, Clone)]
pub enum RuleSource {
    Builtin {
        name: &'static str,
        text: &'static str,
    },
    File(PathBuf),
}

impl RuleSource {
    pub fn display_name(&self) -> String {
        match self {
            RuleSource::Builtin { name, .. } => format!("builtin:{name}"),
            RuleSource::File(path) => path.display().to_string(),
        }
    }
}

/// A copydesk rule set: a `[ruleset]` table, optional `[define]` fragments, and one array of
/// tables per rule kind.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk rule set")]
struct RawFile {
    ruleset: RawHeader,
    /// Named regex fragments, usable as `{name}` in any pattern of this file.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    define: BTreeMap<String, Spanned<String>>,
    /// Rules that flag words or regex matches (`copydesk explain pattern`).
    #[serde(default)]
    pattern: Vec<pattern::Raw>,
    /// Rules that replace one wording with another, with a fix (`copydesk explain substitution`).
    #[serde(default)]
    substitution: Vec<substitution::Raw>,
    /// Rules that require something near a trigger (`copydesk explain require`).
    #[serde(default)]
    require: Vec<require::Raw>,
    /// Rules that bound lengths and counts (`copydesk explain limit`).
    #[serde(default)]
    limit: Vec<limit::Raw>,
    /// Rules that flag repeated words (`copydesk explain repetition`).
    #[serde(default)]
    repetition: Vec<repetition::Raw>,
    /// Rules that keep one form of a word throughout (`copydesk explain consistency`).
    #[serde(default)]
    consistency: Vec<consistency::Raw>,
    /// Rules about quotations and their sources (`copydesk explain quote`).
    #[serde(default)]
    quote: Vec<quote::Raw>,
    /// Rules that check dates against the calendar (`copydesk explain calendar`).
    #[serde(default)]
    calendar: Vec<calendar::Raw>,
}

/// The JSON Schema of a rule file, for editors (`copydesk schema ruleset`).
pub fn json_schema() -> schemars::Schema {
    crate::rules::schema_generator().into_root_schema_for::<RawFile>()
}

/// `[ruleset]`: the set's name and what it is for.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    /// The set's name: the first part of its rule ids (`house/cliche`).
    #[schemars(with = "String", regex(pattern = r"^[a-z][a-z0-9_-]*$"))]
    name: Spanned<String>,
    /// What the set checks, in a sentence.
    #[serde(default)]
    description: Option<String>,
}

/// `[[kind.example]]`: one good or bad text.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    defines: Defines,
    /// A built-in rule file: its patterns are known good (the tests load them), so they are
    /// parsed only when an article is searched with them.
    trusted: bool,
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

/// Loads and compiles one rule set. All the mistakes found are returned together.
pub fn load_ruleset(source: &RuleSource) -> Result<RuleSet, Vec<Error>> {
    let text: std::sync::Arc<str> = match source {
        RuleSource::Builtin { text, .. } => (*text).into(),
        RuleSource::File(path) => {
            // Compiling costs hundreds of times a file's size in memory (a 10.9 MB file took
            // 3 GB), so a file far past any real rule set is refused before it is parsed.
            let bytes = crate::input::read_bounded(
                path,
                crate::input::MAX_RULE_FILE_SIZE,
                crate::input::Sniff::Off,
                "split the rule set into several files (a folder of rule files is one set each)",
            )
            .map_err(|e| vec![e])?;
            match String::from_utf8(bytes) {
                Ok(text) => text.into(),
                Err(e) => {
                    return Err(vec![Error::NotUtf8 {
                        path: path.clone(),
                        offset: e.utf8_error().valid_up_to(),
                    }])
                }
            }
        }
    };
    let file = SourceFile::new(source.display_name(), text);
    let trusted = matches!(source, RuleSource::Builtin { .. });
    compile_file(&file, &source.display_name(), trusted)
        .map_err(|errors| errors.into_iter().map(Error::from).collect())
}

/// The most rules one set may hold. Each compiled rule costs memory; a set larger than this is
/// refused before anything is compiled, so a hostile rule file cannot exhaust a CI runner.
/// (One substitution rule can hold any number of `swap` entries.)
pub const MAX_RULES: usize = 10_000;

fn compile_file(
    file: &SourceFile,
    origin: &str,
    trusted: bool,
) -> Result<RuleSet, Vec<LocatedError>> {
    let raw: RawFile = toml::from_str(&file.text).map_err(|e| vec![toml_error(file, &e)])?;
    let count = raw.pattern.len()
        + raw.substitution.len()
        + raw.require.len()
        + raw.limit.len()
        + raw.repetition.len()
        + raw.consistency.len()
        + raw.quote.len()
        + raw.calendar.len();
    if count > MAX_RULES {
        return Err(vec![LocatedError::new(
            file,
            raw.ruleset.name.span(),
            format!("this rule set has {count} rules; at most {MAX_RULES} are allowed"),
        )
        .label("too many rules")
        .with_help(
            "split it into several sets, or put long word lists into one rule \
             (`words = [...]`, or a substitution's `swap` table)",
        )]);
    }
    let set_name = raw.ruleset.name.get_ref().clone();
    let mut errors = Vec::new();
    if !is_identifier(&set_name) {
        errors.push(
            LocatedError::new(file, raw.ruleset.name.span(), "invalid rule set name")
                .label("not a name")
                .with_help("use lowercase letters, digits, hyphens and underscores, starting with a letter: `house-style`"),
        );
    }
    let defines = Defines::new(file, &raw.define).unwrap_or_else(|e| {
        errors.extend(e);
        Defines::default()
    });
    let cx = Context {
        file,
        defines,
        trusted,
    };
    let mut rules = Vec::new();
    compile_kind(&cx, &set_name, &raw.pattern, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.substitution, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.require, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.limit, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.repetition, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.consistency, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.quote, &mut rules, &mut errors);
    compile_kind(&cx, &set_name, &raw.calendar, &mut rules, &mut errors);

    let ids = raw
        .pattern
        .iter()
        .map(HasCommon::common)
        .chain(raw.substitution.iter().map(HasCommon::common))
        .chain(raw.require.iter().map(HasCommon::common))
        .chain(raw.limit.iter().map(HasCommon::common))
        .chain(raw.repetition.iter().map(HasCommon::common))
        .chain(raw.consistency.iter().map(HasCommon::common))
        .chain(raw.quote.iter().map(HasCommon::common))
        .chain(raw.calendar.iter().map(HasCommon::common))
        .map(|c| c.id);
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for id in ids {
        let span = Span::from(id.span());
        if let Some(first) = seen.insert(id.get_ref(), span) {
            let line = file.text[..first.start].lines().count().max(1);
            errors.push(
                LocatedError::new(
                    file,
                    span,
                    format!("duplicate rule id `{set_name}/{}`", id.get_ref()),
                )
                .label("used again here")
                .with_help(format!(
                    "rule ids must be unique within a rule set; it is first used on line {line}"
                )),
            );
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.span.start);
        return Err(errors);
    }
    let mut rules: Vec<Rule> = rules;
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    for rule in &mut rules {
        rule.origin = origin.to_string();
    }
    Ok(RuleSet {
        name: set_name,
        description: raw.ruleset.description,
        origin: origin.to_string(),
        rules,
    })
}

fn compile_kind<R: RawRule + Sync>(
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

fn compile_rule<R: RawRule>(cx: &Context, set: &str, raw: &R) -> Result<Rule, Vec<LocatedError>> {
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
            options: rule_options(&cx.file.text, id_span.start),
            origin: String::new(),
            examples,
            not_copy: common.not_copy,
            fix_in_quotes: common.fix_in_quotes,
            check,
        }),
        _ => Err(errors),
    }
}

/// The options of the rule table holding `at` (an offset inside it), as written: from its
/// `[[kind]]` header to the next table header, without its `[[kind.example]]` tables and its
/// prose keys. The file has been parsed, so headers are where lines start with `[`.
fn rule_options(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let is_header = |line: &str| line.trim_start().starts_with('[');
    let start = text[..at]
        .rmatch_indices('\n')
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .find(|&i| is_header(&text[i..]))
        .unwrap_or(0);
    let mut out = String::new();
    let mut in_example = false;
    for (n, line) in text[start..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if n > 0 && trimmed.starts_with('[') {
            let header = trimmed.trim_start_matches('[');
            let name = header.split(']').next().unwrap_or("").trim();
            if !name.contains('.') {
                break;
            }
            in_example = true;
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if !in_example {
            out.push_str(line);
        }
    }
    // Comments just before the next table belong to it.
    let mut lines: Vec<&str> = out.lines().collect();
    while lines
        .last()
        .is_some_and(|l| l.trim_start().starts_with('#'))
    {
        lines.pop();
    }
    without_prose(&lines.join("\n"))
}

/// `table` without the keys that are prose rather than options (`message`, `help`,
/// `description`), whatever their string form.
fn without_prose(table: &str) -> String {
    let mut out = Vec::new();
    let mut skipping: Option<&str> = None;
    for line in table.lines() {
        if let Some(close) = skipping {
            if line.contains(close) {
                skipping = None;
            }
            continue;
        }
        let key = line.split('=').next().unwrap_or("").trim();
        if line.contains('=') && ["message", "help", "description"].contains(&key) {
            let value = line.split_once('=').map_or("", |(_, v)| v.trim());
            for delimiter in ["\"\"\"", "'''"] {
                if value.starts_with(delimiter) && !value[3..].contains(delimiter) {
                    skipping = Some(delimiter);
                }
            }
            continue;
        }
        out.push(line);
    }
    out.join("\n")
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
fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Turns a TOML or serde error into a located one, suggesting the nearest valid key or value.
pub(crate) fn toml_error(file: &SourceFile, e: &toml::de::Error) -> LocatedError {
    let span = e.span().map_or(Span::default(), Span::from);
    let message = e.message().trim().to_string();
    let mut error = LocatedError::new(file, span, message.clone());
    if let Some((got, expected)) = unknown_name(&message) {
        let what = if message.starts_with("unknown field") {
            "key"
        } else {
            "value"
        };
        error.message = format!("unknown {what} `{got}`");
        let nearest = expected
            .iter()
            .map(|cand| (strsim::damerau_levenshtein(&got, cand), cand))
            .filter(|(d, cand)| *d <= 2.max(cand.len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c.clone());
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        error = match nearest {
            Some(n) => error
                .label(format!("did you mean `{n}`?"))
                .with_help(format!("expected one of {list}")),
            None => error
                .label("not recognised")
                .with_help(format!("expected one of {list}")),
        };
    } else {
        error = error.label("here");
    }
    error
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the name
/// given and the names expected.
fn unknown_name(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (got, rest) = rest.split_once('`')?;
    let expected: Vec<String> = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (!expected.is_empty()).then(|| (got.to_string(), expected))
}

/// Loads a rule set from text already in memory, named `name` in errors.
pub fn load_ruleset_text(name: &str, text: &str) -> Result<RuleSet, Vec<LocatedError>> {
    let file = SourceFile::new(name, text);
    compile_file(&file, name, false)
}

#[cfg(test)]
pub(crate) fn compile_str(text: &str) -> Result<RuleSet, Vec<LocatedError>> {
    let file = SourceFile::new("test.toml", text);
    compile_file(&file, "test.toml", false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(String, String)> {
        compile_str(text)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.message.clone(), e.span.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn unknown_keys_are_located_with_the_nearest_name() {
        let text = "[ruleset]\nname = \"t\"\n[[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = [\"x\"]\nseverty = \"error\"\n";
        let err = compile_str(text).unwrap_err().remove(0);
        assert_eq!(err.message, "unknown key `severty`");
        assert_eq!(err.span.slice(text), "severty");
        assert_eq!(err.label, "did you mean `severity`?");
    }

    #[test]
    fn bad_regexes_unknown_fragments_and_duplicate_ids_are_all_reported() {
        let text = r#"[ruleset]
name = "t"
[define]
day = 'Mon|Tue'
[[pattern]]
id = "a"
message = "m"
patterns = ['(unclosed', '{days}']
[[pattern]]
id = "a"
message = "m"
patterns = ['{day}']
"#;
        let found = errors(text);
        assert_eq!(
            found[0],
            ("invalid regular expression".into(), "'(unclosed'".into())
        );
        assert_eq!(
            found[1],
            ("unknown fragment `{days}`".into(), "{days}".into())
        );
        assert_eq!(found[2], ("duplicate rule id `t/a`".into(), "\"a\"".into()));
    }

    #[test]
    fn unknown_placeholders_point_into_the_message() {
        let text = "[ruleset]\nname = \"t\"\n[[limit]]\nid = \"long\"\nscope = \"sentence\"\ncount = \"words\"\nmax = 3\nmessage = 'Too long: {cnt}'\n";
        let found = errors(text);
        assert_eq!(
            found,
            [("unknown placeholder `{cnt}`".into(), "{cnt}".into())]
        );
    }

    #[test]
    fn unknown_scope_is_reported_at_the_value() {
        let text = "[ruleset]\nname = \"t\"\n[[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = ['x']\nscope = \"sentense\"\n";
        let err = compile_str(text).unwrap_err().remove(0);
        assert_eq!(err.span.slice(text), "\"sentense\"");
        assert_eq!(err.label, "did you mean `sentence`?");
    }

    #[test]
    fn examples_need_exactly_one_text() {
        let text = "[ruleset]\nname = \"t\"\n[[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = ['x']\n[[pattern.example]]\nbad = 'x'\ngood = 'y'\n";
        let found = errors(text);
        assert_eq!(
            found[0].0,
            "an example needs exactly one of `bad` or `good`"
        );
    }
}
