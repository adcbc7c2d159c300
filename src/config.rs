//! Project configuration: `copydesk.toml` (or `.copydesk.toml`), found by walking up from the
//! working directory; which rule sets run, rule severities, which files, and when to fail.

use crate::diagnostic::{Severity, Span};
use crate::error::{Error, LocatedError, SourceFile};
use crate::input::{parse_size, read_bounded, Sniff, MAX_RULE_FILE_SIZE};
use crate::rules::builtin::{self, BUILTINS};
use crate::rules::load::toml_error;
use crate::rules::{load_ruleset, Rule, RuleSet, RuleSource};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names looked for, in order, in each folder from the working directory up.
pub const CONFIG_NAMES: [&str; 2] = ["copydesk.toml", ".copydesk.toml"];

/// The `rulesets` entry that stands for every built-in set that is on by default.
pub const DEFAULT_SETS: &str = "default";

/// The lowest severity that makes a run fail.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Findings never fail the run (errors reading files or rules still do).
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// A rule's setting in `[rules]`: a severity, or `off`.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RuleSetting {
    Off,
    Error,
    Warning,
    Info,
}

/// A copydesk configuration file: `copydesk.toml` or `.copydesk.toml`.
#[derive(schemars::JsonSchema, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk configuration")]
struct RawConfig {
    /// Rule sets to run: "default" (every built-in set on by default), built-in set names
    /// ("ap", "house"), and rule files or folders by path, relative to this file. Without it,
    /// the default sets run.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    rulesets: Option<Vec<Spanned<String>>>,
    /// Severities ("error", "warning", "info") or "off", by rule id ("house/cliche") or rule
    /// set name ("house"). Set names apply first.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleSetting>")]
    rules: BTreeMap<Spanned<String>, Spanned<RuleSetting>>,
    /// Globs of the files to check when a folder is walked (relative to this file; a glob
    /// without `/` matches at any depth; a glob naming a folder takes what is in it). Without
    /// it, every article. A file named on the command line is checked all the same.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    include: Vec<Spanned<String>>,
    /// Globs of files and folders never to check.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    exclude: Vec<Spanned<String>>,
    /// The lowest severity that makes a run fail (default "error").
    #[serde(default)]
    fail_on: Option<FailOn>,
    /// The largest article read, in bytes or as text ("10 MiB", "512 KiB"); a larger one is
    /// an error, not checked. Default "10 MiB".
    #[serde(default)]
    #[schemars(with = "Option<RawSize>")]
    max_file_size: Option<Spanned<RawSize>>,
    /// Rule settings for part of the tree (opinion pieces, wire copy, archives); later entries
    /// win.
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

/// A size: a number of bytes, or a number and a unit.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(untagged)]
#[schemars(rename = "Size")]
enum RawSize {
    Bytes(u64),
    /// A number and a unit: B, KiB, MiB or GiB (KB, MB, GB and K, M, G mean the same).
    Text(String),
}

/// The JSON Schema of `copydesk.toml`, for editors (`copydesk schema config`).
pub fn json_schema() -> schemars::Schema {
    crate::rules::schema_generator().into_root_schema_for::<RawConfig>()
}

/// `[[overrides]]`: rule settings for the files its globs match.
#[derive(schemars::JsonSchema, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    /// Globs of the files this entry applies to, relative to the configuration file.
    #[schemars(with = "Vec<String>", length(min = 1))]
    files: Spanned<Vec<Spanned<String>>>,
    /// Severities or "off", by rule id or rule set name, as in `[rules]`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleSetting>")]
    rules: BTreeMap<Spanned<String>, Spanned<RuleSetting>>,
    /// How these plain-text articles mark their paragraphs, when reading it from the text
    /// guesses wrong: "auto" (the default), "blank-lines", "indented" or
    /// "line-per-paragraph".
    #[serde(default)]
    layout: Option<crate::document::Layout>,
}

/// Rule settings for part of the tree, from `[[overrides]]`; later entries win.
#[derive(Debug, Clone)]
pub struct Override {
    /// Matched against paths relative to the configuration's folder.
    pub files: GlobSet,
    /// Selectors (rule ids or set names) and their severity (`None`: off), set names first.
    pub settings: Vec<(String, Option<Severity>)>,
    /// The plain-text layout these files are read with, if the entry sets one.
    pub layout: Option<crate::document::Layout>,
}

