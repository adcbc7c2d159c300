//! `copydesk check`: walk, check (or fix, or diff) in parallel, render, choose the exit status.

use super::{fail_on, load, report_errors, style, CheckFormat, ColorChoice, RuleArgs};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use clap::Args;
use copydesk::config::FailOn;
use copydesk::document::Format;
use copydesk::engine::{Checked, FileReport, FixOutcome, Linter, Mode};
use copydesk::error::Error;
use copydesk::fix::FixOptions;
use copydesk::output::{checkstyle, display_path, github, gitlab, human, json, sarif, short};
use copydesk::output::{RuleDescriptor, Summary};
use copydesk::walk::{self, Filter};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check. Folders are walked for .txt, .md and .markdown files,
    /// respecting .gitignore and skipping hidden files; a file named here is always checked.
    /// `-` reads one article from standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Fail (exit 1) when a finding is at least this severe. Default: the configuration's
    /// `fail_on`, else `error`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Fail (exit 1) when there are more than this many warnings, even with no errors.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// How to write the findings.
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// When to use colour (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print findings only: no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Apply every safe fix, write the files that change, then report what remains. With `-`,
    /// the fixed article goes to standard output and the findings to standard error.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print a unified diff of what --fix would change, and write nothing (the exit status is
    /// that of a plain check).
    #[arg(long)]
    diff: bool,
    /// With --fix or --diff, apply unsafe fixes too (fixes that may change the meaning).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Warn about suppression comments and front-matter entries that silence nothing.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Apply the configuration's `exclude` globs to files named on the command line too, as
    /// when a pre-commit hook or an editor passes every changed file.
    #[arg(long)]
    force_exclude: bool,
    /// The name of the article read from standard input: picks its format and names it in
    /// the output.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

impl CheckArgs {
    fn mode(&self) -> Mode {
        let options = FixOptions {
            unsafe_fixes: self.unsafe_fixes,
        };
        if self.fix {
            Mode::Fix(options)
        } else if self.diff {
            Mode::Diff(options)
        } else {
            Mode::Check
        }
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let started = Instant::now();
    let style = style(args.color);
    let loaded = match load(&args.rules) {
        Ok(loaded) => loaded,
        Err(errors) => {
            report_errors(&errors, style);
            return EXIT_ERROR;
        }
    };
    let config = loaded.config;
    let mut descriptors: Vec<RuleDescriptor> =
        loaded.rules.iter().map(RuleDescriptor::of).collect();
    descriptors.extend(RuleDescriptor::meta());
    let linter = Linter::new(loaded.rules)
        .with_overrides(config.overrides.clone(), config.root.clone())
        .with_known(loaded.known)
        .without_meta(loaded.meta_off)
        .report_unused_suppressions(args.report_unused_suppressions);
    let mode = args.mode();

    let filter = Filter {
        root: config.root.clone(),
        include: config.include.clone(),
        exclude: config.exclude.clone(),
        force_exclude: args.force_exclude,
    };
    let stdin = args.paths.iter().any(|p| p == Path::new("-"));
    let excluded_stdin = stdin
        && args.force_exclude
        && args
            .stdin_filename
            .as_deref()
            .is_some_and(|p| filter.excluded_here_or_above(p));
    if excluded_stdin {
        // Nothing to check; with --fix the article passes through unchanged.
        if matches!(mode, Mode::Fix(_)) {
            let copied = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::stdout().lock());
            if let Err(e) = copied {
                eprintln!("copydesk: cannot copy standard input: {e}");
                return EXIT_ERROR;
            }
        }
        return EXIT_OK;
    }
    let mut reports = if stdin {
        if args.paths.len() > 1 {
            report_errors(
                &[Error::usage(
                    "`-` (standard input) cannot be mixed with other paths",
                )],
                style,
            );
            return EXIT_ERROR;
        }
        vec![check_stdin(&linter, &args, mode)]
    } else {
        let (files, walk_errors) = walk::collect(&args.paths, &filter);
        let mut reports = linter.run_files(&files, mode);
        // Paths that could not be walked are reported like files that could not be read.
        reports.extend(walk_errors.into_iter().map(|e| FileReport {
            path: e.path().map(PathBuf::from).unwrap_or_default(),
            outcome: Err(e),
            fix: None,
        }));
        reports
    };
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    // A binary file met while walking a folder is skipped with a note; one named on the
    // command line is an error.
    reports.retain(|r| {
        let skipped = matches!(r.outcome, Err(Error::Binary { .. }))
            && !stdin
            && !args.paths.contains(&r.path);
        if skipped {
            eprintln!("note: skipped binary file {}", display_path(&r.path));
        }
        !skipped
    });

