//! `copydesk quotes`: the quote sheet editors fact-check from: every quotation, who said it,
//! what kind of speaker that is (a named person, an unnamed official…), and the verb that says
//! so, or "no source". It uses the built-in speech-verb and speaker
//! lists (rules/words/attribution.toml), whatever the configuration says; the configuration
//! decides which files are articles (`include`, `exclude`), how each is read (an override's
//! `layout`) and how large one may be (`max_file_size`), as for `check`.

use super::out::{finish, Out};
use super::{report_errors, style, ColorChoice, ListFormat, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use clap::Args;
use copydesk::analysis::attribution::How;
use copydesk::analysis::speakers::SpeakerClass;
use copydesk::diagnostic::Span;
use copydesk::document::{BlockKind, Document};
use copydesk::engine::Linter;
use copydesk::error::Error;
use copydesk::lines::{LineIndex, Position};
use copydesk::output::display_path;
use copydesk::walk::{self, Filter};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Articles (or folders of them) to list the quotations of.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// How to write the sheet.
    #[arg(long, value_enum, default_value = "human")]
    format: ListFormat,
    #[command(flatten)]
    config: super::ConfigArgs,
}

#[derive(Serialize)]
struct Sheet {
    file: String,
    quotes: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    /// The quotation with its marks.
    text: String,
    span: Span,
    start: Position,
    words: usize,
    speaker: Option<String>,
    /// The kind of speaker: `named`, `pronoun`, `role`, `institution`, `unnamed-individual`,
    /// `unnamed-group` (null when there is no speaker).
    speaker_class: Option<SpeakerClass>,
    verb: Option<String>,
    /// `same`, `before`, `after` (the sentence that attributes it), `continues`, `fragment`,
    /// `title`, `term` or `none`.
    how: How,
    /// In a headline, where the story below gives the source.
    headline: bool,
}

fn sheet(path: &Path, reader: &Linter) -> Result<Sheet, Error> {
    let (text, format) = copydesk::engine::read_article(path, reader.max_file_size())?;
    let doc = Document::parse_as(text, format, reader.layout(Some(path)));
    let index = LineIndex::new(&doc.source);
    // Quotations come in text order: each position is counted on from the one before.
    let mut cursor = index.cursor(&doc.source);
    let attributions = doc.attributions();
    let quotes = doc
        .quotes
        .iter()
        .zip(attributions)
        .map(|(q, a)| Entry {
            text: one_line(doc.text(q.span)),
            span: q.span,
            start: cursor.position(q.span.start),
            words: a.words,
            speaker: a.speaker.map(|s| one_line(doc.text(s))),
            speaker_class: a.class,
            verb: a.verb.map(|s| one_line(doc.text(s))),
            how: a.how,
            headline: matches!(doc.blocks[q.block].kind, BlockKind::Heading(_)),
        })
        .collect();
    Ok(Sheet {
        file: display_path(path),
        quotes,
    })
}

/// On one line, with nothing that could drive a terminal.
fn one_line(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    copydesk::output::terminal::escaped(&text).into_owned()
}

pub fn run(args: QuotesArgs) -> u8 {
    let mut out = Out::stdout();
    let status = sheets(args, &mut out);
    finish(&mut out, status)
}

fn sheets(args: QuotesArgs, out: &mut impl Write) -> io::Result<u8> {
    let config = match args.config.load() {
        Ok(config) => config,
        Err(errors) => {
            report_errors(&errors, style(ColorChoice::Auto));
            return Ok(EXIT_ERROR);
        }
    };
    // No rules: only how each file is read, as `check` reads it.
    let reader = Linter::new(Vec::new())
        .with_max_file_size(
            config
                .max_file_size
                .unwrap_or(copydesk::engine::DEFAULT_MAX_FILE_SIZE),
        )
        .with_overrides(config.overrides.clone(), config.root.clone());
    let filter = Filter {
        root: config.root.clone(),
        include: config.include.clone(),
        exclude: config.exclude.clone(),
        force_exclude: false,
    };
    let mut sheets = Vec::new();
    let (files, mut errors) = walk::collect(&args.files, &filter);
    for path in &files {
        match sheet(path, &reader) {
            Ok(s) => sheets.push(s),
            Err(e) => errors.push(e),
        }
    }
    match args.format {
        ListFormat::Json => match serde_json::to_string_pretty(&sheets) {
            Ok(text) => writeln!(out, "{text}")?,
            Err(e) => {
                eprintln!("copydesk: {e}");
                return Ok(EXIT_ERROR);
            }
        },
        ListFormat::Human => {
            for s in &sheets {
                writeln!(out, "{}", s.file)?;
                if s.quotes.is_empty() {
                    writeln!(out, "  no quotations")?;
                }
                for q in &s.quotes {
                    let source = match (q.how, &q.speaker, &q.verb) {
                        (How::None, _, _) if q.headline => {
                            "headline: the story gives the source".to_string()
                        }
                        (How::Fragment, _, _) => {
                            format!("fragment ({} words): no source needed", q.words)
                        }
                        (How::Title, _, _) => "a title, not speech: no source needed".to_string(),
                        (How::Term, _, _) => {
                            "a term, not a statement: no source needed".to_string()
                        }
                        (How::None, _, _) => "NO SOURCE".to_string(),
                        (how, Some(speaker), Some(verb)) => {
                            let via = match how {
                                How::Before => ", sentence before",
                                How::After => ", sentence after",
                                How::Continues => ", continuing",
                                _ => "",
                            };
                            let class = q
                                .speaker_class
                                .map(|c| format!("; {c}"))
                                .unwrap_or_default();
                            format!("{speaker} ({verb}{via}{class})")
                        }
                        _ => "?".to_string(),
                    };
                    let text: String = if q.text.chars().count() > 70 {
                        q.text.chars().take(69).chain(['…']).collect()
                    } else {
                        q.text.clone()
                    };
                    writeln!(
                        out,
                        "  {:>4}:{:<3} {text}\n           — {source}",
                        q.start.line, q.start.column
                    )?;
                }
            }
        }
    }
    report_errors(&errors, style(ColorChoice::Auto));
    let unsourced = sheets
        .iter()
        .flat_map(|s| &s.quotes)
        .any(|q| q.how == How::None);
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if unsourced {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
