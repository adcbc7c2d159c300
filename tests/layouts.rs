//! The same story in every shape it is stored in gives the same findings: one paragraph per
//! line, paragraphs between blank lines, hard-wrapped with first-line indents (wire copy), with
//! LF, CRLF, lone CR, tabs and a byte-order mark, hard-wrapped Markdown with front matter,
//! Markdown with block quotes, list items and the headline in the front matter, and an HTML
//! page. Real stories from ../shared/corpora, when it is there; a written one always.

use copydesk::config::Config;
use copydesk::document::Format;
use copydesk::engine::Linter;
use std::path::Path;
use std::sync::LazyLock;

static DEFAULT: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::defaults(Path::new("."));
    let sets = config.load_rulesets(&[]).unwrap();
    Linter::new(config.apply(sets).unwrap())
});

/// A story as its parts: the headline and the paragraphs, each on one line.
struct Story {
    name: String,
    headline: String,
    paragraphs: Vec<String>,
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A BBC story: headline, blank line, paragraphs between blank lines.
fn bbc(name: &str, text: &str) -> Story {
    let mut parts = text.split("\n\n").map(one_line).filter(|p| !p.is_empty());
    Story {
        name: name.into(),
        headline: parts.next().unwrap_or_default(),
        paragraphs: parts.collect(),
    }
}

/// A wire story: headline line, then paragraphs that start with an indent.
fn wire(name: &str, text: &str) -> Story {
    let (headline, body) = text.split_once('\n').unwrap_or((text, ""));
    let paragraphs = body
        .split("\n    ")
        .map(one_line)
        // The sign-off is not prose in any shape; keep the story's own paragraphs.
        .filter(|p| !p.is_empty() && p != "Reuter" && p != "REUTER")
        .collect();
    Story {
        name: name.into(),
        headline: one_line(headline),
        paragraphs,
    }
}

/// Greedy wrap at `width` columns, the first line after `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::from(indent);
    let mut column = indent.len();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 && column + 1 + word.len() > width {
            out.push('\n');
            column = 0;
        } else if i > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// The shapes, each as (name, text, format).
fn shapes(story: &Story) -> Vec<(&'static str, String, Format)> {
    let h = &story.headline;
    let ps = &story.paragraphs;
    let per_line = format!("{h}\n{}\n", ps.join("\n"));
    let blank_lines = format!("{h}\n\n{}\n", ps.join("\n\n"));
    let wired: Vec<String> = ps.iter().map(|p| wrap(p, 65, "    ")).collect();
    let wire = format!("{h}\n{}\n Reuter\n", wired.join("\n"));
    let markdown_body: Vec<String> = ps.iter().map(|p| wrap(p, 72, "")).collect();
    let markdown = format!(
        "---\nauthor: Desk\n---\n\n# {h}\n\n{}\n",
        markdown_body.join("\n\n")
    );
    // As a CMS exports it: wrapped in page furniture, text escaped, apostrophes as entities.
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&rsquo;")
    };
    let html_body: Vec<String> = ps
        .iter()
        .map(|p| format!("<p class=\"body\">{}</p>", wrap(&escape(p), 72, "")))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html><head><title>Site</title><script>var x = \"said\";</script>\
         </head>\n<body><nav><a href=\"/\">Home</a></nav>\n<article>\n<h1>{}</h1>\n{}\n\
         </article>\n<footer>Contact us</footer></body></html>\n",
        escape(h),
        html_body.join("\n")
    );
    // Markdown as writers keep it: a paragraph that opens with a quotation as a block quote
    // (`> ` on every wrapped line), the rest as list items (continuation lines indented), the
    // headline in the front matter.
    let constructs: Vec<String> = ps
        .iter()
        .map(|p| {
            let wrapped = wrap(p, 70, "");
            if p.starts_with('"') {
                format!("> {}", wrapped.replace('\n', "\n> "))
            } else {
                format!("- {}", wrapped.replace('\n', "\n  "))
            }
        })
        .collect();
    let markdown_constructs = format!(
        "---\ntitle: \"{}\"\n---\n\n{}\n",
        h.replace('"', "\\\""),
        constructs.join("\n\n")
    );
    let crlf = |s: &str| s.replace('\n', "\r\n");
    vec![
        ("one paragraph per line", per_line.clone(), Format::Text),
        ("blank lines", blank_lines.clone(), Format::Text),
        ("blank lines, CRLF", crlf(&blank_lines), Format::Text),
        ("wire: wrapped, indented", wire.clone(), Format::Text),
        ("wire, CRLF", crlf(&wire), Format::Text),
        ("wire, lone CR", wire.replace('\n', "\r"), Format::Text),
        (
            "wire, byte-order mark",
            format!("\u{feff}{wire}"),
            Format::Text,
        ),
        (
            "blank lines, byte-order mark, CRLF",
            format!("\u{feff}{}", crlf(&blank_lines)),
            Format::Text,
        ),
        ("wire, tabs", wire.replace("    ", "\t"), Format::Text),
        ("Markdown, wrapped", markdown.clone(), Format::Markdown),
        ("Markdown, CRLF", crlf(&markdown), Format::Markdown),
        (
            "Markdown, block quotes and lists, title in front matter",
            markdown_constructs,
            Format::Markdown,
        ),
        ("HTML", html.clone(), Format::Html),
        ("HTML, CRLF", crlf(&html), Format::Html),
    ]
}

