#![doc = include_str!("require.md")]

use crate::analysis::time;
use crate::rules::compile::{Context, RawRule};
use crate::rules::matcher::Matcher;
use crate::rules::{Case, Check, Finding, RuleKind, Scope};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::error::LocatedError;
use copydesk_regex::Regex;
use toml::Spanned;

raw_rule! {
    /// A rule that requires something near a trigger.
    #[schemars(rename = "RequireRule")]
    struct Raw {
        /// Whether triggers inside quotations count (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// Regular expressions that trigger the rule.
        #[schemars(with = "Vec<String>")]
        when: Vec<Spanned<String>>,
        /// Regular expressions, any one of which satisfies the rule, in the unit or near it.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        require: Vec<Spanned<String>>,
        /// A time expression satisfies the rule, in the unit or near it, as a `require` pattern would: a date, weekday, month, year, clock time, holiday or season, point in a match, relative date or time anchored to another ("at the time"), as copydesk's time recogniser finds them; a length of time ("for the next four years") says how long, not when, and does not (default `false`).
        #[serde(default)]
        require_time: bool,
        /// The unit searched: `sentence` (default), `paragraph`, `headline` or `document`.
        #[serde(default)]
        scope: Option<Scope>,
        /// Also accept a match in this many units before (default 0).
        #[serde(default)]
        before: usize,
        /// Also accept a match in this many units after (default 0).
        #[serde(default)]
        after: usize,
        /// Regular expressions: a trigger inside a match of one of these does not count.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        exceptions: Vec<Spanned<String>>,
        /// Regular expressions that satisfy the rule for the whole article when they match anywhere in it.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        anywhere: Vec<Spanned<String>>,
        /// Letter case: `insensitive` (default) or `sensitive`.
        #[serde(default)]
        case: Option<Case>,
    }
}

#[derive(Debug)]
struct RequireRule {
    trigger: Matcher,
    required: Option<Regex>,
    /// Whether a time expression satisfies the rule (`require_time`).
    require_time: bool,
    /// Satisfies the rule for the whole article when it matches anywhere (a dateline).
    anywhere: Option<Regex>,
    before: usize,
    after: usize,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Require;
    const PLACEHOLDERS: &'static [&'static str] = &["scope"];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let case = self.case.unwrap_or(Case::Insensitive);
        let empty = |key: &str| {
            vec![cx
                .error(
                    self.id.span(),
                    format!("this require rule has an empty `{key}` list"),
                )
                .with_help(
                    "a require rule needs `when = [...]` patterns, and `require = [...]` \
                     patterns or `require_time = true`",
                )]
        };
        // The four regexes build in parallel: a rule like dates/event-needs-date is otherwise
        // the longest step of start-up.
        let alternation = |patterns| cx.alternation(patterns, &[], case);
        let ((trigger, required), (exceptions, anywhere)) = rayon::join(
            || rayon::join(|| alternation(&self.when), || alternation(&self.require)),
            || {
                rayon::join(
                    || alternation(&self.exceptions),
                    || alternation(&self.anywhere),
                )
            },
        );
        let trigger = trigger?.ok_or_else(|| empty("when"))?;
        let required = required?;
        if self.require_time {
            crate::analysis::time::prepare_soon();
        }
        if required.is_none() && !self.require_time {
            return Err(empty("require"));
        }
        let exceptions = exceptions?;
        let anywhere = anywhere?;
        Ok(Box::new(RequireRule {
            anywhere,
            trigger: Matcher {
                regex: trigger,
                exceptions,
                scope: self.scope.unwrap_or(Scope::Sentence),
                in_quotes: self.in_quotes.unwrap_or(true),
            },
            required,
            require_time: self.require_time,
            before: self.before,
            after: self.after,
        }))
    }
}

