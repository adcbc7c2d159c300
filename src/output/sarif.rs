//! SARIF 2.1.0, the static-analysis interchange format GitHub code scanning, Azure DevOps and
//! many viewers read. One run; the tool's rules with their descriptions and help; one result a
//! finding with its region; files that could not be checked as tool notifications.
//!
//! Columns are UTF-16 code units (`columnKind: utf16CodeUnits`), the unit SARIF consumers
//! assume; `endColumn` is the column after the last character, as the format specifies.
//! Artifact URIs are relative to `%SRCROOT%` (the working directory) when the file lies under
//! it, and absolute `file:` URIs otherwise.
//!
//! The log is written as the files are checked: each result as soon as its file's batch is
//! done, so memory does not grow with the number of findings. That is why the run's
//! `invocations`, which say whether every file could be checked, come last.

use super::RuleDescriptor;
use crate::diagnostic::{Applicability, Severity};
use crate::lines::Unit;
use crate::report::{FileReport, Summary};
use crate::walk::normalise;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The schema the output declares and is tested against (kept in `tests/data/`).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base every relative artifact URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";

pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    rules: &[RuleDescriptor],
    cwd: &Path,
) -> io::Result<()> {
    super::emit(&mut SarifEmitter::new(rules, cwd), out, reports)
}

/// The log of a run, written a file at a time (results as they come; only the files that
/// could not be checked are kept, for the end).
pub struct SarifEmitter<'a> {
    rules: &'a [RuleDescriptor],
    index_of: HashMap<&'a str, usize>,
    cwd: PathBuf,
    /// Whether the log's opening, up to its results, is written.
    started: bool,
    /// Results written so far.
    written: usize,
    notifications: Vec<Value>,
}

impl<'a> SarifEmitter<'a> {
    pub fn new(rules: &'a [RuleDescriptor], cwd: &Path) -> Self {
        SarifEmitter {
            rules,
            index_of: rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            cwd: cwd.to_path_buf(),
            started: false,
            written: 0,
            notifications: Vec::new(),
        }
    }

    /// The log up to the first result: its keys in the order serde_json writes a whole log
    /// in, so that a log without the streamed parts reads as before.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        write!(out, "{{\n  \"$schema\": ")?;
        super::write_pretty(out, &SCHEMA, 1)?;
        write!(
            out,
            ",\n  \"runs\": [\n    {{\n      \"columnKind\": \"utf16CodeUnits\",\n      \
             \"originalUriBaseIds\": "
        )?;
        let base = json!({ SRCROOT: { "uri": directory_uri(&self.cwd) } });
        super::write_pretty(out, &base, 3)?;
        write!(out, ",\n      \"results\": [")
    }

    fn write(&mut self, out: &mut dyn Write, result: &Value) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"\n        "
        } else {
            b",\n        "
        })?;
        super::write_pretty(out, result, 4)?;
        self.written += 1;
        Ok(())
    }

    fn add(&mut self, out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
        self.start(out)?;
        for report in reports {
            let location = artifact_location(&report.path, &self.cwd);
            match &report.outcome {
                Ok(checked) => {
                    let text = checked.source.as_str();
                    let (index, found) = super::positions(checked, Unit::Utf16);
                    for (d, (start, end)) in checked.diagnostics.iter().zip(found) {
                        let mut region = json!({
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        });
                        if let Some(snippet) = text.get(d.span.start..d.span.end) {
                            region["snippet"] = json!({ "text": snippet });
                        }
                        let mut message = d.message.clone();
                        if let Some(help) = &d.help {
                            message.push_str("\nhelp: ");
                            message.push_str(help);
                        }
                        let mut result = json!({
                            "ruleId": d.rule,
                            "level": level(d.severity),
                            "message": { "text": message },
                            "locations": [{
                                "physicalLocation": {
                                    "artifactLocation": location.clone(),
                                    "region": region,
                                }
                            }],
                        });
                        if let Some(&i) = self.index_of.get(d.rule.as_str()) {
                            result["ruleIndex"] = json!(i);
                        }
                        if let Some(fix) = d
                            .fix
                            .as_ref()
                            .filter(|f| f.applicability != Applicability::Display)
                        {
                            let replacements: Vec<Value> = fix
                                .edits
                                .iter()
                                .map(|e| {
                                    let from = index.position_in(text, e.span.start, Unit::Utf16);
                                    let to = index.position_in(text, e.span.end, Unit::Utf16);
                                    json!({
                                        "deletedRegion": {
                                            "startLine": from.line,
                                            "startColumn": from.column,
                                            "endLine": to.line,
                                            "endColumn": to.column,
                                        },
                                        "insertedContent": { "text": e.replacement },
                                    })
                                })
                                .collect();
                            result["fixes"] = json!([{
                                "description": { "text": format!("{} fix", applicability(fix.applicability)) },
                                "artifactChanges": [{
                                    "artifactLocation": location.clone(),
                                    "replacements": replacements,
                                }],
                            }]);
                        }
                        self.write(out, &result)?;
                    }
                }
                Err(e) => self.notifications.push(json!({
                    "level": "error",
                    "message": { "text": e.to_string() },
                    "locations": [{ "physicalLocation": { "artifactLocation": location } }],
                })),
            }
        }
        Ok(())
    }

    /// The rest of the log: the tool and its rules, and whether every file could be checked.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        out.write_all(if self.written == 0 {
            b"]"
        } else {
            b"\n      ]"
        })?;
        let descriptors: Vec<Value> = self.rules.iter().map(descriptor).collect();
        let mut driver = Map::new();
        driver.insert("name".into(), json!("copydesk"));
        driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("rules".into(), Value::Array(descriptors));
        write!(out, ",\n      \"tool\": ")?;
        super::write_pretty(out, &json!({ "driver": driver }), 3)?;
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        write!(out, ",\n      \"invocations\": ")?;
        super::write_pretty(out, &invocations, 3)?;
        writeln!(out, "\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}")
    }
}

