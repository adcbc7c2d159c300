//! `--fix` and `--diff`: fixes reach a fixed point, never touch a byte they should not, leave
//! quotations and unchanged files alone, and never lose a file.

use copydesk::config::Config;
use copydesk::document::Format;
use copydesk::engine::Linter;
use copydesk::fix::{apply_once, write_fixed, FixOptions};
use copydesk::rules::{builtin, load_ruleset};
use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

/// The default sets plus the two opt-in sets, whose substitutions carry most of the fixes.
static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let mut rules = Vec::new();
    let config = Config::defaults(Path::new("."));
    for set in config.load_rulesets(&[]).unwrap() {
        rules.extend(set.rules);
    }
    for name in ["ap", "house"] {
        rules.extend(
            load_ruleset(&builtin::find(name).unwrap().source())
                .unwrap()
                .rules,
        );
    }
    Linter::new(rules)
});

const ALL: FixOptions = FixOptions { unsafe_fixes: true };

/// Checks that `fixed` is `original` with exactly `edits` applied: every other byte kept.
fn only_edits_changed(original: &str, edits: &[copydesk::diagnostic::Edit], fixed: &str) {
    let mut rebuilt = String::new();
    let mut at = 0;
    for edit in edits {
        rebuilt.push_str(&original[at..edit.span.start]);
        rebuilt.push_str(&edit.replacement);
        at = edit.span.end;
    }
    rebuilt.push_str(&original[at..]);
    assert_eq!(rebuilt, fixed);
}

/// Pieces of news copy, many of which some rule fixes.
const PIECES: &[&str] = &[
    "The council met on Nov. 3rd",
    " in order to",
    " vote",
    ".",
    " Officials said",
    " the the",
    " plan",
    " towards",
    " amongst",
    " the 28th of November",
    " at 9pm",
    " per cent",
    " 5 percent",
    ", ",
    "\n",
    "\n\n",
    "\r\n",
    " \"We will go towards the the end,\" she said.",
    " “Nov. 3rd”",
    " e-mail",
    " email",
    " Gaddafi",
    " Qaddafi",
    " whilst",
    " café",
    " £5m",
    " …",
    " 'quoted'",
    " Friday, Nov. 28, 2026",
    " Internet",
    " prior to",
    " in excess of",
];

fn article() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..40),
    )
        .prop_map(|(bom, pieces)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str("Headline\n\n");
            text.extend(pieces.iter().copied());
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fixing_reaches_a_fixed_point(text in article()) {
        let once = LINTER.fix_text(&text, Format::Text, ALL);
        let twice = LINTER.fix_text(&once.text, Format::Text, ALL);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.applied, 0);
    }

    #[test]
    fn one_round_changes_only_the_edited_bytes(text in article()) {
        let (_, findings) = LINTER.check_text(text.clone(), Format::Text);
        let (fixed, edits) = apply_once(&text, &findings, ALL);
        only_edits_changed(&text, &edits, &fixed);
        for pair in edits.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
    }
}

#[test]
fn crlf_and_a_byte_order_mark_survive_a_fix() {
    let text = "\u{feff}Rates rise\r\n\r\nThe bank acted on Nov. 3rd, said the the governor.\r\n";
    let fixed = LINTER.fix_text(text, Format::Text, FixOptions::default());
    assert_eq!(
        fixed.text,
        "\u{feff}Rates rise\r\n\r\nThe bank acted on Nov. 3, said the governor.\r\n"
    );
    // Two findings of hygiene/repeated-word and house/repeated-word share one edit.
    assert_eq!(fixed.applied, 3);
}

