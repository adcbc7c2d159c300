//! Suppressions in articles (Markdown comments, front matter) and per-path overrides in the
//! configuration, through the command as a user runs it.

use insta_cmd::get_cargo_bin;
use std::path::Path;
use std::process::Command;

/// Runs `copydesk check --format short ARGS` in `dir`; returns (exit code, stdout).
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir)
        .args(["check", "--format", "short"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn article(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The rule ids reported, one per finding, in order.
fn rules(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect()
}

const SOURCES: &str = "Sources said the deal was done.";

/// A temporary folder holding a `copydesk.toml` with `config`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), config).unwrap();
    dir
}

#[test]
fn disable_next_line_silences_only_the_next_line_and_the_named_rules() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        &format!(
            "<!-- copydesk-disable-next-line attribution/anonymous-source -->\n{SOURCES}\n\n{SOURCES}\n\n\
             <!-- copydesk-disable-next-line dates -->\n{SOURCES} It rained yesterday.\n"
        ),
    );
    let (_, out) = check(dir.path(), &["--no-config", "a.md"]);
    assert_eq!(
        out.lines()
            .map(|l| l.split(": ").next().unwrap())
            .collect::<Vec<_>>(),
        ["a.md:4:1", "a.md:7:1"],
        "{out}"
    );
    assert_eq!(
        rules(&out),
        [
            "attribution/anonymous-source",
            "attribution/anonymous-source"
        ]
    );
}

#[test]
fn disable_and_enable_bracket_a_stretch_last_directive_wins() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        &format!(
            "{SOURCES}\n\n<!-- copydesk-disable -->\n\n{SOURCES} It rained yesterday.\n\n\
             <!-- copydesk-enable attribution -->\n\n{SOURCES} It rained yesterday.\n\n\
             <!-- copydesk-enable -->\n\n{SOURCES} It rained yesterday.\n"
        ),
    );
    let (_, out) = check(dir.path(), &["--no-config", "a.md"]);
    let lines: Vec<&str> = out.lines().map(|l| l.split(": ").next().unwrap()).collect();
    // Line 1: before any directive. Line 5: all off. Line 9: attribution back on, dates still
    // off. Line 13: everything on.
    assert_eq!(
        lines,
        ["a.md:1:1", "a.md:9:1", "a.md:13:1", "a.md:13:43"],
        "{out}"
    );
}

#[test]
fn front_matter_disables_rules_for_the_whole_article() {
    let dir = tempfile::tempdir().unwrap();
    for (name, front) in [
        (
            "flow.md",
            "---\ntitle: x\ncopydesk: { disable: [attribution/anonymous-source] }\n---\n",
        ),
        (
            "block.md",
            "---\ncopydesk:\n  disable:\n    - attribution\n---\n",
        ),
        (
            "toml.md",
            "+++\ntitle = \"x\"\n[copydesk]\ndisable = [\"attribution\"]\n+++\n",
        ),
    ] {
        article(
            dir.path(),
            name,
            &format!("{front}\n{SOURCES} It rained yesterday.\n"),
        );
        let (_, out) = check(dir.path(), &["--no-config", name]);
        assert_eq!(rules(&out), ["dates/relative-date"], "{name}: {out}");
    }
}

#[test]
fn unknown_rules_in_suppressions_are_warnings_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        &format!(
            "---\ncopydesk: {{ disable: [atribution] }}\n---\n\n\
             <!-- copydesk-disable-next-line attribution/anonymous-sorce -->\n{SOURCES}\n"
        ),
    );
    let (code, out) = check(dir.path(), &["--no-config", "--fail-on", "warning", "a.md"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("a.md:2:23: warning [suppression/unknown-rule] 'atribution' is not a known rule or rule set."),
        "{out}"
    );
    assert!(
        out.contains("a.md:5:33: warning [suppression/unknown-rule]"),
        "{out}"
    );
    // The finding it meant to silence is still reported.
    assert!(
        out.contains("a.md:6:1: warning [attribution/anonymous-source]"),
        "{out}"
    );
    // A rule that is loaded but not running is not unknown; one whose set is not loaded is.
    article(
        dir.path(),
        "b.md",
        "<!-- copydesk-disable hygiene/placeholder -->\nFine.\n",
    );
    assert_eq!(
        check(dir.path(), &["--no-config", "--ignore", "hygiene", "b.md"]).1,
        ""
    );
    article(
        dir.path(),
        "c.md",
        "<!-- copydesk-disable house/wordy -->\nFine.\n",
    );
    assert!(check(dir.path(), &["--no-config", "c.md"])
        .1
        .contains("[suppression/unknown-rule]"));
}

