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
/// can reveal a finding), but rules that keep changing a text must not loop for ever.
pub const MAX_ROUNDS: usize = 10;

/// The rule id of the error reported when fixes cannot settle (see [`FixProblem`]).
pub const FIX_CONFLICT: &str = "fix/conflict";

/// The message and description of [`FIX_CONFLICT`], for `copydesk explain`.
pub const FIX_CONFLICT_DOC: (&str, &str) = (
    "The fixes of two rules undo each other here: neither was applied.",
    "Reported by --fix and --diff when applying fixes would never settle: one rule's fix \
     produces a text that another rule's fix turns back (`ap/spelling` writes 'email' and a \
     consistency rule restores the article's first spelling 'e-mail'), so the article would \
     change on every run. copydesk notices that a round of fixing produced a text it had already \
     produced, applies neither of the fixes involved anywhere in the article, and reports this \
     error at the place where one of them would apply, naming every rule involved. The other \
     fixes are applied as usual. Make the rules agree (change one rule's replacement, or turn \
     one rule off for these files in `copydesk.toml`). The same error is reported when fixes \
     are still changing the text after 10 rounds; then the text as the last round left it is \
     kept, and the rules that were still changing it are named.",
);

/// What fixing one text did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over all rounds: each counts once, and only fixes whose edits are in
    /// `text` (fixes that a conflict undid are not counted).
    pub applied: usize,
    /// Findings left that an unsafe fix would change (when unsafe fixes were not allowed).
    pub unsafe_available: usize,
    /// The findings in the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Why fixing did not settle by itself, if it did not.
    pub problems: Vec<FixProblem>,
}

impl Fixed {
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }
}

/// One fix as the loop tracks it: which rule made it, and each edit as the text it removes and
/// the text it writes. The same key wherever in the article, and in whichever round, the fix
/// is made.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FixKey {
    pub rule: String,
    /// (removed, written) for each edit, in order.
    pub edits: Vec<(String, String)>,
}

impl FixKey {
    fn of(diagnostic: &Diagnostic, text: &str) -> Option<FixKey> {
        let fix = diagnostic.fix.as_ref()?;
        Some(FixKey {
            rule: diagnostic.rule.clone(),
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    (
                        text.get(e.span.start..e.span.end)
                            .unwrap_or_default()
                            .to_string(),
                        e.replacement.clone(),
                    )
                })
                .collect(),
        })
    }
}

/// Fixes that would not settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixProblem {
    /// These fixes (of at least two rules, or one rule with itself) turn a text back into one
    /// the loop had already produced. None of them was applied.
    Conflict(Vec<FixKey>),
    /// Fixes were still changing the text after [`MAX_ROUNDS`] rounds; these are the last
    /// round's. The text is kept as that round left it.
    NoFixedPoint(Vec<FixKey>),
}

impl FixProblem {
    pub fn keys(&self) -> &[FixKey] {
        match self {
            FixProblem::Conflict(keys) | FixProblem::NoFixedPoint(keys) => keys,
        }
    }

