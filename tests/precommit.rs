//! copydesk as a pre-commit hook, end to end: the real `pre-commit` tool (pinned, installed by
//! `scripts/test-tools.sh` into `target/test-tools/venv`) installs the hook declared in
//! `.pre-commit-hooks.yaml` into a scratch git repository, builds copydesk with `cargo install`
//! as any newsroom's machine would, and `git commit` is refused or accepted.
//!
//! pre-commit clones this repository at the sha of its HEAD, so this tests the COMMITTED hook
//! file and the COMMITTED sources, not the working tree: commit a change to
//! `.pre-commit-hooks.yaml` (or to the sources) before expecting this test to see it.
//!
//! The first run per HEAD builds copydesk in release mode through `cargo install` (minutes on a
//! small machine). The build is kept in `target/test-tools/hook-target`, and pre-commit's
//! environments in `target/test-tools/pre-commit-home`, so later runs reuse them.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// A headline, then a quotation that nobody said: `attribution/quote-needs-source`, an error.
const UNSOURCED: &str = "Council passes budget\n\n\
    Opposition councillors walked out before the vote. \
    \"This budget borrows from our children to pay for today's promises.\"\n";

/// A sourced, dated quotation: no finding at all.
const CLEAN: &str = "Council to publish figures\n\n\
    \"We will publish the figures on Monday,\" said Jane Smith, the council's leader, \
    on 3 March 2025.\n";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tools_dir() -> PathBuf {
    manifest_dir().join("target").join("test-tools")
}

/// Status, standard output and standard error, for failure messages.
fn describe(out: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Standard output then standard error, as one text to search.
fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run(cmd: &mut Command, what: &str) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("{what}: could not start {cmd:?}: {e}"))
}

/// Runs `cmd` and panics, showing everything it printed, unless it succeeds.
fn must(cmd: &mut Command, what: &str) -> Output {
    let out = run(cmd, what);
    assert!(
        out.status.success(),
        "{what} failed: {cmd:?}\n{}",
        describe(&out)
    );
    out
}

/// The scratch repository and the environment every command in it runs with: no system or
/// global git configuration (so no user's `core.hooksPath`, hooks or signing), no inherited
/// `GIT_*` or pre-commit variables, pre-commit's store and cargo's build folder kept under
/// `target/test-tools`. PATH is kept: pre-commit must find git and cargo.
struct Scratch {
    repo: tempfile::TempDir,
    _home: tempfile::TempDir,
    env: Vec<(String, PathBuf)>,
}

impl Scratch {
    fn new() -> Scratch {
        let repo = tempfile::tempdir().expect("temporary repository folder");
        let home = tempfile::tempdir().expect("temporary HOME");
        let real_home = std::env::var_os("HOME").map(PathBuf::from);
        let mut env: Vec<(String, PathBuf)> = vec![
            ("HOME".into(), home.path().to_path_buf()),
            ("XDG_CONFIG_HOME".into(), home.path().join(".config")),
            ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
            (
                "PRE_COMMIT_HOME".into(),
                tools_dir().join("pre-commit-home"),
            ),
            // pre-commit's `cargo install --path .` honours it: the release build of
            // copydesk's dependencies is reused from one run (and one HEAD) to the next.
            ("CARGO_TARGET_DIR".into(), tools_dir().join("hook-target")),
            ("PRE_COMMIT_COLOR".into(), "never".into()),
            ("NO_COLOR".into(), "1".into()),
        ];
        // With HOME moved, cargo and rustup would look for their homes in the scratch HOME:
        // no toolchain, no registry cache. Point them at the real ones.
        for (var, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
            let dir = std::env::var_os(var)
                .map(PathBuf::from)
                .or_else(|| real_home.as_ref().map(|h| h.join(default)));
            if let Some(dir) = dir.filter(|d| d.is_dir()) {
                env.push((var.into(), dir));
            }
        }
        let scratch = Scratch {
            repo,
            _home: home,
            env,
        };
        scratch.git(&["init", "-q", "-b", "main"], "git init");
        scratch.git(
            &["config", "user.name", "Copy Desk"],
            "git config user.name",
        );
        scratch.git(
            &["config", "user.email", "desk@example.org"],
            "git config user.email",
        );
        scratch.git(
            &["config", "commit.gpgsign", "false"],
            "git config commit.gpgsign",
        );
        let hooks_path = scratch
            .cmd("git", &["config", "--get", "core.hooksPath"])
            .output();
        let hooks_path = hooks_path.expect("git config --get core.hooksPath");
        assert!(
            !hooks_path.status.success(),
            "core.hooksPath is set in the scratch repository; pre-commit would refuse to install:\n{}",
            describe(&hooks_path)
        );
        scratch
    }

