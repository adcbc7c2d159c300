//! A rule's options as written in its rule file, for `copydesk explain`. The file is read again
//! as TOML with the span of every key and value, so a rule's sub-tables (`[substitution.swap]`,
//! `named.copyright = […]`) are shown with it wherever they are written, its examples and prose
//! keys are left out whatever their string form, and the comments written just above an option
//! stay with it. Read only when asked: checking articles never pays for it.

use super::RuleKind;
use std::ops::Range;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The keys of a rule that are prose or examples, not options.
const NOT_OPTIONS: [&str; 4] = ["message", "help", "description", "example"];

/// Where a rule is written: its file's text, its kind (the array of tables holding it) and an
/// offset inside its `id` value.
#[derive(Debug, Clone)]
pub(crate) struct RuleTable {
    text: Arc<str>,
    kind: RuleKind,
    id_at: usize,
}

impl RuleTable {
    pub fn new(text: Arc<str>, kind: RuleKind, id_at: usize) -> Self {
        RuleTable { text, kind, id_at }
    }

    /// The rule's header and options as written (see the module documentation); empty if the table
    /// cannot be found again (it always can: the file has been parsed once already).
    pub fn options(&self) -> String {
        let text = &*self.text;
        let Ok(file) = DeTable::parse(text) else {
            return String::new();
        };
        let rules = file
            .get_ref()
            .iter()
            .find(|(key, _)| key.get_ref().as_ref() == self.kind.as_str())
            .map(|(_, value)| value.get_ref());
        let Some(DeValue::Array(rules)) = rules else {
            return String::new();
        };
        let holds_id = |table: &DeTable| {
            table.iter().any(|(key, value)| {
                key.get_ref().as_ref() == "id" && value.span().contains(&self.id_at)
            })
        };
        let Some((header, table)) = rules.iter().find_map(|rule| match rule.get_ref() {
            DeValue::Table(table) if holds_id(table) => Some((rule.span(), table)),
            _ => None,
        }) else {
            return String::new();
        };
        let mut pieces = Vec::new();
        for (key, value) in table {
            let shown = !NOT_OPTIONS.contains(&key.get_ref().as_ref());
            pieces_of(text, key, value, shown, &mut pieces);
        }
        pieces.sort_by_key(|(range, _)| range.start);
        // Each option on its own line, after the comment lines written between it and whatever
        // precedes it in the file (an option, an example, the rule's header).
        let mut out = format!("{}\n", &text[header.clone()]);
        let mut from = header.end;
        for (range, shown) in pieces {
            // A comment after the value on its line goes with it.
            let line_end = text[range.end..]
                .find('\n')
                .map_or(text.len(), |i| range.end + i);
            let rest = &text[range.end..line_end];
            let end = if rest.trim_start().starts_with('#') {
                line_end
            } else {
                range.end
            };
            if shown {
                let gap = &text[from.min(range.start)..range.start];
                for comment in gap.lines().map(str::trim).filter(|l| l.starts_with('#')) {
                    out.push_str(comment);
                    out.push('\n');
                }
                // A file with CRLF line endings: the options are shown with line feeds.
                out.push_str(&text[range.start..end].trim_end().replace("\r\n", "\n"));
                out.push('\n');
            }
            from = from.max(end);
        }
        out
    }
}

/// The source ranges that write `key = value` in a rule's table, each marked shown or not:
/// one range for a value written inline; a header table's header and each of its entries; each
/// entry of a table written with dotted keys, from the start of its line; each table of an
/// array of tables (`[[kind.example]]`), its header and entries.
fn pieces_of(
    text: &str,
    key: &Spanned<toml::de::DeString>,
    value: &Spanned<DeValue>,
    shown: bool,
    out: &mut Vec<(Range<usize>, bool)>,
) {
    let (key_span, value_span) = (key.span(), value.span());
    let written = &text[value_span.clone()];
    match value.get_ref() {
        DeValue::Table(table) if written.starts_with('[') => {
            out.push((value_span, shown));
            for (key, value) in table {
                pieces_of(text, key, value, shown, out);
            }
        }
        // `named.copyright = […]`: the table's span is its first dotted key's.
        DeValue::Table(table) if value_span == key_span => {
            for (key, value) in table {
                let line_start = text[..key.span().start].rfind('\n').map_or(0, |i| i + 1);
                let start =
                    line_start + (text[line_start..].len() - text[line_start..].trim_start().len());
                let end = value.span().end;
                if matches!(value.get_ref(), DeValue::Table(_)) {
                    pieces_of(text, key, value, shown, out);
                } else {
                    out.push((start..end, shown));
                }
            }
        }
        DeValue::Array(items) if written.starts_with("[[") => {
            for item in items {
                out.push((item.span(), shown));
                if let DeValue::Table(table) = item.get_ref() {
                    for (key, value) in table {
                        pieces_of(text, key, value, shown, out);
                    }
                }
            }
        }
        _ => out.push((key_span.start..value_span.end, shown)),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;

    fn options(text: &str, id: &str) -> String {
        let set = compile_str(text).unwrap();
        let rule = set
            .rules
            .iter()
            .find(|r| r.id == format!("t/{id}"))
            .unwrap();
        rule.options()
    }

    #[test]
    fn sub_tables_dotted_keys_and_comments_are_shown_examples_and_prose_are_not() {
        let text = r#"[ruleset]
name = "t"

[[substitution]]
id = "email"
# Why the message says so.
message = """
Write {replacement}."""
# Both spellings are common.
case = "sensitive"

[[substitution.example]]
bad = "an e-mail"

[substitution.swap]
"e-mail" = "email"   # AP since 2011
"web site" = "website"

[[pattern]]
id = "notices"
message = "m"
named.copyright = ['©']
named.rights = ["all rights reserved"]
# Only in the body.
scope = "paragraph"
"#;
        assert_eq!(
            options(text, "email"),
            "[[substitution]]\nid = \"email\"\n# Both spellings are common.\n\
             case = \"sensitive\"\n[substitution.swap]\n\"e-mail\" = \"email\"   # AP since 2011\n\
             \"web site\" = \"website\"\n"
        );
        let crlf = text
            .replace('\n', "\r\n")
            .replace("case = \"sensitive\"", "exceptions = [\r\n    'x',\r\n]");
        assert!(!options(&crlf, "email").contains('\r'));
        assert_eq!(
            options(text, "notices"),
            "[[pattern]]\nid = \"notices\"\nnamed.copyright = ['©']\nnamed.rights = [\"all rights reserved\"]\n\
             # Only in the body.\nscope = \"paragraph\"\n"
        );
    }
}
