//! Applying fixes: choosing non-overlapping edits, looping to a fixed point, and writing the
//! result without ever losing a word.
//!
//! `check --fix`, `--diff` and the plain check are one pipeline: the engine lints, this module
//! turns findings into a new text, and only the last step differs (write it, show it, or not).
//! The loop is given the linting as a function of the text (`Linter::fix_text` passes its own),
//! so this module never depends on the engine.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
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

/// The most edits of a [`FixProblem`] its error message names (the others are counted).
const MAX_STEPS_SHOWN: usize = 6;

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
        let keys: std::collections::HashSet<&FixKey> = self.keys().iter().collect();
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
        // A conflict on many different words has as many steps: name a few, count the rest,
        // so that the message stays a line and not megabytes.
        let all = self.keys().iter().flat_map(|k| &k.edits);
        let mut steps = all
            .clone()
            .take(MAX_STEPS_SHOWN)
            .map(|(from, to)| format!("'{from}' → '{to}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let more = all.count().saturating_sub(MAX_STEPS_SHOWN);
        if more > 0 {
            steps.push_str(&format!(" and {more} more"));
        }
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

/// How often fixing starts over without the fixes of a newly found conflict before it gives
/// up and leaves the text as it was.
const MAX_RESTARTS: usize = 8;

/// Lints `text` with `lint` (every finding in a text, sorted, as the engine gives them) and
/// fixes it until no allowed fix applies (at most [`MAX_ROUNDS`] rounds).
///
/// Each round lints the text and applies the allowed fixes that do not overlap. When a round
/// produces a text an earlier round had (rules undoing each other), the fixes of the rounds in
/// that cycle are set aside everywhere in the article and fixing starts again from `text`
/// without them, so the result holds neither side of the conflict and is the same on every run.
pub fn fix_text(lint: &dyn Fn(&str) -> Vec<Diagnostic>, text: &str, options: FixOptions) -> Fixed {
    // A conflict on many different words sets aside as many fixes, and every finding of every
    // round is looked up among them: a hash set keeps that linear.
    let mut blocked: std::collections::HashSet<FixKey> = Default::default();
    let mut problems: Vec<FixProblem> = Vec::new();
    for _ in 0..=MAX_RESTARTS {
        match fix_rounds(lint, text, options, &blocked) {
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
    let remaining = lint(text);
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
    lint: &dyn Fn(&str) -> Vec<Diagnostic>,
    text: &str,
    options: FixOptions,
    blocked: &std::collections::HashSet<FixKey>,
) -> Result<Fixed, Vec<FixKey>> {
    let mut current = text.to_string();
    let mut applied = 0;
    // Every text produced so far, and the fixes each round applied to reach the next.
    let mut seen: Vec<String> = vec![current.clone()];
    let mut rounds: Vec<Vec<FixKey>> = Vec::new();
    let mut findings = lint(&current);
    let mut problems = Vec::new();
    let mut settled = false;
    for _ in 0..MAX_ROUNDS {
        let (next, _, taken) = apply_round(&current, &findings, |d| {
            d.fix.as_ref().is_some_and(|f| {
                options.allows(f.applicability)
                    // A fix that writes what is already there changes nothing: never counted.
                    && f.edits.iter().any(|e| current.get(e.span.start..e.span.end) != Some(e.replacement.as_str()))
            }) && !FixKey::of(d, &current).is_some_and(|k| blocked.contains(&k))
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
        findings = lint(&current);
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

/// Replaces the file at `path`, which held `original` when it was read, with `text`, so that
/// a reader never sees half a file and a crash loses nothing: written to a temporary file in
/// the same folder, given the original's owner and permissions, then renamed over it.
///
/// A symbolic link is followed: the article it leads to is fixed and the link stays a link. A
/// file with more than one name (hard links), or whose owner this user cannot give a new file
/// to, is overwritten in place instead, as an editor saving it would, so every name still
/// leads to it and it keeps its owner; if that write fails the original text is put back. A
/// file that is read-only, or that changed on disk since it was read, is left alone and
/// reported. Every error says that the fixed file could not be written, and why.
pub fn write_fixed(path: &Path, original: &[u8], text: &str) -> Result<(), Error> {
    write_fixed_with(path, original, text, &mut |file, bytes| {
        file.write_all(bytes)
    })
}

/// How the fixed text is written into a file (a test stands in a failing disk).
type WriteAll<'a> = &'a mut dyn FnMut(&mut std::fs::File, &[u8]) -> std::io::Result<()>;

fn write_fixed_with(
    path: &Path,
    original: &[u8],
    text: &str,
    write_all: WriteAll,
) -> Result<(), Error> {
    let untouched = || Some("nothing was written; the file is as it was".to_string());
    let cannot = |why: String| Error::Usage {
        message: format!("cannot write the fixed {}: {why}", path.display()),
        help: untouched(),
    };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        std::fs::canonicalize(path).map_err(|e| cannot(format!("cannot follow the link: {e}")))?
    } else {
        path.to_path_buf()
    };
    let metadata = std::fs::metadata(&target).map_err(|e| cannot(e.to_string()))?;
    if metadata.permissions().readonly() {
        return Err(Error::Usage {
            message: format!("{} is read-only: not fixed", path.display()),
            help: untouched(),
        });
    }
    let changed = || Error::Usage {
        message: format!(
            "{} changed on disk while it was being checked: not fixed",
            path.display()
        ),
        help: untouched(),
    };
    if links(&metadata) > 1 {
        return overwrite_in_place(path, &target, original, text, write_all, changed);
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The folder is named in full: "." or "" would not say where.
    let folder = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut temp = LiveTemp::create(dir).map_err(|e| {
        cannot(format!(
            "cannot create a temporary file in {}: {e}",
            folder.display()
        ))
    })?;
    let file = temp.file_mut();
    write_all(file, text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            cannot(format!(
                "cannot write a temporary file in {}: {e}",
                folder.display()
            ))
        })?;
    if !give_owner(file, &metadata) {
        // Only root may give a file to another user: keep the owner by writing in place.
        drop(temp);
        return overwrite_in_place(path, &target, original, text, write_all, changed);
    }
    // After the owner: changing the owner clears the set-user-id and set-group-id bits.
    file.set_permissions(metadata.permissions())
        .map_err(|e| cannot(format!("cannot give it the original's permissions: {e}")))?;
    // Last look before the swap: someone may have saved the file meanwhile.
    let now = std::fs::read(&target).map_err(|e| cannot(e.to_string()))?;
    if now != original {
        return Err(changed());
    }
    temp.persist(&target)
        .map_err(|e| cannot(format!("cannot rename the temporary file over it: {e}")))
}

/// Writes `text` over the file `target` (named `path` by the user) in place: every name of the
/// file, and its owner, stay. A signal that ends the run waits for the write to finish (see
/// [`stop_writing`]); if the write fails, the original text is put back, which needs no more
/// room on the disk than the file had.
fn overwrite_in_place(
    path: &Path,
    target: &Path,
    original: &[u8],
    text: &str,
    write_all: WriteAll,
    changed: impl Fn() -> Error,
) -> Result<(), Error> {
    use std::io::{Seek, SeekFrom};
    let _writing = live();
    let cannot = |why: String, help: &str| Error::Usage {
        message: format!("cannot write the fixed {}: {why}", path.display()),
        help: Some(help.into()),
    };
    let untouched = "nothing was written; the file is as it was";
    if std::fs::read(target).map_err(|e| cannot(e.to_string(), untouched))? != original {
        return Err(changed());
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| cannot(e.to_string(), untouched))?;
    let written = write_all(&mut file, text.as_bytes())
        .and_then(|()| file.set_len(text.len() as u64))
        .and_then(|()| file.sync_all());
    let Err(e) = written else { return Ok(()) };
    let restored = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.write_all(original))
        .and_then(|()| file.set_len(original.len() as u64))
        .and_then(|()| file.sync_all());
    Err(match restored {
        Ok(()) => cannot(e.to_string(), "its original text was put back"),
        Err(again) => cannot(
            format!("{e}; putting its original text back failed too: {again}"),
            "the article may be damaged: restore it from version control or a backup",
        ),
    })
}

/// How many names (hard links) the file has.
#[cfg(unix)]
fn links(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    1
}

/// Gives `file` the owner and group of the file `metadata` describes; false when this user
/// may not.
#[cfg(unix)]
fn give_owner(file: &std::fs::File, metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let owner = (metadata.uid(), metadata.gid());
    let ours = file.metadata().map(|m| (m.uid(), m.gid()));
    ours.is_ok_and(|o| o == owner)
        || std::os::unix::fs::fchown(file, Some(owner.0), Some(owner.1)).is_ok()
}

#[cfg(not(unix))]
fn give_owner(_: &std::fs::File, _: &std::fs::Metadata) -> bool {
    true
}

/// The temporary files being written now, so that a run ended by a signal can remove them
/// (see [`stop_writing`]). Its lock is also held while one is created or renamed, and while a
/// file is overwritten in place, so that the signal never falls in the middle of either.
static LIVE: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    // A thread that panicked while holding the lock left the list whole (each change is one
    // push or one retain), so it can be used as it is.
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Stops writing fixed files, for a process that is about to exit on a signal: removes the
/// temporary files being written and returns a guard that holds off every further write
/// (creating, renaming or overwriting) while it lives. An article being overwritten in place
/// is finished first. Keep the guard until the process exits.
pub fn stop_writing() -> WritesStopped {
    let mut live = live();
    for path in live.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    WritesStopped { _held: live }
}

/// Holds off every write of a fixed file while it lives (see [`stop_writing`]).
pub struct WritesStopped {
    _held: std::sync::MutexGuard<'static, Vec<std::path::PathBuf>>,
}

/// A temporary file listed in [`LIVE`] from its creation until it is renamed or removed.
struct LiveTemp(Option<tempfile::NamedTempFile>);

impl LiveTemp {
    fn create(dir: &Path) -> std::io::Result<LiveTemp> {
        let mut live = live();
        let temp = tempfile::Builder::new()
            .prefix(".copydesk-fix-")
            .tempfile_in(dir)?;
        live.push(temp.path().to_path_buf());
        Ok(LiveTemp(Some(temp)))
    }

    fn file_mut(&mut self) -> &mut std::fs::File {
        // Only `persist` and `drop` take the file, and both consume `self`.
        self.0
            .as_mut()
            .map(|t| t.as_file_mut())
            .expect("a live temporary file is there until persisted or dropped")
    }

    fn persist(mut self, to: &Path) -> std::io::Result<()> {
        let mut live = live();
        let Some(temp) = self.0.take() else {
            return Ok(());
        };
        let at = temp.path().to_path_buf();
        // A failed rename hands the file back, and dropping it removes it.
        let result = temp.persist(to).map(drop).map_err(|e| e.error);
        live.retain(|p| *p != at);
        result
    }
}

impl Drop for LiveTemp {
    fn drop(&mut self) {
        if let Some(temp) = self.0.take() {
            let mut live = live();
            let at = temp.path().to_path_buf();
            drop(temp);
            live.retain(|p| *p != at);
        }
    }
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

    /// What a full disk answers a write.
    fn disk_full() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device")
    }

    #[test]
    fn a_full_disk_is_reported_as_a_failed_write_and_the_article_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "the old text").unwrap();
        let error = write_fixed_with(&path, b"the old text", "the new text", &mut |_, _| {
            Err(disk_full())
        })
        .unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("cannot write the fixed "), "{message}");
        assert!(message.contains("story.txt"), "{message}");
        assert!(message.contains("No space left on device"), "{message}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old text");
        // The temporary file is gone, and so is its entry among the live ones.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(!live().iter().any(|p| p.starts_with(dir.path())));
    }

    #[cfg(unix)]
    #[test]
    fn a_write_in_place_that_fails_half_way_puts_the_original_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "the old text").unwrap();
        // A second name makes the write go in place.
        std::fs::hard_link(&path, dir.path().join("also.txt")).unwrap();
        let error = write_fixed_with(
            &path,
            b"the old text",
            "a much longer new text",
            &mut |file, bytes| {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(disk_full())
            },
        )
        .unwrap_err();
        let shown = format!("{:?}", miette::Report::new(error));
        assert!(shown.contains("cannot write the fixed"), "{shown}");
        assert!(shown.contains("original text was put back"), "{shown}");
        for name in ["story.txt", "also.txt"] {
            let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
            assert_eq!(text, "the old text");
        }
    }

    #[test]
    fn diffs_are_unified() {
        let diff = unified_diff("a.txt", "one\ntwo\n", "one\n2\n").unwrap();
        assert!(diff.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{diff}");
        assert!(diff.contains("-two\n+2\n"), "{diff}");
        assert!(unified_diff("a.txt", "x", "x").is_none());
    }
}
