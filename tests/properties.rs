//! Properties over arbitrary articles: spans lie in the file on character boundaries,
//! sentences tile each block, and the JSON report parses back.

use copydesk::config::Config;
use copydesk::document::{Document, Format};
use copydesk::engine::{Checked, FileReport, Linter};
use copydesk::output::json;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::defaults(Path::new("."));
    Linter::new(config.apply(config.load_rulesets(&[]).unwrap()).unwrap())
});

/// Text made of news-like pieces and awkward characters, with any Unicode mixed in.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The minister said".to_string()),
        Just(" \"We will win,\" ".to_string()),
        Just("“curly” ‘single’ „low“ ".to_string()),
        Just("Mr. Smith met U.S. officials on Nov. 28th. ".to_string()),
        Just("yesterday the the ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("# Heading\n".to_string()),
        Just("> quoted\n".to_string()),
        Just("- item\n".to_string()),
        Just("`code` <b>html</b> [link](http://x.org) ".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{1b}[2J\0\t".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_span_lies_in_the_file_on_character_boundaries(text in article(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let (doc, findings) = LINTER.check_text(text.clone(), format);
        prop_assert_eq!(doc.mask.len(), text.len());
        let spans = findings
            .iter()
            .flat_map(|d| {
                std::iter::once(d.span)
                    .chain(d.labels.iter().map(|l| l.span))
                    .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)))
            })
            .chain(doc.words.iter().copied())
            .chain(doc.quotes.iter().flat_map(|q| [q.span, q.inner]))
            .chain(doc.unbalanced_quotes.iter().copied());
        for span in spans {
            prop_assert!(span.start <= span.end && span.end <= text.len(), "{:?}", span);
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }

    #[test]
    fn sentences_tile_each_block_in_order(text in article(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let doc = Document::parse(text, format);
        for block in &doc.blocks {
            let sentences = doc.block_sentences(block);
            prop_assert!(!sentences.is_empty());
            prop_assert!(sentences[0].span.start >= block.span.start);
            prop_assert!(sentences[sentences.len() - 1].span.end <= block.span.end);
            for pair in sentences.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start);
                // Only white space (or blanked markup) between two sentences of a block.
                prop_assert!(doc.mask[pair[0].span.end..pair[1].span.start].trim().is_empty());
            }
        }
    }

    #[test]
    fn the_json_report_parses_back(text in article()) {
        let (doc, diagnostics) = LINTER.check_text(text, Format::Text);
        let reports = vec![FileReport {
            path: PathBuf::from("a \"strange\" <name> & %0A.txt"),
            outcome: Ok(Checked { source: doc.source, diagnostics: diagnostics.clone() }),
            fix: None,
        }];
        let mut out = Vec::new();
        json::render(&mut out, &reports).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let findings = value["findings"].as_array().unwrap();
        prop_assert_eq!(findings.len(), diagnostics.len());
        for (f, d) in findings.iter().zip(&diagnostics) {
            prop_assert_eq!(f["message"].as_str().unwrap(), d.message.as_str());
            prop_assert_eq!(f["span"]["start"].as_u64().unwrap() as usize, d.span.start);
        }
    }
}
