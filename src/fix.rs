//! Applying fixes: choosing non-overlapping edits, looping to a fixed point, and writing the
//! result without ever losing a word.
//!
//! `check --fix`, `--diff` and the plain check are one pipeline: the engine lints, this module
//! turns findings into a new text, and only the last step differs (write it, show it, or not).

use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
use crate::document::Format;
use crate::engine::Linter;
use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixOptions {
    /// Apply `unsafe` fixes too (never `display` ones).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    pub fn allows(&self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::Display => false,
        }
    }
}

/// The most rounds of lint-and-fix before giving up: each round may enable another fix (a fix
/// can reveal a finding), but a pair of rules undoing each other must not loop for ever.
pub const MAX_ROUNDS: usize = 10;

/// What fixing one text did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over all rounds.
    pub applied: usize,
    /// Findings left that an unsafe fix would change (when unsafe fixes were not allowed).
    pub unsafe_available: usize,
    /// The findings in the fixed text.
    pub remaining: Vec<Diagnostic>,
}

impl Fixed {
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }
}

/// Applies the allowed fixes of `diagnostics` to `text` once: fixes are taken in order of
/// position (then rule id, as the diagnostics are sorted), and a fix any of whose edits
/// overlaps an edit already taken is left for a later round. Returns the new text and the
/// edits applied, in order.
pub fn apply_once(
    text: &str,
    diagnostics: &[Diagnostic],
    options: FixOptions,
) -> (String, Vec<Edit>) {
    let mut taken: Vec<Edit> = Vec::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !options.allows(fix.applicability) || fix.edits.is_empty() {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| conflict(e.span, t.span)));
        if valid && !clashes {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in &taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, taken)
}

/// Two edits conflict when they overlap, or both insert at one place (the order would be a
/// guess). Edits that only touch end to start do not.
fn conflict(a: Span, b: Span) -> bool {
    a.overlaps(b) || a.start == b.start || (a.is_empty() && b.start < a.start && a.start < b.end)
}

/// Lints and fixes `text` until no allowed fix applies (at most [`MAX_ROUNDS`] rounds).
pub fn fix_text(linter: &Linter, text: &str, format: Format, options: FixOptions) -> Fixed {
    fix_text_at(linter, None, text, format, options)
}

/// [`fix_text`] with the rule settings for the file at `path` (overrides).
pub fn fix_text_at(
    linter: &Linter,
    path: Option<&std::path::Path>,
    text: &str,
    format: Format,
    options: FixOptions,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    let (_, mut findings) = linter.check_text_at(path, current.clone(), format);
    for _ in 0..MAX_ROUNDS {
        let (next, edits) = apply_once(&current, &findings, options);
        if edits.is_empty() || next == current {
            break;
        }
        applied += count_fixes(&findings, &edits);
        current = next;
        findings = linter.check_text_at(path, current.clone(), format).1;
    }
    let unsafe_available = if options.unsafe_fixes {
        0
    } else {
        findings
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            })
            .count()
    };
    Fixed {
        text: current,
        applied,
        unsafe_available,
        remaining: findings,
    }
}

/// How many findings' fixes were wholly among `edits`.
fn count_fixes(findings: &[Diagnostic], edits: &[Edit]) -> usize {
    findings
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(|e| edits.contains(e)))
        .count()
}

/// A unified diff of `before` and `after`, headed with `name`, or `None` when they are equal.
pub fn unified_diff(name: &str, before: &str, after: &str) -> Option<String> {
    if before == after {
        return None;
    }
    let diff = similar::TextDiff::from_lines(before, after);
    Some(
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string(),
    )
}

/// Replaces the file at `path`, which held `original` when it was read, with `text`:
/// written to a temporary file in the same folder, given the original's permissions, then
/// renamed over it, so a reader never sees half a file and a crash loses nothing. A file that
/// is read-only, or that changed on disk since it was read, is left alone and reported.
pub fn write_fixed(path: &Path, original: &[u8], text: &str) -> Result<(), Error> {
    let fail = |message: String| Error::Usage {
        message,
        help: Some("nothing was written; the file is as it was".into()),
    };
    let io = |e: std::io::Error| Error::Read {
        path: path.to_path_buf(),
        io: e,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.permissions().readonly() {
        return Err(fail(format!("{} is read-only: not fixed", path.display())));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(text.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(temp.path(), metadata.permissions()).map_err(io)?;
    // Last look before the swap: someone may have saved the file meanwhile.
    let now = std::fs::read(path).map_err(io)?;
    if now != original {
        return Err(fail(format!(
            "{} changed on disk while it was being checked: not fixed",
            path.display()
        )));
    }
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};

    fn finding(
        rule: &str,
        start: usize,
        end: usize,
        replacement: &str,
        applicability: Applicability,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            label: None,
            labels: Vec::new(),
            help: None,
            fix: Some(Fix {
                applicability,
                edits: vec![Edit {
                    span: Span::new(start, end),
                    replacement: replacement.into(),
                }],
            }),
        }
    }

    #[test]
    fn overlapping_edits_never_both_apply_and_adjacent_ones_do() {
        let text = "abcdef";
        let findings = [
            finding("r/a", 0, 2, "X", Applicability::Safe),
            finding("r/b", 1, 3, "Y", Applicability::Safe), // overlaps the first: left out
            finding("r/c", 2, 4, "Z", Applicability::Safe), // touches the first: applies
            finding("r/d", 4, 4, "+", Applicability::Safe), // insertion at the end of the third
        ];
        let (out, edits) = apply_once(text, &findings, FixOptions::default());
        assert_eq!(out, "XZ+ef");
        assert_eq!(edits.len(), 3);
    }

    #[test]
    fn applicability_decides() {
        let text = "one two three";
        let findings = [
            finding("r/a", 0, 3, "1", Applicability::Safe),
            finding("r/b", 4, 7, "2", Applicability::Unsafe),
            finding("r/c", 8, 13, "3", Applicability::Display),
        ];
        assert_eq!(
            apply_once(text, &findings, FixOptions::default()).0,
            "1 two three"
        );
        let all = FixOptions { unsafe_fixes: true };
        assert_eq!(apply_once(text, &findings, all).0, "1 2 three");
    }

    #[test]
    fn diffs_are_unified() {
        let diff = unified_diff("a.txt", "one\ntwo\n", "one\n2\n").unwrap();
        assert!(diff.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{diff}");
        assert!(diff.contains("-two\n+2\n"), "{diff}");
        assert!(unified_diff("a.txt", "x", "x").is_none());
    }
}
