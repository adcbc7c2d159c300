#![doc = include_str!("calendar.md")]

use crate::rules::compile::{Context, RawRule};
use crate::rules::{Check, Finding, RuleKind};
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::document::Document;
use crate::error::LocatedError;
use crate::analysis::time::{DateParts, TimeClass};
use jiff::civil::{Date, Weekday};

raw_rule! {
    /// A rule that checks dates against the calendar.
    #[schemars(rename = "CalendarRule")]
    struct Raw {
        /// Whether dates inside quotations are checked too (default `true`).
        #[serde(default)]
        in_quotes: Option<bool>,
    }
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
        crate::analysis::time::prepare_soon();
        Ok(Box::new(CalendarRule {
            in_quotes: self.in_quotes.unwrap_or(true),
        }))
    }
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
    /// One date the recogniser found, written with its weekday, at `span`.
    fn check_one(&self, doc: &Document, parts: &DateParts, span: Span) -> Option<Finding> {
        let (written, weekday_span) = parts.weekday?;
        let (month, day) = (parts.month?, parts.day?);
        let year = match parts.year {
            Some(y) => y,
            None => article_year(doc)?,
        };
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
        // The dates written with a weekday, among every time expression of the article.
        for time in doc.times() {
            let Some(parts) = time.date.filter(|_| time.class == TimeClass::Date) else {
                continue;
            };
            if parts.weekday.is_none() {
                continue;
            }
            // The finding runs from the weekday to the end of the date.
            let span = match parts.weekday {
                Some((_, weekday)) => Span::new(weekday.start, time.span.end),
                None => time.span,
            };
            if !self.in_quotes && doc.in_quote(span) {
                continue;
            }
            findings.extend(self.check_one(doc, &parts, span));
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
    fn dates_come_from_the_time_recogniser() {
        let set = compile_str(RULES).unwrap();
        // "next" does not hide the date, a weekday in lower case is read, and "Friday the 28th
        // of November" is a date with its weekday.
        let text = "It opens next Friday, Nov. 28, 2026. On friday 28 November 2026. Friday \
                    the 28th of November 2026.";
        assert_eq!(
            flagged(&set, "t/weekday", text),
            [
                "Friday, Nov. 28, 2026",
                "friday 28 November 2026",
                "Friday the 28th of November 2026"
            ]
        );
        assert_eq!(fixes(&set, "t/weekday", text)[2], "Saturday");
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
