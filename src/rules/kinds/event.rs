#![doc = include_str!("event.md")]

use crate::analysis::time;
use crate::analysis::events::{EventFinder, Trigger};
use crate::analysis::lexicon::EVENT_WORDS;
use crate::diagnostic::Span;
use crate::document::{BlockKind, Document};
use crate::error::LocatedError;
use crate::rules::compile::{Context, RawRule};
use crate::rules::{Case, Check, Finding, RuleKind};
use copydesk_regex::{Regex, TextProfile};
use toml::Spanned;

raw_rule! {
    /// A rule that flags one-off events (read from the grammar of each sentence) that nothing
    /// near them dates.
    #[schemars(rename = "EventRule")]
    struct Raw {
        /// More regular expressions that say when, besides every time expression copydesk finds (`copydesk explain time`): an event is dated when one matches in its sentence or in the `before` sentences before it.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        dated_by: Vec<Spanned<String>>,
        /// How many sentences before the event's may date it (default 1).
        #[serde(default)]
        before: Option<usize>,
        /// More event verbs, by lemma ("abdicate", "capsize"): a clause in the past or present perfect with one of these as its main verb reports an event, in any inflection.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        verbs: Vec<Spanned<String>>,
        /// More event nouns, by lemma ("regatta", "coronation"): a past or present-perfect clause naming one around its verb reports an event.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        nouns: Vec<Spanned<String>>,
        /// Built-in event verbs or nouns, by lemma, that this rule does not count ("rule", "visit").
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        not_events: Vec<Spanned<String>>,
        /// Whether events inside quotations count (default `false`: they are the speaker's).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// Letter case of the `dated_by` patterns: `insensitive` (default) or `sensitive`.
        #[serde(default)]
        case: Option<Case>,
    }
}

/// What says when an event happened. The one place the rule asks it, so that a recogniser
/// of time expressions can take the regexes' place.
#[derive(Debug)]
struct SaysWhen {
    /// The rule's own `dated_by` patterns, if any.
    regex: Option<Regex>,
}

impl SaysWhen {
    /// Whether the article's prose in `span` (a sentence) says when: a time expression that is
    /// not a length of time ("for three years"), or a `dated_by` pattern.
    fn in_prose(&self, doc: &Document, span: Span) -> bool {
        doc.times_in(span)
            .iter()
            .any(|t| !t.duration && span.contains(t.span))
            || self
                .regex
                .as_ref()
                .is_some_and(|re| re.is_match(doc.profile(), doc.prose(span)))
    }

    /// Whether a story date (the dateline, or the front matter's date: `span` in the source,
    /// which the mask blanks for front matter) says when.
    fn in_story_date(&self, doc: &Document, span: Span) -> bool {
        let text = doc.text(span);
        let profile = TextProfile::of(text);
        time::find(text, profile).iter().any(|t| !t.duration)
            || self.regex.as_ref().is_some_and(|re| re.is_match(profile, text))
    }
}

#[derive(Debug)]
struct EventRule {
    finder: EventFinder,
    says_when: SaysWhen,
    before: usize,
    in_quotes: bool,
}

/// Checks each lemma of a list: one word, of letters, hyphens and apostrophes.
fn lemmas(cx: &Context, list: &[Spanned<String>], errors: &mut Vec<LocatedError>) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len());
    for value in list {
        let word = value.get_ref().trim();
        let is_word = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if is_word {
            out.push(word.to_lowercase());
        } else {
            errors.push(
                cx.error(value.span(), format!("{:?} is not a lemma", value.get_ref()))
                    .label("not one word")
                    .with_help(
                        "write each word as its dictionary form, one word a string: \"resign\", \
                         \"summit\"",
                    ),
            );
        }
    }
    out
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Event;
    const PLACEHOLDERS: &'static [&'static str] = &[];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("This event has no date.");

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let mut errors = Vec::new();
        crate::analysis::time::prepare_soon();
        let verbs = lemmas(cx, &self.verbs, &mut errors);
        let nouns = lemmas(cx, &self.nouns, &mut errors);
        let not_events = lemmas(cx, &self.not_events, &mut errors);
        let builtin = &*EVENT_WORDS;
        for (value, word) in self.not_events.iter().zip(&not_events) {
            let known = builtin.verbs.iter().chain(&builtin.nouns).any(|w| w == word);
            if !known {
                errors.push(
                    cx.error(
                        value.span(),
                        format!("{word:?} is not a built-in event verb or noun"),
                    )
                    .label("nothing to take out")
                    .with_help("`copydesk explain event` says where the built-in lists are"),
                );
            }
        }
        let says_when = match cx.alternation(
            &self.dated_by,
            &[],
            self.case.unwrap_or(Case::Insensitive),
        ) {
            Ok(regex) => regex,
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        match says_when {
            regex if errors.is_empty() => Ok(Box::new(EventRule {
                finder: EventFinder::new(&verbs, &nouns, &not_events),
                says_when: SaysWhen { regex },
                before: self.before.unwrap_or(1),
                in_quotes: self.in_quotes.unwrap_or(false),
            })),
            _ => Err(errors),
        }
    }
}

