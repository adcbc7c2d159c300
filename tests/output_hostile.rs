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
    let line = "\"We will win,\" the minister said. ".repeat(400_000);
    std::fs::write(dir.path().join("quotes.txt"), &line).unwrap();
    let output = copydesk(dir.path(), &["quotes", "--format", "json", "quotes.txt"]);
    let sheets: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let quotes = sheets[0]["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 400_000);
    assert_eq!(quotes[399_999]["start"]["column"], 399_999 * 34 + 1);
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
