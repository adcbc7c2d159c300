//! Which files a run checks: named files always, folders walked with `.gitignore` respected,
//! hidden files and a repository's own papers (README, LICENSE...) skipped, only article
//! formats, then the configuration's include/exclude globs.

use crate::document::Format;
use crate::error::Error;
use crate::input::{read_bounded, Sniff, MAX_IGNORE_FILE_SIZE};
use globset::GlobSet;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Include/exclude globs, matched against paths relative to `root`.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub root: PathBuf,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    /// Apply `exclude` to files named on the command line too (as a pre-commit hook or an
    /// editor passes them), not only to files found in folders.
    pub force_exclude: bool,
}

impl Filter {
    /// `path` relative to the root, both made absolute first, so globs mean the same whatever
    /// folder copydesk runs from.
    fn relative(&self, path: &Path) -> PathBuf {
        relative_to(&self.root, path)
    }

    fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(self.relative(path)))
    }

    /// Whether `path` or any folder above it (up to the root) is excluded.
    pub fn excluded_here_or_above(&self, path: &Path) -> bool {
        let Some(exclude) = &self.exclude else {
            return false;
        };
        let relative = self.relative(path);
        relative
            .ancestors()
            .any(|p| !p.as_os_str().is_empty() && exclude.is_match(p))
    }

    /// Whether `path` or a folder above it (up to the root) matches an include glob, so that
    /// `include = ["articles"]` takes what is in that folder, as `exclude` leaves it out.
    fn included(&self, path: &Path) -> bool {
        let Some(include) = &self.include else {
            return true;
        };
        let relative = self.relative(path);
        relative
            .ancestors()
            .any(|p| !p.as_os_str().is_empty() && include.is_match(p))
    }
}

/// `path` relative to `root`, both made absolute first, so globs mean the same whatever folder
/// copydesk runs from. A path outside `root` stays absolute.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalise(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let path = absolute(path);
    let root = absolute(root);
    path.strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or(path)
}

/// Removes `.` and resolves `..` lexically (symbolic links are not followed).
pub fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What [`gather`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files to check, sorted and without duplicates.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read or walked, and files named that are not articles.
    pub errors: Vec<Error>,
    /// Ignore files skipped as unsafe to read, and lines of them that are not globs: the walk
    /// went on without them.
    pub warnings: Vec<String>,
    /// Some file named on the command line was left out by `--force-exclude`.
    pub excluded_named: bool,
    /// Files met in folders and left out because of their extension.
    pub skipped_format: usize,
    /// Files met in folders and left out because they are a repository's own papers
    /// (README, LICENSE and the like: see [`is_repository_file`]).
    pub skipped_repository: usize,
}

/// The files to check under `paths`, sorted and without duplicates, and the paths that could
/// not be read. A file named explicitly is always checked (and refused if it is not an
/// article format); files found in folders are filtered.
pub fn collect(paths: &[PathBuf], filter: &Filter) -> (Vec<PathBuf>, Vec<Error>) {
    let walked = gather(paths, filter);
    (walked.files, walked.errors)
}

/// [`collect`], with the warnings and the counts of files left out.
pub fn gather(paths: &[PathBuf], filter: &Filter) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => walked.errors.push(Error::Read {
                path: path.clone(),
                io: e,
            }),
            Ok(meta) if meta.is_dir() => walk(path, filter, &mut walked),
            Ok(_) if filter.force_exclude && filter.excluded_here_or_above(path) => {
                walked.excluded_named = true
            }
            Ok(_) if Format::from_path(path).is_none() => walked
                .errors
                .push(Error::UnsupportedFormat { path: path.clone() }),
            Ok(_) => walked.files.push(path.clone()),
        }
    }
    walked.files.sort();
    walked.files.dedup();
    walked
}

/// The names of the files a repository keeps for itself, not for articles: its readme,
/// licence, changelog and the like. Checked as articles they only fail the run ("All rights
/// reserved" is a legal notice).
const REPOSITORY_FILES: [&str; 10] = [
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "contributing",
    "code_of_conduct",
    "security",
    "authors",
    "notice",
];

/// Whether the file is one of a repository's own papers: its name up to the first `.` is one
/// of [`REPOSITORY_FILES`] in any case (`README.md`, `License.txt`, `changelog.markdown`), or
/// one in capitals followed by `-` or `_` (`LICENSE-MIT.txt`, `README_fr.md`). A story named
/// `security-council-vote.md` is an article: newsroom file names are lower case.
pub fn is_repository_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name);
    REPOSITORY_FILES.iter().any(|paper| {
        if stem.eq_ignore_ascii_case(paper) {
            return true;
        }
        let capitals = paper.to_ascii_uppercase();
        stem.strip_prefix(capitals.as_str())
            .is_some_and(|rest| rest.starts_with(['-', '_']))
    })
}