#[test]
fn unused_suppressions_are_reported_on_request() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        &format!(
            "<!-- copydesk-disable-next-line attribution/anonymous-source, dates -->\n{SOURCES}\n"
        ),
    );
    assert_eq!(check(dir.path(), &["--no-config", "a.md"]).1, "");
    let (_, out) = check(
        dir.path(),
        &["--no-config", "--report-unused-suppressions", "a.md"],
    );
    assert_eq!(rules(&out), ["suppression/unused"], "{out}");
    assert!(out.contains("a.md:1:63:"), "points at `dates`: {out}");
}

#[test]
fn comments_in_code_are_not_suppressions_and_plain_text_ones_are() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        &format!("`<!-- copydesk-disable -->`\n\n{SOURCES}\n"),
    );
    // Plain text takes the comment on a line of its own (since the layouts work).
    article(
        dir.path(),
        "b.txt",
        &format!("<!-- copydesk-disable -->\n{SOURCES}\n"),
    );
    let (_, out) = check(dir.path(), &["--no-config", "a.md", "b.txt"]);
    assert_eq!(rules(&out).len(), 1, "{out}");
    assert!(out.starts_with("a.md:3:1:"), "{out}");
}

#[test]
fn overrides_change_severities_and_turn_rules_off_for_matching_paths() {
    let dir = project(
        r#"
rulesets = ["default", "house"]

[rules]
"house/wordy" = "off"

[[overrides]]
files = ["opinion/**"]
rules = { attribution = "off", "attribution/quote-needs-source" = "warning" }

[[overrides]]
files = ["wire/*.txt"]
rules = { "dates/relative-date" = "error", "house/wordy" = "info" }
"#,
    );
    let text = format!("{SOURCES} It rained yesterday, in order to annoy. \"We are not sure it will ever be finished on time.\"\n");
    for name in ["news/a.txt", "opinion/b.txt", "wire/c.txt"] {
        article(dir.path(), name, &text);
    }
    let (_, out) = check(dir.path(), &["."]);
    let found = |file: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with(file))
            .map(|l| {
                let (_, rest) = l.split_once(": ").unwrap();
                let (severity, rest) = rest.split_once(' ').unwrap();
                format!("{severity} {}", &rest[1..rest.find(']').unwrap()])
            })
            .collect()
    };
    assert_eq!(
        found("news/a.txt"),
        [
            "warning attribution/anonymous-source",
            "warning dates/relative-date",
            "error attribution/quote-needs-source"
        ],
        "{out}"
    );
    // The set is off, one of its rules back on as a warning.
    assert_eq!(
        found("opinion/b.txt"),
        [
            "warning dates/relative-date",
            "warning attribution/quote-needs-source"
        ],
        "{out}"
    );
    // A rule off in [rules] runs where an override turns it on.
    assert_eq!(
        found("wire/c.txt"),
        [
            "warning attribution/anonymous-source",
            "error dates/relative-date",
            "info house/wordy",
            "error attribution/quote-needs-source"
        ],
        "{out}"
    );
    // Overrides follow the article's path from any working folder.
    let (_, inside) = check(&dir.path().join("opinion"), &["b.txt"]);
    assert!(!inside.contains("anonymous-source"), "{inside}");
}

