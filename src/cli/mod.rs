//! The command line: clap definitions, then one function a command. Only this module and
//! `main.rs` print or choose the exit code.

mod check;
mod explain;
mod extras;
mod out;
mod quotes;
mod rules;
mod test;

use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk::config::{Config, FailOn, Selection};
use copydesk::error::Error;
use copydesk::output::human::{self, Style};
use copydesk::output::OutputFormat;
use copydesk::rules::Rule;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: nothing at or above the failure threshold.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at or above the failure threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage, configuration, rule-file or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// copydesk checks news articles against a newsroom's editorial policies, written as TOML rule
/// sets, and reports each finding with the words at fault underlined.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles (.txt, .md, .markdown, .html, .htm) against the active rule sets.
    Check(check::CheckArgs),
    /// List every active rule: id, kind, severity and message.
    Rules(rules::RulesArgs),
    /// Run the good and bad examples that rules carry, and report any that fail.
    Test(test::TestArgs),
    /// The quote sheet: every quotation in the articles, with its speaker or "no source".
    Quotes(quotes::QuotesArgs),
    /// What a rule checks and why, its options and examples (also rule sets and rule kinds).
    Explain(explain::ExplainArgs),
    /// Write a commented copydesk.toml and a starter house rule set here.
    Init(extras::InitArgs),
    /// Print a shell completion script: `copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk`.
    Completions(extras::CompletionsArgs),
    /// Print the man page (roff), or write one for each command into a folder.
    Man(extras::ManArgs),
    /// Print the JSON Schema of rule files or of copydesk.toml, for editors.
    Schema(extras::SchemaArgs),
}

/// Which configuration and rule sets a command uses.
#[derive(Debug, Args)]
pub struct RuleArgs {
    #[command(flatten)]
    pub(crate) config: ConfigArgs,
    /// Add a rule set: a TOML file, or a folder of them. May be repeated.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Run only these rules: ids (`house/cliche`) or rule set names (`house`), comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules: ids or rule set names, comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,
}

/// Which configuration file applies.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of looking for copydesk.toml or .copydesk.toml
    /// from the current folder up.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any configuration file: the default built-in rule sets, every article.
    #[arg(long)]
    no_config: bool,
}

impl ConfigArgs {
    /// The configuration these flags name, found from the current folder up, or the defaults.
    pub(crate) fn load(&self) -> Result<Config, Vec<Error>> {
        let cwd = std::env::current_dir().map_err(|e| {
            vec![Error::Read {
                path: PathBuf::from("."),
                io: e,
            }]
        })?;
        if self.no_config {
            return Ok(Config::defaults(&cwd));
        }
        match self.config.clone().or_else(|| Config::discover(&cwd)) {
            Some(path) => Ok(Config::load(&path)?),
            None => Ok(Config::defaults(&cwd)),
        }
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The report's width: `COLUMNS` when set, otherwise 100.
fn style(color: ColorChoice) -> Style {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100);
    Style {
        color: color.enabled(),
        width,
    }
}

/// Prints errors to standard error.
fn report_errors<'a>(errors: impl IntoIterator<Item = &'a Error>, style: Style) {
    for error in errors {
        eprint!("{}", human::render_error(error, style));
        eprintln!();
    }
}

/// What a command works with: the configuration, the active rules (after settings,
/// `--select` and `--ignore`) and every rule id loaded (for suppressions to name).
struct Loaded {
    config: Config,
    rules: Vec<Rule>,
    known: Vec<String>,
}

fn load(args: &RuleArgs) -> Result<Loaded, Vec<Error>> {
    let config = args.config.load()?;
    let sets = config.load_rulesets(&args.rules)?;
    let known: Vec<String> = sets
        .iter()
        .flat_map(|s| s.rules.iter().map(|r| r.id.clone()))
        .collect();
    let rules = config.apply(sets)?;
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let rules = selection.apply(rules, &[])?;
    Ok(Loaded {
        config,
        rules,
        known,
    })
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Test(args) => test::run(args),
        Command::Quotes(args) => quotes::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => extras::init(args),
        Command::Completions(args) => extras::completions(args),
        Command::Man(args) => extras::man(args),
        Command::Schema(args) => extras::schema(args),
    };
    ExitCode::from(code)
}

/// The failure threshold: the flag, else the configuration, else errors only.
fn fail_on(flag: Option<FailOnArg>, config: &Config) -> FailOn {
    flag.map(FailOn::from)
        .or(config.fail_on)
        .unwrap_or(FailOn::Error)
}

/// Output format for commands that list things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

/// How `check` writes the findings (the library's [`OutputFormat`], with the words `--help`
/// shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
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

impl From<CheckFormat> for OutputFormat {
    fn from(format: CheckFormat) -> OutputFormat {
        match format {
            CheckFormat::Human => OutputFormat::Human,
            CheckFormat::Short => OutputFormat::Short,
            CheckFormat::Json => OutputFormat::Json,
            CheckFormat::Sarif => OutputFormat::Sarif,
            CheckFormat::Github => OutputFormat::Github,
            CheckFormat::Checkstyle => OutputFormat::Checkstyle,
            CheckFormat::Gitlab => OutputFormat::Gitlab,
        }
    }
}

/// `--fail-on`: the library's [`FailOn`], as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    /// Findings never fail the run (errors reading files or rules still do).
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(level: FailOnArg) -> FailOn {
        match level {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }
    }
}
