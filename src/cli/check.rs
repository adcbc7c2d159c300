//! `copydesk check`: walk, check (or fix, or diff) in parallel, render, choose the exit status.

use super::out::Out;
use super::{fail_on, load, report_errors, style, CheckFormat, ColorChoice, FailOnArg, RuleArgs};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use clap::Args;
use copydesk::config::FailOn;
use copydesk::document::Format;
use copydesk::engine::{Linter, Mode};
use copydesk::error::Error;
use copydesk::fix::FixOptions;
use copydesk::output::diff::DiffEmitter;
use copydesk::output::{display_path, Emitter, EmitterOptions, OutputFormat, RuleDescriptor};
use copydesk::report::{Checked, FileReport, Summary};
use copydesk::walk::{self, Filter};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("apply").args(["fix", "diff"]))]
pub struct CheckArgs {
    /// Files and folders to check. Folders are walked for .txt, .md, .markdown, .html and .htm files,
    /// respecting .gitignore and skipping hidden files; a file named here is always checked.
    /// `-` reads one article from standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Fail (exit 1) when a finding is at least this severe. Default: the configuration's
    /// `fail_on`, else `error`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOnArg>,
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
    #[arg(long, requires = "apply")]
    unsafe_fixes: bool,
    /// Warn about suppression comments and front-matter entries that silence nothing.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Apply the configuration's `exclude` globs to files named on the command line too, as
    /// when a pre-commit hook or an editor passes every changed file.
    #[arg(long)]
    force_exclude: bool,
    /// Let a run that finds no article to check pass (exit 0). Without it, paths that hold no
    /// article (a mistyped folder, one of .docx files, an empty one) fail the run (exit 2).
    #[arg(long)]
    allow_empty: bool,
    /// The largest article read, in bytes or with a unit (`512KiB`, `20MiB`, `1GiB`); a larger
    /// one is an error. Default: the configuration's `max_file_size`, else 10 MiB.
    #[arg(long, value_name = "SIZE", value_parser = copydesk::input::parse_size)]
    max_file_size: Option<u64>,
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

/// How many files are checked before their findings are written: enough to keep every core
/// busy, few enough that memory does not grow with the number of files.
const BATCH: usize = 256;

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
    let descriptors: Vec<RuleDescriptor> = loaded.rules.iter().map(RuleDescriptor::of).collect();
    let linter = Linter::new(loaded.rules)
        .with_overrides(config.overrides.clone(), config.root.clone())
        .with_known(loaded.known)
        .report_unused_suppressions(args.report_unused_suppressions)
        .with_max_file_size(
            args.max_file_size
                .or(config.max_file_size)
                .unwrap_or(copydesk::engine::DEFAULT_MAX_FILE_SIZE),
        );
    let mode = args.mode();

