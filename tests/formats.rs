//! The machine formats (SARIF, GitHub workflow commands, Checkstyle): snapshots, SARIF validated
//! against the official SARIF 2.1.0 schema, and well-formed output for hostile article text.

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

fn copydesk() -> Command {
    let mut cmd = Command::new(get_cargo_bin("copydesk"));
    cmd.current_dir(fixtures())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    cmd
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // The working directory and version differ between machines and releases.
    settings.add_filter(
        r#""file://[^"]*/tests/fixtures/""#,
        r#""file://[FIXTURES]/""#,
    );
    settings.add_filter(
        r#""(version|semanticVersion)": "\d+\.\d+\.\d+[^"]*""#,
        r#""$1": "[VERSION]""#,
    );
    settings
}

#[test]
fn sarif_output() {
    settings().bind(|| {
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--format",
            "sarif",
            "articles"
        ]));
    });
}

#[test]
fn github_output() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "github",
        "articles"
    ]));
}

#[test]
fn checkstyle_output() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "checkstyle",
        "articles"
    ]));
}

#[test]
fn gitlab_output() {
    assert_cmd_snapshot!(copydesk().args([
        "check",
        "--no-config",
        "--format",
        "gitlab",
        "articles"
    ]));
}

#[test]
fn gitlab_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let run = |text: &str| {
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let output = Command::new(get_cargo_bin("copydesk"))
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", "gitlab", "a.txt"])
            .output()
            .unwrap();
        let issues: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = run("Sources said it. Sources said it again.\n");
    let after = run("A new first line.\n\nSources said it. Sources said it again.\n");
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    assert_eq!(before, after);
}

#[test]
fn unreadable_files_appear_in_every_machine_format() {
    settings().bind(|| {
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--format",
            "sarif",
            "latin1.txt"
        ]));
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--format",
            "github",
            "latin1.txt"
        ]));
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--format",
            "checkstyle",
            "latin1.txt"
        ]));
        assert_cmd_snapshot!(copydesk().args([
            "check",
            "--no-config",
            "--format",
            "gitlab",
            "latin1.txt"
        ]));
    });
}

#[test]
fn github_summary_warns_when_annotations_will_be_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Sources said it. ".repeat(12);
    std::fs::write(dir.path().join("many.txt"), article).unwrap();
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "github", "many.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.matches("::warning file=many.txt,").count(), 12);
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("copydesk: 0 errors, 12 warnings"),
        "{last}"
    );
    assert!(last.contains("GitHub shows only 10 annotations"), "{last}");
}

/// The Python tools the validation tests use (pinned, in a virtualenv under target/).
fn python() -> PathBuf {
    let setup = Command::new("bash")
        .arg(root().join("scripts/test-tools.sh"))
        .output()
        .expect("bash runs scripts/test-tools.sh");
    assert!(
        setup.status.success(),
        "scripts/test-tools.sh failed (it needs python3 and PyPI):\n{}{}",
        String::from_utf8_lossy(&setup.stdout),
        String::from_utf8_lossy(&setup.stderr)
    );
    root().join("target/test-tools/venv/bin/python")
}

/// Runs `script` with the test Python, `args` after it; panics with its output on failure.
fn run_python(script: &str, args: &[&Path]) {
    let output = Command::new(python())
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

const VALIDATE_SARIF: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
for e in errors:
    print("/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)
"#;

const PARSE_XML: &str = r#"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "checkstyle", root.tag
errors = root.findall("./file/error")
assert errors, "no <error> elements"
for e in errors:
    assert e.get("message") and e.get("source"), e.attrib
print(len(errors), "errors")
"#;

fn check(args: &[&str]) -> Output {
    copydesk().args(args).output().unwrap()
}

fn save(dir: &Path, name: &str, output: &Output) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schema = root().join("tests/data/sarif-schema-2.1.0.json");
    // Findings (with fixes), hostile text, and a file that cannot be read.
    let outputs = [
        check(&["check", "--no-config", "--format", "sarif", "articles"]),
        check(&[
            "check",
            "--no-config",
            "--rules",
            "hostile/echo.toml",
            "--format",
            "sarif",
            "hostile",
            "latin1.txt",
        ]),
    ];
    for (i, output) in outputs.iter().enumerate() {
        assert!(!output.stdout.is_empty());
        let log = save(dir.path(), &format!("log{i}.sarif"), output);
        run_python(VALIDATE_SARIF, &[&schema, &log]);
    }
}

#[test]
fn hostile_text_keeps_every_machine_format_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let args = |format| {
        check(&[
            "check",
            "--no-config",
            "--rules",
            "hostile/echo.toml",
            "--format",
            format,
            "hostile",
        ])
    };
    // Checkstyle parses as XML, with every finding's message.
    let xml = save(dir.path(), "checkstyle.xml", &args("checkstyle"));
    run_python(PARSE_XML, &[&xml]);
    // JSON, SARIF and GitLab's JSON parse back.
    for format in ["json", "sarif", "gitlab"] {
        let output = args(format);
        serde_json::from_slice::<serde_json::Value>(&output.stdout)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
    }
    // GitHub: one command a line, no control characters, properties escaped.
    let output = args("github");
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 5, "{text}");
    for line in &lines[..lines.len() - 1] {
        assert!(line.starts_with("::"), "{line:?}");
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
        let (properties, _) = line[2..].split_once("::").unwrap();
        let (_, properties) = properties.split_once(' ').unwrap();
        for property in properties.split(',') {
            let (_, value) = property.split_once('=').unwrap();
            assert!(!value.contains(':'), "{line:?}");
        }
    }
    assert!(text.contains("100%25 sure"), "{text}");
}