#[test]
fn overrides_name_known_rules_and_match_some_files() {
    let dir =
        project("[[overrides]]\nfiles = [\"opinion/**\"]\nrules = { \"atribution\" = \"off\" }\n");
    article(dir.path(), "a.txt", "Fine.\n");
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no rule or rule set matches `atribution`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `attribution`?"), "{stderr}");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[overrides]]\nfiles = []\nrules = { attribution = \"off\" }\n",
    )
    .unwrap();
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`files` lists no globs"));
}

#[test]
fn silencing_a_notice_rule_brings_back_what_lies_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "All rights reserved. The vote was TK.\n";
    article(dir.path(), "a.md", text);
    article(
        dir.path(),
        "b.md",
        &format!("<!-- copydesk-disable legal -->\n{text}"),
    );
    // The notice is to be deleted, so nothing inside it is reported but the notice...
    assert_eq!(
        rules(&check(dir.path(), &["--no-config", "a.md"]).1),
        ["legal/legal-notice"]
    );
    // ...and with the notice rule silenced, the text is copy again.
    assert_eq!(
        rules(&check(dir.path(), &["--no-config", "b.md"]).1),
        ["hygiene/placeholder"]
    );
}

#[test]
fn a_finding_starts_on_its_own_line_so_next_line_suppressions_reach_it() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.md", "# Deal\n\nSources said it on Monday.\n");
    let (_, out) = check(dir.path(), &["--no-config", "a.md"]);
    assert!(
        out.starts_with("a.md:3:1: warning [attribution/anonymous-source] 'Sources said'"),
        "{out}"
    );
    article(
        dir.path(),
        "b.md",
        "# Deal\n\n<!-- copydesk-disable-next-line attribution/anonymous-source -->\nSources said it on Monday.\n",
    );
    assert_eq!(check(dir.path(), &["--no-config", "b.md"]).1, "");
}

#[test]
fn suppression_warnings_can_be_ignored_like_rules() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a.md",
        "<!-- copydesk-disable nosuch -->\nFine.\n",
    );
    assert!(check(dir.path(), &["--no-config", "a.md"])
        .1
        .contains("suppression/unknown-rule"));
    assert_eq!(
        check(
            dir.path(),
            &[
                "--no-config",
                "--ignore",
                "suppression/unknown-rule",
                "a.md"
            ]
        ),
        (0, String::new())
    );
    assert_eq!(
        check(dir.path(), &["--no-config", "--select", "dates", "a.md"]).1,
        ""
    );
}

#[test]
fn an_override_glob_naming_a_folder_covers_its_files() {
    let dir = project("[[overrides]]\nfiles = [\"archive\"]\nrules = { attribution = \"off\" }\n");
    article(dir.path(), "archive/2019/a.txt", &format!("{SOURCES}\n"));
    article(dir.path(), "news/a.txt", &format!("{SOURCES}\n"));
    let (_, out) = check(dir.path(), &["."]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("news/a.txt"), "{out}");
}

#[test]
fn front_matter_lists_may_hold_blank_lines_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    for (name, front) in [
        (
            "block.md",
            "---\ncopydesk:\n  disable:\n    - dates   # no dates in features\n\n    # and no sourcing\n    - attribution\n---\n",
        ),
        ("scalar.md", "---\ncopydesk:\n  disable: attribution # old\n---\n"),
    ] {
        article(dir.path(), name, &format!("{front}\n{SOURCES} It rained yesterday.\n"));
        let (_, out) = check(dir.path(), &["--no-config", name]);
        assert!(!out.contains("unknown-rule"), "{name}: {out}");
        assert!(!out.contains("attribution/"), "{name}: {out}");
    }
}

/// A plain-text article takes the Markdown comments, each on a line of its own; a comment that
/// shares a line with text is copy.
#[test]
fn plain_text_takes_comment_lines() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "wire.txt",
        &format!(
            "Deal done\n\n{SOURCES}\n\n<!-- copydesk-disable-next-line attribution/anonymous-source -->\n\
             {SOURCES}\n\n  <!-- copydesk-disable attribution -->  \n{SOURCES}\n\
             <!-- copydesk-enable attribution -->\n\n{SOURCES} <!-- copydesk-disable -->\n\n\
             <!-- copydesk-disable nonsense/rule -->\n"
        ),
    );
    let (_, out) = check(dir.path(), &["--no-config", "wire.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        rules(&out),
        [
            "attribution/anonymous-source",
            "attribution/anonymous-source",
            "suppression/unknown-rule"
        ],
        "{out}"
    );
    assert!(lines[0].starts_with("wire.txt:3:1:"), "{out}");
    assert!(lines[1].starts_with("wire.txt:12:1:"), "{out}");
}

