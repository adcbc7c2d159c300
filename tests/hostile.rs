//! Hostile input: each case ends with the expected exit code and message, and nothing panics
//! (a panic would exit 101) or hangs.

use insta_cmd::get_cargo_bin;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--no-config"])
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// (file name, contents, arguments after the file, expected exit code, text the output holds)
type Case = (&'static str, Vec<u8>, i32, &'static str);

fn cases() -> Vec<Case> {
    let deep_quotes: String = "> ".repeat(10_000) + "deep\n";
    let deep_list: String = (0..10_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i % 400)))
        .collect();
    // Time expressions and their near misses, for the recogniser every date rule reads: a
    // megabyte paragraph without punctuation, and one sentence of 10,000 tokens.
    let time_flood = "yesterday last friday the next week of may 2008 on the 28th floor 3 p m a \
                      Christmas strike told Today 11/28 1998-99 for the past "
        .repeat(8_000);
    let time_sentence =
        "On Friday, Nov. 28, 2026 in the 89th minute at the time ".repeat(833) + ".";
    vec![
        ("empty.txt", Vec::new(), 0, ""),
        ("time-flood.txt", time_flood.into_bytes(), 0, "relative-date"),
        (
            "time-sentence.txt",
            time_sentence.into_bytes(),
            0,
            "weekday-mismatch",
        ),
        ("blank.md", b"\n\n   \r\n".to_vec(), 0, ""),
        (
            "latin1.txt",
            b"Price \xa3600m\n".to_vec(),
            2,
            "invalid byte at offset 6",
        ),
        (
            "binary.txt",
            b"GIF89a\0\0\x01".to_vec(),
            2,
            "is a binary file",
        ),
        (
            "cr-only.txt",
            b"Head\r\rThey met. He said \"the the end\".\r".to_vec(),
            0,
            "",
        ),
        (
            "nul-late.txt",
            [vec![b'a'; 9000], b"\0 the the end".to_vec()].concat(),
            0,
            "written twice",
        ),
        (
            "quotes.txt",
            "\"“”„«»'‘’ ".repeat(20_000).into_bytes(),
            0,
            "",
        ),
        ("deep.md", deep_quotes.into_bytes(), 0, ""),
        (
            // Thousands of directives, half naming junk, the last unterminated.
            "suppressions.md",
            ("<!-- copydesk-disable-next-line hygiene -->\nthe the end <!-- copydesk-disable x,,y -->\n<!-- copydesk-enable -->\n"
                .repeat(5_000)
                + "<!-- copydesk-disable unterminated")
                .into_bytes(),
            0,
            "suppression/unknown-rule",
        ),
        ("list.md", deep_list.into_bytes(), 0, ""),
        (
            "long-line.txt",
            "word and the the word, \"quoted words here\" "
                .repeat(20_000)
                .into_bytes(),
            0,
            "written twice",
        ),
        // The sentence analysis the event rule reads: bounded work per sentence.
        (
            "long-sentence.txt",
            ("The minister has not been expected to have met officials and "
                .repeat(1_000)
                + "resigned.")
                .into_bytes(),
            0,
            "",
        ),
        (
            "unpunctuated.txt",
            "police arrested the man who said he was told they had met "
                .repeat(1_048_576 / 58 + 1)
                .into_bytes(),
            0,
            "",
        ),
        (
            "nested-quotes.txt",
            ("He said \"".repeat(100) + "they met" + &"\"".repeat(100) + ".").into_bytes(),
            0,
            "",
        ),
        (
            "escapes.txt",
            b"Head\n\nIt was the the end \x1b[2J\x1b]0;owned\x07 of it.\n".to_vec(),
            0,
            "written twice",
        ),
    ]
}

