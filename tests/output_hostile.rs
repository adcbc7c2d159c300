//! Hostile input against the output formats: every format stays linear in the findings and in
//! the length of a line, reports columns in one unit, and echoes nothing that is not
//! copydesk's own (file names, rule text, TOML) raw to a terminal or a line-oriented log.

use insta_cmd::get_cargo_bin;
use std::path::Path;
use std::process::{Command, Output};

const FORMATS: [&str; 7] = [
    "human",
    "short",
    "json",
    "sarif",
    "github",
    "checkstyle",
    "gitlab",
];

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn check(dir: &Path, args: &[&str]) -> Output {
    copydesk(dir, &[&["check", "--no-config"], args].concat())
}

fn all(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Fails on any byte or character in `text` that could drive a terminal or start a new line
/// in a log, other than line breaks.
fn assert_inert(what: &str, text: &str) {
    for c in [
        '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{2028}', '\u{202e}', '\u{200f}',
    ] {
        assert!(
            !text.contains(c),
            "{what}: {:?} reached the output:\n{text}",
            c
        );
    }
}

/// Every line of `text` that a log reader would take as a workflow command or a forged
/// finding.
fn forged_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("::") && !l.contains("copydesk"))
        .collect()
}

#[test]
fn every_format_is_linear_on_one_very_long_line() {
    // 20,000 sentences on one line (860 KB, 40,000 findings). The human report read each
    // finding's context by scanning the text from its start: 85 s for this file in a debug
    // build before the fix, about 2 s after; a quadratic renderer makes this test hang.
    let dir = tempfile::tempdir().unwrap();
    let line = "He said \"yes it is\" and TK then they met. ".repeat(20_000);
    std::fs::write(dir.path().join("line.txt"), &line).unwrap();
    for format in FORMATS {
        let output = check(dir.path(), &["--format", format, "line.txt"]);
        assert_eq!(output.status.code(), Some(1), "{format}: {}", all(&output));
        assert!(output.stdout.len() > 20_000, "{format}");
    }
}