    /// The rules involved, sorted, each once.
    pub fn rules(&self) -> Vec<&str> {
        let mut rules: Vec<&str> = self.keys().iter().map(|k| k.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }

    /// The error to report, placed at the first of `findings` (of the text `text`) whose fix
    /// is one of this problem's; at the start of the article when none is.
    pub fn diagnostic(&self, text: &str, findings: &[Diagnostic]) -> Diagnostic {
        let keys = self.keys();
        let at = findings
            .iter()
            .find(|d| FixKey::of(d, text).is_some_and(|k| keys.contains(&k)));
        let rules = self
            .rules()
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>();
        let rules = match rules.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let steps = keys
            .iter()
            .flat_map(|k| &k.edits)
            .map(|(from, to)| format!("'{from}' → '{to}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let (message, help) = match self {
            FixProblem::Conflict(_) => (
                format!("The fixes of {rules} undo each other ({steps}): neither was applied."),
                "make the rules agree, or turn one of them off for this file; `copydesk explain \
                 fix/conflict`",
            ),
            FixProblem::NoFixedPoint(_) => (
                format!(
                    "The fixes of {rules} were still changing the text after {MAX_ROUNDS} \
                     rounds ({steps})."
                ),
                "a rule's fix keeps producing text it matches again: change its replacement; \
                 `copydesk explain fix/conflict`",
            ),
        };
        Diagnostic {
            rule: FIX_CONFLICT.into(),
            severity: crate::diagnostic::Severity::Error,
            message,
            span: at.map_or(Span::new(0, 0), |d| d.span),
            label: Some(match at {
                Some(d) => format!("`{}` would fix this", d.rule),
                None => "in this article".into(),
            }),
            labels: Vec::new(),
            help: Some(help.into()),
            fix: None,
        }
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
    let (out, edits, _) = apply_round(text, diagnostics, |d| {
        d.fix
            .as_ref()
            .is_some_and(|f| options.allows(f.applicability))
    });
    (out, edits)
}

/// [`apply_once`] for the fixes `allowed` picks; also returns the indices of the diagnostics
/// whose fixes were taken. Linear in the text and the number of edits (times a logarithm):
/// the edits taken are kept ordered by start, and a new edit can only clash with its
/// neighbours there.
fn apply_round(
    text: &str,
    diagnostics: &[Diagnostic],
    allowed: impl Fn(&Diagnostic) -> bool,
) -> (String, Vec<Edit>, Vec<usize>) {
    // Start → end of every edit taken; starts are distinct, since two edits at one start
    // conflict.
    let mut taken: std::collections::BTreeMap<usize, (usize, &Edit)> = Default::default();
    let mut candidates = Vec::new();
    let mut fixes = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = d.fix.as_ref() else { continue };
        if fix.edits.is_empty() || !allowed(d) {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let clashes_taken = |e: &Edit| {
            let before = taken.range(..=e.span.start).next_back();
            let after = taken
                .range((
                    std::ops::Bound::Excluded(e.span.start),
                    std::ops::Bound::Unbounded,
                ))
                .next();
            before
                .into_iter()
                .chain(after)
                .any(|(&start, &(end, _))| conflict(e.span, Span::new(start, end)))
        };
        let clashes_itself = fix
            .edits
            .iter()
            .enumerate()
            .any(|(j, a)| fix.edits[j + 1..].iter().any(|b| conflict(a.span, b.span)));
        if valid && !clashes_itself && !fix.edits.iter().any(clashes_taken) {
            for e in &fix.edits {
                taken.insert(e.span.start, (e.span.end, e));
            }
        }
        candidates.push(i);
    }
    // A fix is applied when all its edits are: the one taken, and any other finding's that
    // makes the very same edits (two rules flagging one repeated word).
    for i in candidates {
        let edits = &diagnostics[i]
            .fix
            .as_ref()
            .expect("a candidate has a fix")
            .edits;
        if edits.iter().all(|e| {
            taken
                .get(&e.span.start)
                .is_some_and(|&(end, t)| end == e.span.end && t.replacement == e.replacement)
        }) {
            fixes.push(i);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut edits = Vec::with_capacity(taken.len());
    for (&start, &(end, edit)) in &taken {
        out.push_str(&text[at..start]);
        out.push_str(&edit.replacement);
        at = end;
        edits.push(edit.clone());
    }
    out.push_str(&text[at..]);
    (out, edits, fixes)
}

/// Two edits conflict when they overlap (an insertion strictly inside another edit included),
/// or both start at one place (the order would be a guess). Edits that only touch end to start
/// do not.
fn conflict(a: Span, b: Span) -> bool {
    a.overlaps(b) || a.start == b.start
}

/// Lints and fixes `text` until no allowed fix applies (at most [`MAX_ROUNDS`] rounds).
pub fn fix_text(linter: &Linter, text: &str, format: Format, options: FixOptions) -> Fixed {
    fix_text_at(linter, None, text, format, options)
}

/// How often fixing starts over without the fixes of a newly found conflict before it gives
/// up and leaves the text as it was.
const MAX_RESTARTS: usize = 8;

/// [`fix_text`] with the rule settings for the file at `path` (overrides).
///
/// Each round lints the text and applies the allowed fixes that do not overlap. When a round
/// produces a text an earlier round had (rules undoing each other), the fixes of the rounds in
/// that cycle are set aside everywhere in the article and fixing starts again from `text`
/// without them, so the result holds neither side of the conflict and is the same on every run.
pub fn fix_text_at(
    linter: &Linter,
    path: Option<&std::path::Path>,
    text: &str,
    format: Format,
    options: FixOptions,
) -> Fixed {
    let mut blocked: Vec<FixKey> = Vec::new();
    let mut problems: Vec<FixProblem> = Vec::new();
    for _ in 0..=MAX_RESTARTS {
        match fix_rounds(linter, path, text, format, options, &blocked) {
            Ok(mut fixed) => {
                problems.append(&mut fixed.problems);
                fixed.problems = problems;
                return fixed;
            }
            Err(cycle) => {
                blocked.extend(cycle.iter().cloned());
                problems.push(FixProblem::Conflict(cycle));
            }
        }
    }
    // Conflicts kept turning up: apply nothing rather than guess.
    let remaining = linter.check_text_at(path, text.to_string(), format).1;
    Fixed {
        text: text.to_string(),
        applied: 0,
        unsafe_available: unsafe_available(&remaining, options),
        remaining,
        problems,
    }
}

/// One pass of the fix loop from `text`, never applying a fix in `blocked`. `Err` holds the
/// fixes of a cycle, sorted, when one is found.
fn fix_rounds(
    linter: &Linter,
    path: Option<&std::path::Path>,
    text: &str,
    format: Format,
    options: FixOptions,
    blocked: &[FixKey],
) -> Result<Fixed, Vec<FixKey>> {
    let mut current = text.to_string();
    let mut applied = 0;
    // Every text produced so far, and the fixes each round applied to reach the next.
    let mut seen: Vec<String> = vec![current.clone()];
    let mut rounds: Vec<Vec<FixKey>> = Vec::new();
    let mut findings = linter.check_text_at(path, current.clone(), format).1;
    let mut problems = Vec::new();
    let mut settled = false;
    for _ in 0..MAX_ROUNDS {
        let (next, _, taken) = apply_round(&current, &findings, |d| {
            d.fix
                .as_ref()
                .is_some_and(|f| options.allows(f.applicability))
                && !FixKey::of(d, &current).is_some_and(|k| blocked.contains(&k))
        });
        if taken.is_empty() || next == current {
            settled = true;
            break;
        }
        let keys: Vec<FixKey> = taken
            .iter()
            .filter_map(|&i| FixKey::of(&findings[i], &current))
            .collect();
        rounds.push(keys);
        if let Some(first) = seen.iter().position(|t| *t == next) {
            let mut cycle: Vec<FixKey> = rounds[first..].concat();
            cycle.sort();
            cycle.dedup();
            return Err(cycle);
        }
        applied += taken.len();
        seen.push(next.clone());
        current = next;
        findings = linter.check_text_at(path, current.clone(), format).1;
    }
    if !settled {
        let mut last = rounds.pop().unwrap_or_default();
        last.sort();
        last.dedup();
        problems.push(FixProblem::NoFixedPoint(last));
    }
    Ok(Fixed {
        unsafe_available: unsafe_available(&findings, options),
        text: current,
        applied,
        remaining: findings,
        problems,
    })
}

/// Findings whose fix only `--unsafe-fixes` would apply (none when it is on).
fn unsafe_available(findings: &[Diagnostic], options: FixOptions) -> usize {
    if options.unsafe_fixes {
        return 0;
    }
    findings
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Unsafe)
        })
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
