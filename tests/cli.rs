//! The command as a user runs it: snapshots of every output format, exit codes, and errors.

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `copydesk` run from the fixtures folder, with no configuration, no colour, fixed width.
fn copydesk() -> Command {
    let mut cmd = Command::new(get_cargo_bin("copydesk"));
    cmd.current_dir(fixtures())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Snapshot settings: the elapsed time in the summary changes from run to run.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\(\d+\.\d+s\)", "(TIME)");
    settings
}

/// A temporary folder holding a `copydesk.toml` with `config`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), config).unwrap();
    dir
}

#[test]
fn human_output() {
    settings().bind(|| {
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--color",
            "never",
            "articles"
        ]));
    });
}

#[test]
fn short_output() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "short",
        "articles"
    ]));
}

#[test]
fn json_output() {
    assert_cmd_snapshot!(copydesk().args(["check", "--no-config", "--format", "json", "articles"]));
}

#[test]
fn exit_0_when_nothing_reaches_the_threshold() {
    let status = copydesk()
        .args(["check", "--no-config", "articles/clean.txt"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    // Warnings do not fail a run by default...
    let status = copydesk()
        .args([
            "check",
            "--no-config",
            "-q",
            "--select",
            "dates,attribution/anonymous-source",
            "articles/findings.txt",
        ])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    // ...nor with --fail-on never.
    let status = copydesk()
        .args([
            "check",
            "--no-config",
            "--fail-on",
            "never",
            "--rules",
            "rules/extra.toml",
            "articles",
        ])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_1_when_findings_reach_the_threshold() {
    let status = copydesk()
        .args([
            "check",
            "--no-config",
            "--fail-on",
            "warning",
            "-q",
            "articles/findings.txt",
        ])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let status = copydesk()
        .args([
            "check",
            "--no-config",
            "--rules",
            "rules/extra.toml",
            "-q",
            "articles",
        ])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn select_and_ignore() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "short",
        "--select",
        "house/wordy,house/cliche",
        "--ignore",
        "house/cliche",
        "articles"
    ]));
}

#[test]
fn an_unknown_select_is_a_usage_error() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--select",
        "house/wordie",
        "articles"
    ]));
}

#[test]
fn a_misspelt_key_in_a_rule_file_is_shown_in_the_toml() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--rules",
        "rules/broken.toml",
        "articles"
    ]));
}

#[test]
fn invalid_regexes_and_unknown_fragments_are_shown_in_the_toml() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--rules",
        "rules/bad-regex.toml",
        "articles"
    ]));
}

#[test]
fn a_non_utf8_article_is_reported_and_the_others_still_checked() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "short",
        "latin1.txt",
        "articles/findings.txt"
    ]));
}

#[test]
fn missing_paths_and_unsupported_files_are_errors() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "short",
        "nowhere.txt",
        "rules/extra.toml",
        "articles/clean.txt"
    ]));
}

#[test]
fn rules_lists_the_active_rules() {
    assert_cmd_snapshot!(copydesk().args(["rules", "--no-config", "--rules", "rules/extra.toml"]));
}

#[test]
fn test_runs_the_examples_of_the_builtin_rules() {
    assert_cmd_snapshot!(copydesk().args(["test", "--no-config"]));
}

