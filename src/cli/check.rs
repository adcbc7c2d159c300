//! `copydesk check`: walk, check in parallel, render, choose the exit status.

use super::{fail_on, load, report_errors, style, CheckFormat, ColorChoice, RuleArgs};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use clap::Args;
use copydesk::config::FailOn;
use copydesk::engine::{FileReport, Linter};
use copydesk::output::{human, json, short, Summary};
use copydesk::walk::{self, Filter};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check. Folders are walked for .txt, .md and .markdown files,
    /// respecting .gitignore and skipping hidden files; a file named here is always checked.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Fail (exit 1) when a finding is at least this severe. Default: the configuration's
    /// `fail_on`, else `error`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// How to write the findings.
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// When to use colour (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print findings only: no summary line.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: CheckArgs) -> u8 {
    let started = Instant::now();
    let style = style(args.color);
    let (config, rules) = match load(&args.rules) {
        Ok(loaded) => loaded,
        Err(errors) => {
            report_errors(&errors, style);
            return EXIT_ERROR;
        }
    };
    let linter = Linter::new(rules);
    let filter = Filter {
        root: config.root.clone(),
        include: config.include.clone(),
        exclude: config.exclude.clone(),
    };
    let (files, walk_errors) = walk::collect(&args.paths, &filter);
    let mut reports = linter.check_files(&files);
    // Paths that could not be walked are reported like files that could not be read.
    reports.extend(walk_errors.into_iter().map(|e| FileReport {
        path: e.path().map(PathBuf::from).unwrap_or_default(),
        outcome: Err(e),
    }));
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        CheckFormat::Human => human::render(&mut out, &reports, style),
        CheckFormat::Short => short::render(&mut out, &reports),
        CheckFormat::Json => json::render(&mut out, &reports),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return EXIT_OK;
        }
        eprintln!("copydesk: cannot write the report: {e}");
        return EXIT_ERROR;
    }
    drop(out);

    let file_errors: Vec<&copydesk::error::Error> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().err())
        .collect();
    report_errors(file_errors.iter().copied(), style);

    let summary = Summary::of(&reports);
    if args.format == CheckFormat::Human && !args.quiet {
        println!("{}", summary.sentence(started.elapsed()));
    }

    let threshold = fail_on(args.fail_on, &config);
    let failed = reports.iter().any(|r| {
        r.outcome
            .as_ref()
            .is_ok_and(|c| c.diagnostics.iter().any(|d| threshold.fails(d.severity)))
    });
    if !file_errors.is_empty() {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
