#![doc = include_str!("calendar.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::{Check, Finding, RuleKind};
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::document::Document;
use crate::error::LocatedError;
use copydesk_regex::{Regex, RegexBuilder};
use jiff::civil::{Date, Weekday};
use std::ops::Range;
use std::sync::LazyLock;

raw_rule! {
    /// A rule that checks dates against the calendar.
    #[schemars(rename = "CalendarRule")]
    struct Raw {
        /// Whether dates inside quotations are checked too (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
    }
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = r"(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)";
    let month = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";
    let pattern = format!(
        r"\b{weekday}\.?,?\s+(?:(?:the\s+)?(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_second>{month})\.?|(?P<month_first>{month})\.?\s+(?P<day_second>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?[ \t]+(?P<year>\d{{4}})\b)?"
    );
    // A fixed pattern, searched by the tests: it is good.
    RegexBuilder::new(&pattern).groups(true).build_trusted()
});

/// The regexes of this module, for the automata stored ahead of time.
#[cfg(test)]
pub(crate) fn fixed_regexes() -> Vec<&'static Regex> {
    vec![&*DATE]
}

#[derive(Debug)]
struct CalendarRule {
    in_quotes: bool,
}

impl RawRule for Raw {
    const KIND: RuleKind = RuleKind::Calendar;
    const PLACEHOLDERS: &'static [&'static str] = &["written", "actual", "date", "problem"];
    const DEFAULT_MESSAGE: Option<&'static str> = Some("{date} {problem}.");

    fn compile(&self, _cx: &Context) -> Result<Box<dyn Check>, Vec<LocatedError>> {
        Ok(Box::new(CalendarRule {
            in_quotes: self.in_quotes.unwrap_or(true),
        }))
    }
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let key = name.get(..3)?.to_lowercase();
    WEEKDAYS.iter().find(|(k, _)| *k == key).map(|&(_, w)| w)
}

fn month_of(name: &str) -> Option<i8> {
    let key = name.get(..3)?.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == key)
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The article's year, from a front-matter `date` such as `2026-11-27`.
fn article_year(doc: &Document) -> Option<i16> {
    let date = doc.front_matter.as_ref()?.get("date")?;
    date.value.get(..4)?.parse().ok()
}

impl CalendarRule {
    /// One date found by [`DATE`]; `group` gives the range of a named group in `doc.mask`.
    fn check_one(
        &self,
        doc: &Document,
        group: &dyn Fn(&str) -> Option<Range<usize>>,
        span: Span,
    ) -> Option<Finding> {
        let text = |range: Range<usize>| &doc.mask[range];
        let written = weekday_of(text(group("weekday")?))?;
        let month = month_of(text(
            group("month_first").or_else(|| group("month_second"))?,
        ))?;
        let day: i8 = text(group("day_first").or_else(|| group("day_second"))?)
            .parse()
            .ok()?;
        let year = match group("year") {
            Some(y) => text(y).parse().ok()?,
            None => article_year(doc)?,
        };
        let weekday_span = Span::from(group("weekday")?);
        let Ok(date) = Date::new(year, month, day) else {
            return Some(
                Finding::new(span)
                    .var("written", weekday_name(written))
                    .var("actual", "")
                    .var("date", format!("{year:04}-{month:02}-{day:02}"))
                    .var("problem", "does not exist")
                    .label("there is no such date"),
            );
        };
        let actual = date.weekday();
        if actual == written {
            return None;
        }
        // Keep the written form's length: "Fri" becomes "Sat", "Friday" becomes "Saturday".
        let written_text = doc.text(weekday_span);
        let replacement = if written_text.len() <= 4 {
            weekday_name(actual)[..written_text.len().min(3)].to_string()
        } else {
            weekday_name(actual).to_string()
        };
        Some(
            Finding::new(span)
                .var("written", weekday_name(written))
                .var("actual", weekday_name(actual))
                .var("date", date.to_string())
                .var(
                    "problem",
                    format!(
                        "is a {}, not a {}",
                        weekday_name(actual),
                        weekday_name(written)
                    ),
                )
                .label(format!("{date} is a {}", weekday_name(actual)))
                .fix(Fix {
                    applicability: Applicability::Display,
                    edits: vec![Edit {
                        span: weekday_span,
                        replacement,
                    }],
                }),
        )
    }
}

impl Check for CalendarRule {
    fn check(&self, doc: &Document, findings: &mut Vec<Finding>) {
        for group in DATE.captures_iter(doc.profile(), &doc.mask) {
            let Some(whole) = group("") else { continue };
            let span = Span::from(whole);
            if !self.in_quotes && doc.in_quote(span) {
                continue;
            }
            findings.extend(self.check_one(doc, &group, span));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::compile_str;
    use crate::testing::{fixes, flagged, messages};

    const RULES: &str = "[ruleset]\nname = \"t\"\n[[calendar]]\nid = \"weekday\"\n";

    #[test]
    fn weekdays_that_disagree_with_their_dates() {
        let set = compile_str(RULES).unwrap();
        let text = "It opens Friday, Nov. 28, 2026, and closes Sunday 29 November 2026. Then Mon., Feb. 30, 2026.";
        assert_eq!(
            flagged(&set, "t/weekday", text),
            ["Friday, Nov. 28, 2026", "Mon., Feb. 30, 2026"]
        );
        assert_eq!(
            messages(&set, "t/weekday", text)[0],
            "2026-11-28 is a Saturday, not a Friday."
        );
        assert_eq!(fixes(&set, "t/weekday", text), ["Saturday"]);
    }

    #[test]
    fn a_date_that_does_not_exist() {
        let set = compile_str(RULES).unwrap();
        assert_eq!(
            messages(&set, "t/weekday", "Mon., Feb. 30, 2026."),
            ["2026-02-30 does not exist."]
        );
    }

    #[test]
    fn a_year_on_the_next_line_is_not_the_year_of_the_date() {
        let set = compile_str(RULES).unwrap();
        // A sports results page: the date heads a list of kick-off times.
        assert!(flagged(&set, "t/weekday", "Tuesday, 1 March\n2000 Bradford v Leeds").is_empty());
    }

    #[test]
    fn a_date_without_a_year_takes_the_front_matter_year() {
        let set = compile_str(RULES).unwrap();
        assert!(flagged(&set, "t/weekday", "It opens Friday, Nov. 28.").is_empty());
    }
}