/// Plain text with lone carriage returns (old Mac files) reads lines as they are, so a
/// next-line comment covers the next line, not one found at the next LF far below.
#[test]
fn next_line_comments_work_with_lone_carriage_returns() {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "mac.txt",
        &format!("Deal done\r\r<!-- copydesk-disable-next-line attribution -->\r{SOURCES}\r\r{SOURCES}\r"),
    );
    let (_, out) = check(dir.path(), &["--no-config", "mac.txt"]);
    assert_eq!(rules(&out), ["attribution/anonymous-source"], "{out}");
    // The second one, on line 6: reports count a lone CR as a line break, as editors do.
    assert!(out.starts_with("mac.txt:6:1:"), "{out}");
}

/// The warnings about suppressions are the rules of the built-in `suppression` set: loaded
/// whatever `rulesets` names, and turned off or re-graded like any rule.
#[test]
fn suppression_warnings_are_rules_of_a_set_that_is_always_loaded() {
    // `nosuch` names nothing; `house` silences nothing.
    let text = "<!-- copydesk-disable nosuch -->\nFine.\n\n<!-- copydesk-disable-next-line house -->\nFine.\n";
    let unused = "--report-unused-suppressions";

    // A configuration that names only another set still gets both warnings.
    let dir = project("rulesets = [\"house\"]\n");
    article(dir.path(), "a.md", text);
    let (_, out) = check(dir.path(), &[unused, "a.md"]);
    assert_eq!(
        rules(&out),
        ["suppression/unknown-rule", "suppression/unused"],
        "{out}"
    );
    // `--ignore` turns one off.
    let (_, out) = check(
        dir.path(),
        &[unused, "--ignore", "suppression/unused", "a.md"],
    );
    assert_eq!(rules(&out), ["suppression/unknown-rule"], "{out}");

    // `[rules]` turns one off and changes the other's severity.
    let dir = project(
        "rulesets = [\"house\"]\n[rules]\n\"suppression/unused\" = \"off\"\n\
         \"suppression/unknown-rule\" = \"error\"\n",
    );
    article(dir.path(), "a.md", text);
    let (code, out) = check(dir.path(), &[unused, "a.md"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "a.md:1:23: error [suppression/unknown-rule] 'nosuch' is not a known rule or rule set.\n"
    );

    // And an override, for some files.
    let dir = project(
        "rulesets = [\"house\"]\n[[overrides]]\nfiles = [\"features\"]\n\
         rules = { suppression = \"off\" }\n",
    );
    article(dir.path(), "features/a.md", text);
    article(dir.path(), "news/a.md", text);
    let (_, out) = check(dir.path(), &[unused, "."]);
    assert_eq!(
        rules(&out),
        ["suppression/unknown-rule", "suppression/unused"],
        "{out}"
    );
    assert!(out.starts_with("news/a.md"), "{out}");
}

#[test]
fn suppression_warnings_are_explained_and_listed_like_rules() {
    let dir = project("rulesets = [\"house\"]\n");
    let run = |args: &[&str]| {
        let output = Command::new(get_cargo_bin("copydesk"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let explained = run(&["explain", "suppression/unknown-rule"]);
    assert!(
        explained.starts_with("# suppression/unknown-rule\n\n*A suppression rule; warning by default; from the built-in set `suppression`.*"),
        "{explained}"
    );
    assert!(
        explained.contains("warning = \"unknown-rule\""),
        "{explained}"
    );
    let listed = run(&["rules"]);
    assert!(listed.contains("suppression/unknown-rule"), "{listed}");
    assert!(listed.contains("suppression/unused"), "{listed}");
}
