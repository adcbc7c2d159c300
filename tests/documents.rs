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
    let text = "---\ntitle: in order to\n---\n\n# Title\n\nSee `in order to` and <!-- in order to -->, <span title=\"in order to\">x</span> [here](https://x.org/in-order-to).\n\n    in order to\n\nThey left in order to vote.\n";
    let (doc, found) = house().check_text(text.to_string(), Format::Markdown);
    let flagged: Vec<&str> = found.iter().map(|d| doc.text(d.span)).collect();
    assert_eq!(flagged, ["in order to"]);
    assert_eq!(found[0].span.start, text.rfind("in order to").unwrap());
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