impl Check for EventRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.says_when.regex.iter().collect()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        // Headlines are not checked: the story below dates what they announce.
        let units: Vec<usize> = (0..doc.sentences.len())
            .filter(|&i| {
                let block = doc.sentences[i].block;
                !matches!(doc.blocks[block].kind, BlockKind::Heading(_))
            })
            .collect();
        if units.is_empty() {
            return;
        }
        let analysis = doc.sentence_analysis();
        // The dateline and the front matter's date count as said just before the first
        // sentence of the body: they date it and, with `before`, the sentences after it.
        let story_dated = doc
            .story_dates()
            .any(|date| self.says_when.in_story_date(doc, date));
        let first_body = units.partition_point(|&i| doc.sentences[i].span.end <= doc.body_start());
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut seen_upto = 0;
        for (u, &i) in units.iter().enumerate() {
            let Some(grammar) = analysis.get(i) else {
                continue;
            };
            // A line all in capitals is a heading or a table's legend, not a sentence of copy.
            let prose = doc.prose(doc.sentences[i].span);
            if !prose.chars().any(char::is_lowercase) {
                continue;
            }
            let Some(event) = self.finder.first_event(doc, grammar, self.in_quotes) else {
                continue;
            };
            // "the conference" after "told the annual conference": the same event again,
            // which the first mention answers for. The nouns of the sentences before are
            // gathered once, as the loop goes, so the check stays linear.
            for earlier in &analysis[seen_upto.min(i)..i] {
                seen.extend(
                    earlier
                        .noun_phrases
                        .iter()
                        .map(|np| earlier.tokens[np.head].lemma.as_ref()),
                );
            }
            seen_upto = seen_upto.max(i);
            if self
                .finder
                .definite_noun(grammar, event)
                .is_some_and(|lemma| seen.contains(lemma))
            {
                continue;
            }
            let from = u.saturating_sub(self.before);
            let dated_by_story = story_dated && from <= first_body && first_body <= u;
            let dated = dated_by_story
                || units[from..=u]
                    .iter()
                    .any(|&s| self.says_when.in_prose(doc, doc.sentences[s].span));
            if dated {
                continue;
            }
            let what = match event.trigger {
                Trigger::Verb => "this happened",
                Trigger::Noun => "this took place",
            };
            let nearby = if self.before > 0 {
                " or the sentence before"
            } else {
                ""
            };
            findings.push(
                Finding::new(event.span)
                    .label(format!("{what}, and nothing in this sentence{nearby} says when")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::examples::run_all;
    use crate::rules::load::compile_str;
    use crate::testing::flagged;

    const RULES: &str = r#"
[ruleset]
name = "t"

[[event]]
id = "dated"
dated_by = ['\b(?:Monday|Tuesday|2008)\b', '\byesterday\b']
"#;

    #[test]
    fn an_undated_event_is_flagged_once_per_sentence() {
        let set = compile_str(RULES).unwrap();
        assert_eq!(
            flagged(&set, "t/dated", "The minister resigned and left. Nothing else."),
            ["resigned"]
        );
        assert_eq!(
            flagged(&set, "t/dated", "The ministers held talks in Moscow."),
            ["held"]
        );
        assert!(flagged(&set, "t/dated", "The minister resigned on Monday.").is_empty());
        assert!(flagged(&set, "t/dated", "It was Monday. The minister resigned.").is_empty());
        assert_eq!(
            flagged(&set, "t/dated", "The minister resigned. It was Monday."),
            ["resigned"]
        );
    }

    #[test]
    fn what_is_not_an_event_is_not_flagged() {
        let set = compile_str(RULES).unwrap();
        for text in [
            "The minister will resign.",
            "The minister has not resigned.",
            "The minister could resign.",
            "The minister is expected to resign.",
            "Ministers often visit Paris.",
            "If convicted, he would resign.",
            "Prices rose 0.4 pct.",
            "Shares fell sharply.",
            "He told reporters the plan was good.",
            "\"We won the cup,\" he said.",
            "Talks on the tariff have stalled.",
            "Nobody was killed.",
        ] {
            assert!(flagged(&set, "t/dated", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn verbs_and_nouns_extend_the_lists_by_lemma() {
        let set = compile_str(
            r#"
[ruleset]
name = "t"

[[event]]
id = "more"
dated_by = ['\bMonday\b']
verbs = ["bamboozle"]
nouns = ["regatta"]
not_events = ["resign"]
"#,
        )
        .unwrap();
        assert_eq!(
            flagged(&set, "t/more", "The board bamboozled its shareholders."),
            ["bamboozled"]
        );
        assert_eq!(
            flagged(&set, "t/more", "Crowds watched the regatta."),
            ["the regatta"]
        );
        assert!(flagged(&set, "t/more", "The minister resigned.").is_empty());
    }

    #[test]
    fn bad_values_are_reported_where_they_are_written() {
        let text = r#"
[ruleset]
name = "t"

[[event]]
id = "bad"
dated_by = ['(']
verbs = ["two words"]
not_events = ["banana"]
"#;
        let errors = compile_str(text).unwrap_err();
        let at: Vec<&str> = errors.iter().map(|e| &text[e.span.start..e.span.end]).collect();
        assert_eq!(at, ["'('", "\"two words\"", "\"banana\""], "{errors:?}");
        // Without `dated_by`, the time expressions copydesk finds are what says when.
        let text = "[ruleset]\nname = \"t\"\n[[event]]\nid = \"plain\"\n";
        let set = compile_str(text).unwrap();
        assert!(flagged(&set, "t/plain", "The minister resigned on Tuesday.").is_empty());
        assert_eq!(flagged(&set, "t/plain", "The minister resigned."), ["resigned"]);
    }

    /// The kind page's example is a rule file whose examples pass.
    #[test]
    fn the_kind_page_example_passes() {
        let page = include_str!("event.md");
        let start = page.find("```toml\n").expect("a TOML example") + "```toml\n".len();
        let end = start + page[start..].find("```").expect("closed");
        let text = format!("[ruleset]\nname = \"page\"\n{}", &page[start..end]);
        let set = compile_str(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let results = run_all(&set.rules);
        assert!(results.len() >= 3);
        let failures: Vec<_> = results.iter().filter_map(|r| r.failure.clone()).collect();
        assert!(failures.is_empty(), "{failures:?}");
    }
}
