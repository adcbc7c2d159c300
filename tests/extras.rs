//! The commands around checking: explain, init, completions, man and schema, and the files
//! generated from the code (schemas, the built-in rules reference) kept equal to it.

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copydesk(dir: &Path) -> Command {
    let mut cmd = Command::new(get_cargo_bin("copydesk"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A generated file must equal what the code generates now; regenerate with the command shown.
fn assert_generated(path: &str, args: &[&str]) {
    let output = copydesk(root()).args(args).output().unwrap();
    assert!(output.status.success());
    let committed = std::fs::read_to_string(root().join(path)).unwrap_or_default();
    assert!(
        committed == stdout(&output),
        "{path} is out of date: run `cargo run -- {} > {path}`",
        args.join(" ")
    );
}

#[test]
fn committed_schemas_equal_the_generated_ones() {
    assert_generated("schemas/ruleset.schema.json", &["schema", "ruleset"]);
    assert_generated("schemas/config.schema.json", &["schema", "config"]);
}

#[test]
fn the_builtin_rules_reference_equals_explain() {
    assert_generated("docs/builtin-rules.md", &["explain", "--builtin-reference"]);
}

#[test]
fn every_builtin_rule_file_names_its_schema_and_validates_against_it() {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        // `rules/words/` holds the word lists the analysis reads, not rule sets.
        if path.is_dir() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#:schema ../schemas/ruleset.schema.json\n"),
            "{} does not start with its #:schema line",
            path.display()
        );
        files.push(path);
    }
    assert!(files.len() >= 6);
    let starter = root().join("src/cli/starter");
    validate("schemas/ruleset.schema.json", &files, true);
    validate(
        "schemas/ruleset.schema.json",
        &[starter.join("style.toml")],
        true,
    );
    validate(
        "schemas/config.schema.json",
        &[starter.join("copydesk.toml")],
        true,
    );
    // And the schema rejects what the loader rejects: a misspelt key.
    validate(
        "schemas/ruleset.schema.json",
        &[root().join("tests/fixtures/rules/broken.toml")],
        false,
    );
}

/// Validates TOML `files` against `schema` with the pinned Python jsonschema.
fn validate(schema: &str, files: &[PathBuf], valid: bool) {
    let setup = Command::new("bash")
        .arg(root().join("scripts/test-tools.sh"))
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let script = r#"
import json, sys, tomllib, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
bad = 0
for path in sys.argv[2:]:
    for e in validator.iter_errors(tomllib.load(open(path, "rb"))):
        print(path, "/".join(map(str, e.path)), e.message)
        bad += 1
sys.exit(1 if bad else 0)
"#;
    let output = Command::new(root().join("target/test-tools/venv/bin/python"))
        .arg("-c")
        .arg(script)
        .arg(root().join(schema))
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        output.status.success(),
        valid,
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn explain_a_rule() {
    assert_cmd_snapshot!(copydesk(root()).args(["explain", "--no-config", "dates/relative-date"]));
}

#[test]
fn explain_a_rule_set_a_kind_and_a_suppression_warning() {
    let set = copydesk(root())
        .args(["explain", "--no-config", "legal"])
        .output()
        .unwrap();
    assert!(stdout(&set).contains("legal/legal-notice"));
    let kind = copydesk(root())
        .args(["explain", "substitution"])
        .output()
        .unwrap();
    assert!(stdout(&kind).starts_with("# substitution"));
    let meta = copydesk(root())
        .args(["explain", "suppression/unused"])
        .output()
        .unwrap();
    assert!(stdout(&meta).contains("--report-unused-suppressions"));
    // A set that is not configured is still explained.
    let ap = copydesk(root())
        .args(["explain", "--no-config", "ap/spelling"])
        .output()
        .unwrap();
    assert!(ap.status.success());
}

#[test]
fn explain_an_unknown_name_suggests_the_nearest() {
    let output = copydesk(root())
        .args(["explain", "--no-config", "atribution/quote-needs-source"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("did you mean `attribution/quote-needs-source`?"),
        "{stderr}"
    );
}

#[test]
fn init_writes_a_working_setup_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let first = copydesk(dir.path()).arg("init").output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    for file in [
        "copydesk.toml",
        "copydesk.schema.json",
        "rules/style.toml",
        "rules/ruleset.schema.json",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    // The starter rules' own examples pass, and a check uses them.
    let test = copydesk(dir.path()).arg("test").output().unwrap();
    assert!(test.status.success(), "{}", stdout(&test));
    std::fs::write(
        dir.path().join("story.txt"),
        "Headline\n\nThe minister slammed the plan in an e-mail on Monday.\n",
    )
    .unwrap();
    let check = copydesk(dir.path())
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let found = stdout(&check);
    assert!(found.contains("[style/banned-phrase]"), "{found}");
    assert!(found.contains("[style/spelling]"), "{found}");
    // A second init refuses, and changes nothing.
    std::fs::write(dir.path().join("copydesk.toml"), "# mine\n").unwrap();
    std::fs::remove_file(dir.path().join("rules/style.toml")).unwrap();
    let second = copydesk(dir.path()).arg("init").output().unwrap();
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("copydesk.toml already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("rules/style.toml").exists());
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = copydesk(root())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        for word in ["copydesk", "explain", "max-warnings"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        // Shells that complete values offer the formats.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                script.contains("sarif"),
                "{shell} does not offer --format values"
            );
        }
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.bash");
    let output = copydesk(root())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    std::fs::write(&path, &output.stdout).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
}

#[test]
fn man_pages_from_the_command_definitions() {
    let page = stdout(&copydesk(root()).arg("man").output().unwrap());
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH copydesk 1"), "{page}");
    assert!(page.contains("copydesk\\-check"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let output = copydesk(root())
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let check = std::fs::read_to_string(dir.path().join("copydesk-check.1")).unwrap();
    assert!(check.contains("\\-\\-fail\\-on"), "{check}");
    assert!(check.contains("\\-\\-report\\-unused\\-suppressions"));
}
