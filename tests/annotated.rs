//! Precision and recall of the newsroom rules against articles marked by hand
//! (tests/annotated/README.md says how they are marked). Run with `--nocapture` to see the
//! table; set COPYDESK_ANNOTATED_DETAIL=1 to list every miss and every false alarm of the
//! development folders (`=heldout` for the held-out folder's, for those who mark it, never for
//! whoever tunes the rules).

use copydesk::analysis::attribution::Attributor;
use copydesk::analysis::time::{self, Tier, TimeClass};
use copydesk::config::Config;
use copydesk::diagnostic::Span;
use copydesk::document::{Document, Format};
use copydesk::engine::Linter;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Marks {
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    quote: Vec<QuoteMark>,
    #[serde(default)]
    finding: Vec<FindingMark>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteMark {
    text: String,
    speaker: String,
    #[serde(default)]
    occurrence: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingMark {
    rule: String,
    text: String,
    #[serde(default)]
    occurrence: Option<usize>,
    /// For a `dates/relative-date` mark: `day` or `period` (see `FindingMark::tier`).
    #[serde(default)]
    tier: Option<Tier>,
}

impl FindingMark {
    /// A relative date's tier: as marked, else `day` when the recogniser finds a day-tier
    /// relative date in the marked text, else `period`.
    fn tier(&self) -> Tier {
        self.tier.unwrap_or_else(|| {
            let profile = copydesk_regex::TextProfile::of(&self.text);
            let found = time::find(&self.text, profile);
            if found
                .iter()
                .any(|e| e.class == TimeClass::Relative(Tier::Day))
            {
                Tier::Day
            } else {
                Tier::Period
            }
        })
    }
}

/// What one row of the table scores: the findings of `rules`, against the marks `marks`
/// keeps.
struct Row {
    name: &'static str,
    rules: &'static [&'static str],
    marks: fn(&FindingMark) -> bool,
}

/// The rows measured: each rule against its own marks, except the relative dates. The default
/// rule, `dates/relative-date`, flags the day tier and is scored against the day-tier marks;
/// with the opt-in `evergreen` set, which adds the period tier, against every relative-date
/// mark.
const ROWS: &[Row] = &[
    Row {
        name: "attribution/anonymous-source",
        rules: &["attribution/anonymous-source"],
        marks: |m| m.rule == "attribution/anonymous-source",
    },
    Row {
        name: "attribution/quote-needs-source",
        rules: &["attribution/quote-needs-source"],
        marks: |m| m.rule == "attribution/quote-needs-source",
    },
    Row {
        name: "dates/event-needs-date",
        rules: &["dates/event-needs-date"],
        marks: |m| m.rule == "dates/event-needs-date",
    },
    Row {
        name: "dates/relative-date",
        rules: &["dates/relative-date"],
        marks: |m| m.rule == "dates/relative-date" && m.tier() == Tier::Day,
    },
    Row {
        name: "dates/relative-date+evergreen",
        rules: &["dates/relative-date", "evergreen/relative-period"],
        marks: |m| m.rule == "dates/relative-date",
    },
    Row {
        name: "hygiene/page-leftover",
        rules: &["hygiene/page-leftover"],
        marks: |m| m.rule == "hygiene/page-leftover",
    },
    Row {
        name: "legal/legal-notice",
        rules: &["legal/legal-notice"],
        marks: |m| m.rule == "legal/legal-notice",
    },
];

/// The rules measured, with the floors their precision and recall must not fall below.
/// Set a little under what was measured, so a change that makes a rule worse fails here.
const FLOORS: &[(&str, f64, f64)] = &[
    ("attribution/quote-needs-source", 0.9, 0.9),
    // Read from sentence grammar (the `event` kind) since issue 15: fewer hits fitted to these
    // stories, better on the held-out set.
    ("dates/event-needs-date", 0.9, 0.75),
    ("dates/relative-date", 0.97, 0.95),
    ("dates/relative-date+evergreen", 0.95, 0.95),
    ("attribution/anonymous-source", 0.9, 0.9),
    ("legal/legal-notice", 0.95, 0.95),
    ("hygiene/page-leftover", 0.95, 0.95),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/annotated")
}

struct Article {
    name: String,
    /// Where the story comes from, for figures per source: `BBC`, `wire`, `scraped` or
    /// `written`.
    origin: &'static str,
    source: String,
    format: Format,
    marks: Marks,
}

fn articles(folders: &[&str]) -> Vec<Article> {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut out = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(root().join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        {
            let marks: Marks = toml::from_str(&std::fs::read_to_string(path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let article = match &marks.article {
                Some(a) => corpora.join(a),
                None => ["txt", "md"]
                    .iter()
                    .map(|ext| path.with_extension(ext))
                    .find(|p| p.exists())
                    .unwrap_or_else(|| panic!("no article for {}", path.display())),
            };
            let Ok(source) = std::fs::read_to_string(&article) else {
                eprintln!(
                    "skipped {}: no article at {}",
                    path.display(),
                    article.display()
                );
                continue;
            };
            let origin = match marks.article.as_deref() {
                Some(a) if a.starts_with("bbc/") => "BBC",
                Some(a) if a.starts_with("reuters/") => "wire",
                Some(_) => "scraped",
                None => "written",
            };
            out.push(Article {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                origin,
                format: Format::from_path(&article).unwrap(),
                source,
                marks,
            });
        }
    }
    out
}

/// Where the `occurrence`-th copy of `text` is in `source`. A space in a mark matches any run of
/// white space, so a mark can cross the line breaks (and indents) of hard-wrapped copy.
fn locate(name: &str, source: &str, text: &str, occurrence: Option<usize>) -> Span {
    let n = occurrence.unwrap_or(1);
    let pattern = text
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let found = regex::Regex::new(&pattern)
        .unwrap_or_else(|e| panic!("{name}: mark {text:?}: {e}"))
        .find_iter(source)
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{name}: mark {text:?} (occurrence {n}) is not in the article"));
    Span::new(found.start(), found.end())
}

/// `tp` counts findings that match a mark, `fp` findings that match none, `fn_` marks no
/// finding matched, `marks` all marks.
#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    marks: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.marks += other.marks;
    }

    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.marks == 0 {
            1.0
        } else {
            (self.marks - self.fn_) as f64 / self.marks as f64
        }
    }
}

