#![doc = include_str!("time.md")]

use crate::analysis::time::{TimeClass, Tier};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::error::LocatedError;
use crate::rules::compile::{Context, RawRule};
use crate::rules::{Case, Check, Finding, RuleKind};
use copydesk_regex::Regex;
use serde::Deserialize;
use toml::Spanned;

/// A class of time expression, as a rule file names it.
#[derive(schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// A day of a month: "Nov. 28", "28 November 2026", "the 28th", "11/28/87".
    Date,
    /// A day of the week: "Friday", "Friday night".
    Weekday,
    /// A month: "November", "in May", "November 1987".
    Month,
    /// A year or a span of years: "2008", "1998-99", "the 1990s".
    Year,
    /// A time of day: "3 p.m.", "15:30 GMT", "noon".
    Clock,
    /// A holiday or a season: "Christmas", "Ramadan", "in the summer".
    Holiday,
    /// A point in a match: "in the 89th minute", "in the second half".
    Match,
    /// A date relative to the day the story is read: "yesterday", "last week" (see `tiers`).
    Relative,
    /// A time relative to another time in the story: "at the time", "the next day".
    Anchored,
}

impl Class {
    fn of(class: TimeClass) -> Class {
        match class {
            TimeClass::Date => Class::Date,
            TimeClass::Weekday => Class::Weekday,
            TimeClass::Month => Class::Month,
            TimeClass::Year => Class::Year,
            TimeClass::Clock => Class::Clock,
            TimeClass::Holiday => Class::Holiday,
            TimeClass::Match => Class::Match,
            TimeClass::Relative(_) => Class::Relative,
            TimeClass::Anchored => Class::Anchored,
        }
    }
}

raw_rule! {
    /// A rule that flags time expressions of the classes it names.
    #[schemars(rename = "TimeRule")]
    struct Raw {
        /// Whether expressions inside quotations count (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
        /// The classes of time expression to flag: `date`, `weekday`, `month`, `year`, `clock`, `holiday`, `match`, `relative`, `anchored` (default `["relative"]`).
        #[serde(default)]
        #[schemars(with = "Option<Vec<Class>>")]
        classes: Option<Spanned<Vec<Class>>>,
        /// Which relative dates to flag: `day` (wrong the day after publication: "today", "yesterday", "last Friday") and `period` (wrong later: "last week", "three days ago", "recently"). Default: both. Needs `relative` among the `classes`.
        #[serde(default)]
        #[schemars(with = "Option<Vec<Tier>>")]
        tiers: Option<Spanned<Vec<Tier>>>,
        /// Regular expressions: an expression lying inside a match of one of these is not reported.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        exceptions: Vec<Spanned<String>>,
    }
}

#[derive(Debug)]
struct TimeRule {
    classes: Vec<Class>,
    tiers: Vec<Tier>,
    in_quotes: bool,
    exceptions: Option<Regex>,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Time;
    const PLACEHOLDERS: &'static [&'static str] = &["class", "tier"];
    const DEFAULT_MESSAGE: Option<&'static str> = None;

    fn compile(&self, cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        let mut errors = Vec::new();
        crate::analysis::time::prepare_soon();
        let classes = match &self.classes {
            Some(c) if c.get_ref().is_empty() => {
                errors.push(
                    cx.error(c.span(), "this time rule flags no class of time")
                        .label("empty")
                        .with_help("name at least one class: `classes = [\"relative\"]`"),
                );
                Vec::new()
            }
            Some(c) => c.get_ref().clone(),
            None => vec![Class::Relative],
        };
        let tiers = match &self.tiers {
            Some(t) if t.get_ref().is_empty() => {
                errors.push(
                    cx.error(t.span(), "this time rule flags no tier of relative date")
                        .label("empty")
                        .with_help("name `day`, `period` or both, or leave `tiers` out for both"),
                );
                Vec::new()
            }
            Some(t) if !classes.contains(&Class::Relative) => {
                errors.push(
                    cx.error(t.span(), "`tiers` choose among relative dates, which this rule does not flag")
                        .label("no `relative` in `classes`")
                        .with_help("add \"relative\" to `classes`, or remove `tiers`"),
                );
                Vec::new()
            }
            Some(t) => t.get_ref().clone(),
            None => vec![Tier::Day, Tier::Period],
        };
        let exceptions = cx
            .alternation(&self.exceptions, &[], Case::Insensitive)
            .map_err(|e| errors.extend(e))
            .ok()
            .flatten();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Box::new(TimeRule {
            classes,
            tiers,
            in_quotes: self.in_quotes.unwrap_or(true),
            exceptions,
        }))
    }
}

