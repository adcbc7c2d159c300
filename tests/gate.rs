//! The gate: a run that checked nothing says so and fails, and only sane files are read (no
//! FIFOs, devices or endless files, no article or ignore file past its size limit), so a run
//! can neither pass nor hang by accident.

use insta_cmd::get_cargo_bin;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `copydesk ARGS` in `dir`, killing it after `limit`: a hang fails the test instead of
/// stopping the suite. The bound is generous (the cases take milliseconds); it is no timing
/// assertion, only a guard against waiting forever.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let limit = Duration::from_secs(60);
    let mut child = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The pipes are drained by threads, so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("copydesk {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// `copydesk check --no-config ARGS`.
fn check(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["check", "--no-config"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, contents).unwrap();
}

const CLEAN: &str = "Head\n\nThey met on Monday.\n";
const REPEATED: &str = "Head\n\nThe the end came on Monday.\n";

// 1. Empty runs.

#[test]
fn a_folder_with_no_article_fails_the_run_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/story.docx", "not an article format");
    write(dir.path(), "docs/notes.rtf", "nor this");
    let output = check(dir.path(), &["docs"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no article to check"), "{stderr}");
    assert!(stderr.contains("--allow-empty"), "{stderr}");

    let allowed = check(dir.path(), &["--allow-empty", "docs"]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed));
}

#[test]
fn an_empty_folder_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let output = check(dir.path(), &["empty"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("no article to check"));
}

#[test]
fn a_path_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(dir.path(), &["nowhere"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("cannot read nowhere"),
        "{}",
        text(&output)
    );
}

/// A pre-commit hook passes only files it has matched; when the configuration excludes every
/// one of them, there is nothing to do and the commit must go through.
#[test]
fn every_named_file_excluded_with_force_exclude_passes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copydesk.toml", "exclude = [\"archive\"]\n");
    write(dir.path(), "archive/old.txt", REPEATED);
    let output = run_in(dir.path(), &["check", "--force-exclude", "archive/old.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn files_skipped_for_their_extension_are_counted_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.txt", CLEAN);
    write(dir.path(), "photo.jpg", "jpeg");
    write(dir.path(), "layout.docx", "docx");
    let output = check(dir.path(), &["."]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(
        out.contains("No findings in 1 file") && out.contains("2 files skipped"),
        "{out}"
    );

    let json = check(dir.path(), &["--format", "json", "."]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["summary"]["files_skipped"], 2, "{value}");
}

// 2. Well-known files of a repository are not articles.

#[test]
fn readme_license_and_friends_are_skipped_in_folders_but_checked_when_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.txt", CLEAN);
    for name in [
        "README.md",
        "LICENSE.txt",
        "license.md",
        "COPYING.txt",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "CODE_OF_CONDUCT.md",
        "SECURITY.md",
        "AUTHORS.txt",
        "NOTICE.txt",
        "sub/Readme.markdown",
        "LICENSE-MIT.txt",
        "README_fr.md",
        "licence.txt",
    ] {
        write(
            dir.path(),
            name,
            "Head\n\nAll rights reserved. The the end.\n",
        );
    }
    // Stories whose names only begin with those words are articles.
    write(dir.path(), "security-council-vote.md", REPEATED);
    write(dir.path(), "authors-guild.txt", REPEATED);
    let output = check(dir.path(), &["--format", "short", "."]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(!out.contains("README") && !out.contains("LICENSE"), "{out}");
    assert!(out.contains("security-council-vote.md:3:1"), "{out}");
    assert!(out.contains("authors-guild.txt:3:1"), "{out}");

    let named = check(dir.path(), &["--format", "short", "README.md"]);
    assert_eq!(named.status.code(), Some(1), "{}", text(&named));
    assert!(text(&named).contains("README.md:3:"), "{}", text(&named));
}

// 3. `include` globs.

#[test]
fn include_globs_pick_the_files_of_a_walk_and_name_folders() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        "include = [\"articles\", \"*.md\"]\n",
    );
    write(dir.path(), "articles/a.txt", REPEATED);
    write(dir.path(), "articles/deep/b.txt", REPEATED);
    write(dir.path(), "notes/c.txt", REPEATED);
    write(dir.path(), "notes/d.md", REPEATED);
    let output = run_in(dir.path(), &["check", "--format", "short", "."]);
    let out = text(&output);
    assert!(out.contains("articles/a.txt:3:1"), "{out}");
    assert!(out.contains("articles/deep/b.txt:3:1"), "{out}");
    assert!(out.contains("notes/d.md:3:1"), "{out}");
    assert!(!out.contains("notes/c.txt"), "{out}");

    // Named on the command line, a file is checked whether or not an include glob matches it.
    let named = run_in(dir.path(), &["check", "--format", "short", "notes/c.txt"]);
    assert!(text(&named).contains("notes/c.txt:3:1"), "{}", text(&named));
}