/// What an editor sees of the findings: each rule with the words it flagged, in order.
fn findings(text: &str, format: Format) -> Vec<(String, String)> {
    let (doc, found) = DEFAULT.check_text(text.to_string(), format);
    found
        .iter()
        .map(|d| (d.rule.clone(), one_line(&unescape(doc.text(d.span)))))
        .collect()
}

/// The words of an HTML span as the other shapes hold them.
fn unescape(text: &str) -> String {
    text.replace("&rsquo;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn stories() -> Vec<Story> {
    let mut stories = vec![wire(
        "written",
        "COUNCIL <CNL> APPROVES BUDGET\n    LONDON, March 3 - The council approved the budget \
         after a long debate, officials said.\n    \"This budget borrows from our children to pay \
         for today's promises,\" said Jane Smith, the opposition leader, who walked out.\n    \
         \"It is the the best we can do.\"\n    The mayor visited the the new library.\n    \
         \"Nobody asked the readers what they wanted from it.\"\n",
    )];
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !corpora.is_dir() {
        eprintln!("no corpora: the written story only");
        return stories;
    }
    // Fixed picks, chosen for their quotations and events before the test was run.
    for name in [
        "business/005",
        "politics/010",
        "sport/020",
        "tech/030",
        "entertainment/040",
    ] {
        let path = corpora.join(format!("bbc/{name}.txt"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            stories.push(bbc(name, &text));
        }
    }
    for name in ["00004", "00018", "04146", "09455", "16010"] {
        let path = corpora.join(format!("reuters/{name}.txt"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            stories.push(wire(name, &text));
        }
    }
    stories
}

#[test]
fn every_shape_of_a_story_gives_the_same_findings() {
    let mut failures = Vec::new();
    let mut rules_seen = std::collections::BTreeSet::new();
    for story in stories() {
        let shapes = shapes(&story);
        let expected = findings(&shapes[1].1, shapes[1].2);
        rules_seen.extend(expected.iter().map(|(rule, _)| rule.clone()));
        for (shape, text, format) in &shapes {
            let got = findings(text, *format);
            if got != expected {
                failures.push(format!(
                    "{} as {shape}:\n  blank lines: {expected:?}\n  {shape}: {got:?}",
                    story.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The comparison means something only if the stories have findings of the rules that read
    // quotations, sentences and events.
    for rule in [
        "attribution/quote-needs-source",
        "dates/event-needs-date",
        "hygiene/repeated-word",
    ] {
        assert!(
            rules_seen.contains(rule),
            "no {rule} finding: {rules_seen:?}"
        );
    }
}

/// When reading the layout from the text guesses wrong, `copydesk.toml` says it per path.
#[test]
fn the_configuration_can_force_a_layout_per_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[overrides]]\nfiles = [\"scraped\"]\nlayout = \"line-per-paragraph\"\n",
    )
    .unwrap();
    // Short lines: read from the text, they would be a wrapped paragraph with one quotation.
    let story = "Council news\nThe mayor said \"we will\nbuild it\" on Monday.\n";
    for folder in ["wire", "scraped"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("a.txt"), story).unwrap();
    }
    let output = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "--format", "short", "-q", "wire", "scraped"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let unbalanced = |folder: &str| {
        stdout
            .lines()
            .filter(|l| l.starts_with(folder) && l.contains("unbalanced-quotes"))
            .count()
    };
    assert_eq!(unbalanced("wire"), 0, "{stdout}");
    assert_eq!(unbalanced("scraped"), 2, "{stdout}");
}

/// An HTML article as a CMS exports it: walked with the other articles, reported at the right
/// line and column of the HTML file, fixed in place, and the same through standard input.
#[test]
fn html_articles_are_walked_reported_and_fixed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "rulesets = [\"default\", \"house\"]\n",
    )
    .unwrap();
    let page = "<html><head><title>in order to</title></head><body>\n\
                <nav>Home</nav>\n<h1>Council acts</h1>\n\
                <p>The council met <b>in order to</b> vote. It&rsquo;s the the end.</p>\n\
                </body></html>\n";
    std::fs::create_dir(dir.path().join("site")).unwrap();
    std::fs::write(dir.path().join("site/story.html"), page).unwrap();
    let copydesk = || {
        let mut command = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"));
        command.current_dir(dir.path());
        command
    };
    let walked = copydesk()
        .args(["check", "--format", "short", "-q", "site"])
        .output()
        .unwrap();
    let walked = String::from_utf8(walked.stdout).unwrap();
    assert!(
        walked.contains("site/story.html:4:23: warning [house/wordy]"),
        "{walked}"
    );
    assert!(walked.contains("[hygiene/repeated-word]"), "{walked}");
    assert!(!walked.contains(":1:"), "the head is not prose: {walked}");

    let piped = copydesk()
        .args(["check", "--format", "short", "-q", "--stdin-filename"])
        .arg("site/story.html")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(page.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), walked);

    let fixed = copydesk()
        .args(["check", "--fix", "--unsafe-fixes", "-q", "site/story.html"])
        .output()
        .unwrap();
    assert!(fixed.status.code().is_some_and(|c| c < 2), "{fixed:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site/story.html")).unwrap(),
        page.replace("<b>in order to</b>", "<b>to</b>")
            .replace("the the end", "the end")
    );
}