#[test]
fn a_config_file_sets_severities_turns_rules_off_and_excludes_files() {
    let dir = project(
        "rulesets = [\"default\", \"house\", \"rules/extra.toml\"]\nfail_on = \"warning\"\nexclude = [\"archive\"]\n\n[rules]\n\"house/wordy\" = \"off\"\n\"house/repeated-word\" = \"error\"\n",
    );
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::copy(
        fixtures().join("rules/extra.toml"),
        dir.path().join("rules/extra.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("desk/archive")).unwrap();
    std::fs::copy(
        fixtures().join("articles/findings.txt"),
        dir.path().join("desk/story.txt"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("articles/findings.txt"),
        dir.path().join("desk/archive/old.txt"),
    )
    .unwrap();
    let nested = dir.path().join("desk");
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(&nested)
        .args(["check", "--format", "short", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("story.txt:1:36: error [house/repeated-word]"),
        "{stdout}"
    );
    assert!(stdout.contains("[extra/minister]"), "{stdout}");
    assert!(!stdout.contains("house/wordy"), "{stdout}");
    assert!(!stdout.contains("archive"), "{stdout}");
}

#[test]
fn force_exclude_applies_exclude_globs_to_named_files_and_stdin() {
    let dir = project("exclude = [\"archive\"]\n");
    std::fs::create_dir_all(dir.path().join("archive/2019")).unwrap();
    let old = dir.path().join("archive/2019/old.txt");
    std::fs::copy(fixtures().join("articles/findings.txt"), &old).unwrap();
    let run = |args: &[&str]| {
        Command::new(get_cargo_bin("copydesk"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    // Named explicitly, an excluded file is still checked...
    let plain = run(&["check", "--format", "short", "archive/2019/old.txt"]);
    assert_eq!(plain.status.code(), Some(1));
    // ...unless exclusion is forced, as the pre-commit hook does.
    let forced = run(&[
        "check",
        "--force-exclude",
        "--format",
        "short",
        "archive/2019/old.txt",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(forced.stdout.is_empty());
    // Standard input named into an excluded folder passes through --fix untouched.
    let mut child = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args([
            "check",
            "--force-exclude",
            "--fix",
            "--stdin-filename",
            "archive/new.txt",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let article = std::fs::read_to_string(&old).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(article.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), article);
}

#[test]
fn max_warnings_fails_a_run_with_too_many_warnings_even_without_errors() {
    // findings.md has one warning and no error.
    let run = |max: &str| {
        copydesk()
            .args([
                "check",
                "--no-config",
                "--format",
                "short",
                "--max-warnings",
                max,
                "articles/findings.md",
            ])
            .output()
            .unwrap()
    };
    assert_eq!(run("1").status.code(), Some(0));
    let over = run("0");
    assert_eq!(over.status.code(), Some(1));
    let stderr = String::from_utf8(over.stderr).unwrap();
    assert!(
        stderr.contains("1 warning found; --max-warnings allows 0"),
        "{stderr}"
    );
}

#[test]
fn a_fixed_article_that_cannot_be_written_to_standard_output_is_an_error() {
    use std::io::Write;
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = copydesk()
        .args(["check", "--no-config", "--fix", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The the cat sat.\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the fixed"), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_does_not_hide_the_findings_from_the_exit_status() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    // Far more report than a pipe holds (64 KiB), so the writer does meet the closed pipe.
    for i in 0..3000 {
        std::fs::write(dir.path().join(format!("{i:04}.txt")), "Sources said it.\n").unwrap();
    }
    let mut child = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--fail-on",
            "warning",
            ".",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn excluded_standard_input_still_gives_a_well_formed_empty_report() {
    let dir = project("exclude = [\"archive\"]\n");
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args([
            "check",
            "--force-exclude",
            "--stdin-filename",
            "archive/x.md",
            "--format",
            "sarif",
            "-",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
    // Mixing `-` with paths is refused whether or not the name is excluded.
    let mixed = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args([
            "check",
            "--force-exclude",
            "--stdin-filename",
            "archive/x.md",
            "-",
            "other.md",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(mixed.status.code(), Some(2));
}

/// Flags that only mean something beside another were silently accepted, so a script that
/// left out `--fix` or `-` believed it had fixed or checked what it had not.
#[test]
fn flags_that_need_another_are_usage_errors() {
    let unsafe_alone = copydesk()
        .args(["check", "--no-config", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    assert_eq!(unsafe_alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unsafe_alone.stderr).contains("--fix|--diff"));

    let name_alone = copydesk()
        .args(["check", "--no-config", "--stdin-filename", "story.md", "."])
        .output()
        .unwrap();
    assert_eq!(name_alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&name_alone.stderr).contains("no `-` was given"));
    assert!(name_alone.stdout.is_empty(), "nothing was checked");
}