#[test]
fn init_writes_include_with_the_usual_layouts() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let config = std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap();
    assert!(config.contains("# include = ["), "{config}");
    for layout in ["articles/", "content/", "_posts/"] {
        assert!(config.contains(layout), "{config}");
    }
}

// 4. Only sane files are read.

#[cfg(unix)]
#[test]
fn a_symlink_to_dev_zero_named_on_the_command_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.txt")).unwrap();
    write(dir.path(), "story.txt", REPEATED);
    let output = check(dir.path(), &["--format", "short", "z.txt", "story.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("z.txt is not a regular file"), "{out}");
    assert!(out.contains("story.txt:3:1"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let output = check(dir.path(), &["pipe.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("pipe.txt is not a regular file"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_regular_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "real.txt", REPEATED);
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    let output = check(dir.path(), &["--format", "short", "link.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("link.txt:3:1"));
}

#[test]
fn an_article_past_the_size_limit_is_refused_unless_the_limit_is_raised() {
    let dir = tempfile::tempdir().unwrap();
    let body = "They met on Monday. ".repeat(600_000);
    write(dir.path(), "big.txt", &format!("Head\n\n{body}\n"));
    let output = check(dir.path(), &["big.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("big.txt is larger than 10 MiB"), "{out}");

    let raised = check(dir.path(), &["--max-file-size", "20MiB", "big.txt"]);
    assert_eq!(raised.status.code(), Some(0), "{}", text(&raised));
    let lowered = check(dir.path(), &["--max-file-size", "1000", "big.txt"]);
    assert!(
        text(&lowered).contains("larger than 1000 bytes"),
        "{}",
        text(&lowered)
    );

    write(dir.path(), "copydesk.toml", "max_file_size = \"20 MiB\"\n");
    let configured = run_in(dir.path(), &["check", "big.txt"]);
    assert_eq!(configured.status.code(), Some(0), "{}", text(&configured));

    let bad = check(dir.path(), &["--max-file-size", "ten", "big.txt"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    assert!(text(&bad).contains("`ten` is not a size"), "{}", text(&bad));

    // A mistake in the key is shown at its place in the file.
    write(dir.path(), "copydesk.toml", "max_file_size = \"20 TB\"\n");
    let located = run_in(dir.path(), &["check", "big.txt"]);
    let out = text(&located);
    assert_eq!(located.status.code(), Some(2), "{out}");
    assert!(out.contains("unknown size unit `tb`"), "{out}");
    assert!(out.contains("copydesk.toml:1:17"), "{out}");
}

/// Standard input is read up to the limit too: `yes | copydesk check -` must end.
#[cfg(unix)]
#[test]
fn standard_input_past_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut yes = Command::new("yes")
        .arg("They met on Monday.")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let endless = yes.stdout.take().unwrap();
    let output = Command::new(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--max-file-size", "1MiB", "-"])
        .stdin(endless)
        .output()
        .unwrap();
    yes.kill().ok();
    yes.wait().ok();
    // `yes` never ends: without the limit this never returns (the test run hangs).
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("<stdin> is larger than 1 MiB"), "{out}");
}

/// A 64 GiB sparse file that starts with a NUL: refused as binary from its first bytes. Read
/// whole, it would take minutes and 64 GiB of memory (3 GB took 12 s before).
#[test]
fn a_huge_binary_file_is_refused_from_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("sparse.txt")).unwrap();
    file.set_len(64 << 30).unwrap();
    drop(file);
    let output = check(dir.path(), &["--max-file-size", "100GiB", "sparse.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("sparse.txt is a binary file"), "{out}");
}

#[cfg(unix)]
fn hostile_ignore_files(make: impl Fn(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.txt", REPEATED);
    write(dir.path(), "sub/ignored.txt", REPEATED);
    write(dir.path(), "sub/.gitignore", "ignored.txt\n");
    write(dir.path(), "hostile/kept.txt", REPEATED);
    make(&dir.path().join("hostile"));
    let output = check(dir.path(), &["--format", "short", "."]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("story.txt:3:1"), "{out}");
    assert!(out.contains("hostile/kept.txt:3:1"), "{out}");
    assert!(
        !out.contains("ignored.txt:"),
        "the good .gitignore still counts: {out}"
    );
    // Named as the walk met it, not by its absolute path.
    assert!(out.contains("warning: skipped hostile/."), "{out}");
}

#[cfg(unix)]
#[test]
fn a_gitignore_that_is_a_fifo_is_skipped_with_a_warning() {
    hostile_ignore_files(|dir| {
        let made = Command::new("mkfifo")
            .arg(dir.join(".gitignore"))
            .status()
            .unwrap();
        assert!(made.success());
    });
}

#[cfg(unix)]
#[test]
fn an_ignore_file_linked_to_dev_zero_is_skipped_with_a_warning() {
    hostile_ignore_files(|dir| {
        std::os::unix::fs::symlink("/dev/zero", dir.join(".ignore")).unwrap()
    });
}

#[cfg(unix)]
#[test]
fn a_git_exclude_linked_to_dev_zero_is_skipped_with_a_warning() {
    hostile_ignore_files(|dir| {
        std::fs::create_dir_all(dir.join(".git/info")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join(".git/info/exclude")).unwrap();
    });
}

#[test]
fn git_exclude_and_ignore_files_are_still_respected() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.txt", REPEATED);
    write(dir.path(), "a.txt", REPEATED);
    write(dir.path(), "b.txt", REPEATED);
    write(dir.path(), "sub/c.txt", REPEATED);
    write(dir.path(), "sub/d.txt", REPEATED);
    write(dir.path(), ".git/info/exclude", "a.txt\n");
    write(dir.path(), ".ignore", "b.txt\n");
    write(dir.path(), ".gitignore", "sub/*\n!sub/d.txt\n");
    let output = check(dir.path(), &["--format", "short", "."]);
    let out = text(&output);
    assert!(out.contains("story.txt:3:1"), "{out}");
    assert!(out.contains("sub/d.txt:3:1"), "{out}");
    for gone in ["a.txt", "b.txt", "c.txt"] {
        assert!(!out.contains(&format!("{gone}:")), "{gone}: {out}");
    }
}

// Configuration and rule files.

#[test]
fn a_configuration_that_is_a_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("copydesk.toml")).unwrap();
    write(dir.path(), "story.txt", CLEAN);
    let output = run_in(dir.path(), &["check", "story.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("copydesk.toml is not a regular file"), "{out}");
}

#[test]
fn a_rule_file_past_its_size_limit_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let mut rules = String::from("[ruleset]\nname = \"big\"\n[[substitution]]\nid = \"s\"\nmessage = \"m\"\n[substitution.swap]\n");
    let mut i = 0;
    while rules.len() < 5 << 20 {
        rules.push_str(&format!("word{i} = \"other{i}\"\n"));
        i += 1;
    }
    write(dir.path(), "big.toml", &rules);
    write(dir.path(), "story.txt", CLEAN);
    let output = check(dir.path(), &["--rules", "big.toml", "story.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("big.toml is larger than 4 MiB"), "{out}");
}

/// The warning about a skipped ignore file names its folder, which is not copydesk's text: on
/// one line, with nothing that drives a terminal.
#[cfg(unix)]
#[test]
fn a_skipped_ignore_file_is_named_without_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("desk\u{1b}[2J\nnews");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "Head\n\nThe council met on Monday.\n").unwrap();
    std::os::unix::fs::symlink("/dev/zero", folder.join(".ignore")).unwrap();
    let output = Command::new(insta_cmd::get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "short", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warning = stderr
        .lines()
        .find(|l| l.starts_with("warning: skipped"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(!warning.contains('\u{1b}'), "{warning:?}");
    assert!(warning.contains(".ignore"), "{warning:?}");
}