impl Check for TimeRule {
    fn regexes(&self) -> Vec<&Regex> {
        self.exceptions.iter().collect()
    }

    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let mut exceptions: Option<Vec<Span>> = None;
        for time in doc.times() {
            if !self.classes.contains(&Class::of(time.class)) {
                continue;
            }
            if let Some(tier) = time.class.tier() {
                if !self.tiers.contains(&tier) {
                    continue;
                }
            }
            if !self.in_quotes && doc.in_quote(time.span) {
                continue;
            }
            if let Some(regex) = &self.exceptions {
                let spans = exceptions.get_or_insert_with(|| {
                    regex
                        .find_iter(doc.profile(), &doc.mask)
                        .map(Span::from)
                        .collect()
                });
                // The matches of one regex are in order and do not overlap: only the last
                // starting at or before the expression can hold it.
                let i = spans.partition_point(|e| e.start <= time.span.start);
                if i > 0 && spans[i - 1].contains(time.span) {
                    continue;
                }
            }
            findings.push(
                Finding::new(time.span)
                    .var("class", time.class.name())
                    .var("tier", time.class.tier().map_or("", Tier::as_str)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::{flagged, messages};

    const RULES: &str = r#"
[ruleset]
name = "t"

[[time]]
id = "day"
tiers = ["day"]
in_quotes = false
message = "{match}: {class}, {tier}"

[[time]]
id = "all-relative"
message = "m"

[[time]]
id = "years"
classes = ["year", "date"]
exceptions = ['\bFY\s*\d+']
message = "{class}"
"#;

    #[test]
    fn flags_the_classes_and_tiers_it_names() {
        let set = compile_str(RULES).unwrap();
        let text = "They met yesterday, last week and in 2008. \"Today,\" he said, on Nov. 28.";
        assert_eq!(flagged(&set, "t/day", text), ["yesterday"]);
        assert_eq!(messages(&set, "t/day", text), ["yesterday: relative, day"]);
        assert_eq!(
            flagged(&set, "t/all-relative", text),
            ["yesterday", "last week", "Today"]
        );
        assert_eq!(messages(&set, "t/years", text), ["year", "date"]);
    }

    #[test]
    fn exceptions_hold_expressions_back() {
        let set = compile_str(RULES).unwrap();
        assert!(flagged(&set, "t/years", "Profits in FY 2008 rose.").is_empty());
    }

    #[test]
    fn bad_keys_are_located() {
        for (rule, error) in [
            ("classes = []", "flags no class"),
            ("tiers = []", "flags no tier"),
            ("classes = [\"year\"]\ntiers = [\"day\"]", "does not flag"),
            ("classes = [\"yesteryear\"]", "unknown value `yesteryear`"),
            ("tiers = [\"week\"]", "unknown value `week`"),
        ] {
            let text = format!("[ruleset]\nname = \"t\"\n[[time]]\nid = \"x\"\nmessage = \"m\"\n{rule}\n");
            let errors = compile_str(&text).unwrap_err();
            let shown = format!("{errors:?}");
            assert!(shown.contains(error), "{rule}: {shown}");
            // Each error points into the key's value.
            let key = rule.lines().last().unwrap().split(" = ").next().unwrap();
            let at = text.rfind(key).unwrap();
            assert!(
                errors.iter().any(|e| e.span.start > at),
                "{rule}: {shown}"
            );
        }
    }
}
