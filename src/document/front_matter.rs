//! Front matter of Markdown articles: YAML between `---` lines or TOML between `+++` lines,
//! read into top-level key/value pairs with spans.
//!
//! Only the top level is read, which is what newsroom metadata rules need (`byline`, `date`,
//! `slug`): a nested value is kept as its raw text.

use super::{BlockKind, RawBlock};
use crate::diagnostic::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    Yaml,
    Toml,
}

/// One top-level key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterEntry {
    pub key: String,
    pub key_span: Span,
    /// The value as text: unquoted for a plain string, raw source for anything else.
    pub value: String,
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    /// From the opening fence to the end of the closing fence's line.
    pub span: Span,
    pub entries: Vec<FrontMatterEntry>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The fields that are published copy: the headline (`title` or `headline`) and the
    /// standfirst (`description`, `dek`, `summary`, `standfirst` or `subtitle`), as blocks over
    /// their text in the front matter, inside the quotation marks of a quoted value. A value
    /// over several lines (a YAML block scalar) or with escapes is left out: its bytes are not
    /// its text.
    pub(crate) fn prose_blocks(&self, source: &str) -> Vec<RawBlock> {
        const HEADLINE: &[&str] = &["title", "headline"];
        const STANDFIRST: &[&str] = &["description", "dek", "summary", "standfirst", "subtitle"];
        let mut blocks = Vec::new();
        for keys in [HEADLINE, STANDFIRST] {
            let Some(entry) = self.entries.iter().find(|e| keys.contains(&e.key.as_str())) else {
                continue;
            };
            let Some(span) = text_of(source, entry.value_span) else {
                continue;
            };
            let kind = if keys == HEADLINE {
                BlockKind::Heading(1)
            } else {
                BlockKind::Paragraph
            };
            blocks.push(RawBlock { kind, span });
        }
        blocks.sort_by_key(|b| b.span.start);
        blocks
    }
}

/// The span of a one-line scalar's text: inside its quotation marks, or the plain value.
fn text_of(source: &str, value: Span) -> Option<Span> {
    let raw = value.slice(source);
    if raw.is_empty() || raw.contains(['\n', '\r']) || raw.starts_with(['|', '>', '[', '{']) {
        return None;
    }
    for quote in ['"', '\''] {
        if raw.starts_with(quote) {
            let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
            // Escapes and triple quotes make the bytes differ from the text.
            if inner.contains(['\\', quote]) || inner.is_empty() {
                return None;
            }
            return Some(Span::new(value.start + 1, value.end - 1));
        }
    }
    Some(value)
}

/// Finds and reads front matter starting at `start` (after any byte-order mark).
pub(crate) fn parse(source: &str, start: usize) -> Option<FrontMatter> {
    let body = &source[start..];
    let (format, fence) = if body.starts_with("---") {
        (FrontMatterFormat::Yaml, "---")
    } else if body.starts_with("+++") {
        (FrontMatterFormat::Toml, "+++")
    } else {
        return None;
    };
    let mut offset = start;
    let mut lines = body.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != fence {
        return None;
    }
    offset += first.len();
    let content_start = offset;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == fence || (format == FrontMatterFormat::Yaml && trimmed == "...") {
            let content = Span::new(content_start, offset);
            let span = Span::new(start, offset + line.len());
            let entries = match format {
                FrontMatterFormat::Yaml => yaml_entries(source, content),
                FrontMatterFormat::Toml => toml_entries(source, content),
            };
            return Some(FrontMatter {
                format,
                span,
                entries,
            });
        }
        offset += line.len();
    }
    None
}

/// Top-level `key: value` pairs. A key with an empty value takes the indented lines below it.
fn yaml_entries(source: &str, content: Span) -> Vec<FrontMatterEntry> {
    let mut entries: Vec<FrontMatterEntry> = Vec::new();
    let mut offset = content.start;
    for line in content.slice(source).split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let text = line.trim_end();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if text.starts_with([' ', '\t', '-']) {
            // A continuation of the previous key's value.
            if let Some(last) = entries.last_mut() {
                let end = line_start + text.len();
                last.value_span = if last.value_span.is_empty() {
                    Span::new(line_start, end)
                } else {
                    Span::new(last.value_span.start, end)
                };
                last.value = source[last.value_span.start..last.value_span.end].to_string();
            }
            continue;
        }
        let Some(colon) = text.find(':') else {
            continue;
        };
        let key = text[..colon].trim();
        let key = key.trim_matches(|c| c == '"' || c == '\'');
        let key_offset = line_start + text[..colon].find(key).unwrap_or(0);
        let raw_value = &text[colon + 1..];
        let lead = raw_value.len() - raw_value.trim_start().len();
        let value_start = line_start + colon + 1 + lead;
        let raw_value = raw_value.trim();
        let value_span = Span::new(value_start, value_start + raw_value.len());
        let value = unquote(raw_value).to_string();
        entries.push(FrontMatterEntry {
            key: key.to_string(),
            key_span: Span::new(key_offset, key_offset + key.len()),
            value,
            value_span,
        });
    }
    entries
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

