#![doc = include_str!("substitution.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::matcher::Matcher;
use crate::rules::{Case, Check, Finding, RuleKind, Scope};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;
use crate::error::LocatedError;
use copydesk_regex::{Regex, TextProfile};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

raw_rule! {
    /// A rule that replaces one wording with another, with a fix.
    #[schemars(rename = "SubstitutionRule")]
    struct Raw {
        /// Whether to flag words inside quotations (default `true`; fixes inside them need `fix_in_quotes`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// The replacements: `"wrong" = "preferred"` (keys are regular expressions when `regex = true`, and values may use their groups: `$1`, `${name}`).
        #[schemars(with = "BTreeMap<String, String>")]
        swap: BTreeMap<Spanned<String>, Spanned<String>>,
        /// Whether the keys of `swap` are regular expressions (default `false`: plain words).
        #[serde(default)]
        regex: bool,
        /// Regular expressions: a match inside a match of one of these is left alone.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        exceptions: Vec<Spanned<String>>,
        /// Where to search: `document` (default), `headline`, `paragraph` or `sentence`.
        #[serde(default)]
        scope: Option<Scope>,
        /// Letter case: `insensitive` (default; the replacement follows the case of the match) or `sensitive`.
        #[serde(default)]
        case: Option<Case>,
        /// How the fix may be applied: `safe` (default, without asking), `unsafe` (only with `--unsafe-fixes`) or `display` (shown, never applied).
        #[serde(default)]
        fix: Option<Applicability>,
    }
}

#[derive(Debug)]
enum Replacements {
    /// Literal words: one alternation, replacement looked up by the (case-folded) match.
    Words(HashMap<String, String>),
    /// Regex keys, tried in order: the first that matches the found text gives the replacement.
    Patterns(Vec<(Regex, String)>),
}

#[derive(Debug)]
struct SubstitutionRule {
    matcher: Matcher,
    replacements: Replacements,
    case: Case,
    applicability: Applicability,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Substitution;
    const PLACEHOLDERS: &'static [&'static str] = &["replacement"];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("Use '{replacement}' instead of '{match}'.");

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let case = self.case.unwrap_or(Case::Insensitive);
        let keys: Vec<Spanned<String>> = self.swap.keys().cloned().collect();
        if keys.is_empty() {
            return Err(vec![cx
                .error(
                    self.id.span(),
                    "this substitution has an empty `swap` table",
                )
                .with_help(
                    "add entries: `[substitution.swap]` then `\"wrong\" = \"right\"`",
                )]);
        }
        let (regex, replacements) = if self.regex {
            // The alternation only finds candidates; each key's own regex gives the groups, so
            // the alternation drops group names (two keys may use the same name).
            let unnamed: Vec<Spanned<String>> = keys
                .iter()
                .map(|k| Spanned::new(k.span(), without_group_names(k.get_ref()).into_owned()))
                .collect();
            let regex = cx.alternation(&unnamed, &[], case)?;
            let mut patterns = Vec::new();
            let mut errors = Vec::new();
            for (key, value) in &self.swap {
                // Anchored, so each key is tested against the whole found text.
                let anchored = Spanned::new(key.span(), format!("^(?:{})$", key.get_ref()));
                match cx.regex_with_groups(&anchored, case) {
                    Ok(re) => patterns.push((re, value.get_ref().clone())),
                    Err(e) => errors.push(e),
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            (regex, Replacements::Patterns(patterns))
        } else {
            let regex = cx.alternation(&[], &keys, case)?;
            let map = self
                .swap
                .iter()
                .map(|(k, v)| (fold(&normalise(k.get_ref()), case), v.get_ref().clone()))
                .collect();
            (regex, Replacements::Words(map))
        };
        let regex = regex.ok_or_else(|| vec![cx.error(self.id.span(), "nothing to look for")])?;
        let exceptions = cx.alternation(&self.exceptions, &[], case)?;
        Ok(Box::new(SubstitutionRule {
            matcher: Matcher {
                regex,
                exceptions,
                scope: self.scope.unwrap_or(Scope::Document),
                in_quotes: self.in_quotes.unwrap_or(true),
            },
            replacements,
            case,
            applicability: self.fix.unwrap_or(Applicability::Safe),
        }))
    }
}

