//! Running the good and bad examples that rules carry: the proof that a rule does what it says.

use super::{Example, Rule};
use crate::document::{Document, Format};

/// The result of one example.
#[derive(Debug, Clone)]
pub struct ExampleResult<'r> {
    pub rule: &'r Rule,
    pub example: &'r Example,
    /// The texts the rule flagged in the example.
    pub flagged: Vec<String>,
    /// `None` when the example passed; otherwise what went wrong.
    pub failure: Option<String>,
}

/// Runs one example: a bad one must be flagged (exactly the `flagged` texts, when given), a good
/// one must not be. Examples are read as plain text.
pub fn run_example<'r>(rule: &'r Rule, example: &'r Example) -> ExampleResult<'r> {
    let doc = Document::parse(example.text.clone(), Format::Text);
    let mut diagnostics = Vec::new();
    rule.run(&doc, &mut diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let flagged: Vec<String> = diagnostics
        .iter()
        .map(|d| doc.text(d.span).to_string())
        .collect();
    let failure = match (example.bad, &example.flagged) {
        (true, _) if flagged.is_empty() => Some("this bad example was not flagged".to_string()),
        (true, Some(expected)) if *expected != flagged => Some(format!(
            "expected {} flagged, found {}",
            quote_list(expected),
            quote_list(&flagged)
        )),
        (false, _) if !flagged.is_empty() => Some(format!(
            "this good example was flagged: {}",
            quote_list(&flagged)
        )),
        _ => None,
    };
    ExampleResult {
        rule,
        example,
        flagged,
        failure,
    }
}

/// Runs every example of `rules`, in order.
pub fn run_all<'r>(rules: impl IntoIterator<Item = &'r Rule>) -> Vec<ExampleResult<'r>> {
    rules
        .into_iter()
        .flat_map(|rule| rule.examples.iter().map(move |e| run_example(rule, e)))
        .collect()
}

fn quote_list(items: &[String]) -> String {
    if items.is_empty() {
        return "nothing".to_string();
    }
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
