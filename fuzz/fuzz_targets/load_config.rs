//! Any text as copydesk.toml: it loads or is refused with an error, never a panic.
#![no_main]

use copydesk::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("copydesk.toml");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    if let Ok(config) = Config::load(&path) {
        let _ = config.load_rulesets(&[]).map(|sets| config.apply(sets));
    }
});
