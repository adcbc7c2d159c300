//! `--fix` never corrupts or loses a file: writes that fail say so and where, links and owners
//! survive a fix, an interrupted run leaves no temporary file and no half-written article, and
//! a fix that gets big stays linear.

#![cfg(unix)]

use insta_cmd::get_cargo_bin;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An article two default fixes change, and what they make of it.
const FIXABLE: &str = "Head\n\nThey met on Nov. 3rd and the the talks went well.\n";
const FIXED: &str = "Head\n\nThey met on Nov. 3 and the talks went well.\n";

fn copydesk(dir: &Path) -> Command {
    let mut cmd = Command::new(get_cargo_bin("copydesk"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

fn fix(dir: &Path, args: &[&str]) -> Output {
    copydesk(dir)
        .args(["check", "--no-config", "--fix"])
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

fn running_as_root() -> bool {
    // The owner of a file this process just made is this process's user.
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

/// The files in `dir` whose names mark them as copydesk's temporary files.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".copydesk-fix-"))
        })
        .collect()
}

/// Every file under `dir`, hidden ones too.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if std::fs::symlink_metadata(&path).unwrap().is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// Red team: in a folder where no file can be created, `--fix` said "cannot read
/// …/.copydesk-fix-XXXX". It must say it could not write the article, and leave it as it was.
#[test]
fn fix_in_a_read_only_folder_says_it_cannot_write_and_keeps_the_article() {
    let dir = tempfile::tempdir().unwrap();
    // The user the run drops to must be able to reach the folder, and write the article itself:
    // only the folder refuses.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    let story = desk.join("story.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(&desk, std::fs::Permissions::from_mode(0o555)).unwrap();

    // Root writes anywhere: as root, the run drops to the user `nobody`.
    let bin = get_cargo_bin("copydesk");
    let mut cmd = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let output = cmd
        .current_dir(&desk)
        .env("NO_COLOR", "1")
        .args(["check", "--no-config", "--fix", "story.txt"])
        .output()
        .expect("copydesk runs (as root the test needs setpriv, from util-linux)");
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains("cannot write the fixed story.txt"), "{out}");
    assert!(!out.contains("cannot read"), "{out}");
    // Where: the folder that refused.
    assert!(out.contains("desk"), "{out}");
    assert!(
        !out.contains("Fixed 2"),
        "a fix not written is not reported: {out}"
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), FIXABLE);
    std::fs::set_permissions(&desk, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(temp_files(dir.path()).is_empty());
}

/// Red team: a symbolic link named on the command line became a regular file holding the fix,
/// and the article it pointed to stayed unfixed. The article is fixed; the link stays a link.
#[test]
fn fix_through_a_symbolic_link_fixes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let desk = dir.path().join("desk");
    std::fs::create_dir(&real).unwrap();
    std::fs::create_dir(&desk).unwrap();
    std::fs::write(real.join("story.txt"), FIXABLE).unwrap();
    std::fs::set_permissions(
        real.join("story.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    // A link to a link, the first one relative: both must survive.
    std::os::unix::fs::symlink("../real/story.txt", desk.join("inner.txt")).unwrap();
    std::os::unix::fs::symlink(desk.join("inner.txt"), desk.join("link.txt")).unwrap();

    let output = fix(&desk, &["link.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("Fixed 2 findings in link.txt"), "{out}");
    for link in ["link.txt", "inner.txt"] {
        let meta = std::fs::symlink_metadata(desk.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is no longer a link");
    }
    assert_eq!(
        std::fs::read_to_string(real.join("story.txt")).unwrap(),
        FIXED
    );
    let mode = std::fs::metadata(real.join("story.txt")).unwrap().mode();
    assert_eq!(mode & 0o7777, 0o640);
    assert!(temp_files(dir.path()).is_empty());
}

/// Red team: a fix split a hard link in two (the name fixed got a new file, the other names kept
/// the old text). Every name still leads to the one file, and it holds the fix.
#[test]
fn fix_of_a_hard_linked_article_writes_through_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    let other = dir.path().join("also.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o604)).unwrap();
    std::fs::hard_link(&story, &other).unwrap();
    let inode = std::fs::metadata(&story).unwrap().ino();

    let output = fix(dir.path(), &["story.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("Fixed 2 findings in story.txt"), "{out}");
    for path in [&story, &other] {
        let meta = std::fs::metadata(path).unwrap();
        assert_eq!(meta.ino(), inode, "{} is another file now", path.display());
        assert_eq!(meta.nlink(), 2);
        assert_eq!(meta.mode() & 0o7777, 0o604);
        assert_eq!(std::fs::read_to_string(path).unwrap(), FIXED);
    }
    assert!(temp_files(dir.path()).is_empty());
}

/// Red team: a fix run by root gave another user's article to root. Owner, group and mode are
/// kept. (Only root can make a file another user's, so the test needs root.)
#[test]
fn fix_keeps_the_owner_group_and_mode_of_another_users_article() {
    if !running_as_root() {
        println!("skipped: giving a file to another user needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    std::os::unix::fs::chown(&story, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o640)).unwrap();

    let output = fix(dir.path(), &["story.txt"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    let meta = std::fs::metadata(&story).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(meta.mode() & 0o7777, 0o640);
    assert_eq!(std::fs::read_to_string(&story).unwrap(), FIXED);
    assert!(temp_files(dir.path()).is_empty());
}

/// A user who may write another user's article, but not give a new file to that user, fixes
/// it in place: the owner stays. (Run as `nobody` on a file of root's, so only as root.)
#[test]
fn fix_by_a_user_who_cannot_give_the_file_away_writes_in_place_and_keeps_the_owner() {
    if !running_as_root() {
        println!("skipped: a file of another user's needs root to make");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // `nobody` may create files here and write the article, not give a file to root.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o666)).unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "--no-config", "--fix", "story.txt"])
        .output()
        .expect("copydesk runs (as root the test needs setpriv, from util-linux)");
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("Fixed 2 findings in story.txt"), "{out}");
    let meta = std::fs::metadata(&story).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (0, 0));
    assert_eq!(meta.mode() & 0o7777, 0o666);
    assert_eq!(std::fs::read_to_string(&story).unwrap(), FIXED);
    assert!(temp_files(dir.path()).is_empty());
}

/// Red team: a signal during `--fix` over many files left a `.copydesk-fix-*` file beside an
/// article in about half the runs. Now the run removes its temporary files and exits with
/// 128 + the signal's number, and every article holds either its old text or all its fixes.
#[test]
fn a_signal_during_fix_leaves_no_temporary_file_and_no_half_fixed_article() {
    const FILES: usize = 2_000;
    let work = tempfile::tempdir().unwrap();
    let originals = work.path().join("originals");
    std::fs::create_dir(&originals).unwrap();
    for i in 0..FILES {
        // Each article differs, and is big enough that writing it takes a moment.
        let paragraph = format!(
            "They met on Nov. {}rd and the the talks went well.\n\n",
            i % 9
        );
        let text = format!("Story {i}\n\n{}", paragraph.repeat(40));
        std::fs::write(originals.join(format!("story-{i:04}.txt")), text).unwrap();
    }
    let copy = |to: &Path| {
        let _ = std::fs::remove_dir_all(to);
        std::fs::create_dir(to).unwrap();
        for entry in std::fs::read_dir(&originals).unwrap() {
            let from = entry.unwrap().path();
            std::fs::copy(&from, to.join(from.file_name().unwrap())).unwrap();
        }
    };
    // What a run that is left alone makes of every article.
    let settled = work.path().join("settled");
    copy(&settled);
    let output = fix(&settled, &["."]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));

    let desk = work.path().join("desk");
    let signals = [("INT", 2), ("TERM", 15), ("HUP", 1)];
    let mut interrupted = 0;
    for (round, delay_ms) in [150u64, 400, 700, 1_000, 1_500, 2_500].iter().enumerate() {
        let (name, number) = signals[round % signals.len()];
        copy(&desk);
        let mut child = copydesk(&desk)
            .args(["check", "--no-config", "--format", "short", "--fix", "."])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(*delay_ms));
        let killed = Command::new("kill")
            .args(["-s", name, &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        if killed.success() && status.code() != Some(0) {
            interrupted += 1;
            assert_eq!(
                status.code(),
                Some(128 + number),
                "SIG{name} after {delay_ms} ms: {status:?}"
            );
            assert_eq!(status.signal(), None);
        }
        let left = temp_files(&desk);
        assert!(
            left.is_empty(),
            "SIG{name} after {delay_ms} ms left {left:?}"
        );
        for entry in std::fs::read_dir(&desk).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap();
            let now = std::fs::read(&path).unwrap();
            assert!(
                now == std::fs::read(originals.join(name)).unwrap()
                    || now == std::fs::read(settled.join(name)).unwrap(),
                "{} is neither its old text nor its fixed text",
                path.display()
            );
        }
    }
    println!("{interrupted} of 6 runs were interrupted");
    // At least one signal must have landed while the run was going, or this tested nothing.
    assert!(interrupted > 0, "every run ended before its signal");
}

/// Red team: `--fix` on a 2 MB article with 400,000 fixes took about 100 s. The fix is linear
/// now: with anything quadratic in the fixes (a scan of the text per fix) this test would run
/// for many minutes instead of seconds.
#[test]
fn four_hundred_thousand_fixes_in_one_article_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("grey.toml"),
        "[ruleset]\nname = \"t\"\ndescription = \"t\"\n\n[[substitution]]\nid = \"grey\"\n\
         severity = \"warning\"\n[substitution.swap]\n\"grey\" = \"gray\"\n",
    )
    .unwrap();
    let paragraph = ["grey"; 10].join(" ") + ".";
    let body = vec![paragraph; 40_000].join("\n\n");
    std::fs::write(dir.path().join("big.txt"), format!("Head\n\n{body}\n")).unwrap();
    let output = copydesk(dir.path())
        .args([
            "check",
            "--no-config",
            "--rules",
            "grey.toml",
            "--select",
            "t",
            "--fix",
            "big.txt",
        ])
        .output()
        .unwrap();
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("Fixed 400000 findings in big.txt"), "{out}");
    let fixed = std::fs::read_to_string(dir.path().join("big.txt")).unwrap();
    assert!(!fixed.contains("grey"));
    assert_eq!(fixed.matches("gray").count(), 400_000);
}

/// Two rules that undo each other on 100,000 different words: every pair is a conflict, so
/// 200,000 fixes are set aside and each finding is looked up among them. Looked up one by one,
/// that is 10^10 comparisons of texts, and this test would run for hours (40,000 words took
/// 44 s in a release build); looked up in a hash set, seconds.
#[test]
fn a_hundred_thousand_conflicting_fixes_are_set_aside_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cycle.toml"),
        r#"[ruleset]
name = "c"
description = "c"

[[substitution]]
id = "join"
severity = "warning"
regex = true
[substitution.swap]
'\b(\w+)-x\b' = '${1}x'

[[substitution]]
id = "split"
severity = "warning"
regex = true
[substitution.swap]
'\b(\w+)x\b' = '${1}-x'
"#,
    )
    .unwrap();
    let words: Vec<String> = (0..100_000).map(|i| format!("w{i}x")).collect();
    let body: Vec<String> = words.chunks(10).map(|c| c.join(" ") + ".").collect();
    let article = format!("Head\n\n{}\n", body.join("\n\n"));
    std::fs::write(dir.path().join("words.txt"), &article).unwrap();
    let output = copydesk(dir.path())
        .args([
            "check",
            "--no-config",
            "--rules",
            "cycle.toml",
            "--select",
            "c",
            "--format",
            "short",
            "--fix",
            "words.txt",
        ])
        .output()
        .unwrap();
    let out = text(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    let conflict = out
        .lines()
        .find(|l| l.contains("fix/conflict"))
        .unwrap_or_default();
    // The error names a few of the 200,000 fixes and counts the others, in one short line.
    assert!(conflict.contains("and 199994 more"), "{conflict}");
    assert!(conflict.len() < 1_000, "{conflict}");
    // Neither side of the conflict is applied.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("words.txt")).unwrap(),
        article
    );
}
