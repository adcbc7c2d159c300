//! Every command ends quietly when its reader goes away (`copydesk quotes … | head -1`), with
//! the exit status it would have had, and says so with exit 2 when its output cannot be written
//! at all (a full device). A panic would exit 101 and print "panicked".

use insta_cmd::get_cargo_bin;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc/business");
    dir.is_dir().then_some(dir)
}

/// Every command that writes to standard output, with arguments that make it write (and, for
/// `check` and `quotes`, find something, so the status that must survive is 1; `--diff` exits
/// as a plain check would, and these findings are warnings).
fn commands(articles: &[String]) -> Vec<(Vec<String>, i32)> {
    let owned = |args: &[&str]| args.iter().map(|a| (*a).to_string()).collect::<Vec<_>>();
    let mut check = owned(&["check", "--no-config"]);
    check.extend(articles.iter().cloned());
    let mut short = owned(&["check", "--no-config", "--format", "short"]);
    short.extend(articles.iter().cloned());
    let mut json = owned(&["check", "--no-config", "--format", "json"]);
    json.extend(articles.iter().cloned());
    let mut diff = owned(&["check", "--no-config", "--diff", "--select", "dates"]);
    diff.extend(articles.iter().cloned());
    let mut quotes = owned(&["quotes"]);
    quotes.extend(articles.iter().cloned());
    vec![
        (check, 1),
        (short, 1),
        (json, 1),
        (diff, 0),
        (quotes, 1),
        (owned(&["rules", "--no-config"]), 0),
        (owned(&["rules", "--no-config", "--format", "json"]), 0),
        (owned(&["test", "--no-config"]), 0),
        (owned(&["explain", "--builtin-reference"]), 0),
        (owned(&["explain", "dates"]), 0),
        (owned(&["schema", "ruleset"]), 0),
        (owned(&["completions", "bash"]), 0),
        (owned(&["man"]), 0),
        (owned(&["--help"]), 0),
    ]
}

fn articles(dir: &Path) -> Vec<String> {
    // Articles with unsourced quotations and dated findings, so `check` and `quotes` find
    // something; the corpus when it is there, for output far larger than a pipe's buffer.
    let mut files = vec![dir.join("a.txt"), dir.join("b.md")];
    std::fs::write(
        &files[0],
        "Headline\n\nThe council met yesterday. \"We will not pay,\" the the leader wrote.\n",
    )
    .unwrap();
    std::fs::write(&files[1], "\"Nobody asked us.\"\n").unwrap();
    if let Some(corpus) = corpus() {
        let mut more: Vec<PathBuf> = std::fs::read_dir(corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        more.sort();
        files.extend(more.into_iter().take(60));
    }
    files.iter().map(|p| p.display().to_string()).collect()
}

fn run(args: &[String], stdout: Stdio) -> Output {
    Command::new(get_cargo_bin("copydesk"))
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn every_command_ends_quietly_on_a_closed_pipe_with_its_own_status() {
    let dir = tempfile::tempdir().unwrap();
    for (args, status) in commands(&articles(dir.path())) {
        // A pipe whose reader is gone before the command starts: its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run(&args, Stdio::from(writer));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = &args[..args.len().min(4)];
        // The status a reader that reads everything sees, which must not change.
        let read = run(&args, Stdio::piped());
        assert_eq!(read.status.code(), Some(status), "copydesk {name:?}");
        assert_eq!(
            output.status.code(),
            Some(status),
            "copydesk {name:?} into a closed pipe: {stderr}"
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "copydesk {name:?} into a closed pipe said: {stderr}"
        );
    }
}

#[test]
fn every_command_says_when_its_output_cannot_be_written() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("no /dev/full on this system: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (args, _) in commands(&articles(dir.path())) {
        if args[0] == "--help" {
            // clap writes its own help and decides its own status.
            continue;
        }
        let device = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let output = run(&args, Stdio::from(device));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = &args[..args.len().min(4)];
        assert_eq!(
            output.status.code(),
            Some(2),
            "copydesk {name:?} into a full device: {stderr}"
        );
        assert!(
            stderr.contains("No space left on device") && !stderr.contains("panicked"),
            "copydesk {name:?} into a full device said: {stderr}"
        );
    }
}