    fn path(&self) -> &Path {
        self.repo.path()
    }

    /// A command run in the scratch repository with the scratch environment.
    fn cmd<S: AsRef<OsStr>>(&self, program: impl AsRef<OsStr>, args: &[S]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args).current_dir(self.path());
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("GIT_") || key.starts_with("PRE_COMMIT") || key == "SKIP" {
                cmd.env_remove(&*key);
            }
        }
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd
    }

    fn git(&self, args: &[&str], what: &str) -> Output {
        must(&mut self.cmd("git", args), what)
    }

    fn write(&self, name: &str, contents: &str) {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }

    /// `git commit`, whose pre-commit hook runs copydesk; the output is returned either way.
    fn commit(&self, message: &str) -> Output {
        run(
            &mut self.cmd("git", &["commit", "-m", message]),
            "git commit",
        )
    }

    /// The subjects of the commits on the current branch, newest first; empty before the
    /// first commit.
    fn log(&self) -> Vec<String> {
        let head = run(
            &mut self.cmd("git", &["rev-parse", "--verify", "-q", "HEAD"]),
            "git rev-parse HEAD",
        );
        if !head.status.success() {
            return Vec::new();
        }
        let out = self.git(&["log", "--format=%s"], "git log");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect()
    }

    /// The files in the last commit.
    fn committed_files(&self) -> Vec<String> {
        let out = self.git(
            &["show", "--name-only", "--format=", "HEAD"],
            "git show --name-only HEAD",
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect()
    }
}

/// Runs `scripts/test-tools.sh`; returns the virtualenv's pre-commit.
fn pre_commit_tool() -> PathBuf {
    let script = manifest_dir().join("scripts").join("test-tools.sh");
    let out = run(
        Command::new("bash")
            .arg(&script)
            .current_dir(manifest_dir()),
        "scripts/test-tools.sh",
    );
    assert!(
        out.status.success(),
        "scripts/test-tools.sh could not provide pre-commit (it needs python3 with venv and pip, \
         and access to PyPI); this test does not skip without it:\n{}",
        describe(&out)
    );
    eprint!("{}", String::from_utf8_lossy(&out.stdout));
    let tool = tools_dir().join("venv").join("bin").join("pre-commit");
    assert!(
        tool.is_file(),
        "scripts/test-tools.sh succeeded but {} does not exist",
        tool.display()
    );
    tool
}

/// The sha of this repository's HEAD, after checking that the commit has the hook file.
fn head_with_hook() -> String {
    let root = manifest_dir();
    let out = must(
        Command::new("git")
            .args(["rev-parse", "--verify", "HEAD"])
            .current_dir(&root),
        "git rev-parse HEAD in the copydesk repository",
    );
    let sha = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let committed = run(
        Command::new("git")
            .args(["show", "HEAD:.pre-commit-hooks.yaml"])
            .current_dir(&root),
        "git show HEAD:.pre-commit-hooks.yaml",
    );
    assert!(
        committed.status.success(),
        "HEAD ({sha}) has no .pre-commit-hooks.yaml; pre-commit clones the repository at HEAD, \
         so the hook file must be committed before this test can run:\n{}",
        describe(&committed)
    );
    let on_disk = std::fs::read(root.join(".pre-commit-hooks.yaml")).unwrap_or_default();
    if on_disk != committed.stdout {
        eprintln!(
            "note: .pre-commit-hooks.yaml differs from HEAD ({sha}); this test checks the \
             committed version"
        );
    }
    sha
}

