//! Reading a rule file: TOML into raw tables (serde, spans, unknown keys rejected), then each
//! rule compiled and checked; every mistake becomes an error located in the file.

use super::compile::{is_identifier, Context};
use super::kinds::RawFile;
use super::matcher::Defines;
use super::{Rule, RuleSet};
use crate::diagnostic::Span;
use crate::error::{Error, LocatedError, SourceFile};
use std::collections::HashMap;
use std::path::PathBuf;

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

/// The JSON Schema of a rule file, for editors (`copydesk schema ruleset`).
pub fn json_schema() -> schemars::Schema {
    crate::rules::schema_generator().into_root_schema_for::<RawFile>()
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
    let count = raw.rule_count();
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
    raw.compile_rules(&cx, &set_name, &mut rules, &mut errors);
    // In file order, whatever the kinds: the first use is the one every other is compared to.
    let mut ids: Vec<_> = raw.ids().collect();
    ids.sort_by_key(|id| id.span().start);
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let lines = crate::lines::LineIndex::new(&file.text);
    for id in ids {
        let span = Span::from(id.span());
        let first = *seen.entry(id.get_ref()).or_insert(span);
        if first != span {
            let line = lines.position(&file.text, first.start).line;
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
    fn a_duplicate_id_names_the_first_use_in_file_order_whatever_the_kinds() {
        let text = "[ruleset]\nname = \"t\"\n[[substitution]]\nid = \"a\"\nmessage = \"m\"\n\
                    swap = { x = \"y\" }\n[[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = ['x']\n\
                    [[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = ['z']\n";
        let errors = compile_str(text).unwrap_err();
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| text[..e.span.start].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [8, 12], "the second and third uses are reported");
        for e in &errors {
            assert!(
                e.help
                    .as_deref()
                    .unwrap_or("")
                    .ends_with("first used on line 4"),
                "{:?}",
                e.help
            );
        }
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