/// A CMS export that saves an HTML body as `.md`: its HTML blocks are read as HTML, so the
/// story gives the findings it gives as an `.html` file.
#[test]
fn html_blocks_in_markdown_are_read_as_html() {
    let body = "<h1>Council acts</h1>\n<p>The council met <b>prior to</b> the vote. \
                It&rsquo;s the the end.</p>\n<p>&ldquo;We won,&rdquo; the mayor said \
                yesterday.</p>\n";
    let house = {
        let config = Config::defaults(Path::new("."));
        let mut sets = config.load_rulesets(&[]).unwrap();
        sets.push(
            copydesk::rules::load_ruleset(
                &copydesk::rules::builtin::find("house").unwrap().source(),
            )
            .unwrap(),
        );
        Linter::new(sets.into_iter().flat_map(|s| s.rules).collect())
    };
    let flagged = |text: &str, format: Format| -> Vec<(String, String)> {
        let (doc, found) = house.check_text(text.to_string(), format);
        found
            .iter()
            .map(|d| (d.rule.clone(), doc.text(d.span).to_string()))
            .collect()
    };
    let markdown = format!("---\nslug: council\n---\n\n{body}");
    let as_markdown = flagged(&markdown, Format::Markdown);
    let as_html = flagged(body, Format::Html);
    assert_eq!(as_markdown, as_html);
    let rules: Vec<&str> = as_html.iter().map(|(r, _)| r.as_str()).collect();
    for rule in [
        "house/wordy",
        "hygiene/repeated-word",
        "dates/relative-date",
    ] {
        assert!(rules.contains(&rule), "{rule}: {as_html:?}");
    }
}

/// A fix whose replacement is made from matched text that holds an entity writes the entity's
/// character, never the padding the mask holds it with.
#[test]
fn fixes_in_html_never_write_the_entity_padding() {
    let set = copydesk::rules::load_ruleset_text(
        "t",
        "[ruleset]\nname = \"t\"\n[[substitution]]\nid = \"dash\"\nregex = true\n\
         fix = \"safe\"\nmessage = \"m\"\n[substitution.swap]\n'(\\S+) -- (\\S+)' = '$1 — $2'\n",
    )
    .unwrap();
    let linter = Linter::new(set.rules);
    let page = "<p>It&rsquo;s -- fine.</p>\n";
    let fixed = linter.fix_text(
        page,
        Format::Html,
        copydesk::fix::FixOptions { unsafe_fixes: true },
    );
    assert_eq!(fixed.text, "<p>It’s — fine.</p>\n");
    assert_eq!(fixed.applied, 1);
}