#[test]
fn hostile_articles_are_reported_never_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, contents, code, expected) in cases() {
        std::fs::write(dir.path().join(name), contents).unwrap();
        let output = run(
            dir.path(),
            &["--fail-on", "never", "--format", "short", name],
        );
        let out = text(&output);
        if output.status.code() != Some(code) || !out.contains(expected) {
            failures.push(format!(
                "{name}: exit {:?}, output {:.300}",
                output.status.code(),
                out
            ));
        }
        if out.contains('\u{1b}') {
            failures.push(format!("{name}: an escape character reached the terminal"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_human_report_stays_in_proportion_on_a_very_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = "word and the the word, \"quoted words here\" ".repeat(2_000);
    std::fs::write(dir.path().join("line.txt"), &line).unwrap();
    let output = run(
        dir.path(),
        &["--fail-on", "never", "--color", "never", "line.txt"],
    );
    assert_eq!(text(&output).matches("written twice").count(), 2_000);
    let findings = text(&output).matches("╭─[").count();
    // Each finding shows a window of the line, not all 90 KB of it.
    assert!(
        output.stdout.len() < findings * 1_500,
        "{} bytes",
        output.stdout.len()
    );
    // Escape sequences in the article are shown defused.
    std::fs::write(
        dir.path().join("esc.txt"),
        "Head\n\nIt was the the end \x1b[2J of it.\n",
    )
    .unwrap();
    let output = run(dir.path(), &["--color", "never", "esc.txt"]);
    assert!(
        text(&output).contains("the the end ?[2J of it"),
        "{}",
        text(&output)
    );
}

#[test]
fn a_binary_file_in_a_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.txt"), b"\x89PNG\0\0").unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "Head\n\nThey met on Monday.\n",
    )
    .unwrap();
    let output = run(dir.path(), &["."]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("note: skipped binary file image.txt"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_odd_file_names_do_not_stop_the_run() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a/loop")).unwrap();
    std::fs::write(
        dir.path().join("a/story.txt"),
        "Head\n\nThe the end came on Monday.\n",
    )
    .unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9\x1b[31m.txt");
    std::fs::write(dir.path().join(odd), "Head\n\nThey met on Monday.\n").unwrap();
    let output = run(dir.path(), &["--format", "short", "."]);
    let out = text(&output);
    assert_ne!(output.status.code(), Some(101), "{out}");
    assert!(out.contains("a/story.txt:3:1"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn a_regex_too_large_to_compile_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("huge.toml"),
        "[ruleset]\nname = \"huge\"\n[[pattern]]\nid = \"big\"\nmessage = \"m\"\npatterns = ['(?:\\w{50}\\s?){60}']\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    let output = run(dir.path(), &["--rules", "huge.toml", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("compiles to more than"),
        "{}",
        text(&output)
    );
}

#[test]
fn a_rule_set_of_10_001_rules_is_refused_before_it_is_compiled() {
    let dir = tempfile::tempdir().unwrap();
    let mut rules = String::from("[ruleset]\nname = \"big\"\n");
    // One rule over the cap: a much larger file is refused for its size before it is parsed
    // (tests/gate.rs).
    for i in 0..10_001 {
        rules.push_str(&format!(
            "[[pattern]]\nid = \"r{i}\"\nmessage = \"m\"\nwords = [\"w{i}\"]\n"
        ));
    }
    std::fs::write(dir.path().join("big.toml"), rules).unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    let output = run(dir.path(), &["--rules", "big.toml", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("10001 rules; at most 10000"),
        "{}",
        text(&output)
    );
}

/// A path that cannot be read (here, one whose target is gone: what a file deleted during a
/// run looks like) is reported and the other files are still checked.
#[cfg(unix)]
#[test]
fn an_unreadable_or_vanished_path_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("vanished.txt")).unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "Head\n\nThe the end came on Monday.\n",
    )
    .unwrap();
    let output = run(
        dir.path(),
        &["--format", "short", "vanished.txt", "story.txt"],
    );
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("cannot read vanished.txt"), "{out}");
    assert!(out.contains("story.txt:3:1"), "{out}");
}

/// Runs copydesk so that file permissions apply: as the user `nobody` when the tests run as
/// root (root reads any file), else as the current user.
fn run_unprivileged(dir: &Path, args: &[&str]) -> Output {
    let bin = get_cargo_bin("copydesk");
    let mut cmd = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--no-config", "--format", "short"])
        .args(args)
        .output()
        .expect("copydesk runs (as root the test needs setpriv, from util-linux)")
}

fn running_as_root() -> bool {
    // The owner of a file this process just made is this process's user.
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

#[test]
fn unreadable_files_and_folders_are_reported_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // The user the run drops to must be able to reach the folder.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.path().join("story.txt"), "It was the the end.\n").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "It was the the end.\n").unwrap();
    std::fs::set_permissions(
        dir.path().join("secret.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("locked")).unwrap();
    std::fs::write(dir.path().join("locked/inner.txt"), "x\n").unwrap();
    std::fs::set_permissions(
        dir.path().join("locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let output = run_unprivileged(dir.path(), &["."]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(
        out.contains("story.txt:1:8: warning [hygiene/repeated-word]"),
        "{out}"
    );
    assert!(
        out.contains("secret.txt"),
        "the unreadable file is named: {out}"
    );
    assert!(
        out.contains("locked"),
        "the unreadable folder is named: {out}"
    );
    assert!(out.to_lowercase().contains("permission denied"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
}

/// Articles made to slow the sentence analysis down: it must stay linear in the input, with
/// bounded work per token (a quadratic step would take hours on these).
fn grammar_hostile_articles() -> Vec<(&'static str, String)> {
    let long_sentence =
        "the minister has not been expected to have met officials and ".repeat(1_000) + "resigned.";
    let unpunctuated =
        "police arrested the man who said he was told they had met ".repeat(1_048_576 / 58 + 1);
    let nested = "He said \"".repeat(100) + "they met" + &"\"".repeat(100) + ".";
    let verbs = "was been had has is are were being ".repeat(20_000);
    vec![
        ("a sentence of 10,000 tokens", long_sentence),
        ("1 MB with no punctuation", unpunctuated),
        ("100 nested quotations", nested),
        ("a run of auxiliaries", verbs),
    ]
}

#[test]
fn sentence_analysis_is_linear_on_hostile_articles() {
    use copydesk::document::{Document, Format};
    for (what, text) in grammar_hostile_articles() {
        let started = std::time::Instant::now();
        let doc = Document::parse(text.clone(), Format::Text);
        let analysis = doc.sentence_analysis();
        let tokens: usize = analysis.iter().map(|a| a.tokens.len()).sum();
        assert!(tokens > 0, "{what}");
        for a in analysis {
            assert!(a.verb_groups.len() <= a.tokens.len(), "{what}");
            assert!(a.noun_phrases.len() <= a.tokens.len(), "{what}");
        }
        let elapsed = started.elapsed();
        assert!(
            elapsed < std::time::Duration::from_secs(20),
            "{what}: {elapsed:?} for {} bytes",
            text.len()
        );
    }
}