#[test]
fn the_human_report_is_linear_in_the_number_of_lines() {
    // 100,000 short lines, 10,000 findings: 5 s for a fifth of this before the fix (a scan from
    // the start of the text for each finding), so minutes for all of it; well under a second
    // after.
    let dir = tempfile::tempdir().unwrap();
    let text = "The cat sat on the mat.\n".repeat(9) + "TK\n";
    std::fs::write(dir.path().join("lines.txt"), text.repeat(10_000)).unwrap();
    let output = check(dir.path(), &["lines.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("lines.txt:100000:1]"), "{shown}");
}

#[test]
fn the_quote_sheet_is_linear_on_one_very_long_line() {
    // 40,000 quotations on one line: each one's line and column was counted from the start of
    // the line, 1.7 s in a release build and minutes at 500,000.
    let dir = tempfile::tempdir().unwrap();
    // 300,000 of them: just under the default 10 MiB article size limit.
    let line = "\"We will win,\" the minister said. ".repeat(300_000);
    std::fs::write(dir.path().join("quotes.txt"), &line).unwrap();
    let output = copydesk(dir.path(), &["quotes", "--format", "json", "quotes.txt"]);
    let sheets: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let quotes = sheets[0]["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 300_000);
    assert_eq!(quotes[299_999]["start"]["column"], 299_999 * 34 + 1);
}

#[test]
fn every_format_counts_columns_in_characters_but_sarif_in_utf16_units() {
    let dir = tempfile::tempdir().unwrap();
    // 'é' is two bytes and '—' three: 'TK' is the 12th character, the 16th byte. '😀' is
    // one character but two UTF-16 units.
    std::fs::write(dir.path().join("cafe.txt"), "The café — TK\nA 😀 TK\n").unwrap();
    let human = all(&check(dir.path(), &["cafe.txt"]));
    assert!(human.contains("[cafe.txt:1:12]"), "{human}");
    assert!(human.contains("[cafe.txt:2:5]"), "{human}");
    let short = all(&check(dir.path(), &["--format", "short", "cafe.txt"]));
    assert!(short.contains("cafe.txt:1:12:"), "{short}");
    assert!(short.contains("cafe.txt:2:5:"), "{short}");
    let json = check(dir.path(), &["--format", "json", "cafe.txt"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["findings"][0]["start"]["column"], 12);
    assert_eq!(json["findings"][1]["start"]["column"], 5);
    let sarif = check(dir.path(), &["--format", "sarif", "cafe.txt"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = &sarif["runs"][0]["results"];
    let column =
        |i: usize| &results[i]["locations"][0]["physicalLocation"]["region"]["startColumn"];
    assert_eq!(column(0), 12);
    assert_eq!(column(1), 6);
}

/// A rule set whose every text is hostile: escapes, a bell, a carriage return, an override,
/// a line separator and a forged workflow command.
const EVIL_RULES: &str = r#"
[ruleset]
name = "evil"
description = "Set \u001b]0;owned\u0007 text"

[[pattern]]
id = "word"
severity = "warning"
message = "Found \u001b[2J{match}\u202e here"
help = "Fix it\n::error::forged from help\u2028::error::forged after a line separator\r::warning::forged"
description = "Flags \u001b[31mwords\u009b"
words = ["fox"]
"#;

#[test]
fn rule_text_is_escaped_in_every_format_and_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("evil.toml"), EVIL_RULES).unwrap();
    std::fs::write(dir.path().join("a.txt"), "The fox ran.\n").unwrap();
    for format in FORMATS {
        let output = check(
            dir.path(),
            &[
                "--rules",
                "evil.toml",
                "--select",
                "evil",
                "--format",
                format,
                "a.txt",
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{format}: {}", all(&output));
        let text = all(&output);
        if matches!(format, "json" | "sarif" | "gitlab") {
            // JSON escapes control characters itself; it must still parse to the real text.
            let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert!(value.to_string().contains("\\u001b[2J"), "{format}");
        } else {
            assert_inert(format, &text);
        }
        assert_eq!(forged_lines(&text), Vec::<&str>::new(), "{format}");
    }
    let rules = copydesk(
        dir.path(),
        &["rules", "--no-config", "--rules", "evil.toml"],
    );
    assert_inert("rules", &all(&rules));
    let explain = copydesk(
        dir.path(),
        &[
            "explain",
            "--no-config",
            "--rules",
            "evil.toml",
            "evil/word",
        ],
    );
    assert_eq!(explain.status.code(), Some(0), "{}", all(&explain));
    assert_inert("explain a rule", &all(&explain));
    let explain = copydesk(
        dir.path(),
        &["explain", "--no-config", "--rules", "evil.toml", "evil"],
    );
    assert_inert("explain a set", &all(&explain));
}

#[test]
fn errors_in_rule_files_show_their_toml_without_its_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("toml.toml"),
        "[ruleset]\nname = \"x\"\n[[pattern]]\nid = \"a\"\nmessage = \"m\"\nwords = [\"a\"]\nbogus\u{1b}[2J = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("regex.toml"),
        "[ruleset]\nname = \"y\"\n# \u{1b}]0;title\u{7}\n[[pattern]]\nid = \"a\"\nmessage = \"m\u{1b}[2J\"\npatterns = [\"(\u{1b}[2J\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "text\n").unwrap();
    for file in ["toml.toml", "regex.toml"] {
        let output = check(dir.path(), &["--rules", file, "a.txt"]);
        assert_eq!(output.status.code(), Some(2), "{}", all(&output));
        let text = all(&output);
        assert!(text.contains(file), "{text}");
        assert_inert(file, &text);
    }
}

/// File names that would drive a terminal, or start a forged line in a log.
const EVIL_NAMES: [&str; 6] = [
    "esc\u{1b}[2J.txt",
    "bell\u{7}\r.txt",
    "new\n::warning::forged.txt",
    "tab\t.txt",
    "sep\u{2028}::warning::forged.txt",
    "bidi\u{200f}\u{202e}txt.exe.txt",
];

#[test]
fn file_names_are_escaped_in_every_line_oriented_output() {
    let dir = tempfile::tempdir().unwrap();
    for name in EVIL_NAMES {
        std::fs::write(dir.path().join(name), "He said \"yes\" and TK.\n").unwrap();
    }
    for format in ["human", "short", "github", "checkstyle"] {
        let output = check(dir.path(), &["--format", format, "."]);
        assert_eq!(output.status.code(), Some(1), "{format}: {}", all(&output));
        let text = all(&output);
        assert_inert(format, &text);
        assert_eq!(forged_lines(&text), Vec::<&str>::new(), "{format}");
        assert!(!text.contains("\t.txt"), "{format}: {text}");
    }
    let quotes = all(&copydesk(dir.path(), &["quotes", "."]));
    assert_inert("quotes", &quotes);
    assert_eq!(forged_lines(&quotes), Vec::<&str>::new(), "{quotes}");
    // A file that cannot be read is named in an error.
    for name in EVIL_NAMES {
        let missing = format!("missing-{name}");
        let output = check(dir.path(), &[&missing]);
        assert_eq!(output.status.code(), Some(2));
        let text = all(&output);
        assert_inert("missing file", &text);
        assert_eq!(forged_lines(&text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn machine_formats_carry_the_real_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = "esc\u{1b}[2J\ttab.txt";
    std::fs::write(dir.path().join(name), "TK\n").unwrap();
    let json = check(dir.path(), &["--format", "json", name]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["findings"][0]["file"], name);
    let gitlab = check(dir.path(), &["--format", "gitlab", name]);
    let gitlab: serde_json::Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    assert_eq!(gitlab[0]["location"]["path"], name);
    // XML 1.0 cannot hold ESC even as a character reference: it becomes U+FFFD; the tab is a
    // character reference.
    let checkstyle = check(dir.path(), &["--format", "checkstyle", name]);
    let checkstyle = String::from_utf8_lossy(&checkstyle.stdout).into_owned();
    assert!(
        checkstyle.contains("<file name=\"esc\u{fffd}[2J&#9;tab.txt\">"),
        "{checkstyle}"
    );
}

#[test]
fn a_diff_is_an_exact_patch_with_escaped_file_names() {
    let dir = tempfile::tempdir().unwrap();
    // Before, a line feed in the name went into the header raw and forged a header line.
    let name = "esc\u{1b}[2J\n+++ forged.txt";
    let body = "They met and the the \u{1b}[31m talks went well.\n";
    std::fs::write(dir.path().join(name), body).unwrap();
    let output = check(dir.path(), &["--diff", name]);
    let diff = String::from_utf8_lossy(&output.stdout).into_owned();
    let headers: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with("---") || l.starts_with("+++"))
        .collect();
    assert_eq!(headers.len(), 2, "{diff}");
    for header in headers {
        assert_inert("diff header", header);
        assert!(
            header.contains("esc\\u{1b}[2J\\u{a}+++ forged.txt"),
            "{header}"
        );
    }
    // The changed lines are the article's own bytes, so the patch applies.
    assert!(diff.contains(&format!("-{body}")), "{diff}");
}

fn checked(path: &str, text: &str) -> copydesk::report::FileReport {
    let config = copydesk::config::Config::defaults(Path::new("/news"));
    let rules = config.apply(config.load_rulesets(&[]).unwrap()).unwrap();
    let linter = copydesk::engine::Linter::new(rules);
    let (doc, diagnostics) = linter.check_text(text.to_string(), copydesk::document::Format::Text);
    copydesk::report::FileReport {
        path: path.into(),
        outcome: Ok(copydesk::report::Checked {
            source: doc.source,
            diagnostics,
        }),
        fix: None,
    }
}

#[test]
fn sarif_and_gitlab_write_each_batch_as_it_comes() {
    // SARIF and GitLab reports were gathered whole before anything was written: 10.7 KB of
    // memory a finding. Each batch's results must now be out before the next batch comes.
    use copydesk::output::{gitlab, sarif, Emitter, RuleDescriptor};
    use copydesk::report::Summary;
    let first = checked("first.txt", "TK\n");
    let second = checked("second.txt", "TK\n");
    let rules: Vec<RuleDescriptor> = Vec::new();
    let mut out = Vec::new();
    let mut log = sarif::SarifEmitter::new(&rules, Path::new("/news"));
    log.begin(&mut out).unwrap();
    log.file(&mut out, &first).unwrap();
    assert!(String::from_utf8_lossy(&out).contains("first.txt"));
    log.file(&mut out, &second).unwrap();
    log.end(&mut out, &Summary::default()).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["runs"][0]["results"].as_array().unwrap().len(), 2);
    let mut out = Vec::new();
    let mut issues = gitlab::GitlabEmitter::default();
    issues.begin(&mut out).unwrap();
    issues.file(&mut out, &first).unwrap();
    assert!(String::from_utf8_lossy(&out).contains("first.txt"));
    issues.file(&mut out, &second).unwrap();
    issues.end(&mut out, &Summary::default()).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
}
