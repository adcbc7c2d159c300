//! Errors: files that cannot be read, and mistakes in rule files and configuration, each
//! located in the TOML it came from.

use crate::diagnostic::Span;
use miette::{MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// A TOML file's name and text, shared by every error found in it.
#[derive(Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
    /// The text as an error shows it, made only when one is shown: control characters that
    /// could drive the terminal replaced byte for byte, so that spans still fit.
    shown: Arc<OnceLock<Box<str>>>,
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceFile")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            shown: Arc::default(),
        }
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = self
            .shown
            .get_or_init(|| crate::output::terminal::same_length(&self.text).into());
        let inner = text.read_span(span, before, after)?;
        // miette counts the column of a snippet's header in bytes; every format of copydesk
        // counts characters.
        let mut column = inner.column();
        if before == 0 {
            let offset = inner.span().offset();
            let line_start = offset.saturating_sub(column);
            if let Some(stretch) = text.get(line_start..offset) {
                column = stretch.chars().count();
            }
        }
        Ok(Box::new(MietteSpanContents::new_named(
            crate::output::terminal::escaped_line(&self.name).into_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A mistake at one place in a rule file or configuration file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct LocatedError {
    pub message: String,
    pub file: SourceFile,
    pub span: Span,
    /// Short text drawn under the span.
    pub label: String,
    pub help: Option<String>,
}

impl LocatedError {
    pub fn new(file: &SourceFile, span: impl Into<Span>, message: impl Into<String>) -> Self {
        LocatedError {
            message: message.into(),
            file: file.clone(),
            span: span.into(),
            label: "here".to_string(),
            help: None,
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl miette::Diagnostic for LocatedError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        None
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.file)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = SourceSpan::new(self.span.start.into(), self.span.len());
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// Everything that can stop copydesk from checking a file or loading its rules.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("cannot read {}: {io}", path.display())]
    Read { path: PathBuf, io: std::io::Error },
    #[error("{} is not valid UTF-8: invalid byte at offset {offset}", path.display())]
    #[diagnostic(help("save the file as UTF-8; copydesk reads no other encoding"))]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{} is a binary file, not an article", path.display())]
    #[diagnostic(help("articles are text: a NUL byte in the first 8 KiB marks a binary file"))]
    Binary { path: PathBuf },
    /// A FIFO, a device, a socket or a folder where a file was expected: reading one could
    /// block or never end.
    #[error("{} is not a regular file ({what})", path.display())]
    #[diagnostic(help("copydesk reads only regular files (or links to them)"))]
    NotRegular { path: PathBuf, what: &'static str },
    #[error("{} is larger than {}{}", path.display(), crate::input::show_size(*limit), size.map(|s| format!(" ({s} bytes)")).unwrap_or_default())]
    #[diagnostic(help("{}", help))]
    TooLarge {
        path: PathBuf,
        /// The file's size, when known before reading (standard input's is not).
        size: Option<u64>,
        limit: u64,
        /// Which setting raises the limit.
        help: &'static str,
    },
    #[error("{} is not an article copydesk can read", path.display())]
    #[diagnostic(help("copydesk checks plain text (.txt) and Markdown (.md, .markdown) files"))]
    UnsupportedFormat { path: PathBuf },
    #[error("{0}")]
    #[diagnostic(transparent)]
    Located(Box<LocatedError>),
    /// A mistake not tied to a place in a file (a command-line value, a missing path).
    #[error("{message}")]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },
}

impl From<LocatedError> for Error {
    fn from(e: LocatedError) -> Self {
        Error::Located(Box::new(e))
    }
}

impl Error {
    /// The file the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Read { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::UnsupportedFormat { path }
            | Error::Binary { path }
            | Error::NotRegular { path, .. }
            | Error::TooLarge { path, .. } => Some(path),
            Error::Located(_) | Error::Usage { .. } => None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }
}