fn excerpt(source: &str, span: Span) -> String {
    let text: String = source[span.start..span.end].chars().take(90).collect();
    text.replace('\n', " ")
}

/// The development set: the articles the rules were tuned against.
#[test]
fn newsroom_rules_meet_their_precision_and_recall_floors() {
    measure(&["corpus", "written"], FLOORS);
}

/// The held-out set, marked after the rules were tuned and never used to tune them: how the
/// rules do on copy they were not fitted to. Do not tune rules against it; its floors, set a
/// little under what was measured, only catch a rule getting worse. (event-needs-date is still
/// under its development figures here, mostly in precision.)
#[test]
fn newsroom_rules_hold_up_on_the_held_out_set() {
    measure(&["heldout"], HELD_OUT_FLOORS);
}

const HELD_OUT_FLOORS: &[(&str, f64, f64)] = &[
    // Measured on issue 15's landing (the set of 56 held-out articles, 20 of them marked that
    // day by a helper who never saw the rules); set a little under, to catch a rule getting
    // worse. The issue's targets (quote-needs-source 0.95/0.95, anonymous-source 0.90/0.90,
    // event-needs-date 0.80/0.70) are not met here yet: see the closing note of issue 15.
    ("attribution/quote-needs-source", 0.75, 0.85),
    ("dates/event-needs-date", 0.6, 0.5),
    // The older files were marked to the first, shorter list of relative dates, without
    // tiers: the day-tier dates it lacked ("last Friday") count as false alarms there; the
    // fresh files carry tiers.
    ("dates/relative-date", 0.75, 0.95),
    ("attribution/anonymous-source", 0.7, 0.75),
    ("legal/legal-notice", 0.95, 0.95),
    ("hygiene/page-leftover", 0.95, 0.85),
];