fn toml_entries(source: &str, content: Span) -> Vec<FrontMatterEntry> {
    let text = content.slice(source);
    // Malformed TOML front matter yields no entries; metadata rules then report what is missing.
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let mut entries: Vec<FrontMatterEntry> = table
        .get_ref()
        .iter()
        .map(|(key, value)| {
            let key_span = Span::from(key.span()).offset(content.start);
            let value_span = Span::from(value.span()).offset(content.start);
            let value = match value.get_ref() {
                toml::de::DeValue::String(s) => s.to_string(),
                _ => value_span.slice(source).to_string(),
            };
            FrontMatterEntry {
                key: key.get_ref().to_string(),
                key_span,
                value,
                value_span,
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key_span.start);
    // A `[table]` is spanned by its header alone: its value runs to the next entry's line.
    for i in 0..entries.len() {
        if entries[i].value_span.slice(source).starts_with('[') && entries[i].value.starts_with('[')
        {
            let end = entries
                .get(i + 1)
                .map(|next| {
                    source[..next.key_span.start]
                        .rfind('\n')
                        .map_or(next.key_span.start, |n| n + 1)
                })
                .unwrap_or(content.end)
                .max(entries[i].value_span.end);
            entries[i].value_span.end = end;
            entries[i].value = entries[i].value_span.slice(source).to_string();
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let source =
            "---\ntitle: \"Budget vote\"\ntags:\n  - politics\nslug: budget\n---\n# Body\n";
        let fm = parse(source, 0).unwrap();
        assert_eq!(fm.format, FrontMatterFormat::Yaml);
        assert_eq!(
            fm.span.slice(source),
            "---\ntitle: \"Budget vote\"\ntags:\n  - politics\nslug: budget\n---\n"
        );
        let title = fm.get("title").unwrap();
        assert_eq!(title.value, "Budget vote");
        assert_eq!(title.key_span.slice(source), "title");
        assert_eq!(title.value_span.slice(source), "\"Budget vote\"");
        assert_eq!(fm.get("tags").unwrap().value, "  - politics");
        assert_eq!(fm.get("slug").unwrap().value, "budget");
    }

    #[test]
    fn toml_front_matter() {
        let source = "+++\ntitle = 'Budget vote'\ndraft = true\n+++\nBody\n";
        let fm = parse(source, 0).unwrap();
        assert_eq!(fm.format, FrontMatterFormat::Toml);
        let title = fm.get("title").unwrap();
        assert_eq!(title.value, "Budget vote");
        assert_eq!(title.value_span.slice(source), "'Budget vote'");
        assert_eq!(fm.get("draft").unwrap().value, "true");
    }

    #[test]
    fn a_toml_table_spans_its_keys() {
        let s = "+++\ntitle = \"x\"\n[copydesk]\ndisable = [\"a\"]\n\n[b]\nc = 1\n+++\n";
        let fm = parse(s, 0).unwrap();
        let table = fm.get("copydesk").unwrap();
        assert_eq!(table.value, "[copydesk]\ndisable = [\"a\"]\n\n");
        assert_eq!(fm.get("b").unwrap().value, "[b]\nc = 1\n");
    }

    #[test]
    fn the_headline_and_standfirst_are_prose() {
        let source = "---\ntitle: \"Budget vote\"\nslug: budget\ndescription: The council voted.\n\
                      summary: |\n  Several\n  lines\n---\nBody\n";
        let fm = parse(source, 0).unwrap();
        let blocks: Vec<(BlockKind, &str)> = fm
            .prose_blocks(source)
            .iter()
            .map(|b| (b.kind, b.span.slice(source)))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(1), "Budget vote"),
                (BlockKind::Paragraph, "The council voted.")
            ]
        );
        let toml = "+++\nheadline = 'Rates rise'\ndek = \"Esc\\\"aped\"\n+++\n";
        let fm = parse(toml, 0).unwrap();
        let blocks = fm.prose_blocks(toml);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].span.slice(toml), "Rates rise");
    }

    #[test]
    fn an_unclosed_fence_is_not_front_matter() {
        assert!(parse("---\ntitle: x\n", 0).is_none());
        assert!(parse("--- not a fence\n---\n", 0).is_none());
    }
}
