#![doc = include_str!("consistency.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::{Case, Check, Finding, RuleKind};
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::document::Document;
use crate::error::LocatedError;
use copydesk_regex::Regex;
use toml::Spanned;

raw_rule! {
    /// A rule that keeps one spelling of a name throughout an article.
    #[schemars(rename = "ConsistencyRule")]
    struct Raw {
        /// Whether to look inside quotations (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// Lists of spellings of one name: `[["Gaddafi", "Qaddafi", "Kadhafi"]]`; the first used outside quotations is the article's choice.
        #[schemars(with = "Vec<Vec<String>>")]
        groups: Vec<Spanned<Vec<Spanned<String>>>>,
        /// Letter case: `sensitive` (default) or `insensitive`.
        #[serde(default)]
        case: Option<Case>,
    }
}

#[derive(Debug)]
struct Group {
    regex: Regex,
    /// Each spelling, folded as matched.
    spellings: Vec<String>,
}

#[derive(Debug)]
struct ConsistencyRule {
    groups: Vec<Group>,
    case: Case,
    in_quotes: bool,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Consistency;
    const PLACEHOLDERS: &'static [&'static str] = &["expected"];
    const DEFAULT_MESSAGE: Option<&'static str> =
        Some("'{match}' is spelled '{expected}' elsewhere in this article.");

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let case = self.case.unwrap_or(Case::Sensitive);
        let mut groups = Vec::new();
        let mut errors = Vec::new();
        if self.groups.is_empty() {
            errors.push(
                cx.error(self.id.span(), "this consistency rule has no `groups`")
                    .with_help("add `groups = [[\"Gaddafi\", \"Qaddafi\"]]`"),
            );
        }
        for group in &self.groups {
            if group.get_ref().len() < 2 {
                errors.push(
                    cx.error(group.span(), "a group needs at least two spellings")
                        .label("one spelling cannot disagree with itself"),
                );
                continue;
            }
            match cx.alternation(&[], group.get_ref(), case) {
                Ok(Some(regex)) => groups.push(Group {
                    regex,
                    spellings: group
                        .get_ref()
                        .iter()
                        .map(|s| fold(s.get_ref(), case))
                        .collect(),
                }),
                Ok(None) => {}
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(Box::new(ConsistencyRule {
                groups,
                case,
                in_quotes: self.in_quotes.unwrap_or(true),
            }))
        } else {
            Err(errors)
        }
    }
}

fn fold(text: &str, case: Case) -> String {
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'");
    match case {
        Case::Insensitive => text.to_lowercase(),
        Case::Sensitive => text,
    }
}

impl Check for ConsistencyRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.groups.iter().map(|g| &g.regex).collect()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        for group in &self.groups {
            // (spelling, span, inside a quotation) of every use of the group.
            let mut uses: Vec<(usize, Span, bool)> = Vec::new();
            for m in group.regex.find_iter(doc.profile(), &doc.mask) {
                let span = Span::from(m);
                let quoted = doc.in_quote(span);
                if !self.in_quotes && quoted {
                    continue;
                }
                let folded = fold(span.slice(&doc.mask), self.case);
                if let Some(which) = group.spellings.iter().position(|s| *s == folded) {
                    uses.push((which, span, quoted));
                }
            }
            // The article's choice is its first spelling in its own words: a quotation is
            // transcribed speech, whose spelling is the writer's, so a spelling inside one
            // does not outvote the narrative. Only an article that uses the name inside
            // quotations alone takes its first quoted spelling.
            let Some(&(chosen, chosen_span, _)) = uses
                .iter()
                .find(|(_, _, quoted)| !quoted)
                .or_else(|| uses.first())
            else {
                continue;
            };
            let expected = doc.text(chosen_span).to_string();
            for &(which, span, _) in &uses {
                if which == chosen {
                    continue;
                }
                findings.push(
                    Finding::new(span)
                        .var("expected", expected.clone())
                        .label(format!("the article writes '{expected}'"))
                        .secondary(chosen_span, "the article's spelling")
                        .fix(Fix {
                            applicability: Applicability::Unsafe,
                            edits: vec![Edit {
                                span,
                                replacement: expected.clone(),
                            }],
                        }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::flagged;

    const RULES: &str = r#"
[ruleset]
name = "t"
[[consistency]]
id = "names"
groups = [["Gaddafi", "Qaddafi", "Kadhafi"], ["al-Qaeda", "al-Qaida"]]
"#;

    #[test]
    fn later_spellings_that_differ_from_the_first_are_flagged() {
        let set = compile_str(RULES).unwrap();
        let text = "Qaddafi spoke. Gaddafi left; Kadhafi wrote. Qaddafi slept. al-Qaida, al-Qaeda.";
        assert_eq!(
            flagged(&set, "t/names", text),
            ["Gaddafi", "Kadhafi", "al-Qaeda"]
        );
    }

    #[test]
    fn the_narrative_spelling_is_the_choice_over_an_earlier_quoted_one() {
        let set = compile_str(RULES).unwrap();
        let text = "\"Qaddafi must go,\" she said. Gaddafi left. Kadhafi wrote.";
        assert_eq!(flagged(&set, "t/names", text), ["Qaddafi", "Kadhafi"]);
        // Used only inside quotations, the first quoted spelling is the choice.
        let text = "\"Qaddafi must go,\" she said. \"Gaddafi left,\" he said.";
        assert_eq!(flagged(&set, "t/names", text), ["Gaddafi"]);
    }

    #[test]
    fn one_spelling_is_consistent() {
        let set = compile_str(RULES).unwrap();
        assert!(flagged(&set, "t/names", "Gaddafi spoke. Gaddafi left.").is_empty());
    }

    #[test]
    fn a_group_of_one_is_refused() {
        let text = "[ruleset]\nname = \"t\"\n[[consistency]]\nid = \"x\"\ngroups = [[\"A\"]]\n";
        let err = compile_str(text).unwrap_err().remove(0);
        assert_eq!(err.span.slice(text), "[\"A\"]");
    }
}
