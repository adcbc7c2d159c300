//! Sentence splitting on news copy: a table of tricky sentences and where they must break.

use copydesk::document::{Document, Format};

/// Each case: a paragraph, then the sentences it must split into.
const CASES: &[(&str, &[&str])] = &[
    (
        "U.S. officials met Mr. Smith in Washington. They left at noon.",
        &["U.S. officials met Mr. Smith in Washington.", "They left at noon."],
    ),
    (
        "Sen. Warren and Gov. Newsom spoke. Dr. Jones did not.",
        &["Sen. Warren and Gov. Newsom spoke.", "Dr. Jones did not."],
    ),
    (
        "The vote is on Nov. 28 at No. 10 Downing Street. It is open.",
        &["The vote is on Nov. 28 at No. 10 Downing Street.", "It is open."],
    ),
    (
        "J.K. Rowling and George W. Bush were not there. Nobody was.",
        &["J.K. Rowling and George W. Bush were not there.", "Nobody was."],
    ),
    (
        "Profits rose to $1.13bn (£600m), up 3.5% on the year. Shares fell 0.2%.",
        &["Profits rose to $1.13bn (£600m), up 3.5% on the year.", "Shares fell 0.2%."],
    ),
    (
        "He paused... and then went on. Then he stopped…",
        &["He paused... and then went on.", "Then he stopped…"],
    ),
    (
        "\"We will win.\" The crowd cheered. She said: “It is over.” Then she left.",
        &["\"We will win.\"", "The crowd cheered.", "She said: “It is over.”", "Then she left."],
    ),
    (
        "He moved to the U.S. The move was costly.",
        &["He moved to the U.S.", "The move was costly."],
    ),
    (
        "Was it fair? Nobody knows! The inquiry reports in Jan. 2027.",
        &["Was it fair?", "Nobody knows!", "The inquiry reports in Jan. 2027."],
    ),
    (
        "The firm, Acme Inc., said sales at the St. Louis plant fell. Staff were told.",
        &["The firm, Acme Inc., said sales at the St. Louis plant fell.", "Staff were told."],
    ),
    (
        "Lt. Col. James Brown, of the U.K. Ministry of Defence, said the unit left at 9 a.m. on Monday.",
        &["Lt. Col. James Brown, of the U.K. Ministry of Defence, said the unit left at 9 a.m. on Monday."],
    ),
    (
        "Stocks fell in the U.S. and Europe. But Asia rose.",
        &["Stocks fell in the U.S. and Europe.", "But Asia rose."],
    ),
    (
        "The deal (worth $2bn.) was signed. Talks end.",
        &["The deal (worth $2bn.) was signed.", "Talks end."],
    ),
];

fn sentences(paragraph: &str) -> Vec<String> {
    let doc = Document::parse(paragraph.to_string(), Format::Text);
    doc.sentences
        .iter()
        .map(|s| doc.text(s.span).to_string())
        .collect()
}

#[test]
fn tricky_news_sentences_split_where_an_editor_would() {
    let mut failures = Vec::new();
    for (paragraph, expected) in CASES {
        let got = sentences(paragraph);
        if got != *expected {
            failures.push(format!(
                "{paragraph:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn sentences_run_across_line_breaks_inside_a_paragraph() {
    let text = "Headline\n\nThe minister said\nthe talks would resume. They did\r\nnot.\n";
    assert_eq!(
        sentences(text),
        [
            "Headline",
            "The minister said\nthe talks would resume.",
            "They did\r\nnot."
        ]
    );
}

#[test]
fn sentences_cover_each_block_in_order_without_overlap() {
    let text = "Head line\n\nOne. Two three. Four?\n\nFive \"six.\" Seven.\n";
    let doc = Document::parse(text.to_string(), Format::Text);
    for block in &doc.blocks {
        let spans: Vec<_> = doc.block_sentences(block).iter().map(|s| s.span).collect();
        assert_eq!(spans.first().unwrap().start, block.span.start);
        assert_eq!(spans.last().unwrap().end, block.span.end);
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
    }
}