fn walk(dir: &Path, filter: &Filter, walked: &mut Walked) {
    let prune = filter.clone();
    let ignores = std::sync::Arc::new(IgnoreFiles::new(dir));
    let judge = ignores.clone();
    // The walker's own reading of ignore files is off: it opens them unchecked, so a FIFO
    // named .gitignore hangs it and a link to /dev/zero exhausts memory. `IgnoreFiles` reads
    // them with the same meaning, only when they are regular and small.
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .parents(false)
        .ignore(false)
        .git_ignore(false)
        .git_exclude(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0
                || !(prune.excluded(entry.path()) || judge.ignored(entry.path(), is_dir))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if !is_file || !filter.included(path) {
                    continue;
                }
                if Format::from_path(path).is_none() {
                    walked.skipped_format += 1;
                } else if is_repository_file(path) {
                    walked.skipped_repository += 1;
                } else {
                    walked.files.push(path.to_path_buf());
                }
            }
            Err(e) => walked.errors.push(walk_error(dir, e)),
        }
    }
    walked.warnings.extend(ignores.take_warnings());
}

/// The ignore files of a walk (`.ignore`, `.gitignore`, a repository's `.git/info/exclude`, in
/// the walked folders and the folders above them), read once per folder, each only when it is
/// a regular file of at most [`MAX_IGNORE_FILE_SIZE`]; another is skipped with a warning.
/// Their meaning is git's, as the `ignore` crate gives it: `.ignore` first, then `.gitignore`,
/// then the exclude file; within each, the deepest folder's file that matches decides;
/// `.gitignore` and exclude files above a repository's root do not count.
struct IgnoreFiles {
    /// The walked folder as given, and as an absolute path.
    root: PathBuf,
    absolute_root: PathBuf,
    folders: std::sync::Mutex<HashMap<PathBuf, std::sync::Arc<FolderIgnores>>>,
    warnings: std::sync::Mutex<Vec<String>>,
}

/// The ignore files of one folder.
#[derive(Default)]
struct FolderIgnores {
    ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
    exclude: Option<Gitignore>,
    /// The folder is a repository's root (holds `.git`).
    is_repository: bool,
}

impl IgnoreFiles {
    fn new(root: &Path) -> IgnoreFiles {
        let absolute_root = std::path::absolute(root)
            .map(|p| normalise(&p))
            .unwrap_or_else(|_| root.to_path_buf());
        IgnoreFiles {
            root: root.to_path_buf(),
            absolute_root,
            folders: Default::default(),
            warnings: Default::default(),
        }
    }

    /// `path` as the user named it: under the walked folder as given, else absolute.
    fn shown(&self, path: &Path) -> String {
        let path = match path.strip_prefix(&self.absolute_root) {
            Ok(rest) => self.root.join(rest),
            Err(_) => path.to_path_buf(),
        };
        crate::output::display_path(&path)
    }

    fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.warnings))
    }

    /// Whether the ignore files say to leave out `path` (a path under the walked folder).
    fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        let absolute = match path.strip_prefix(&self.root) {
            Ok(rest) => self.absolute_root.join(rest),
            Err(_) => return false,
        };
        let chain: Vec<std::sync::Arc<FolderIgnores>> = absolute
            .ancestors()
            .skip(1)
            .map(|folder| self.folder(folder))
            .collect();
        // The chain above the repository's root, for the git files.
        let in_repository = chain
            .iter()
            .position(|f| f.is_repository)
            .map_or(chain.len(), |i| i + 1);
        type Pick = fn(&FolderIgnores) -> Option<&Gitignore>;
        let kinds: [(Pick, usize); 3] = [
            (|f| f.ignore.as_ref(), chain.len()),
            (|f| f.gitignore.as_ref(), in_repository),
            (|f| f.exclude.as_ref(), in_repository),
        ];
        for (pick, depth) in kinds {
            for folder in &chain[..depth] {
                let Some(rules) = pick(folder) else { continue };
                match rules.matched(&absolute, is_dir) {
                    ignore::Match::None => {}
                    ignore::Match::Ignore(_) => return true,
                    ignore::Match::Whitelist(_) => return false,
                }
            }
        }
        false
    }

    fn folder(&self, folder: &Path) -> std::sync::Arc<FolderIgnores> {
        if let Some(found) = lock(&self.folders).get(folder) {
            return found.clone();
        }
        // Read outside the lock; two threads reading the same folder at once only waste a
        // little work.
        let read = std::sync::Arc::new(self.read_folder(folder));
        lock(&self.folders)
            .entry(folder.to_path_buf())
            .or_insert(read)
            .clone()
    }

    fn read_folder(&self, folder: &Path) -> FolderIgnores {
        let git = folder.join(".git");
        let exclude = match git.symlink_metadata() {
            Ok(meta) if meta.is_dir() => Some(git.join("info").join("exclude")),
            // A worktree's `.git` is a file naming its git folder, whose `commondir` names the
            // repository's, where the exclude file is.
            Ok(_) => self.worktree_exclude(&git),
            Err(_) => None,
        };
        FolderIgnores {
            ignore: self.rules(folder, &folder.join(".ignore")),
            gitignore: self.rules(folder, &folder.join(".gitignore")),
            exclude: exclude.and_then(|file| self.rules(folder, &file)),
            is_repository: git.symlink_metadata().is_ok(),
        }
    }

    fn worktree_exclude(&self, git_file: &Path) -> Option<PathBuf> {
        let base = git_file.parent()?;
        let text = self.small_file(git_file)?;
        let git_dir = base.join(text.trim().strip_prefix("gitdir:")?.trim());
        let common = match self.small_file(&git_dir.join("commondir")) {
            Some(common) => git_dir.join(common.trim()),
            None => git_dir,
        };
        Some(common.join("info").join("exclude"))
    }

    /// The text of a small regular file; `None` when there is none, with a warning when there
    /// is something else by that name.
    fn small_file(&self, path: &Path) -> Option<String> {
        if path.symlink_metadata().is_err() {
            return None;
        }
        // The error becomes a warning below, with its own wording: no help is shown.
        match read_bounded(path, MAX_IGNORE_FILE_SIZE, Sniff::Off, "") {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) => {
                let why = match e {
                    Error::NotRegular { what, .. } => format!("it is {what}"),
                    Error::TooLarge { .. } => format!(
                        "it is larger than {}",
                        crate::input::show_size(MAX_IGNORE_FILE_SIZE)
                    ),
                    e => e.to_string(),
                };
                lock(&self.warnings).push(format!(
                    "skipped {}: {why}; the walk goes on without it",
                    self.shown(path)
                ));
                None
            }
        }
    }

    fn rules(&self, folder: &Path, file: &Path) -> Option<Gitignore> {
        let text = self.small_file(file)?;
        let mut builder = GitignoreBuilder::new(folder);
        for line in text.lines() {
            if let Err(e) = builder.add_line(Some(file.to_path_buf()), line) {
                lock(&self.warnings)
                    .push(format!("{}: {e}; the line is left out", self.shown(file)));
            }
        }
        match builder.build() {
            Ok(rules) => Some(rules),
            Err(e) => {
                lock(&self.warnings).push(format!("skipped {}: {e}", self.shown(file)));
                None
            }
        }
    }
}

fn walk_error(dir: &Path, e: ignore::Error) -> Error {
    let path = match &e {
        ignore::Error::WithPath { path, .. } => path.clone(),
        _ => dir.to_path_buf(),
    };
    let source = match e.into_io_error() {
        Some(io) => io,
        None => std::io::Error::other("cannot walk this folder"),
    };
    Error::Read { path, io: source }
}

/// A lock whose holder cannot have left its data half-changed (the map and list above are only
/// pushed to), so a poisoned one is used as it is.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use globset::{Glob, GlobSetBuilder};

    #[test]
    fn walks_articles_respecting_gitignore_hidden_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.txt",
            "b.md",
            "c.rs",
            ".hidden.txt",
            "ignored.txt",
            "archive/old.txt",
            "sub/d.markdown",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored.txt\n").unwrap();
        let mut exclude = GlobSetBuilder::new();
        exclude.add(Glob::new("archive").unwrap());
        let filter = Filter {
            root: root.to_path_buf(),
            include: None,
            exclude: Some(exclude.build().unwrap()),
            force_exclude: false,
        };
        let (files, errors) = collect(&[root.to_path_buf(), root.join("c.rs")], &filter);
        let names: Vec<_> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.md", "sub/d.markdown"]);
        assert_eq!(errors.len(), 1, "c.rs named explicitly is refused");
        assert!(matches!(errors[0], Error::UnsupportedFormat { .. }));

        // A file named explicitly is checked even when excluded, unless exclusion is forced;
        // then a glob naming a folder above it counts too.
        let named = [root.join("archive/old.txt"), root.join("a.txt")];
        assert_eq!(collect(&named, &filter).0.len(), 2);
        let forced = Filter {
            force_exclude: true,
            ..filter
        };
        assert_eq!(collect(&named, &forced).0, [root.join("a.txt")]);
    }
}
