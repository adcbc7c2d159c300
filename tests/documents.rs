//! Articles as copydesk reads them: byte spans into the original bytes, whatever the line
//! endings, byte-order mark or format.

use copydesk::document::{BlockKind, Document, Format};
use copydesk::engine::Linter;
use copydesk::lines::LineIndex;
use copydesk::rules::builtin;
use copydesk::rules::load_ruleset;

fn house() -> Linter {
    let set = load_ruleset(&builtin::find("house").unwrap().source()).unwrap();
    Linter::new(set.rules)
}

#[test]
fn bom_and_crlf_keep_spans_on_the_original_bytes() {
    let text = "\u{feff}Rates rise\r\n\r\nThe bank acted prior to the vote.\r\n";
    let (doc, found) = house().check_text(text.to_string(), Format::Text);
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
    assert_eq!(doc.text(doc.blocks[0].span), "Rates rise");
    assert_eq!(found.len(), 1);
    assert_eq!(doc.text(found[0].span), "prior to");
    let index = LineIndex::new(text);
    let at = index.position(text, found[0].span.start);
    assert_eq!((at.line, at.column), (3, 16));
}

#[test]
fn every_span_lies_on_character_boundaries() {
    let text = "Café owner’s “sale”\n\nThe café’s owner — Zoë — said prices rose in excess of 5%. Les prix…\n";
    let (doc, found) = house().check_text(text.to_string(), Format::Text);
    assert!(!found.is_empty());
    let spans = doc
        .sentences
        .iter()
        .map(|s| s.span)
        .chain(doc.words.iter().copied())
        .chain(found.iter().map(|d| d.span));
    for span in spans {
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(span.start <= span.end && span.end <= text.len());
    }
}

#[test]
fn markdown_front_matter_code_html_and_links_are_not_checked() {
    // `slug` is metadata; `title` and `description` are copy (see the test after this one).
    let text = "---\nslug: in order to\n---\n\n# Title\n\nSee `in order to` and <!-- in order to -->, <span title=\"in order to\">x</span> [here](https://x.org/in-order-to).\n\n    in order to\n\nThey left in order to vote.\n";
    let (doc, found) = house().check_text(text.to_string(), Format::Markdown);
    let flagged: Vec<&str> = found.iter().map(|d| doc.text(d.span)).collect();
    assert_eq!(flagged, ["in order to"]);
    assert_eq!(found[0].span.start, text.rfind("in order to").unwrap());
}

/// The front matter's headline and standfirst are what readers see first: checked where they
/// are written, with spans inside the front matter, so `--fix` mends them there.
#[test]
fn the_front_matter_headline_and_standfirst_are_checked_in_place() {
    let text = "---\ntitle: \"Council acts in order to save library\"\nslug: in-order-to\n\
                description: It met prior to the vote.\n---\n\nThe council voted.\n";
    let (doc, found) = house().check_text(text.to_string(), Format::Markdown);
    let flagged: Vec<(&str, usize)> = found
        .iter()
        .map(|d| (doc.text(d.span), d.span.start))
        .collect();
    assert_eq!(
        flagged,
        [
            ("in order to", text.find("in order to").unwrap()),
            ("prior to", text.find("prior to").unwrap())
        ]
    );
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
    let fixed = house().fix_text(
        text,
        Format::Markdown,
        copydesk::fix::FixOptions { unsafe_fixes: true },
    );
    assert!(
        fixed
            .text
            .contains("title: \"Council acts to save library\"")
            && fixed.text.contains("description: It met before the vote."),
        "{}",
        fixed.text
    );
}

#[test]
fn empty_and_blank_articles_have_no_blocks() {
    for text in ["", "\n\n", "\u{feff}", "   \r\n"] {
        for format in [Format::Text, Format::Markdown] {
            let doc = Document::parse(text.to_string(), format);
            assert!(doc.blocks.is_empty(), "{text:?}");
            assert_eq!(doc.mask.len(), text.len());
        }
    }
}

/// Wire copy as the wire stores it: hard-wrapped, each paragraph's first line indented, no
/// blank line. A quotation that wraps is one quotation with its speaker on the next line, and
/// the story reads the same as when each paragraph is one line.
#[test]
fn hard_wrapped_wire_copy_reads_like_the_same_story_unwrapped() {
    let wrapped = "\
DEAN FOODS <DF> SEES STRONG 4TH QTR EARNINGS
    CHICAGO, Feb 26 - Dean Foods Co expects earnings for the
fourth quarter ending May 30 to exceed those of the same
year-ago period, Chairman Kenneth Douglas told analysts.
    He said that third-quarter earnings, as projected
earlier, \"will probably be off slightly\" from last year's 40
cts a share.
    \"It provides an entry to McDonalds Corp we've been
after for years,\" Douglas told analysts.
";
    // The same story, one paragraph a line between blank lines.
    let mut unwrapped = String::new();
    for (i, paragraph) in wrapped.split("\n    ").enumerate() {
        if i > 0 {
            unwrapped.push_str("\n\n");
        }
        unwrapped.push_str(&paragraph.trim_end().replace('\n', " "));
    }
    unwrapped.push('\n');
    let default = {
        let config = copydesk::config::Config::defaults(std::path::Path::new("."));
        let sets = config.load_rulesets(&[]).unwrap();
        Linter::new(config.apply(sets).unwrap())
    };
    let read = |text: &str| {
        let (doc, found) = default.check_text(text.to_string(), Format::Text);
        let quotes: Vec<String> = doc
            .quotes
            .iter()
            .map(|q| {
                doc.text(q.span)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let findings: Vec<(String, String)> = found
            .iter()
            .map(|d| {
                let words = doc
                    .text(d.span)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (d.rule.clone(), words)
            })
            .collect();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        (doc.unbalanced_quotes.len(), quotes, findings, kinds)
    };
    let (unbalanced, quotes, findings, kinds) = read(wrapped);
    assert_eq!(unbalanced, 0);
    assert_eq!(
        quotes,
        [
            "\"will probably be off slightly\"",
            "\"It provides an entry to McDonalds Corp we've been after for years,\""
        ]
    );
    assert_eq!(kinds[0], BlockKind::Heading(1));
    assert_eq!(kinds.len(), 4);
    assert!(
        !findings.iter().any(|(rule, _)| rule.contains("quote")),
        "{findings:?}"
    );
    assert_eq!((unbalanced, quotes, findings, kinds), read(&unwrapped));
}

/// A dateline is the filing date: it dates the sentence it opens (and the one after, like any
/// date), not an event three paragraphs down, and it does so whether or not it is indented.
#[test]
fn a_dateline_dates_the_first_sentence_not_the_story() {
    let default = {
        let config = copydesk::config::Config::defaults(std::path::Path::new("."));
        let sets = config.load_rulesets(&[]).unwrap();
        Linter::new(config.apply(sets).unwrap())
    };
    let story = |indent: &str| {
        format!(
            "BANK <BK> CUTS RATE\n{indent}LONDON, March 3 - The bank cut its rate to 9.5 pct.\n\
             {indent}Dealers expected the move.\n{indent}Shares rose in heavy trading.\n\
             {indent}The bank's governor visited Paris to discuss the pound.\n"
        )
    };
    for indent in ["", "    "] {
        let text = story(indent);
        let (doc, found) = default.check_text(text.clone(), Format::Text);
        let events: Vec<&str> = found
            .iter()
            .filter(|d| d.rule == "dates/event-needs-date")
            .map(|d| doc.text(d.span))
            .collect();
        assert_eq!(events, ["visited"], "indent {indent:?}: {found:#?}");
    }
}