impl super::Emitter for SarifEmitter<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.add(out, std::slice::from_ref(report))
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.finish(out)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "Safe",
        Applicability::Unsafe => "Unsafe (may change the meaning)",
        Applicability::Display => "Suggested",
    }
}

fn descriptor(rule: &RuleDescriptor) -> Value {
    let mut value = json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": { "text": rule.message },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "kind": rule.kind },
    });
    if let Some(description) = &rule.description {
        value["fullDescription"] = json!({ "text": description });
    }
    let help = match (&rule.help, &rule.description) {
        (Some(help), _) => Some(help),
        (None, Some(description)) => Some(description),
        (None, None) => None,
    };
    if let Some(help) = help {
        value["help"] = json!({ "text": help });
    }
    value
}

/// A relative URI under `%SRCROOT%` when `path` lies under `cwd`, else an absolute `file:` URI.
fn artifact_location(path: &Path, cwd: &Path) -> Value {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let absolute = normalise(&absolute);
    match absolute.strip_prefix(normalise(cwd)) {
        Ok(relative) if !relative.as_os_str().is_empty() => json!({
            "uri": encode_path(relative),
            "uriBaseId": SRCROOT,
        }),
        _ => json!({ "uri": format!("file://{}", encode_path(&absolute)) }),
    }
}

fn directory_uri(dir: &Path) -> String {
    let mut uri = format!("file://{}", encode_path(&normalise(dir)));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a path for a URI: `/` separators, every byte outside the unreserved set and
/// a few safe path characters encoded (so spaces, `#`, `?`, `%`, control characters and
/// non-ASCII survive). On Unix the path's own bytes are encoded, so a name that is not UTF-8
/// is carried exactly, which no other format can do.
fn encode_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_or_file_uris() {
        let cwd = Path::new("/news/desk");
        assert_eq!(
            artifact_location(Path::new("./a b/ü#1.txt"), cwd),
            json!({ "uri": "a%20b/%C3%BC%231.txt", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location(Path::new("/elsewhere/x.md"), cwd),
            json!({ "uri": "file:///elsewhere/x.md" })
        );
        assert_eq!(
            artifact_location(Path::new("../wire/x.md"), cwd),
            json!({ "uri": "file:///news/wire/x.md" })
        );
        assert_eq!(directory_uri(cwd), "file:///news/desk/");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9\x1b\n.txt");
            assert_eq!(
                artifact_location(Path::new(name), cwd),
                json!({ "uri": "caf%E9%1B%0A.txt", "uriBaseId": "%SRCROOT%" })
            );
        }
    }
}
