//! Message templates: text with `{name}` placeholders filled from each finding.

/// A parsed message. `{{` and `}}` stand for literal braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

/// A placeholder the rule kind does not provide, at a byte offset in the template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub offset: usize,
    pub name: String,
}

impl Template {
    /// Parses `text`, accepting only the placeholders in `allowed`.
    pub fn parse(text: &str, allowed: &[&str]) -> Result<Template, UnknownPlaceholder> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|&(_, c)| c) == Some('{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().map(|&(_, c)| c) == Some('}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let close = text[i..].find('}').map(|j| i + j);
                    let name = close.map(|j| &text[i + 1..j]);
                    match (close, name) {
                        (Some(j), Some(name)) if allowed.contains(&name) => {
                            if !literal.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut literal)));
                            }
                            parts.push(Part::Var(name.to_string()));
                            while rest.peek().is_some_and(|&(k, _)| k <= j) {
                                rest.next();
                            }
                        }
                        _ => {
                            return Err(UnknownPlaceholder {
                                offset: i,
                                name: name.unwrap_or(&text[i..]).to_string(),
                            })
                        }
                    }
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template {
            text: text.to_string(),
            parts,
        })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Writes the message, asking `value` for each placeholder.
    pub fn render<'a>(&self, value: impl Fn(&str) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(name) => out.push_str(value(name).unwrap_or("")),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_escaped_braces() {
        let t = Template::parse(
            "Use '{replacement}', not '{match}' {{sic}}.",
            &["match", "replacement"],
        )
        .unwrap();
        let text = t.render(|n| match n {
            "match" => Some("towards"),
            "replacement" => Some("toward"),
            _ => None,
        });
        assert_eq!(text, "Use 'toward', not 'towards' {sic}.");
    }

    #[test]
    fn unknown_placeholders_are_located() {
        let err = Template::parse("Too long: {cnt} words", &["count"]).unwrap_err();
        assert_eq!(
            err,
            UnknownPlaceholder {
                offset: 10,
                name: "cnt".into()
            }
        );
        let err = Template::parse("Unclosed {count", &["count"]).unwrap_err();
        assert_eq!(err.offset, 9);
    }
}
