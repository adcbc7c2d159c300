//! Any bytes, as any article format, through parsing and every default rule: no panic, and
//! every finding's span inside the text on character boundaries.
#![no_main]

use copydesk::config::Config;
use copydesk::document::Format;
use copydesk::engine::Linter;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::defaults(std::path::Path::new("."));
    let sets = config.load_rulesets(&[]).unwrap_or_default();
    Linter::new(config.apply(sets).unwrap_or_default())
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let format = match first % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let (_, findings) = LINTER.check_text(text.to_string(), format);
    for d in findings {
        assert!(d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
});