/// A dateline is an object of its own: the first sentence starts after it, it is never a
/// speaker, and its date dates the start of the story and nothing further down.
#[test]
fn a_dateline_is_never_a_speaker_nor_part_of_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let story = "CBS EXPLAINS CUTS\n    NEW YORK, March 9 - The need to end \"waste and needless \
                 work\" was behind the\ncuts, according to a memo.\n    The network also sold \
                 its radio unit.\n    Its chairman resigned.\n";
    std::fs::write(dir.path().join("story.txt"), story).unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let sheet: serde_json::Value =
        serde_json::from_str(&run(&["quotes", "--format", "json", "story.txt"])).unwrap();
    let speaker = &sheet[0]["quotes"][0]["speaker"];
    assert!(
        speaker.as_str().is_some_and(|s| !s.contains("NEW YORK")),
        "{sheet}"
    );
    // The dateline dates the sentence it opens and the one after; the third is undated.
    let found = run(&[
        "check",
        "--no-config",
        "--format",
        "short",
        "-q",
        "story.txt",
    ]);
    let undated: Vec<&str> = found
        .lines()
        .filter(|l| l.contains("event-needs-date"))
        .collect();
    assert_eq!(undated.len(), 1, "{found}");
    assert!(undated[0].starts_with("story.txt:5:"), "{found}");
}

/// A file whose lines end in a lone CR (old Mac files) is reported at the lines an editor
/// shows, in every format, and the human report draws those lines.
#[test]
fn lone_carriage_returns_end_lines_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let story = "Council news\r\rThe mayor opened the hall.\rIt was TK.\r";
    std::fs::write(dir.path().join("mac.txt"), story).unwrap();
    let run = |format: &str| {
        let output = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(["check", "--no-config", "-q", "--format", format, "mac.txt"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let short = run("short");
    assert!(short.contains("mac.txt:4:8: "), "{short}");
    let human = run("human");
    assert!(human.contains("mac.txt:4:8"), "{human}");
    assert!(
        human.lines().any(|l| l.contains("4 │ It was TK.")),
        "{human}"
    );
    assert!(!human.contains('\r'), "{human}");
}

/// The quote sheet reads each file as `check` does: the configuration's layout for its path,
/// its `exclude`, and its size limit.
#[test]
fn the_quote_sheet_reads_files_as_the_configuration_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "exclude = [\"drafts\"]\nmax_file_size = \"1 KiB\"\n\
         [[overrides]]\nfiles = [\"scraped\"]\nlayout = \"line-per-paragraph\"\n",
    )
    .unwrap();
    let story = "Council news\nThe mayor said \"we will\nbuild it\" on Monday.\n";
    for folder in ["wire", "scraped", "drafts"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("a.txt"), story).unwrap();
    }
    std::fs::write(dir.path().join("wire/big.txt"), "A line.\n".repeat(200)).unwrap();
    let output = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["quotes", "--format", "json", "."])
        .output()
        .unwrap();
    let sheets: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let count = |file: &str| {
        sheets
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["file"] == file)
            .map(|s| s["quotes"].as_array().unwrap().len())
    };
    // Read as wrapped, one quotation; forced one line a paragraph, its halves are unpaired.
    assert_eq!(count("wire/a.txt"), Some(1), "{sheets}");
    assert_eq!(count("scraped/a.txt"), Some(0), "{sheets}");
    // A folder excluded by the configuration is not walked.
    assert_eq!(count("drafts/a.txt"), None, "{sheets}");
    // Over the configured limit: an error for that file, the rest of the sheet written.
    assert_eq!(count("wire/big.txt"), None, "{sheets}");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("big.txt"));
    // --no-config reads every file with the defaults.
    let plain = std::process::Command::new(insta_cmd::get_cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["quotes", "--no-config", "--format", "json", "scraped"])
        .output()
        .unwrap();
    let sheets: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(sheets[0]["quotes"].as_array().unwrap().len(), 1, "{sheets}");
}