#[test]
fn pre_commit_hook_refuses_bad_articles_and_accepts_clean_ones() {
    let started = Instant::now();
    // The articles themselves, checked by the binary this test was built with, so a change of
    // rules shows up here rather than as a puzzling commit result below.
    let articles = tempfile::tempdir().unwrap();
    for (name, contents, clean) in [
        ("unsourced.txt", UNSOURCED, false),
        ("clean.txt", CLEAN, true),
    ] {
        let path = articles.path().join(name);
        std::fs::write(&path, contents).unwrap();
        let out = run(
            Command::new(env!("CARGO_BIN_EXE_copydesk"))
                .args(["check", "--no-config", "--color", "never"])
                .arg(&path)
                .current_dir(articles.path()),
            "copydesk check",
        );
        let has_error = out.status.code() == Some(1);
        assert!(
            out.status.code() == Some(0) || has_error,
            "copydesk check {name}: {}",
            describe(&out)
        );
        assert_eq!(
            has_error,
            !clean,
            "copydesk check {name} should {} fail:\n{}",
            if clean { "not" } else { "" },
            describe(&out)
        );
        if !clean {
            assert!(
                text(&out).contains("attribution/quote-needs-source"),
                "{}",
                describe(&out)
            );
        }
    }

    let pre_commit = pre_commit_tool();
    let sha = head_with_hook();
    let scratch = Scratch::new();
    // `repo:` is a local path, so pre-commit clones this very repository at `rev:`.
    scratch.write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: '{}'\n    rev: {sha}\n    hooks:\n      - id: copydesk\n",
            manifest_dir().display()
        ),
    );
    must(
        &mut scratch.cmd(&pre_commit, &["--version"]),
        "pre-commit --version",
    );
    // --install-hooks builds the hook's environment now (cargo install, the slow part), so a
    // build failure is reported as such rather than as a refused commit.
    let building = Instant::now();
    let install = must(
        &mut scratch.cmd(&pre_commit, &["install", "--install-hooks"]),
        "pre-commit install --install-hooks (clones copydesk at HEAD and runs cargo install)",
    );
    eprintln!(
        "pre-commit install --install-hooks: {:.1?}\n{}",
        building.elapsed(),
        text(&install).trim_end()
    );

    // Case 1: an article with an unsourced quotation is refused, and nothing is committed.
    scratch.write("story.txt", UNSOURCED);
    scratch.git(&["add", "story.txt"], "git add story.txt");
    let refused = scratch.commit("Add the budget story");
    let output = text(&refused);
    assert!(
        !refused.status.success(),
        "the commit of an unsourced quotation should fail:\n{}",
        describe(&refused)
    );
    assert!(
        output.contains("attribution/quote-needs-source") && output.contains("story.txt"),
        "the refused commit should name the rule and the file:\n{}",
        describe(&refused)
    );
    assert!(
        scratch.log().is_empty(),
        "a commit was created after all: {:?}",
        scratch.log()
    );

    // Case 2: unstage and remove it; a clean article is committed.
    scratch.git(
        &["rm", "-q", "--cached", "story.txt"],
        "git rm --cached story.txt",
    );
    std::fs::remove_file(scratch.path().join("story.txt")).unwrap();
    scratch.write("figures.txt", CLEAN);
    scratch.git(&["add", "figures.txt"], "git add figures.txt");
    let accepted = scratch.commit("Add the figures story");
    assert!(
        accepted.status.success(),
        "the commit of a clean article should succeed:\n{}",
        describe(&accepted)
    );
    assert!(
        text(&accepted).contains("Passed"),
        "the hook should have run on figures.txt (not been skipped):\n{}",
        describe(&accepted)
    );
    assert_eq!(scratch.log(), ["Add the figures story"]);

    // Case 3: the bad article sits untracked in the working tree; only the staged clean one is
    // passed to the hook, so the commit succeeds and the bad article is left alone.
    scratch.write("story.txt", UNSOURCED);
    scratch.write("followup.md", CLEAN);
    scratch.git(&["add", "followup.md"], "git add followup.md");
    let accepted = scratch.commit("Add the follow-up");
    assert!(
        accepted.status.success(),
        "an untracked bad article should not block the commit of a clean one:\n{}",
        describe(&accepted)
    );
    assert!(
        text(&accepted).contains("Passed"),
        "the hook should have run on followup.md:\n{}",
        describe(&accepted)
    );
    assert_eq!(
        scratch.log(),
        ["Add the follow-up", "Add the figures story"]
    );
    assert_eq!(scratch.committed_files(), ["followup.md"]);
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("story.txt")).unwrap(),
        UNSOURCED,
        "the untracked article was changed"
    );

    // Case 4: the project's copydesk.toml, found at the repository root, excludes `archive`;
    // with --force-exclude that holds for staged files too, so an archived bad article does
    // not block the commit.
    scratch.write("copydesk.toml", "exclude = [\"archive\"]\n");
    scratch.write("archive/old-story.txt", UNSOURCED);
    scratch.git(
        &["add", "copydesk.toml", "archive/old-story.txt"],
        "git add copydesk.toml archive/old-story.txt",
    );
    let accepted = scratch.commit("Archive the old story");
    assert!(
        accepted.status.success(),
        "a staged article under an excluded folder should not block the commit:\n{}",
        describe(&accepted)
    );
    assert_eq!(scratch.log().len(), 3);

    // Environments of HEADs tested earlier are no longer used by any configuration: remove
    // them (this run's configuration still exists, so its environment is kept).
    must(&mut scratch.cmd(&pre_commit, &["gc"]), "pre-commit gc");
    eprintln!("pre-commit test: {:.1?} in all", started.elapsed());
}
