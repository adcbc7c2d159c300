#![doc = include_str!("attribution.md")]

use crate::analysis::speakers::{Additions, Attribution, Lexicon, SpeakerClass};
use crate::document::Document;
use crate::error::LocatedError;
use crate::rules::compile::{Context, RawRule};
use crate::rules::{Case, Check, Finding, RuleKind};
use copydesk_regex::Regex;
use toml::Spanned;

raw_rule! {
    /// A rule that flags attributions by the kind of speaker they credit.
    #[schemars(rename = "AttributionRule")]
    struct Raw {
        /// The speaker classes flagged: `named`, `pronoun`, `role`, `institution`, `unnamed-individual`, `unnamed-group`, `agentless`.
        #[schemars(with = "Vec<SpeakerClass>")]
        speakers: Spanned<Vec<SpeakerClass>>,
        /// Only attributions that give the source of a quotation (`true`), or only those that do not (`false`); all when unset.
        #[serde(default)]
        quoted: Option<bool>,
        /// Regular expressions: an attribution is not flagged when one matches in its sentence (or the sentences `before` and `after` it), as when the story says why a source is unnamed.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        unless: Vec<Spanned<String>>,
        /// Sentences before the attribution's own that `unless` also searches (default 0).
        #[serde(default)]
        before: usize,
        /// Sentences after the attribution's own that `unless` also searches (default 0).
        #[serde(default)]
        after: usize,
        /// More speech verbs, by lemma ("opine"), added to the built-in list.
        #[serde(default)]
        verbs: Vec<String>,
        /// More nouns, by lemma, for people who speak without being identified ("punter"): with any determiner they are unnamed.
        #[serde(default)]
        people: Vec<String>,
        /// More offices, by lemma ("ombudsman"): a named role with "the" or a possessive, unnamed with "a" or in the plural.
        #[serde(default)]
        roles: Vec<String>,
        /// More organisations and documents, by lemma ("communique").
        #[serde(default)]
        institutions: Vec<String>,
    }
}

#[derive(Debug)]
struct AttributionRule {
    classes: Vec<SpeakerClass>,
    quoted: Option<bool>,
    unless: Option<Regex>,
    before: usize,
    after: usize,
    /// A lexicon of the rule's own when it adds words; `None` uses the article's shared
    /// analysis.
    lexicon: Option<Lexicon>,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Attribution;
    const PLACEHOLDERS: &'static [&'static str] = &["class", "speaker"];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("'{match}' credits {class}.");

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        if self.speakers.get_ref().is_empty() {
            return Err(vec![cx
                .error(self.speakers.span(), "this attribution rule flags no speaker class")
                .with_help(format!(
                    "list one or more of: {}",
                    SpeakerClass::ALL.map(SpeakerClass::name).join(", ")
                ))]);
        }
        let unless = cx.alternation(&self.unless, &[], Case::Insensitive)?;
        let additions = Additions {
            verbs: self.verbs.clone(),
            people: self.people.clone(),
            roles: self.roles.clone(),
            institutions: self.institutions.clone(),
            ..Additions::default()
        };
        let lexicon = (!additions.is_empty()).then(|| Lexicon::new(&additions));
        Ok(Box::new(AttributionRule {
            classes: self.speakers.get_ref().clone(),
            quoted: self.quoted,
            unless,
            before: self.before,
            after: self.after,
            lexicon,
        }))
    }
}

impl AttributionRule {
    /// Whether `found` gives the source of one of the article's quotations.
    fn sources_a_quotation(doc: &Document, found: &Attribution) -> bool {
        doc.attributions()
            .iter()
            .any(|q| q.verb.is_some_and(|v| v.overlaps(found.verb)))
    }

    /// Whether an `unless` pattern matches near `found`.
    fn excused(&self, doc: &Document, found: &Attribution) -> bool {
        let Some(unless) = &self.unless else {
            return false;
        };
        let first = found.sentence.saturating_sub(self.before);
        let last = (found.sentence + self.after).min(doc.sentences.len().saturating_sub(1));
        doc.sentences
            .get(first..=last)
            .unwrap_or_default()
            .iter()
            .any(|s| unless.is_match(doc.profile(), doc.text(s.span)))
    }
}

impl Check for AttributionRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.unless.iter().collect()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let own;
        let all = match &self.lexicon {
            Some(lexicon) => {
                own = lexicon.attributions(doc);
                &own[..]
            }
            None => doc.speech(),
        };
        for found in all {
            if !self.classes.contains(&found.class) {
                continue;
            }
            if self
                .quoted
                .is_some_and(|q| q != Self::sources_a_quotation(doc, found))
            {
                continue;
            }
            if self.excused(doc, found) {
                continue;
            }
            let speaker = found.speaker.map(|s| doc.text(s)).unwrap_or_default();
            let mut finding = Finding::new(found.span())
                .var("class", found.class.describe())
                .var("speaker", speaker)
                .label(format!("credits {}", found.class.describe()));
            if found.speaker.is_some() && !found.span().contains(found.verb) {
                finding = finding.secondary(found.verb, "attributed by this verb");
            }
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::flagged;

    const RULES: &str = r#"
[ruleset]
name = "s"

[[attribution]]
id = "anon"
speakers = ["unnamed-individual", "unnamed-group", "agentless"]

[[attribution]]
id = "anon-quote"
speakers = ["unnamed-individual", "unnamed-group"]
quoted = true
unless = ['\bwho asked not to be named\b']

[[attribution]]
id = "punters"
speakers = ["unnamed-group"]
people = ["punter"]
"#;

    #[test]
    fn flags_attributions_by_speaker_class() {
        let set = compile_str(RULES).unwrap();
        assert_eq!(
            flagged(&set, "s/anon", "The yen rose, dealers said. Jane Smith said it fell."),
            ["dealers said"]
        );
        assert_eq!(
            flagged(&set, "s/anon", "The club reportedly made an offer."),
            ["reportedly"]
        );
        assert!(flagged(&set, "s/anon", "The ministry said the plan had failed.").is_empty());
    }

    #[test]
    fn quoted_and_unless_select_among_them() {
        let set = compile_str(RULES).unwrap();
        let text = "\"The plan has failed,\" an official said. Officials said talks would go on.";
        assert_eq!(flagged(&set, "s/anon-quote", text), ["an official said"]);
        let excused =
            "\"The plan has failed,\" said an official, who asked not to be named.";
        assert!(flagged(&set, "s/anon-quote", excused).is_empty());
    }

    #[test]
    fn a_rule_can_add_words() {
        let set = compile_str(RULES).unwrap();
        assert_eq!(
            flagged(&set, "s/punters", "The odds were long, punters told reporters."),
            ["punters told"]
        );
    }

    #[test]
    fn an_empty_class_list_and_an_unknown_class_are_located_errors() {
        let empty = "[ruleset]\nname = \"s\"\n[[attribution]]\nid = \"a\"\nspeakers = []\n";
        let errors = compile_str(empty).unwrap_err();
        assert!(errors[0].message.contains("flags no speaker class"), "{errors:?}");
        let unknown = "[ruleset]\nname = \"s\"\n[[attribution]]\nid = \"a\"\nspeakers = [\"anonymous\"]\n";
        let errors = compile_str(unknown).unwrap_err();
        assert!(errors[0].message.contains("unknown value `anonymous`"), "{errors:?}");
    }
}
