//! Output formats: the same findings as a miette report for people, one line each for editors
//! and grep, or JSON, SARIF, GitHub commands, Checkstyle or GitLab for tools. Each format is an
//! [`Emitter`] in its own module; none of them decides anything. They read the report types of
//! [`crate::report`], never the engine.

pub mod checkstyle;
pub mod diff;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
pub mod terminal;

use crate::diagnostic::Severity;
use crate::report::{FileReport, FixOutcome, Summary};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One output format. A run calls [`Emitter::begin`] once, [`Emitter::file`] for each file in
/// path order as soon as the file's batch is checked, and [`Emitter::end`] once with the run's
/// totals. An emitter writes as early as its format allows (the line formats, SARIF and GitLab
/// a file at a time) and keeps no article text between calls, so memory does not grow with the
/// number of files.
pub trait Emitter {
    /// The opening of the report, before any file.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's report: its findings, or why it could not be checked.
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// The end of the report, with the totals of the run.
    fn end(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Writes a whole report of `reports` with `emitter`, the summary counted from them.
pub fn emit(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    reports: &[FileReport],
) -> io::Result<()> {
    emitter.begin(out)?;
    for report in reports {
        emitter.file(out, report)?;
    }
    emitter.end(out, &Summary::of(reports))
}

/// What the emitters need to know besides the reports.
#[derive(Debug, Clone)]
pub struct EmitterOptions<'a> {
    /// How the human report looks.
    pub style: human::Style,
    /// Findings only: no fix counts and no summary line (human, github, diff).
    pub quiet: bool,
    /// When the run started, for the human summary line's time.
    pub started: Instant,
    /// `--fix`: the human report ends with what fixing did.
    pub fixing: bool,
    /// The rules SARIF describes (see [`RuleDescriptor`]).
    pub rules: &'a [RuleDescriptor],
    /// The folder SARIF's artifact URIs are relative to (the working directory).
    pub cwd: PathBuf,
}

impl OutputFormat {
    /// The emitter that writes this format.
    pub fn emitter<'a>(self, options: &EmitterOptions<'a>) -> Box<dyn Emitter + 'a> {
        match self {
            OutputFormat::Human => Box::new(human::HumanEmitter::new(options)),
            OutputFormat::Short => Box::new(short::ShortEmitter),
            OutputFormat::Json => Box::new(json::JsonEmitter::default()),
            OutputFormat::Sarif => Box::new(sarif::SarifEmitter::new(options.rules, &options.cwd)),
            OutputFormat::Github => Box::new(github::GithubEmitter {
                quiet: options.quiet,
            }),
            OutputFormat::Checkstyle => Box::new(checkstyle::CheckstyleEmitter),
            OutputFormat::Gitlab => Box::new(gitlab::GitlabEmitter::default()),
        }
    }
}

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A report with the article text and the span underlined.
    Human,
    /// `path:line:col: severity [rule] message`, one finding a line.
    Short,
    /// One JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// Checkstyle XML, for reviewdog and Jenkins.
    Checkstyle,
    /// GitLab Code Quality JSON, for merge requests.
    Gitlab,
}

/// What a machine report says about a rule, besides its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDescriptor {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    /// The message template (placeholders unfilled).
    pub message: String,
    pub description: Option<String>,
    pub help: Option<String>,
}

impl RuleDescriptor {
    pub fn of(rule: &crate::rules::Rule) -> RuleDescriptor {
        RuleDescriptor {
            id: rule.id.clone(),
            kind: rule.kind.as_str().to_string(),
            severity: rule.severity,
            message: rule.message.as_str().to_string(),
            description: rule.description.clone(),
            help: rule.help.clone(),
        }
    }
}

/// Whether a run's fixes were written (`--fix`) or only shown (`--diff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixing {
    Written,
    Shown,
}

/// What fixing did, file by file, for the closing lines of the fix modes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixes {
    /// (file, fixes applied, more with `--unsafe-fixes`) for each file with either.
    files: Vec<(PathBuf, usize, usize)>,
}

impl Fixes {
    pub fn add(&mut self, report: &FileReport) {
        if let Some(FixOutcome {
            applied,
            unsafe_available,
            ..
        }) = report.fix
        {
            if applied > 0 || unsafe_available > 0 {
                self.files
                    .push((report.path.clone(), applied, unsafe_available));
            }
        }
    }

    /// "Fixed 2 findings in a.txt (1 more with --unsafe-fixes).", a line a file, then the
    /// total; with `--diff`, "Would fix", and no total when nothing would change.
    pub fn lines(&self, fixing: Fixing) -> Vec<String> {
        let verb = match fixing {
            Fixing::Written => "Fixed",
            Fixing::Shown => "Would fix",
        };
        let mut lines = Vec::new();
        let (mut applied, mut files, mut more) = (0, 0, 0);
        for (path, n, unsafe_available) in &self.files {
            more += unsafe_available;
            let extra = if *unsafe_available > 0 {
                format!(" ({unsafe_available} more with --unsafe-fixes)")
            } else {
                String::new()
            };
            lines.push(format!(
                "{verb} {n} {} in {}{extra}.",
                if *n == 1 { "finding" } else { "findings" },
                display_path(path)
            ));
            applied += n;
            files += usize::from(*n > 0);
        }
        if !lines.is_empty() || fixing == Fixing::Written {
            let tail = if more > 0 {
                format!(" {more} more with --unsafe-fixes.")
            } else {
                String::new()
            };
            lines.push(format!(
                "{verb} {applied} {} in {files} {}.{tail}",
                if applied == 1 { "finding" } else { "findings" },
                if files == 1 { "file" } else { "files" }
            ));
        }
        lines
    }
}

/// The start and end position of each finding of `checked`, in order, with columns in `unit`,
/// and the file's line index for any other offset (labels, fix edits). Positions are counted on
/// from the previous finding, so a long line is not counted again for each.
pub(crate) fn positions(
    checked: &crate::report::Checked,
    unit: crate::lines::Unit,
) -> (
    crate::lines::LineIndex,
    Vec<(crate::lines::Position, crate::lines::Position)>,
) {
    let text = checked.source.as_str();
    let index = crate::lines::LineIndex::new(text);
    let mut starts = index.cursor_in(text, unit);
    let mut ends = index.cursor_in(text, unit);
    let found = checked
        .diagnostics
        .iter()
        .map(|d| (starts.position(d.span.start), ends.position(d.span.end)))
        .collect();
    (index, found)
}

/// Writes `value` as serde_json's pretty printer would at `depth` levels of nesting (two spaces
/// a level), for documents written a piece at a time. Its first line is not indented: the
/// caller has written the key or the indentation before it. JSON strings hold no raw line
/// breaks, so every line break is one of the layout's.
pub(crate) fn write_pretty(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    let indent = " ".repeat(2 * depth);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// A path as shown to people and in line-oriented formats: [`path_text`] with control
/// characters, line breaks, tabs and bidirectional controls escaped (`\u{1b}`), so that a name
/// can neither drive a terminal nor start a line of its own.
pub fn display_path(path: &Path) -> String {
    terminal::escaped_line(&path_text(path)).into_owned()
}

/// A path as machine formats carry it, each escaping it in its own way (JSON string escapes,
/// XML character references): without a leading `./`, with `/` separators, and any bytes that
/// are not UTF-8 shown as U+FFFD (JSON and XML strings hold text, not bytes).
pub fn path_text(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}
