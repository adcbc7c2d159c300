//! Any article, every built-in rule set on, unsafe fixes allowed: the fix loop ends, its result
//! is a fixed point (fixing it again changes nothing and counts nothing), it never counts a fix
//! it did not make, and every finding left lies inside the fixed text.
#![no_main]

use copydesk::document::Format;
use copydesk::engine::Linter;
use copydesk::fix::FixOptions;
use copydesk::rules::builtin::BUILTINS;
use copydesk::rules::load_ruleset;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let rules = BUILTINS
        .iter()
        .filter_map(|b| load_ruleset(&b.source()).ok())
        .flat_map(|set| set.rules)
        .collect();
    Linter::new(rules)
});

const ALL: FixOptions = FixOptions { unsafe_fixes: true };

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let format = match first % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let fixed = LINTER.fix_text(text, format, ALL);
    if fixed.applied == 0 {
        assert_eq!(fixed.text, text, "a text changed with no fix counted");
    } else {
        assert_ne!(fixed.text, text, "fixes counted on a text left as it was");
    }
    for d in &fixed.remaining {
        assert!(d.span.end <= fixed.text.len());
        assert!(fixed.text.is_char_boundary(d.span.start) && fixed.text.is_char_boundary(d.span.end));
    }
    // Rules that could not settle are reported; otherwise the result must be final.
    if fixed.problems.is_empty() {
        let again = LINTER.fix_text(&fixed.text, format, ALL);
        assert_eq!(again.text, fixed.text, "a second run changed the text");
        assert_eq!(again.applied, 0, "a second run counted fixes");
    }
});
