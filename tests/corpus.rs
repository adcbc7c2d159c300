//! The real articles in ../shared/corpora, when they are there: the whole BBC corpus checks
//! without a panic, the only error is its one non-UTF-8 file, and output is deterministic.

use insta_cmd::get_cargo_bin;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpora() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if path.join("bbc").is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: no corpus at {}", path.display());
        None
    }
}

fn check_json(path: &Path) -> Output {
    Command::new(get_cargo_bin("copydesk"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn the_bbc_corpus_checks_with_one_decoding_error_and_identical_json_twice() {
    let Some(corpora) = corpora() else { return };
    let bbc = corpora.join("bbc");
    let first = check_json(&bbc);
    let second = check_json(&bbc);
    // Exit 2: one file cannot be decoded. A panic would be 101.
    assert_eq!(
        first.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        first.stdout == second.stdout,
        "two runs gave different JSON"
    );

    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("sport/199.txt"));
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("offset 257"));
    // 2,225 stories less the one that cannot be decoded; the corpus's README.TXT is skipped
    // as a repository's own paper.
    assert_eq!(report["summary"]["files_checked"], 2224);
    assert_eq!(report["summary"]["files_skipped"], 1);
    assert!(report["summary"]["warnings"].as_u64().unwrap() > 0);

    // Findings come sorted by file, then position, then rule.
    let findings = report["findings"].as_array().unwrap();
    let keys: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["span"]["start"].as_u64().unwrap(),
                f["span"]["end"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// What the newsroom sets must catch in the scraped wire story, with no configuration.
#[test]
fn the_scraped_wire_story_is_flagged_where_an_editor_would() {
    let Some(corpora) = corpora() else { return };
    let path = corpora.join("rferl/serbia-russia-kosovo.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let output = check_json(&path);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let flagged: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let (start, end) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            (
                f["rule"].as_str().unwrap().to_string(),
                text[start..end].to_string(),
            )
        })
        .collect();
    let has =
        |rule: &str, needle: &str| flagged.iter().any(|(r, t)| r == rule && t.contains(needle));
    // The page furniture, each glued headline, and the legal notice paragraphs.
    for leftover in [
        "Editors' Picks",
        "Top Trending",
        "2Attack From Afghanistan",
        "10Ukraine Live Briefing",
        "click here",
    ] {
        assert!(
            has("hygiene/page-leftover", leftover),
            "{leftover} not flagged: {flagged:#?}"
        );
    }
    assert!(
        has("legal/legal-notice", "undesirable organization"),
        "{flagged:#?}"
    );
    assert!(
        has("legal/legal-notice", "fines or imprisonment"),
        "{flagged:#?}"
    );
    // The talks in Moscow have no date.
    let moscow = text.find("after talks with").unwrap();
    assert!(
        flagged
            .iter()
            .zip(report["findings"].as_array().unwrap())
            .any(|((r, _), f)| {
                r == "dates/event-needs-date"
                    && f["span"]["start"].as_u64().unwrap() as usize >= moscow - 30
                    && (f["span"]["start"].as_u64().unwrap() as usize) < moscow + 40
            }),
        "{flagged:#?}"
    );
    // Every quotation has its source; the 2008 and 1998-99 events have dates.
    assert!(
        !flagged
            .iter()
            .any(|(r, _)| r == "attribution/quote-needs-source"),
        "{flagged:#?}"
    );
    for dated in ["2008", "1998-99"] {
        let line = text.lines().find(|l| l.contains(dated)).unwrap();
        let start = text.find(line).unwrap();
        let end = start + line.len();
        assert!(
            !report["findings"].as_array().unwrap().iter().any(|f| {
                let at = f["span"]["start"].as_u64().unwrap() as usize;
                f["rule"] == "dates/event-needs-date" && (start..end).contains(&at)
            }),
            "the {dated} event was flagged"
        );
    }
}

/// `copydesk` over `args` with `threads` worker threads: standard output and the status.
fn run_with_threads(threads: &str, dir: &Path, args: &[&str]) -> (Vec<u8>, Option<i32>) {
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .unwrap();
    (output.stdout, output.status.code())
}

/// The same inputs give the same findings, fixes and report whatever the number of threads:
/// files are checked side by side, a lone file's rules run side by side, and the fix loop runs
/// once per file, so any order that leaks from scheduling shows up here. Every corpus, every
/// default set plus the opt-in ones with fixes (`ap`, `house`), in the formats that carry the
/// most detail.
#[test]
fn findings_fixes_and_reports_do_not_depend_on_the_thread_count() {
    let Some(corpora) = corpora() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "rulesets = [\"default\", \"ap\", \"house\"]\n",
    )
    .unwrap();
    let all = corpora.display().to_string();
    let tech = corpora.join("bbc/tech").display().to_string();
    let lone = corpora.join("bbc/tech/142.txt").display().to_string();
    let runs: [Vec<&str>; 5] = [
        vec!["check", "-q", "--format", "short", &all],
        vec!["check", "-q", "--format", "json", &all],
        vec!["check", "-q", "--format", "sarif", &tech],
        vec!["check", "-q", "--diff", "--unsafe-fixes", &tech],
        // One file: its rules, not files, are spread over the threads.
        vec!["check", "--format", "json", &lone],
    ];
    for args in runs {
        let one = run_with_threads("1", dir.path(), &args);
        let two = run_with_threads("2", dir.path(), &args);
        let four = run_with_threads("4", dir.path(), &args);
        assert!(!one.0.is_empty(), "copydesk {args:?} wrote nothing");
        assert!(
            one == two && two == four,
            "copydesk {args:?} wrote differently with 1, 2 and 4 threads"
        );
    }
}