    // With --fix on standard input the article itself goes to standard output.
    let to_stderr = stdin && matches!(mode, Mode::Fix(_));
    let written = if to_stderr {
        render(
            &mut std::io::stderr().lock(),
            &args,
            &reports,
            &descriptors,
            mode,
            style,
            started,
        )
    } else {
        render(
            &mut std::io::stdout().lock(),
            &args,
            &reports,
            &descriptors,
            mode,
            style,
            started,
        )
    };
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return EXIT_OK;
        }
        eprintln!("copydesk: cannot write the report: {e}");
        return EXIT_ERROR;
    }

    let file_errors: Vec<&Error> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().err())
        .collect();
    report_errors(file_errors.iter().copied(), style);

    let threshold = fail_on(args.fail_on, &config);
    let mut failed = reports.iter().any(|r| {
        r.outcome
            .as_ref()
            .is_ok_and(|c| c.diagnostics.iter().any(|d| threshold.fails(d.severity)))
    });
    if let Some(max) = args.max_warnings {
        let warnings = Summary::of(&reports).warnings;
        if warnings > max {
            eprintln!(
                "copydesk: {warnings} {} found; --max-warnings allows {max}",
                if warnings == 1 { "warning" } else { "warnings" }
            );
            failed = true;
        }
    }
    if !file_errors.is_empty() {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Writes the findings (or, with --diff, the diffs) and the closing lines.
fn render(
    out: &mut dyn Write,
    args: &CheckArgs,
    reports: &[FileReport],
    rules: &[RuleDescriptor],
    mode: Mode,
    style: human::Style,
    started: Instant,
) -> std::io::Result<()> {
    if let Mode::Diff(_) = mode {
        for diff in reports.iter().filter_map(|r| r.fix.as_ref()?.diff.as_ref()) {
            out.write_all(diff.as_bytes())?;
        }
    } else {
        match args.format {
            CheckFormat::Human => human::render(out, reports, style)?,
            CheckFormat::Short => short::render(out, reports)?,
            CheckFormat::Json => json::render(out, reports)?,
            CheckFormat::Sarif => {
                let cwd = std::env::current_dir()?;
                sarif::render(out, reports, rules, &cwd)?
            }
            CheckFormat::Github => {
                github::render(out, reports)?;
                if !args.quiet {
                    writeln!(out, "{}", github::summary_line(&Summary::of(reports)))?;
                }
            }
            CheckFormat::Checkstyle => checkstyle::render(out, reports)?,
            CheckFormat::Gitlab => gitlab::render(out, reports)?,
        }
    }
    let human_closing = args.format == CheckFormat::Human && !args.quiet;
    if human_closing || matches!(mode, Mode::Diff(_)) && !args.quiet {
        for line in fix_lines(reports, mode) {
            writeln!(out, "{line}")?;
        }
    }
    if human_closing {
        writeln!(out, "{}", Summary::of(reports).sentence(started.elapsed()))?;
    }
    out.flush()
}

/// "Fixed 2 findings in a.txt (1 more with --unsafe-fixes)." per file, for the fix modes.
fn fix_lines(reports: &[FileReport], mode: Mode) -> Vec<String> {
    let verb = match mode {
        Mode::Check => return Vec::new(),
        Mode::Fix(_) => "Fixed",
        Mode::Diff(_) => "Would fix",
    };
    let mut lines = Vec::new();
    let (mut applied, mut files, mut more) = (0, 0, 0);
    for report in reports {
        let Some(FixOutcome {
            applied: n,
            unsafe_available,
            ..
        }) = report.fix
        else {
            continue;
        };
        more += unsafe_available;
        if n == 0 && unsafe_available == 0 {
            continue;
        }
        let extra = if unsafe_available > 0 {
            format!(" ({unsafe_available} more with --unsafe-fixes)")
        } else {
            String::new()
        };
        lines.push(format!(
            "{verb} {n} {} in {}{extra}.",
            if n == 1 { "finding" } else { "findings" },
            display_path(&report.path)
        ));
        applied += n;
        files += usize::from(n > 0);
    }
    if !lines.is_empty() || matches!(mode, Mode::Fix(_)) {
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

/// One article from standard input, named by --stdin-filename.
fn check_stdin(linter: &Linter, args: &CheckArgs, mode: Mode) -> FileReport {
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    let format = Format::from_path(&path).unwrap_or(Format::Text);
    let mut bytes = Vec::new();
    let read = std::io::stdin().lock().read_to_end(&mut bytes);
    let text = read
        .map_err(|e| Error::Read {
            path: path.clone(),
            io: e,
        })
        .and_then(|_| copydesk::engine::decode_text(&path, bytes));
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            return FileReport {
                path,
                outcome: Err(e),
                fix: None,
            }
        }
    };
    match mode {
        Mode::Check => {
            let named = args.stdin_filename.as_deref();
            let (doc, diagnostics) = linter.check_text_at(named, text, format);
            FileReport {
                path,
                outcome: Ok(Checked {
                    source: doc.source,
                    diagnostics,
                }),
                fix: None,
            }
        }
        Mode::Fix(options) | Mode::Diff(options) => {
            let (checked, mut outcome, fixed) =
                linter.fix_source(&path, &text, format, mode, options);
            if let Some(fixed) = fixed {
                // The fixed article is the output; an unfixable one comes back unchanged.
                let mut stdout = std::io::stdout().lock();
                let _ = stdout
                    .write_all(fixed.as_bytes())
                    .and_then(|()| stdout.flush());
                outcome.written = true;
            }
            FileReport {
                path,
                outcome: Ok(checked),
                fix: Some(outcome),
            }
        }
    }
}