/// `pattern` with its named groups made non-capturing, so that several patterns can be joined
/// into one alternation (two may use the same name): every `(?<name>` and `(?P<name>` (a name
/// being `[A-Za-z_][A-Za-z0-9_]*`) becomes `(?:`. (Scanned by hand: a regex for it cost more
/// to compile than loading every other part of a rule set.)
pub fn without_group_names(pattern: &str) -> std::borrow::Cow<'_, str> {
    /// The length of the named-group opening at the start of `text`, if there is one.
    fn opening(text: &[u8]) -> Option<usize> {
        let rest = text.strip_prefix(b"(?")?;
        let rest = rest.strip_prefix(b"P").unwrap_or(rest);
        let name = rest.strip_prefix(b"<")?;
        let first = name.first()?;
        if !(first.is_ascii_alphabetic() || *first == b'_') {
            return None;
        }
        let len = name
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))?;
        (name[len] == b'>').then(|| text.len() - name.len() + len + 1)
    }
    let bytes = pattern.as_bytes();
    let mut out = String::new();
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = pattern[at..].find("(?") {
        let start = at + found;
        match opening(&bytes[start..]) {
            Some(len) => {
                out.push_str(&pattern[copied..start]);
                out.push_str("(?:");
                copied = start + len;
                at = copied;
            }
            None => at = start + 1,
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(pattern);
    }
    out.push_str(&pattern[copied..]);
    std::borrow::Cow::Owned(out)
}

/// White space runs as one space, curly apostrophes as straight: how keys are looked up.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

fn fold(text: &str, case: Case) -> String {
    match case {
        Case::Insensitive => text.to_lowercase(),
        Case::Sensitive => text.to_string(),
    }
}

/// Gives `replacement` the case pattern of `original`: all capitals, or a leading capital.
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

impl SubstitutionRule {
    /// The replacement for `found`, a part of an article whose text profile is `profile`.
    fn replacement(&self, profile: TextProfile, found: &str) -> Option<String> {
        match &self.replacements {
            Replacements::Words(map) => map.get(&fold(&normalise(found), self.case)).cloned(),
            Replacements::Patterns(patterns) => patterns
                .iter()
                .find_map(|(re, template)| re.replace_first(profile, found, template)),
        }
    }
}

impl Check for SubstitutionRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.matcher.regexes()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        self.matcher.for_each(doc, |_, found| {
            let text = doc.text(found);
            let Some(mut replacement) = self.replacement(doc.profile(), doc.prose(found)) else {
                return;
            };
            if self.case == Case::Insensitive {
                replacement = match_case(text, &replacement);
            }
            if replacement == text {
                return;
            }
            findings.push(
                Finding::new(found)
                    .var("replacement", replacement.clone())
                    .label(format!("write '{replacement}'"))
                    .fix(Fix {
                        applicability: self.applicability,
                        edits: vec![Edit {
                            span: found,
                            replacement,
                        }],
                    }),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    proptest::proptest! {
        /// The hand scanner does what the regex it replaced did.
        #[test]
        fn group_names_go_as_the_regex_took_them(pattern in "[(?P<>:a_1Z-]{0,24}") {
            let regex = regex::Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").unwrap();
            proptest::prop_assert_eq!(
                super::without_group_names(&pattern),
                regex.replace_all(&pattern, "(?:")
            );
        }
    }

    #[test]
    fn named_groups_become_plain_groups() {
        let cases = [
            ("(?P<year>\\d{4})-(?<m>\\d\\d)", "(?:\\d{4})-(?:\\d\\d)"),
            ("(?i)(?:a)(?<1x>b)(?P<_>c)", "(?i)(?:a)(?<1x>b)(?:c)"),
            ("no groups", "no groups"),
            ("(?P<a", "(?P<a"),
        ];
        for (pattern, expected) in cases {
            assert_eq!(super::without_group_names(pattern), expected, "{pattern}");
        }
    }
    use crate::rules::load::compile_str;
    use crate::testing::{fixes, flagged};

    const RULES: &str = r#"
[ruleset]
name = "t"

[[substitution]]
id = "spelling"
[substitution.swap]
"towards" = "toward"
"per cent" = "percent"

[[substitution]]
id = "numbers"
regex = true
case = "sensitive"
[substitution.swap]
'(\d+)th' = "$1"
"#;

    #[test]
    fn replacements_follow_the_case_of_the_original() {
        assert_eq!(match_case("Towards", "toward"), "Toward");
        assert_eq!(match_case("TOWARDS", "toward"), "TOWARD");
        assert_eq!(match_case("towards", "toward"), "toward");
        assert_eq!(match_case("Per cent", "percent"), "Percent");
    }

    #[test]
    fn words_are_flagged_and_fixed() {
        let set = compile_str(RULES).unwrap();
        let text = "Head\n\nTowards 5 per\ncent, the towardsness stays.\n";
        assert_eq!(flagged(&set, "t/spelling", text), ["Towards", "per\ncent"]);
        assert_eq!(fixes(&set, "t/spelling", text), ["Toward", "percent"]);
    }

    #[test]
    fn regex_keys_expand_groups() {
        let set = compile_str(RULES).unwrap();
        let text = "On Nov. 28th they met.";
        assert_eq!(flagged(&set, "t/numbers", text), ["28th"]);
        assert_eq!(fixes(&set, "t/numbers", text), ["28"]);
    }
}