impl Check for RequireRule {
    fn regexes(&self) -> Vec<&Regex> {
        let mut out = self.trigger.regexes();
        out.extend(&self.required);
        out.extend(&self.anywhere);
        out
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        if self
            .anywhere
            .as_ref()
            .is_some_and(|re| re.is_match(doc.profile(), &doc.mask))
        {
            return;
        }
        let units = self.trigger.scope.units(doc);
        let scope = self.trigger.scope.as_str();
        // The dateline and the front matter's date count as said just before the first unit of
        // the body (the first that ends after its start: not the front matter's standfirst).
        // Read in the source (the front matter is blanked in the mask), with the profile of the
        // date's own text.
        let story_dated = doc.story_dates().any(|date| {
            let text = doc.text(date);
            let profile = copydesk_regex::TextProfile::of(text);
            self.required
                .as_ref()
                .is_some_and(|re| re.is_match(profile, text))
                || (self.require_time && time::find(text, profile).iter().any(|t| !t.duration))
        });
        let answers = |unit: Span| {
            self.required
                .as_ref()
                .is_some_and(|re| re.is_match(doc.profile(), doc.prose(unit)))
                || (self.require_time && doc.times_in(unit).iter().any(|t| !t.duration))
        };
        let first_body = units.partition_point(|u| u.end <= doc.body_start());
        for (i, &unit) in units.iter().enumerate() {
            let mut first: Option<Span> = None;
            self.trigger.in_unit(doc, unit, &mut |_, found| {
                first.get_or_insert(found);
            });
            let Some(found) = first else {
                continue;
            };
            let from = i.saturating_sub(self.before);
            let window = &units[from..(i + 1 + self.after).min(units.len())];
            let dated_by_story = story_dated && from <= first_body && first_body <= i + self.after;
            if dated_by_story || window.iter().any(|u| answers(*u)) {
                continue;
            }
            let nearby = if self.before + self.after > 0 {
                " or near it"
            } else {
                ""
            };
            findings.push(
                Finding::new(found)
                    .var("scope", scope)
                    .label(format!("nothing in this {scope}{nearby} answers it")),
            );
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
[define]
year = '\b(?:19|20)\d\d\b'

[[require]]
id = "dated"
when = ['\bmet\b', '\btalks\b']
require = ['{year}', '\bMonday\b']
before = 1
message = "m"
"#;

    #[test]
    fn a_trigger_without_its_requirement_is_flagged_once_per_sentence() {
        let set = compile_str(RULES).unwrap();
        let text = "They met for talks. Nothing else.";
        assert_eq!(flagged(&set, "t/dated", text), ["met"]);
    }

    #[test]
    fn the_front_matter_date_answers_for_the_start_of_the_body_only() {
        let set = compile_str(RULES).unwrap();
        let linter = crate::engine::Linter::new(set.rules);
        let text = "---\ndate: 2008-03-03\n---\n\nThey met. It rained. Then they met again.\n";
        let (doc, found) = linter.check_text(text.into(), crate::document::Format::Markdown);
        let flagged: Vec<(&str, usize)> = found
            .iter()
            .map(|d| (doc.text(d.span), d.span.start))
            .collect();
        assert_eq!(flagged, [("met", text.rfind("met").unwrap())]);
        // The standfirst in the front matter is not the body: the date answers for the body's
        // first sentence, not for it.
        let text = "---\ndate: 2008-03-03\ndescription: They met.\n---\n\nThey met. It rained. \
                    They met again.\n";
        let (doc, found) = linter.check_text(text.into(), crate::document::Format::Markdown);
        let flagged: Vec<usize> = found.iter().map(|d| d.span.start).collect();
        assert_eq!(
            flagged,
            [text.find("met").unwrap(), text.rfind("met").unwrap()],
            "{:?}",
            found.iter().map(|d| doc.text(d.span)).collect::<Vec<_>>()
        );
    }

    const TIMED: &str = r#"
[ruleset]
name = "t"

[[require]]
id = "dated"
when = ['\bmet\b']
require_time = true
before = 1
message = "m"
"#;

    #[test]
    fn a_time_expression_answers_with_require_time() {
        let set = compile_str(TIMED).unwrap();
        for dated in [
            "They met yesterday.",
            "They met in May.",
            "They met at the time.",
            "It was the 1990s. They met.",
            "They met in the 89th minute.",
            "\"We met on Friday,\" she said.",
        ] {
            assert!(flagged(&set, "t/dated", dated).is_empty(), "{dated}");
        }
        // Theresa May and a march are not months; a sentence after next is too far.
        for undated in [
            "Theresa May met them.",
            "They met at the march.",
            "It was 2008. It rained. They met.",
        ] {
            assert_eq!(flagged(&set, "t/dated", undated), ["met"], "{undated}");
        }
    }

    #[test]
    fn a_dateline_dates_the_first_sentences_only_with_require_time() {
        let set = compile_str(TIMED).unwrap();
        let text = "MOSCOW, Nov. 27 (Agency) - They met. Then they met again. It rained. They met.";
        let linter = crate::engine::Linter::new(set.rules);
        let (doc, found) = linter.check_text(text.into(), crate::document::Format::Text);
        let flagged: Vec<usize> = found.iter().map(|d| d.span.start).collect();
        assert_eq!(flagged, [text.rfind("met").unwrap()], "{:?}", doc.dateline);
        // A dateline without a date dates nothing.
        let text = "MOSCOW (Agency) - They met.";
        let (_, found) = linter.check_text(text.into(), crate::document::Format::Text);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_rule_with_nothing_to_require_is_an_error() {
        let text = "[ruleset]\nname = \"t\"\n[[require]]\nid = \"x\"\nwhen = ['a']\nmessage = \"m\"\n";
        let errors = compile_str(text).unwrap_err();
        assert!(errors[0].message.contains("empty `require` list"), "{errors:?}");
        assert!(errors[0].help.as_deref().unwrap_or("").contains("require_time"));
        let text = text.replace("message", "require_time = \"yes\"\nmessage");
        let errors = compile_str(&text).unwrap_err();
        // Pointed at the bad value.
        assert_eq!(errors[0].span.slice(&text), "\"yes\"", "{errors:?}");
        assert!(errors[0].message.contains("expected a boolean"), "{errors:?}");
    }

    #[test]
    fn the_requirement_may_be_in_the_sentence_before() {
        let set = compile_str(RULES).unwrap();
        assert!(flagged(&set, "t/dated", "It was Monday. They met.").is_empty());
        assert!(flagged(&set, "t/dated", "They met in 2008.").is_empty());
        assert_eq!(
            flagged(&set, "t/dated", "They met. It was Monday."),
            ["met"]
        );
    }
}
