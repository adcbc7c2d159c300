//! GitLab Code Quality reports: a JSON array of issues in the Code Climate shape, which GitLab
//! shows in the merge request (`artifacts: reports: codequality`). Each issue carries a
//! fingerprint that stays the same while the finding does, so GitLab can tell new findings
//! from old ones even when lines move.

use super::path_text;
use crate::diagnostic::Severity;
use crate::lines::Unit;
use crate::report::{FileReport, Summary};
use serde_json::json;
use std::collections::HashMap;
use std::io::{self, Write};

/// The issues of a run, written a batch of files at a time as the elements of one array, so that
/// memory does not grow with the number of findings.
#[derive(Default)]
pub struct GitlabEmitter {
    /// Issues written so far.
    written: usize,
}

pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    super::emit(&mut GitlabEmitter::default(), out, reports)
}

impl super::Emitter for GitlabEmitter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.add(out, std::slice::from_ref(report))
    }

    /// Closes the array (the same bytes `serde_json::to_writer_pretty` writes for it whole).
    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            writeln!(out, "[]")
        } else {
            writeln!(out, "\n]")
        }
    }
}

impl GitlabEmitter {
    fn write(&mut self, out: &mut dyn Write, issue: &serde_json::Value) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"[\n  "
        } else {
            b",\n  "
        })?;
        super::write_pretty(out, issue, 1)?;
        self.written += 1;
        Ok(())
    }

    fn add(&mut self, out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
        for report in reports {
            let path = path_text(&report.path);
            match &report.outcome {
                Ok(checked) => {
                    let text = checked.source.as_str();
                    let (_, found) = super::positions(checked, Unit::Chars);
                    // The n-th finding of a rule on the same words in a file: a fingerprint part
                    // that does not depend on line numbers.
                    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
                    for (d, (start, end)) in checked.diagnostics.iter().zip(found) {
                        let words = text.get(d.span.start..d.span.end).unwrap_or("");
                        let nth = seen.entry((d.rule.as_str(), words)).or_insert(0);
                        *nth += 1;
                        let fingerprint = fingerprint(&[&path, &d.rule, words, &nth.to_string()]);
                        let mut description = d.message.clone();
                        if let Some(help) = &d.help {
                            description.push_str(" Help: ");
                            description.push_str(help);
                        }
                        let issue = json!({
                            "type": "issue",
                            "check_name": d.rule,
                            "description": description,
                            "categories": ["Style"],
                            "severity": severity(d.severity),
                            "fingerprint": fingerprint,
                            "location": {
                                "path": path,
                                "positions": {
                                    "begin": { "line": start.line, "column": start.column },
                                    "end": { "line": end.line, "column": end.column },
                                },
                            },
                        });
                        self.write(out, &issue)?;
                    }
                }
                Err(e) => {
                    let issue = json!({
                        "type": "issue",
                        "check_name": "copydesk",
                        "description": e.to_string(),
                        "categories": ["Bug Risk"],
                        "severity": "blocker",
                        "fingerprint": fingerprint(&[&path, "copydesk:unreadable"]),
                        "location": { "path": path, "lines": { "begin": 1 } },
                    });
                    self.write(out, &issue)?;
                }
            }
        }
        Ok(())
    }
}

/// Code Climate severities: `info`, `minor`, `major`, `critical`, `blocker`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A stable hex digest of `parts` (FNV-1a, 128 bits from two 64-bit lanes): the same on every
/// machine and release, unlike the standard library's hasher.
fn fingerprint(parts: &[&str]) -> String {
    let mut lanes = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64];
    for (lane, h) in lanes.iter_mut().enumerate() {
        for part in parts {
            for byte in part.bytes().chain([0xff, lane as u8]) {
                *h ^= u64::from(byte);
                *h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    format!("{:016x}{:016x}", lanes[0], lanes[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(
            fingerprint(&["a.txt", "r", "x", "1"]),
            fingerprint(&["a.txt", "r", "x", "1"])
        );
        assert_ne!(
            fingerprint(&["a.txt", "r", "x", "1"]),
            fingerprint(&["a.txt", "r", "x", "2"])
        );
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a"]).len(), 32);
    }
}