/// A loaded configuration (or the defaults, when there is no file).
#[derive(Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// The folder relative paths and globs are taken from.
    pub root: PathBuf,
    pub fail_on: Option<FailOn>,
    /// The largest article read (`None`: the default).
    pub max_file_size: Option<u64>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub overrides: Vec<Override>,
    file: Option<SourceFile>,
    rulesets: Option<Vec<Spanned<String>>>,
    rules: BTreeMap<Spanned<String>, Spanned<RuleSetting>>,
    /// The selectors of each `[[overrides]]` entry, kept with their spans for checking.
    override_rules: Vec<BTreeMap<Spanned<String>, Spanned<RuleSetting>>>,
}

impl Config {
    /// The configuration with no file: the default rule sets, every file, fail on errors.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            fail_on: None,
            max_file_size: None,
            include: None,
            exclude: None,
            overrides: Vec::new(),
            file: None,
            rulesets: None,
            rules: BTreeMap::new(),
            override_rules: Vec::new(),
        }
    }

    /// Looks for a configuration file in `start` and each folder above it. Anything by that
    /// name counts (a folder, a broken link), so that [`Config::load`] reports it rather than
    /// the run going on without the configuration the user meant.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            CONFIG_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|p| p.symlink_metadata().is_ok())
        })
    }

    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, Vec<Error>> {
        let bytes = read_bounded(
            path,
            MAX_RULE_FILE_SIZE,
            Sniff::Off,
            "a configuration file this large is not one; check the path",
        )
        .map_err(|e| vec![e])?;
        let text = String::from_utf8(bytes).map_err(|e| {
            vec![Error::NotUtf8 {
                path: path.to_path_buf(),
                offset: e.utf8_error().valid_up_to(),
            }]
        })?;
        let file = SourceFile::new(path.display().to_string(), text.as_str());
        let raw: RawConfig =
            toml::from_str(&text).map_err(|e| vec![Error::from(toml_error(&file, &e))])?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut errors = Vec::new();
        let include = globs(&file, &raw.include)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let exclude = globs(&file, &raw.exclude)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let max_file_size = raw.max_file_size.as_ref().and_then(|size| {
            let parsed = match size.get_ref() {
                RawSize::Bytes(n) => Ok(*n),
                RawSize::Text(text) => parse_size(text),
            };
            parsed
                .map_err(|message| {
                    errors.push(
                        LocatedError::new(&file, size.span(), message)
                            .label("not a size")
                            .with_help("write e.g. `max_file_size = \"10 MiB\"`"),
                    )
                })
                .ok()
        });
        let mut overrides = Vec::new();
        let mut override_rules = Vec::new();
        for raw in raw.overrides {
            if raw.files.get_ref().is_empty() {
                errors.push(
                    LocatedError::new(&file, raw.files.span(), "`files` lists no globs")
                        .label("empty")
                        .with_help("an override applies to the files its globs match: `files = [\"opinion/**\"]`"),
                );
                continue;
            }
            match globs(&file, raw.files.get_ref()) {
                Ok(Some(files)) => {
                    let mut settings: Vec<(String, Option<Severity>)> = raw
                        .rules
                        .iter()
                        .map(|(k, v)| (k.get_ref().clone(), v.get_ref().severity()))
                        .collect();
                    settings.sort_by_key(|(selector, _)| selector.contains('/'));
                    overrides.push(Override {
                        files,
                        settings,
                        layout: raw.layout,
                    });
                    override_rules.push(raw.rules);
                }
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors.into_iter().map(Error::from).collect());
        }
        Ok(Config {
            overrides,
            override_rules,
            path: Some(path.to_path_buf()),
            root,
            fail_on: raw.fail_on,
            max_file_size,
            include,
            exclude,
            file: Some(file),
            rulesets: raw.rulesets,
            rules: raw.rules,
        })
    }

    /// The rule sets this configuration names, plus `extra` files or folders (from `--rules`).
    pub fn sources(&self, extra: &[PathBuf]) -> Result<Vec<RuleSource>, Vec<Error>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        match &self.rulesets {
            None => sources.extend(builtin::defaults().map(|b| b.source())),
            Some(entries) => {
                for entry in entries {
                    match self.resolve(entry) {
                        Ok(found) => sources.extend(found),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
        sources.extend(builtin::always().map(|b| b.source()));
        for path in extra {
            match rule_files(path) {
                Ok(found) => sources.extend(found),
                Err(e) => errors.push(e),
            }
        }
        // A set named twice ("default" and "house", or a file given again with --rules) runs once.
        let mut seen = std::collections::HashSet::new();
        sources.retain(|s| {
            seen.insert(match s {
                RuleSource::Builtin { name, .. } => format!("builtin:{name}"),
                RuleSource::File(p) => std::fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string(),
            })
        });
        if errors.is_empty() {
            Ok(sources)
        } else {
            Err(errors)
        }
    }

    fn resolve(&self, entry: &Spanned<String>) -> Result<Vec<RuleSource>, Error> {
        let name = entry.get_ref();
        if name == DEFAULT_SETS {
            return Ok(builtin::defaults().map(|b| b.source()).collect());
        }
        if let Some(b) = builtin::find(name) {
            return Ok(vec![b.source()]);
        }
        let path = self.root.join(name);
        if path.exists() {
            return rule_files(&path);
        }
        let builtins: Vec<String> = BUILTINS.iter().map(|b| format!("`{}`", b.name)).collect();
        let message = format!("no built-in rule set or file named `{name}`");
        let help = format!(
            "built-in sets: `{DEFAULT_SETS}` (those on by default), {}; a path is taken from {}",
            builtins.join(", "),
            self.root.display()
        );
        Err(match &self.file {
            Some(file) => LocatedError::new(file, entry.span(), message)
                .label("not found")
                .with_help(help)
                .into(),
            None => Error::Usage {
                message,
                help: Some(help),
            },
        })
    }

    /// Loads every rule set this configuration names, reporting all errors at once. Two sets
    /// may not share a name (their rule ids would clash).
    pub fn load_rulesets(&self, extra: &[PathBuf]) -> Result<Vec<RuleSet>, Vec<Error>> {
        let sources = self.sources(extra)?;
        let mut sets: Vec<RuleSet> = Vec::new();
        let mut errors = Vec::new();
        // Compiling a set's regexes is most of the start-up time: sets compile in parallel.
        let loaded: Vec<_> = {
            use rayon::prelude::*;
            sources.par_iter().map(load_ruleset).collect()
        };
        for result in loaded {
            match result {
                Ok(set) => {
                    if let Some(other) = sets.iter().find(|s| s.name == set.name) {
                        errors.push(Error::Usage {
                            message: format!(
                                "two rule sets are named `{}`: {} and {}",
                                set.name, other.origin, set.origin
                            ),
                            help: Some(
                                "rename one in its [ruleset] table, or list only one of them in \
                                 `rulesets`"
                                    .into(),
                            ),
                        });
                    } else {
                        sets.push(set);
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(sets)
        } else {
            Err(errors)
        }
    }

    /// Applies `[rules]` settings (severities, `off`) to the rules of `sets`. Set names apply
    /// before rule ids, so `"house" = "off"` with `"house/wordy" = "error"` keeps that one rule.
    ///
    /// A rule turned off is dropped, unless an `[[overrides]]` entry turns it on for some files:
    /// then it is kept with `enabled: false`.
    pub fn apply(&self, sets: Vec<RuleSet>) -> Result<Vec<Rule>, Vec<Error>> {
        let rules: Vec<Rule> = sets.into_iter().flat_map(|s| s.rules).collect();
        let mut errors = Vec::new();
        let mut settings: Vec<(&Spanned<String>, RuleSetting)> =
            self.rules.iter().map(|(k, v)| (k, *v.get_ref())).collect();
        settings.sort_by_key(|(selector, _)| selector.get_ref().contains('/'));
        // Selectors in overrides must name rules too; they are checked, not applied, here.
        let checked_only = self
            .override_rules
            .iter()
            .flat_map(|table| table.iter().map(|(k, v)| (k, *v.get_ref(), false)));
        let mut chosen: Vec<Option<Severity>> = rules.iter().map(|r| Some(r.severity)).collect();
        let all = settings
            .into_iter()
            .map(|(k, v)| (k, v, true))
            .chain(checked_only);
        for (selector, setting, apply) in all {
            let matching: Vec<usize> = (0..rules.len())
                .filter(|&i| selects(selector.get_ref(), &rules[i].id))
                .collect();
            if matching.is_empty() {
                let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                let sets: std::collections::BTreeSet<&str> =
                    ids.iter().filter_map(|id| id.split('/').next()).collect();
                ids.extend(sets);
                let message = format!("no rule or rule set matches `{}`", selector.get_ref());
                let help = nearest(selector.get_ref(), &ids)
                    .map(|n| format!("did you mean `{n}`?"))
                    .unwrap_or_else(|| "`copydesk rules` lists the active rules".into());
                if let Some(file) = &self.file {
                    errors.push(
                        LocatedError::new(file, selector.span(), message)
                            .label("unknown")
                            .with_help(help)
                            .into(),
                    );
                }
                continue;
            }
            if !apply {
                continue;
            }
            for i in matching {
                chosen[i] = setting.severity();
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let turned_on_somewhere = |id: &str| {
            self.overrides.iter().any(|o| {
                o.settings
                    .iter()
                    .any(|(selector, severity)| severity.is_some() && selects(selector, id))
            })
        };
        let mut rules: Vec<Rule> = rules
            .into_iter()
            .zip(chosen)
            .filter_map(|(mut rule, severity)| {
                match severity {
                    Some(severity) => rule.severity = severity,
                    None if turned_on_somewhere(&rule.id) => rule.enabled = false,
                    None => return None,
                }
                Some(rule)
            })
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rules)
    }
}

impl RuleSetting {
    fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::Error => Some(Severity::Error),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Info => Some(Severity::Info),
        }
    }
}

/// `--select` and `--ignore`: which of the active rules a run keeps. Each names rule ids
/// (`house/cliche`) or rule set names (`house`); with no `select`, every rule is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// Whether the rule `id` runs: selected, and not ignored.
    pub fn runs(&self, id: &str) -> bool {
        let any = |list: &[String]| list.iter().any(|s| selects(s, id));
        (self.select.is_empty() || any(&self.select)) && !any(&self.ignore)
    }

    /// The rules of `rules` that run. Every selector must name one of them, or one of `others`
    /// (ids of findings the engine makes itself, selected and ignored like rules): a selector
    /// that names nothing is a typo, and an error with the nearest id.
    pub fn apply(&self, mut rules: Vec<Rule>, others: &[&str]) -> Result<Vec<Rule>, Vec<Error>> {
        let ids: Vec<&str> = rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(others.iter().copied())
            .collect();
        let mut errors = Vec::new();
        for (flag, selectors) in [("--select", &self.select), ("--ignore", &self.ignore)] {
            for selector in selectors {
                if !ids.iter().any(|id| selects(selector, id)) {
                    errors.push(Error::Usage {
                        message: format!("{flag}: no active rule or rule set matches `{selector}`"),
                        help: Some(match nearest(selector, &ids) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "`copydesk rules` lists the active rules".into(),
                        }),
                    });
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.retain(|r| self.runs(&r.id));
        Ok(rules)
    }
}

/// Whether `selector` (a rule id `set/rule`, or a set name `set`) selects rule `id`.
pub fn selects(selector: &str, id: &str) -> bool {
    id == selector
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The candidate closest to `name`, if any is close.
pub fn nearest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A rule file, or every `.toml` file in a folder (sorted by name).
fn rule_files(path: &Path) -> Result<Vec<RuleSource>, Error> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::Read {
                path: path.to_path_buf(),
                io: e,
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        Ok(files.into_iter().map(RuleSource::File).collect())
    } else if path.is_file() {
        Ok(vec![RuleSource::File(path.to_path_buf())])
    } else {
        Err(Error::Usage {
            message: format!("no rule file or folder at {}", path.display()),
            help: None,
        })
    }
}

/// Compiles globs. A glob without `/` matches at any depth, as in `.gitignore`.
fn globs(file: &SourceFile, raw: &[Spanned<String>]) -> Result<Option<GlobSet>, LocatedError> {
    if raw.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in raw {
        let text = glob.get_ref().trim_start_matches("./");
        let text = if text.contains('/') {
            text.to_string()
        } else {
            format!("**/{text}")
        };
        let compiled = GlobBuilder::new(&text)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                LocatedError::new(file, glob.span(), "invalid glob")
                    .label("here")
                    .with_help(e.kind().to_string())
            })?;
        builder.add(compiled);
    }
    builder.build().map(Some).map_err(|e| {
        LocatedError::new(
            file,
            Span::from(raw[0].span()),
            format!("invalid globs: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn selectors_match_rules_and_sets() {
        assert!(selects("house", "house/cliche"));
        assert!(selects("house/cliche", "house/cliche"));
        assert!(!selects("hou", "house/cliche"));
        assert!(!selects("house/cl", "house/cliche"));
    }

    #[test]
    fn severities_and_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "copydesk.toml",
            "rulesets = [\"house\"]\n[rules]\n\"house/wordy\" = \"error\"\n\"house\" = \"off\"\n\"house/cliche\" = \"error\"\n",
        );
        let config = Config::load(&path).unwrap();
        let rules = config.apply(config.load_rulesets(&[]).unwrap()).unwrap();
        // The set is off; the rules named on their own are back on, at their new severity.
        // (The `suppression` set, always loaded, keeps its rules.)
        let ids: Vec<(&str, Severity)> = rules
            .iter()
            .filter(|r| r.id.starts_with("house/"))
            .map(|r| (r.id.as_str(), r.severity))
            .collect();
        assert_eq!(
            ids,
            [
                ("house/cliche", Severity::Error),
                ("house/wordy", Severity::Error)
            ]
        );
    }

    #[test]
    fn unknown_rule_ids_and_rule_sets_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "copydesk.toml",
            "rulesets = [\"default\", \"nope.toml\"]\n",
        );
        let config = Config::load(&path).unwrap();
        let errors = config.load_rulesets(&[]).unwrap_err();
        assert!(
            errors[0].to_string().contains("`nope.toml`"),
            "{}",
            errors[0]
        );
        let config = Config::load(&write(
            dir.path(),
            "c2.toml",
            "[rules]\n\"hygiene/placeholdr\" = \"off\"\n",
        ))
        .unwrap();
        let errors = config
            .apply(config.load_rulesets(&[]).unwrap())
            .unwrap_err();
        match &errors[0] {
            Error::Located(e) => {
                assert_eq!(
                    e.help.as_deref(),
                    Some("did you mean `hygiene/placeholder`?")
                )
            }
            other => panic!("{other:?}"),
        }
    }

    fn default_rules() -> Vec<Rule> {
        let config = Config::defaults(Path::new("/news"));
        config.apply(config.load_rulesets(&[]).unwrap()).unwrap()
    }

    #[test]
    fn select_and_ignore_keep_the_rules_that_run() {
        let selection = Selection {
            select: vec!["hygiene".into(), "dates/event-needs-date".into()],
            ignore: vec!["hygiene/placeholder".into()],
        };
        let rules = selection.apply(default_rules(), &[]).unwrap();
        assert!(!rules.is_empty());
        for rule in &rules {
            assert!(
                rule.id.starts_with("hygiene/") || rule.id == "dates/event-needs-date",
                "{}",
                rule.id
            );
            assert_ne!(rule.id, "hygiene/placeholder");
        }
        assert!(selection.runs("dates/event-needs-date"));
        assert!(!selection.runs("hygiene/placeholder"));
        assert!(!selection.runs("legal/notice"));
        assert!(Selection::default().runs("anything/at-all"));
    }

    #[test]
    fn a_selector_that_names_nothing_is_an_error_with_the_nearest_id() {
        let selection = Selection {
            select: vec!["hygiene/placeholdr".into()],
            ignore: vec!["nothing/like-it".into(), "engine/warning".into()],
        };
        let errors = selection
            .apply(default_rules(), &["engine/warning"])
            .unwrap_err();
        let shown: Vec<(String, Option<String>)> = errors
            .iter()
            .map(|e| match e {
                Error::Usage { message, help } => (message.clone(), help.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "--select: no active rule or rule set matches `hygiene/placeholdr`".into(),
                    Some("did you mean `hygiene/placeholder`?".into())
                ),
                (
                    "--ignore: no active rule or rule set matches `nothing/like-it`".into(),
                    Some("`copydesk rules` lists the active rules".into())
                ),
            ]
        );
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let path = write(dir.path(), ".copydesk.toml", "");
        assert_eq!(Config::discover(&nested), Some(path));
    }
}
