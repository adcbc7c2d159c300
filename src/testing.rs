//! Helpers for the unit tests of rule kinds.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};
use crate::rules::RuleSet;

fn run(set: &RuleSet, id: &str, text: &str) -> (Document, Vec<Diagnostic>) {
    let rule = set
        .rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"));
    let doc = Document::parse(text.to_string(), Format::Text);
    let mut out = Vec::new();
    rule.run(&doc, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (doc, out)
}

/// The texts rule `id` flags in `text` (read as plain text), in order.
pub fn flagged(set: &RuleSet, id: &str, text: &str) -> Vec<String> {
    let (doc, found) = run(set, id, text);
    found.iter().map(|d| doc.text(d.span).to_string()).collect()
}

/// The replacement of each finding's first edit.
pub fn fixes(set: &RuleSet, id: &str, text: &str) -> Vec<String> {
    let (_, found) = run(set, id, text);
    found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| f.edits[0].replacement.clone())
        .collect()
}

/// The messages of the findings.
pub fn messages(set: &RuleSet, id: &str, text: &str) -> Vec<String> {
    run(set, id, text)
        .1
        .into_iter()
        .map(|d| d.message)
        .collect()
}