#[test]
fn quotations_are_not_rewritten_unless_the_rule_says_so() {
    let rules = |fix_in_quotes: bool| {
        let text = format!(
            "[ruleset]\nname = \"t\"\n[[substitution]]\nid = \"s\"\nfix_in_quotes = {fix_in_quotes}\n[substitution.swap]\n\"towards\" = \"toward\"\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, text).unwrap();
        Linter::new(
            load_ruleset(&copydesk::rules::RuleSource::File(path))
                .unwrap()
                .rules,
        )
    };
    let text = "Head\n\nHe walked towards the door. \"We are moving towards a deal,\" he said.\n";
    let kept = rules(false).fix_text(text, Format::Text, ALL);
    assert_eq!(
        kept.text,
        "Head\n\nHe walked toward the door. \"We are moving towards a deal,\" he said.\n"
    );
    let allowed = rules(true).fix_text(text, Format::Text, ALL);
    assert!(allowed.text.contains("\"We are moving toward a deal,\""));
}

#[test]
fn a_file_changed_on_disk_or_read_only_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "edited by someone else").unwrap();
    let error = write_fixed(&path, b"what we read", "our fix").unwrap_err();
    assert!(error.to_string().contains("changed on disk"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "edited by someone else"
    );

    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let error = write_fixed(&path, b"edited by someone else", "our fix").unwrap_err();
    assert!(error.to_string().contains("read-only"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "edited by someone else"
    );
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

fn copydesk(dir: &Path) -> Command {
    let mut cmd = Command::new(get_cargo_bin("copydesk"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

#[test]
fn fix_rewrites_only_what_changes_and_keeps_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let fixable = dir.path().join("fixable.txt");
    let clean = dir.path().join("clean.txt");
    std::fs::write(
        &fixable,
        "Head\n\nThey met on Nov. 3rd and the the talks went well.\n",
    )
    .unwrap();
    std::fs::write(
        &clean,
        "Head\n\nThey met on Monday and the talks went well.\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fixable, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_mtime = std::fs::metadata(&clean).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let output = copydesk(dir.path())
        .args(["check", "--no-config", "--fix", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Fixed 2 findings in fixable.txt."),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&fixable).unwrap(),
        "Head\n\nThey met on Nov. 3 and the talks went well.\n"
    );
    assert_eq!(
        std::fs::metadata(&clean).unwrap().modified().unwrap(),
        clean_mtime
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&fixable).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Nothing left behind, and a second run has nothing to do.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let again = copydesk(dir.path())
        .args(["check", "--no-config", "--fix", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8(again.stdout)
        .unwrap()
        .contains("Fixed 0 findings in 0 files."));
}

#[test]
fn a_read_only_article_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.txt");
    let text = "Head\n\nThey met on Nov. 3rd.\n";
    std::fs::write(&path, text).unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let output = copydesk(dir.path())
        .args(["check", "--no-config", "--fix", "locked.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Head\n\nThey met on Nov. 3rd and the the talks went well.\n\nNothing else happened on Monday.\n";
    std::fs::write(dir.path().join("story.txt"), text).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\(\d+\.\d+s\)", "(TIME)");
    settings.bind(|| {
        assert_cmd_snapshot!(copydesk(dir.path()).args([
            "check",
            "--no-config",
            "--diff",
            "story.txt"
        ]));
    });
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        text
    );
}

#[test]
fn fix_on_standard_input_writes_the_article_to_standard_output() {
    let mut child = copydesk(Path::new("."))
        .args([
            "check",
            "--no-config",
            "--fix",
            "--format",
            "short",
            "--stdin-filename",
            "story.md",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# Head\n\nThey met on Nov. 3rd. Read it `in order to` learn.\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "# Head\n\nThey met on Nov. 3. Read it `in order to` learn.\n"
    );
}

/// The whole BBC corpus, copied: one --fix run reaches the fixed point (a second run fixes
/// nothing), and every file stays valid UTF-8.
#[test]
fn the_bbc_corpus_fixes_to_a_fixed_point() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for section in std::fs::read_dir(&corpus).unwrap().flatten() {
        if !section.path().is_dir() {
            continue;
        }
        let target = dir.path().join(section.file_name());
        std::fs::create_dir_all(&target).unwrap();
        for file in std::fs::read_dir(section.path()).unwrap().flatten() {
            // Written, not copied: a copy keeps the mode of the corpus, which CI lays out
            // read-only, and then every fix is refused ("read-only: not fixed") and the second
            // run fixes nothing because the first could not write, not because it converged.
            let to = target.join(file.file_name());
            std::fs::write(&to, std::fs::read(file.path()).unwrap()).unwrap();
        }
    }
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "rulesets = [\"default\", \"ap\", \"house\"]\n").unwrap();
    let first = copydesk(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    assert_ne!(first.status.code(), Some(101), "panicked");
    let first_out = String::from_utf8(first.stdout).unwrap();
    assert!(
        !first_out.contains("not fixed"),
        "a file could not be written: {first_out}"
    );
    assert!(
        !first_out.contains("fix/conflict"),
        "the built-in rules' fixes disagree: {first_out}"
    );
    let summary = first_out.lines().rfind(|l| l.starts_with("Fixed")).unwrap();
    assert!(
        !summary.starts_with("Fixed 0 "),
        "nothing was fixed: {summary}"
    );
    let second = copydesk(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(second.stdout).unwrap();
    assert!(
        stdout.contains("Fixed 0 findings in 0 files."),
        "{}",
        stdout.lines().rev().take(5).collect::<Vec<_>>().join("\n")
    );
}

/// Two rules whose fixes undo each other, and an unrelated fix beside them.
fn conflicting_rules(dir: &Path) -> std::path::PathBuf {
    let rules = dir.join("swap.toml");
    std::fs::write(
        &rules,
        "[ruleset]\nname = \"t\"\n\
         [[substitution]]\nid = \"a\"\n[substitution.swap]\n\"towards\" = \"toward\"\n\
         [[substitution]]\nid = \"b\"\n[substitution.swap]\n\"toward\" = \"towards\"\n",
    )
    .unwrap();
    rules
}

#[test]
fn rules_that_undo_each_other_are_reported_and_neither_applied() {
    let dir = tempfile::tempdir().unwrap();
    let rules = conflicting_rules(dir.path());
    let article = dir.path().join("a.txt");
    let text = "Head\n\nHe walked towards the the door.\n";
    std::fs::write(&article, text).unwrap();
    let run = |flag: &str| {
        // Short findings; the fix counts are printed by the human format and by --diff.
        let format = if flag == "--diff" { "short" } else { "human" };
        let out = copydesk(dir.path())
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                flag,
            ])
            .arg("--rules")
            .arg(&rules)
            .arg("a.txt")
            .output()
            .unwrap();
        let mut text = String::from_utf8(out.stdout).unwrap();
        text.push_str(&String::from_utf8(out.stderr).unwrap());
        (out.status.code(), text)
    };
    let (diff_code, diff) = run("--diff");
    assert_eq!(diff_code, Some(1), "{diff}");
    assert!(diff.contains("-He walked towards the the door.\n+He walked towards the door.\n"));
    assert!(diff.contains("Would fix 1 finding in a.txt."), "{diff}");
    assert!(
        diff.contains(
            "a.txt:3:11: error [fix/conflict] The fixes of `t/a` and `t/b` undo each other"
        ),
        "{diff}"
    );
    let (fix_code, fixed) = run("--fix");
    assert_eq!(fix_code, Some(1), "{fixed}");
    assert!(fixed.contains("Fixed 1 finding in a.txt."), "{fixed}");
    assert!(fixed.contains("fix/conflict\n"), "{fixed}");
    // Only the unrelated fix was made, and the next run has nothing to do but says so again.
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "Head\n\nHe walked towards the door.\n"
    );
    let (_, again) = run("--fix");
    assert!(again.contains("Fixed 0 findings in 0 files."), "{again}");
    assert!(again.contains("fix/conflict\n"), "{again}");
}

#[test]
fn a_conflict_is_found_by_the_library_and_leaves_the_text_settled() {
    let dir = tempfile::tempdir().unwrap();
    let rules = conflicting_rules(dir.path());
    let linter = Linter::new(
        load_ruleset(&copydesk::rules::RuleSource::File(rules))
            .unwrap()
            .rules,
    );
    for text in ["Head\n\nGo towards it.\n", "Head\n\nGo toward it.\n"] {
        let fixed = linter.fix_text(text, Format::Text, ALL);
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.applied, 0);
        let [problem] = fixed.problems.as_slice() else {
            panic!("{:?}", fixed.problems)
        };
        assert!(matches!(problem, copydesk::fix::FixProblem::Conflict(_)));
        assert_eq!(problem.rules(), ["t/a", "t/b"]);
    }
}

/// A fix that writes back what is already there changes nothing and is never counted, however
/// many rounds the loop takes beside a real fix.
#[test]
fn fixes_that_change_nothing_are_not_counted() {
    let set = copydesk::rules::load_ruleset_text(
        "t",
        "[ruleset]\nname = \"t\"\n[[substitution]]\nid = \"same\"\nregex = true\nfix = \"safe\"\n\
         message = \"m\"\n[substitution.swap]\n'(cat)' = '$1'\n\
         [[substitution]]\nid = \"dog\"\nfix = \"safe\"\nmessage = \"m\"\n[substitution.swap]\n\
         \"dog\" = \"hound\"\n",
    )
    .unwrap();
    let linter = Linter::new(set.rules);
    let fixed = linter.fix_text("Head\n\nThe cat and the dog.\n", Format::Text, ALL);
    assert_eq!(fixed.text, "Head\n\nThe cat and the hound.\n");
    assert_eq!(fixed.applied, 1);
}
