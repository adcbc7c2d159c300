//! Any text as a rule file: it loads or is refused with located errors, never a panic.
#![no_main]

use copydesk::rules::load_ruleset_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(errors) = load_ruleset_text("fuzz.toml", text) {
            for e in errors {
                assert!(e.span.end <= text.len());
            }
        }
    }
});