fn measure(folders: &[&str], floors: &[(&str, f64, f64)]) {
    let articles = articles(folders);
    if articles.is_empty() {
        eprintln!("skipped: no annotated articles in {folders:?}");
        return;
    }
    // Each miss and false alarm is listed for the development folders only, unless asked for
    // the held-out one by name: whoever tunes the rules must not read the held-out items.
    let detail = match std::env::var("COPYDESK_ANNOTATED_DETAIL") {
        Ok(value) if folders.contains(&"heldout") => value == "heldout",
        Ok(_) => true,
        Err(_) => false,
    };
    let config = Config::defaults(Path::new("."));
    let mut sets = config.load_rulesets(&[]).unwrap();
    let evergreen = copydesk::rules::builtin::find("evergreen").expect("the evergreen set");
    sets.push(copydesk::rules::load_ruleset(&evergreen.source()).unwrap());
    let linter = Linter::new(config.apply(sets).unwrap());
    let empty: BTreeMap<&str, Score> = ROWS.iter().map(|r| (r.name, Score::default())).collect();
    // Per source (BBC, wire, …), then over every source.
    let mut by_origin: BTreeMap<&str, BTreeMap<&str, Score>> = BTreeMap::new();
    let mut quote_found = Score::default();
    let mut speaker_right = (0usize, 0usize);

    for article in &articles {
        let (doc, diagnostics) = linter.check_text(article.source.clone(), article.format);
        let scores = by_origin
            .entry(article.origin)
            .or_insert_with(|| empty.clone());
        for (rule, score) in scores.iter_mut() {
            let row = ROWS.iter().find(|r| r.name == *rule).expect("every row");
            let marks: Vec<Span> = article
                .marks
                .finding
                .iter()
                .filter(|m| (row.marks)(m))
                .map(|m| locate(&article.name, &article.source, &m.text, m.occurrence))
                .collect();
            score.marks += marks.len();
            let mut matched = vec![false; marks.len()];
            // A finding counts for a mark it overlaps, or failing that one in the same sentence.
            let sentence = |span: Span| doc.sentences.iter().position(|s| s.span.overlaps(span));
            let near = |mark: Span, found: Span| {
                mark.overlaps(found)
                    || (sentence(mark).is_some() && sentence(mark) == sentence(found))
            };
            for d in diagnostics
                .iter()
                .filter(|d| row.rules.contains(&d.rule.as_str()))
            {
                // One finding may cover several marks (two leftover lines flagged as one).
                let overlapped: Vec<usize> = (0..marks.len())
                    .filter(|&i| !matched[i] && marks[i].overlaps(d.span))
                    .collect();
                let hit = overlapped
                    .first()
                    .copied()
                    .or_else(|| (0..marks.len()).find(|&i| !matched[i] && near(marks[i], d.span)));
                match hit {
                    Some(i) => {
                        matched[i] = true;
                        for &j in &overlapped {
                            matched[j] = true;
                        }
                        score.tp += 1;
                    }
                    None if marks.iter().any(|m| near(*m, d.span)) => {} // a second finding on one mark
                    None => {
                        score.fp += 1;
                        if detail {
                            println!(
                                "FALSE ALARM {rule} in {}: {:?}",
                                article.name,
                                excerpt(&article.source, d.span)
                            );
                        }
                    }
                }
            }
            for (i, found) in matched.iter().enumerate() {
                if !found {
                    score.fn_ += 1;
                    if detail {
                        println!(
                            "MISSED {rule} in {}: {:?}",
                            article.name,
                            excerpt(&article.source, marks[i])
                        );
                    }
                }
            }
        }
        quote_sheet(article, &doc, &mut quote_found, &mut speaker_right, detail);
    }

    let mut scores = empty.clone();
    let table = |title: &str, scores: &BTreeMap<&str, Score>| {
        println!(
            "\n{title}\n{:<34} {:>4} {:>4} {:>4} {:>9} {:>7}",
            "rule", "hits", "fp", "fn", "precision", "recall"
        );
        for (rule, s) in scores {
            println!(
                "{rule:<34} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
                s.tp,
                s.fp,
                s.fn_,
                s.precision(),
                s.recall()
            );
        }
    };
    for (origin, per_rule) in &by_origin {
        let n = articles.iter().filter(|a| a.origin == *origin).count();
        table(&format!("{origin} ({n} articles)"), per_rule);
        for (rule, score) in per_rule {
            scores.get_mut(rule).expect("every rule").add(*score);
        }
    }
    table("all sources", &scores);
    // The floors were set on the BBC, scraped and written stories. The wire stories are
    // measured and reported per source; they get floors of their own once the rules read
    // wire copy as well as they read the others.
    let mut floored = empty.clone();
    for (origin, per_rule) in &by_origin {
        if *origin != "wire" {
            for (rule, score) in per_rule {
                floored.get_mut(rule).expect("every rule").add(*score);
            }
        }
    }
    println!(
        "{:<34} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
        "(quotations found)",
        quote_found.tp,
        quote_found.fp,
        quote_found.fn_,
        quote_found.precision(),
        quote_found.recall()
    );
    println!(
        "speaker attributed or not, as marked: {} of {}",
        speaker_right.0, speaker_right.1
    );
    println!("articles: {} in {folders:?}", articles.len());

    let mut failures = Vec::new();
    for (rule, min_p, min_r) in floors {
        let s = floored[rule];
        if s.precision() < *min_p || s.recall() < *min_r {
            failures.push(format!(
                "{rule}: precision {:.2} (floor {min_p}), recall {:.2} (floor {min_r})",
                s.precision(),
                s.recall()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Compares the quotations copydesk finds, and whether it finds a source, with the marks.
fn quote_sheet(
    article: &Article,
    doc: &Document,
    found: &mut Score,
    right: &mut (usize, usize),
    detail: bool,
) {
    let attributions = Attributor::default_ref().attribute(doc);
    let marks: Vec<(Span, &QuoteMark)> = article
        .marks
        .quote
        .iter()
        .map(|q| {
            (
                locate(&article.name, &article.source, &q.text, q.occurrence),
                q,
            )
        })
        .collect();
    let mut matched = vec![false; marks.len()];
    for (quote, attribution) in doc.quotes.iter().zip(&attributions) {
        match (0..marks.len()).find(|&i| !matched[i] && marks[i].0.overlaps(quote.inner)) {
            Some(i) => {
                matched[i] = true;
                found.tp += 1;
                found.marks += 1;
                let marked_source = !marks[i].1.speaker.is_empty();
                let has_source = !attribution.needs_source();
                right.1 += 1;
                if marked_source == has_source || attribution.words < 3 {
                    right.0 += 1;
                } else if detail {
                    println!(
                        "SPEAKER {} in {}: {:?} marked {:?}, found {:?}",
                        if has_source { "extra" } else { "missing" },
                        article.name,
                        excerpt(&article.source, quote.inner),
                        marks[i].1.speaker,
                        attribution.speaker.map(|s| excerpt(&article.source, s))
                    );
                }
            }
            None => {
                found.fp += 1;
                if detail {
                    println!(
                        "EXTRA QUOTE in {}: {:?}",
                        article.name,
                        excerpt(&article.source, quote.inner)
                    );
                }
            }
        }
    }
    for (i, m) in matched.iter().enumerate() {
        if !m {
            found.fn_ += 1;
            found.marks += 1;
            if detail {
                println!("MISSED QUOTE in {}: {:?}", article.name, marks[i].1.text);
            }
        }
    }
}