    let filter = Filter {
        root: config.root.clone(),
        include: config.include.clone(),
        exclude: config.exclude.clone(),
        force_exclude: args.force_exclude,
    };
    let stdin = args.paths.iter().any(|p| p == Path::new("-"));
    if !stdin && args.stdin_filename.is_some() {
        // Silently checking the folder instead would check something the user did not mean.
        report_errors(
            &[Error::Usage {
                message: "--stdin-filename names the article read from standard input, but \
                          no `-` was given"
                    .into(),
                help: Some("add `-` to read the article from standard input".into()),
            }],
            style,
        );
        return EXIT_ERROR;
    }
    if stdin && args.paths.len() > 1 {
        report_errors(
            &[Error::usage(
                "`-` (standard input) cannot be mixed with other paths",
            )],
            style,
        );
        return EXIT_ERROR;
    }
    // Standard input named into an excluded folder is not checked: the report is empty (in
    // every format), and with --fix the article passes through unchanged.
    let excluded_stdin = stdin
        && args.force_exclude
        && args
            .stdin_filename
            .as_deref()
            .is_some_and(|p| filter.excluded_here_or_above(p));
    if excluded_stdin && matches!(mode, Mode::Fix(_)) {
        let copied = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::stdout().lock());
        if let Err(e) = copied {
            eprintln!("copydesk: cannot copy standard input: {e}");
            return EXIT_ERROR;
        }
    }
    let walked = if stdin {
        walk::Walked::default()
    } else {
        walk::gather(&args.paths, &filter)
    };
    for warning in &walked.warnings {
        // A path or a line of an ignore file is not our text: one line, nothing that drives a terminal.
        eprintln!(
            "warning: {}",
            copydesk::output::terminal::escaped_line(&warning.to_string())
        );
    }
    let (files, walk_errors) = (walked.files, walked.errors);

    let options = EmitterOptions {
        style,
        quiet: args.quiet,
        started,
        fixing: matches!(mode, Mode::Fix(_)),
        rules: &descriptors,
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let format = OutputFormat::from(args.format);
    let emitter: Box<dyn Emitter> = match mode {
        // Standard output is the patch; fixes that could not settle go to standard error.
        Mode::Diff(_) => Box::new(DiffEmitter::new(
            format,
            &options,
            Box::new(std::io::stderr()),
        )),
        Mode::Check | Mode::Fix(_) => format.emitter(&options),
    };
    let mut run = Run {
        args: &args,
        stdin,
        threshold: fail_on(args.fail_on, &config),
        summary: Summary {
            files_skipped: walked.skipped_format + walked.skipped_repository,
            ..Summary::default()
        },
        failed: false,
        errors: Vec::new(),
        emitter,
    };
    // With --fix on standard input the article itself goes to standard output.
    // A reader that stops early (`| head`) is not an error of ours: the run goes on without
    // writing, so every file is still checked (and fixed) and the exit status is the one the
    // whole run earns, for CI jobs that run with `pipefail`.
    let mut out: Out<Box<dyn Write>> = if stdin && matches!(mode, Mode::Fix(_)) {
        Out::new(Box::new(std::io::stderr().lock()))
    } else {
        Out::new(Box::new(std::io::stdout().lock()))
    };
    let written = (|| -> std::io::Result<()> {
        run.emitter.begin(&mut out)?;
        if stdin && !excluded_stdin {
            run.batch(&mut out, vec![check_stdin(&linter, &args, mode)])?;
        }
        // Files are checked a batch at a time, in parallel, and reported in path order; a batch's
        // articles are dropped once written.
        for batch in files.chunks(BATCH) {
            run.batch(&mut out, linter.run_files(batch, mode))?;
        }
        // Paths that could not be walked are reported like files that could not be read.
        let unwalkable = walk_errors.into_iter().map(|e| FileReport {
            path: e.path().map(PathBuf::from).unwrap_or_default(),
            outcome: Err(e),
            fix: None,
        });
        run.batch(&mut out, unwalkable.collect())?;
        run.emitter.end(&mut out, &run.summary)?;
        out.flush()
    })();
    if written.is_err() {
        // What is buffered must not be written again, after a gap, when `out` is dropped.
        out.give_up();
    }
    drop(out);
    if let Err(e) = written {
        // A full device: the user did not get the report they asked for.
        eprintln!("copydesk: cannot write the report: {e}");
        return EXIT_ERROR;
    }

    report_errors(&run.errors, style);
    // A run that checked nothing must not pass by accident (a wrong path, a folder of .docx
    // files); but files a pre-commit hook passed that --force-exclude left out are a run with
    // nothing to do, and pass.
    let empty =
        !stdin && run.summary.files_checked == 0 && run.errors.is_empty() && !walked.excluded_named;
    if empty && !args.allow_empty {
        let paths: Vec<String> = args.paths.iter().map(|p| display_path(p)).collect();
        let skipped = match walked.skipped_format + walked.skipped_repository {
            0 => String::new(),
            n => format!(
                " ({n} {} skipped: not an article format, or a README, LICENSE and the like)",
                if n == 1 { "file" } else { "files" }
            ),
        };
        eprintln!(
            "copydesk: no article to check in {}{skipped}",
            paths.join(", ")
        );
        eprintln!(
            "  help: articles are .txt, .md, .markdown, .html and .htm files; check the paths, or pass \
             --allow-empty to let a run with nothing to check pass"
        );
        return EXIT_ERROR;
    }
    // The process ends here: freeing every compiled rule would only add to its run time.
    std::mem::forget(linter);
    if let Some(max) = args.max_warnings {
        let warnings = run.summary.warnings;
        if warnings > max {
            eprintln!(
                "copydesk: {warnings} {} found; --max-warnings allows {max}",
                if warnings == 1 { "warning" } else { "warnings" }
            );
            run.failed = true;
        }
    }
    if !run.errors.is_empty() {
        EXIT_ERROR
    } else if run.failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// What a run has found so far, and where it writes.
struct Run<'a> {
    args: &'a CheckArgs,
    /// Whether the article comes from standard input.
    stdin: bool,
    threshold: FailOn,
    summary: Summary,
    /// Whether a finding reached the failure threshold.
    failed: bool,
    /// Files that could not be checked, reported on standard error at the end.
    errors: Vec<Error>,
    emitter: Box<dyn Emitter + 'a>,
}

impl Run<'_> {
    /// Takes in one batch of reports: counts, writes each, keeps its errors.
    fn batch(&mut self, out: &mut dyn Write, mut reports: Vec<FileReport>) -> std::io::Result<()> {
        // A binary file met while walking a folder is skipped with a note; one named on the
        // command line (or standard input) is an error.
        reports.retain(|r| {
            let skipped = matches!(r.outcome, Err(Error::Binary { .. }))
                && !self.stdin
                && !self.args.paths.contains(&r.path);
            if skipped {
                eprintln!("note: skipped binary file {}", display_path(&r.path));
            }
            !skipped
        });
        self.summary.add(&Summary::of(&reports));
        self.failed |= reports.iter().any(|r| {
            r.outcome.as_ref().is_ok_and(|c| {
                c.diagnostics
                    .iter()
                    .any(|d| self.threshold.fails(d.severity))
            })
        });
        for report in &reports {
            self.emitter.file(out, report)?;
        }
        self.errors
            .extend(reports.into_iter().filter_map(|r| r.outcome.err()));
        Ok(())
    }
}

/// One article from standard input, named by --stdin-filename.
fn check_stdin(linter: &Linter, args: &CheckArgs, mode: Mode) -> FileReport {
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    let format = Format::from_path(&path).unwrap_or(Format::Text);
    // Bounded like a file: `yes | copydesk check -` must end.
    let text = copydesk::input::read_stream(
        std::io::stdin().lock(),
        linter.max_file_size(),
        copydesk::input::Sniff::Binary,
        &path,
        copydesk::engine::MAX_FILE_SIZE_HELP,
    )
    .and_then(|bytes| copydesk::engine::decode_text(&path, bytes));
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
                let written = stdout
                    .write_all(fixed.as_bytes())
                    .and_then(|()| stdout.flush());
                if let Err(e) = written {
                    // The article would be lost: say so, and fail.
                    return FileReport {
                        path: path.clone(),
                        outcome: Err(Error::Usage {
                            message: format!(
                                "cannot write the fixed {} to standard output: {e}",
                                copydesk::output::display_path(&path)
                            ),
                            help: Some("the article was not changed anywhere".into()),
                        }),
                        fix: None,
                    };
                }
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
