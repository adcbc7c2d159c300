//! Blocks of a story that are not prose: the sign-off a wire puts under a story (`Reuter`,
//! `(Reporting by …; Editing by …)`) and the rows of a table of figures (`Shr 30 cts vs 5.92
//! dlrs`). No sentence rule may fire in them: they are blanked from the prose mask, like markup.

use super::{BlockKind, RawBlock};

/// Whether the text of a block is a sign-off: the wire's name alone, or the credit line that
/// names who reported, wrote and edited the story.
pub(crate) fn is_sign_off(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['.', ' ']);
    if ["reuter", "reuters"]
        .iter()
        .any(|name| text.eq_ignore_ascii_case(name))
    {
        return true;
    }
    let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
        return false;
    };
    let lower = inner.to_lowercase();
    let credits = [
        "reporting by",
        "additional reporting by",
        "writing by",
        "editing by",
        "compiled by",
        "by ",
    ];
    // Every part of the line (`; `-separated) is a credit.
    lower
        .split(';')
        .all(|part| credits.iter().any(|c| part.trim_start().starts_with(c)))
}

/// Whether one line is a row of a table of figures: a label and numbers, compared with `vs`, or
/// mostly numbers; short, and not a sentence.
fn is_figure_row(line: &str) -> bool {
    let line = line.trim();
    if line.ends_with(['.', '!', '?', ':', ';', ',']) || line.contains('"') {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    // A label and a figure at least: a number alone on a line is a list marker or a page
    // number, not a row.
    if words.len() > 12
        || words.len() < 2
        || !words.iter().any(|w| w.chars().all(char::is_alphabetic))
    {
        return false;
    }
    let numeric = |w: &&&str| w.chars().any(|c| c.is_ascii_digit());
    let numbers = words.iter().filter(numeric).count();
    if numbers == 0 {
        return false;
    }
    // `Net 1,142,000 vs 16.0 mln`, `Shr loss eight cts vs profit 20 cts`
    let compared = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("vs") || w.eq_ignore_ascii_case("vs."))
        .is_some_and(|at| at > 0 && at + 1 < words.len());
    compared || (words.len() <= 6 && numbers * 2 >= words.len())
}

/// Whether a line could label a part of a table (`Year`, `12 mths`, `Nine mths to Dec 31`).
fn is_table_label(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=5).contains(&words) && !line.ends_with(['.', '!', '?', ';', ',', '"'])
}

/// Which of `blocks` (of `mask`) are rows of a table of figures: single-line paragraphs that
/// read as figure rows, and the short labels between such rows.
pub(crate) fn table_rows(mask: &str, blocks: &[RawBlock]) -> Vec<bool> {
    let one_line = |b: &RawBlock| {
        b.kind == BlockKind::Paragraph && !b.span.slice(mask).trim().contains(['\n', '\r'])
    };
    let mut rows: Vec<bool> = blocks
        .iter()
        .map(|b| one_line(b) && is_figure_row(b.span.slice(mask)))
        .collect();
    for i in 1..blocks.len().saturating_sub(1) {
        if !rows[i]
            && rows[i - 1]
            && rows[i + 1]
            && one_line(&blocks[i])
            && is_table_label(blocks[i].span.slice(mask))
        {
            rows[i] = true;
        }
    }
    // A table has two rows at least: one figure line in a story is prose that reads tersely.
    let mut i = 0;
    while i < rows.len() {
        let run = rows[i..].iter().take_while(|&&r| r).count();
        if run == 1 {
            rows[i] = false;
        }
        i += run.max(1);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_offs() {
        for yes in [
            "Reuter",
            "REUTER",
            "Reuters.",
            "(Reporting by Jane Smith; Editing by Tom Brown)",
            "(Additional reporting by A. Jones in Paris; writing by B. Lee)",
        ] {
            assert!(is_sign_off(yes), "{yes}");
        }
        for no in [
            "Reuters reported the deal on Tuesday.",
            "(The company declined to comment.)",
            "By the end of the year, prices had doubled.",
        ] {
            assert!(!is_sign_off(no), "{no}");
        }
    }

    fn rows_of(text: &str) -> Vec<bool> {
        let blocks = crate::document::text::blocks(text, 0);
        table_rows(text, &blocks)
    }

    #[test]
    fn a_table_needs_two_rows() {
        let table = "HEAD <H> 4TH QTR NET\n    MIAMI, Feb 26 -\n    Shr 30 cts vs 5.92 dlrs\n    \
                     Net 1,142,000 vs 16.0 mln\n    Year\n    Shr 90 cts vs 6.20 dlrs\n    \
                     NOTE: Amounts include an acquisition made on\nJanuary 24, 1986.\n Reuter\n";
        assert_eq!(
            rows_of(table),
            [false, false, true, true, true, true, false, false]
        );
        let lone = "Head\n\nThe figures:\n\nNet 1.1 mln vs 2.2 mln\n\nThat was all.\n";
        assert_eq!(rows_of(lone), [false, false, false, false]);
    }

    #[test]
    fn figure_rows() {
        for yes in [
            "Shr 30 cts vs 5.92 dlrs",
            "Net 1,142,000 vs 16.0 mln",
            "Oper shr loss eight cts vs profit 20 cts",
            "Revs 1.4 billion vs 1.3 billion",
            "Qtly div 15 cts vs 15 cts prior",
        ] {
            assert!(is_figure_row(yes), "{yes}");
        }
        for no in [
            "Prices rose 0.4 pct in January, the bureau said.",
            "The vote was 12 to 3.",
            "1",
            "2 3",
            "Net profit rose",
            "\"Prices are 30 pct vs 20 pct,\" he said",
        ] {
            assert!(!is_figure_row(no), "{no}");
        }
    }
}
