//! Which files a run checks: named files always, folders walked with `.gitignore` respected,
//! hidden files skipped, only article formats, then the configuration's include/exclude globs.

use crate::document::Format;
use crate::error::Error;
use globset::GlobSet;
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

    fn included(&self, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|g| g.is_match(self.relative(path)))
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

/// The files to check under `paths`, sorted and without duplicates, and the paths that could
/// not be read. A file named explicitly is always checked (and refused if it is not an
/// article format); files found in folders are filtered.
pub fn collect(paths: &[PathBuf], filter: &Filter) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(Error::Read {
                path: path.clone(),
                io: e,
            }),
            Ok(meta) if meta.is_dir() => walk(path, filter, &mut files, &mut errors),
            Ok(_) if filter.force_exclude && filter.excluded_here_or_above(path) => {}
            Ok(_) if Format::from_path(path).is_none() => {
                errors.push(Error::UnsupportedFormat { path: path.clone() })
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, filter: &Filter, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let prune = filter.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| entry.depth() == 0 || !prune.excluded(entry.path()))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && Format::from_path(path).is_some() && filter.included(path) {
                    files.push(path.to_path_buf());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
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
