//! Time expressions: everything in a story that says when, found once per article
//! ([`Document::times`](crate::document::Document::times)) and read by every rule that asks
//! about dates — `dates/relative-date` (the `time` rule kind), `dates/weekday-mismatch` (the
//! `calendar` kind) and `dates/event-needs-date` (the `require` kind's `require_time`).
//!
//! Each expression has a span and a [`TimeClass`]: a date ("Nov. 28", "Friday, 28 November
//! 2026", "the 28th", "11/28/87", "2026-11-28"), a weekday, a month, a year or a span of years
//! ("1998-99", "the 1990s", "between 1990 and 1995"), a clock time ("3 p.m.", "15:30 GMT",
//! "noon"), a holiday or season ("Christmas", "in the summer"), a point in a match ("in the
//! 89th minute"), a relative date ("yesterday", "last week", "three days ago"), with its
//! [`Tier`], or a time anchored to another one in the story ("at the time", "the next day").
//!
//! The words are data (`rules/words/time.toml`, embedded in the binary); the shapes around them
//! are regexes built here from those words, each searched once over the article's prose with
//! the project's engine (linear time). Where several shapes overlap, the longest wins ("last
//! Friday" over "Friday", "Friday, Nov. 28" over "last Friday"). A few checks of the words
//! beside a match, never more than [`LOOK`] bytes away, settle what a regex cannot: a
//! capitalised "Today" after a word is a title ("told Today", "USA Today"), "on the 5th floor"
//! is no date, "the next week" after "over" is a relative date and after anything else the week
//! after another time.

use crate::diagnostic::Span;
use crate::document::Document;
use copydesk_regex::{Regex, RegexBuilder, TextProfile};
use jiff::civil::Weekday;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How far the checks beside a match look, in bytes: a few words.
const LOOK: usize = 48;

/// What kind of time an expression gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeClass {
    /// A day of a month: "Nov. 28", "28 November 2026", "Friday the 28th", "the 28th",
    /// "11/28/87", "2026-11-28".
    Date,
    /// A day of the week: "Friday", "on Fridays", "Friday night".
    Weekday,
    /// A month: "November", "in May", "November 1987", "mid-March".
    Month,
    /// A year or a span of years: "2008", "1998-99", "2004/05", "the 1990s", "between 1990 and
    /// 1995".
    Year,
    /// A time of day: "3 p.m.", "15:30 GMT", "0900 local time", "noon".
    Clock,
    /// A holiday or a season: "Christmas", "Ramadan", "in the summer", "winter 2008".
    Holiday,
    /// A point in a match or contest: "in the 89th minute", "in the second half", "after 20
    /// minutes", "in stoppage time".
    Match,
    /// A date relative to the day the story is read: "yesterday", "last week", "three days
    /// ago". Its [`Tier`] says how soon it goes wrong.
    Relative(Tier),
    /// A time relative to another time in the story: "at the time", "since then", "the next
    /// day", "two years later", "on the eve of".
    Anchored,
}

/// How soon a relative date goes wrong.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Wrong the day after publication: "today", "tonight", "yesterday", "tomorrow", "this
    /// morning", "last night", "last Friday", "next Tuesday", "hours ago".
    Day,
    /// Wrong days, weeks or months later: "last week", "this month", "next year", "last
    /// summer", "three days ago", "recently", "in recent years", "in the coming weeks",
    /// "earlier this month".
    Period,
}

impl Tier {
    pub const fn as_str(self) -> &'static str {
        match self {
            Tier::Day => "day",
            Tier::Period => "period",
        }
    }
}

impl TimeClass {
    /// The class's name in rule files: `date`, `weekday`, `month`, `year`, `clock`,
    /// `holiday`, `match`, `relative`, `anchored`.
    pub const fn name(self) -> &'static str {
        match self {
            TimeClass::Date => "date",
            TimeClass::Weekday => "weekday",
            TimeClass::Month => "month",
            TimeClass::Year => "year",
            TimeClass::Clock => "clock",
            TimeClass::Holiday => "holiday",
            TimeClass::Match => "match",
            TimeClass::Relative(_) => "relative",
            TimeClass::Anchored => "anchored",
        }
    }

    /// The tier of a relative date.
    pub const fn tier(self) -> Option<Tier> {
        match self {
            TimeClass::Relative(tier) => Some(tier),
            _ => None,
        }
    }
}

/// The parts of a calendar date, as far as it gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateParts {
    /// The weekday written with the date ("Friday, Nov. 28"), and where it is written.
    pub weekday: Option<(Weekday, Span)>,
    /// 1 to 12.
    pub month: Option<i8>,
    /// 1 to 31 (whether the month has that day is the calendar's business).
    pub day: Option<i8>,
    pub year: Option<i16>,
}

/// One time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpression {
    pub span: Span,
    pub class: TimeClass,
    /// For a [`TimeClass::Date`]: its parts (a numeric date whose order of day and month
    /// cannot be told has neither).
    pub date: Option<DateParts>,
    /// A length of time rather than a point in it: "for the next four years", "for the past
    /// decade". It can go out of date like any relative date, but says how long, not when.
    pub duration: bool,
}

/// The word lists of `rules/words/time.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    weekdays: Vec<String>,
    weekday_abbreviations: Vec<String>,
    months: Vec<String>,
    ambiguous_months: Vec<String>,
    month_openers: Vec<String>,
    month_abbreviations: Vec<String>,
    holidays: Vec<String>,
    seasons: Vec<String>,
    season_openers: Vec<String>,
    day_parts: Vec<String>,
    periods: Vec<String>,
    counts: Vec<String>,
    time_zones: Vec<String>,
    clock_words: Vec<String>,
    function_words: Vec<String>,
    relative: RelativeWords,
    anchored: Vec<String>,
    #[serde(rename = "match")]
    sport: MatchWords,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RelativeWords {
    day: Vec<String>,
    period: Vec<String>,
    /// Nouns after "today's" that make it "nowadays'" ("today's teenagers").
    nowadays_nouns: Vec<String>,
    /// Words before "today" that make it "nowadays" ("even today").
    nowadays_before: Vec<String>,
    /// Words of habit that, a few words after "today" in its clause, make it "nowadays"
    /// ("Today, games often have budgets ...").
    nowadays_habits: Vec<String>,
    /// Words before "of today" that keep it the day ("as of today", "the rest of today"); after
    /// any other, "of today" is "of nowadays" ("the web of today").
    day_of: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MatchWords {
    ordinals: Vec<String>,
    parts: Vec<String>,
    phrases: Vec<String>,
}

const WORDS_TOML: &str = include_str!("../../rules/words/time.toml");

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    // Shipped inside the binary and parsed by a unit test, so this cannot fail for a user.
    toml::from_str(WORDS_TOML).unwrap_or_default()
});

/// What is checked beside a match before it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Nothing.
    None,
    /// The first word only says the rest is a time ("in May", "since the summer"): it is left
    /// out of the span.
    Opener,
    /// "on the 28th": not "on the 5th floor".
    Ordinal,
    /// A bare year: not "$2008" or "2008%".
    Year,
    /// "15:30": a real time of day.
    Clock,
    /// "11/28/87": a real date.
    Numeric,
    /// "last week", "the next two years": deictic unless "of" makes it part of something
    /// ("the last week of the campaign") or, without a count, "the" makes it the week after
    /// another time ("the next week he resigned"; "over the next week" is deictic again).
    LastNext(Tier),
    /// "the next two years", "the past 24 hours": with a count, deictic unless "of" follows.
    Counted(Tier),
    /// "Christmas": a time, unless it only describes the next word ("a Christmas strike") and
    /// no preposition comes before it ("over Christmas shoppers spent more").
    Holiday,
}

/// One shape of time expression.
#[derive(Debug)]
struct Shape {
    regex: Regex,
    class: TimeClass,
    check: Check,
}

/// The recogniser: its shapes, built from the word lists once.
#[derive(Debug)]
struct Recogniser {
    shapes: Vec<Shape>,
    /// Every shape in one regex, tried at each place where a shape could start: one anchored
    /// search that mostly stops within a letter or two, and each shape is tried only where
    /// the union matches.
    any: Regex,
    /// Month names and abbreviations, lowercased, with their number: for reading dates.
    months: Vec<(String, i8)>,
    weekdays: Vec<(String, Weekday)>,
    /// Prepositions, conjunctions and verbs that may follow a holiday or a season that is a
    /// time ("Christmas and New Year", "Easter is late").
    function_words: std::collections::HashSet<String>,
    /// Words before a season or holiday that make it a time ("over Christmas").
    openers: std::collections::HashSet<String>,
    /// See [`RelativeWords`].
    nowadays_nouns: std::collections::HashSet<String>,
    nowadays_before: std::collections::HashSet<String>,
    nowadays_habits: std::collections::HashSet<String>,
    day_of: std::collections::HashSet<String>,
}

static RECOGNISER: LazyLock<Recogniser> = LazyLock::new(|| Recogniser::new(&WORDS));

/// Makes the recogniser ready on a thread of the pool, for a rule that will search with it:
/// called as such a rule is compiled, so that a check of one article finds it ready, made on
/// the other core while the rest of the rules were loaded, rather than making it on the way
/// (about 2 ms: its shapes, and the automata of their searches read from the stored ones).
/// Only the first call does anything; a search that comes first waits for it, never repeats it.
pub fn prepare_soon() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        rayon::spawn(|| {
            // A panic here is left for the search that needs the recogniser to meet and
            // report; a panic in a spawned job would end the program.
            let _ = std::panic::catch_unwind(|| RECOGNISER.prepare());
        });
    });
}

/// The regexes of this module, for the automata stored ahead of time.
#[cfg(test)]
pub(crate) fn fixed_regexes() -> Vec<&'static Regex> {
    let mut all: Vec<&Regex> = RECOGNISER.shapes.iter().map(|s| &s.regex).collect();
    all.push(&RECOGNISER.any);
    all
}

/// `word` as a regex: escaped, any run of white space for a space, both apostrophes for one.
fn literal(word: &str) -> String {
    let mut out = String::new();
    for (i, part) in word.split_whitespace().enumerate() {
        if i > 0 {
            // "injury time", "injury-time"
            out.push_str(r"[-\s]+");
        }
        for c in part.chars() {
            match c {
                '\'' | '’' => out.push_str("['’]"),
                '-' => out.push_str(r"[-\s]?"),
                c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            }
        }
    }
    out
}

/// An alternation of `words` (longest first, so that "Christmas Eve" wins over "Christmas"),
/// in any case when `any_case`.
fn one_of<'a>(words: impl IntoIterator<Item = &'a String>, any_case: bool) -> String {
    let mut list: Vec<&String> = words.into_iter().filter(|w| !w.trim().is_empty()).collect();
    if list.is_empty() {
        // Matches nothing.
        return r"[^\s\S]".into();
    }
    list.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let body = list
        .iter()
        .map(|w| literal(w))
        .collect::<Vec<_>>()
        .join("|");
    if any_case {
        format!("(?i:{body})")
    } else {
        format!("(?:{body})")
    }
}

/// Names as written and in capitals ("Nov", "NOV"): a wire dateline is in capitals.
fn capitalised(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| [w.clone(), w.to_uppercase()])
        .collect()
}

impl Recogniser {
    fn new(w: &Words) -> Recogniser {
        let weekday = one_of(&w.weekdays, true);
        let weekday_abbr = one_of(&capitalised(&w.weekday_abbreviations), false);
        let month_full = one_of(&capitalised(&w.months), false);
        let month_abbr = one_of(&capitalised(&w.month_abbreviations), false);
        // A month beside a day or a year: in full, or abbreviated with or without its stop.
        let month = format!(r"(?:{month_full}\b|{month_abbr}\b\.?)");
        let ambiguous: Vec<String> = w.ambiguous_months.clone();
        let plain_months: Vec<&String> =
            w.months.iter().filter(|m| !ambiguous.contains(m)).collect();
        let plain_month = one_of(plain_months, true);
        let ambiguous_month = one_of(&ambiguous, false);
        let month_opener = one_of(&w.month_openers, true);
        let day = r"(?:3[01]|[12][0-9]|0?[1-9])";
        let ordinal = r"(?:st|nd|rd|th)";
        let year = r"(?:1[6-9]|20)\d\d";
        let weekday_before = format!(r"(?:\b(?:{weekday}|{weekday_abbr}\b\.?),?\s+)?");
        let year_after = r"(?:,?[ \t]+\d{4}\b)?";
        let day_part = one_of(&w.day_parts, true);
        let holiday = one_of(&w.holidays, false);
        let season = one_of(&w.seasons, true);
        let season_opener = one_of(&w.season_openers, true);
        let period = one_of(&w.periods, true);
        let periods_plural: Vec<String> = w
            .periods
            .iter()
            .map(|p| match p.as_str() {
                "century" => "centuries".to_string(),
                other => format!("{other}s"),
            })
            .collect();
        let mut units: Vec<String> = w.periods.iter().chain(&periods_plural).cloned().collect();
        units.extend(["day", "days", "moments"].map(String::from));
        let short_units = ["hour", "hours", "minute", "minutes", "seconds"].map(String::from);
        let units_re = one_of(&units, true);
        let short_units_re = one_of(&short_units, true);
        let count = format!(r"(?:(?:{}|\d+)\s+){{1,2}}", one_of(&w.counts, true));
        let optional_count = format!(r"(?:(?:{}|\d+)\s+){{0,2}}", one_of(&w.counts, true));
        let relative_day = one_of(&w.relative.day, true);
        let relative_period = one_of(&w.relative.period, true);
        let anchored = one_of(&w.anchored, true);
        let zone = one_of(&w.time_zones, false);
        let clock_word = one_of(&w.clock_words, false);
        let match_ordinal = one_of(&w.sport.ordinals, true);
        let match_part = one_of(&w.sport.parts, true);
        let match_phrase = one_of(&w.sport.phrases, true);
        // A month, season or holiday after last/this/next, with the same words as the months
        // above (capitalised: "this may" is no month).
        let last_next = r"(?i:last|next|this|this\s+past|this\s+coming|past|coming)";
        let plain_months_title: Vec<String> = w.months.clone();
        let month_title = one_of(&capitalised(&plain_months_title), false);

        use Check as C;
        use TimeClass as T;
        let shapes: Vec<(String, TimeClass, Check)> = vec![
            // Dates.
            (
                format!(r"{weekday_before}\b{month}\s*{day}{ordinal}?\b{year_after}"),
                T::Date,
                C::None,
            ),
            (
                format!(
                    r"{weekday_before}(?:\b(?i:the)\s+)?\b{day}{ordinal}?\s+(?:(?i:of)\s+)?{month}{year_after}"
                ),
                T::Date,
                C::None,
            ),
            (
                format!(r"\b{weekday},?\s+(?i:the)\s+{day}{ordinal}\b"),
                T::Date,
                C::None,
            ),
            (
                format!(
                    r"\b(?i:on|by|until|till|since|from|before|after|through|to)\s+(?i:the)\s+{day}{ordinal}\b"
                ),
                T::Date,
                C::Ordinal,
            ),
            (
                r"\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?\b".into(),
                T::Date,
                C::None,
            ),
            (
                r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)\b".into(),
                T::Date,
                C::Numeric,
            ),
            // Weekdays.
            (
                format!(r"\b{weekday}s?\b(?:\s+{day_part}\b)?"),
                T::Weekday,
                C::None,
            ),
            // Months.
            (
                format!(r"\b{month}\s+(?:(?i:of)\s+)?{year}\b"),
                T::Month,
                C::None,
            ),
            (format!(r"\b{plain_month}\b"), T::Month, C::None),
            (
                format!(r"\b{month_opener}(?:\s+|-){ambiguous_month}\b"),
                T::Month,
                C::Opener,
            ),
            // Years.
            (
                format!(r"\b{year}\s*[-–/]\s*(?:\d{{4}}|\d\d)\b"),
                T::Year,
                C::None,
            ),
            (
                r"(?:\b(?i:the)\s+)?(?:\b(?i:early|mid|late)[-\s]+)?\b(?:1[5-9]|20)\d0['’]?s\b"
                    .into(),
                T::Year,
                C::None,
            ),
            (r"(?:\b(?i:the)\s+)?['’]\d0s\b".into(), T::Year, C::None),
            (
                r"\b(?i:the\s+(?:early\s+|mid-|late\s+)?(?:nineteen[-\s])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties))\b".into(),
                T::Year,
                C::None,
            ),
            (
                format!(r"\b(?i:between|from)\s+{year}\s+(?i:and|to|until|till)\s+{year}\b"),
                T::Year,
                C::None,
            ),
            (format!(r"\b{year}\b"), T::Year, C::Year),
            // Clock times.
            (
                r"\b\d{1,2}(?:[:.]\d\d)?\s*(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)".into(),
                T::Clock,
                C::None,
            ),
            (
                format!(r"\b(?:\d{{1,2}}[:.]\d\d|\d{{4}})\s*{zone}\b"),
                T::Clock,
                C::None,
            ),
            (r"\b\d{1,2}:\d\d\b".into(), T::Clock, C::Clock),
            (r"\b\d{1,2}\s+o['’]clock\b".into(), T::Clock, C::None),
            (format!(r"\b{clock_word}\b"), T::Clock, C::None),
            // Holidays and seasons.
            (format!(r"\b{holiday}\b"), T::Holiday, C::Holiday),
            (
                format!(
                    r"\b{season_opener}(?:\s+|-)(?:(?i:the)\s+)?(?:(?i:early|late)\s+)?{season}\b"
                ),
                T::Holiday,
                C::Opener,
            ),
            (
                format!(r"\b{season}\s+(?:(?i:of)\s+)?{year}\b"),
                T::Holiday,
                C::None,
            ),
            // Points in a match.
            (format!(r"\b{match_phrase}\b"), T::Match, C::None),
            (
                format!(
                    r"\b(?:(?i:early|late|midway|halfway|deep|just|right|shortly)\s+)?(?i:in|into|inside|after|within|before|during|by|on|through)\s+(?i:the)\s+(?:{match_ordinal}|\d{{1,3}}{ordinal})\s+(?:\d+\s+)?{match_part}\b"
                ),
                T::Match,
                C::None,
            ),
            (
                format!(
                    r"\b(?i:after|within|inside)\s+(?:\d{{1,3}}|{})\s+(?i:minutes|seconds)\b",
                    one_of(&w.counts, true)
                ),
                T::Match,
                C::None,
            ),
            (
                format!(r"\b\d{{1,3}}{ordinal}[-\s](?i:minute)\b"),
                T::Match,
                C::None,
            ),
            // Relative dates, wrong the day after.
            (format!(r"\b{relative_day}\b"), T::Relative(Tier::Day), C::None),
            (
                format!(
                    r"\b(?i:last|next|this|this\s+coming|this\s+past)\s+{weekday}(?:\s+{day_part})?\b"
                ),
                T::Relative(Tier::Day),
                C::None,
            ),
            (
                format!(r"\b{optional_count}{short_units_re}\s+(?i:ago)\b"),
                T::Relative(Tier::Day),
                C::None,
            ),
            // Relative dates, wrong later.
            (
                format!(r"\b{relative_period}\b"),
                T::Relative(Tier::Period),
                C::None,
            ),
            (
                format!(
                    r"\b{last_next}\s+(?:{period}|{season}|(?i:fall)|{month_title}|{holiday})\b"
                ),
                T::Relative(Tier::Period),
                C::LastNext(Tier::Period),
            ),
            (
                format!(r"\b(?i:the\s+)?(?i:past|last|next|coming)\s+{count}{units_re}\b"),
                T::Relative(Tier::Period),
                C::Counted(Tier::Period),
            ),
            (
                format!(r"\b(?i:the\s+)?(?i:past|last|next|coming)\s+{count}{short_units_re}\b"),
                T::Relative(Tier::Day),
                C::Counted(Tier::Day),
            ),
            (
                format!(
                    r"\b(?i:earlier|later)\s+(?i:this|next|last)\s+(?:{period}|{season}|{month_title})\b"
                ),
                T::Relative(Tier::Period),
                C::None,
            ),
            (
                format!(r"\b{optional_count}{units_re}\s+(?i:ago)\b"),
                T::Relative(Tier::Period),
                C::None,
            ),
            // Anchored to another time.
            (format!(r"\b{anchored}\b"), T::Anchored, C::None),
            (
                format!(
                    r"\b{count}(?:{units_re}|{short_units_re})\s+(?i:later|earlier|before|after|afterwards|afterward)\b"
                ),
                T::Anchored,
                C::None,
            ),
            (
                r"\b(?i:on\s+the\s+(?:eve|morning|afternoon|evening|night|day)\s+(?:of|before|after))\b"
                    .into(),
                T::Anchored,
                C::None,
            ),
        ];
        let any: Vec<String> = shapes.iter().map(|(p, _, _)| format!("(?:{p})")).collect();
        // Both are only ever tried anchored, at every word: their stored full DFAs cost
        // nothing to load and build no states while searching.
        let any = RegexBuilder::new(&any.join("|"))
            .searched_anchored(true)
            .build_trusted();
        let shapes = shapes
            .into_iter()
            .map(|(pattern, class, check)| Shape {
                // Built from the shipped word lists and searched by the tests: good patterns.
                regex: RegexBuilder::new(&pattern)
                    .searched_anchored(true)
                    .build_trusted(),
                class,
                check,
            })
            .collect();
        let months = w
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.to_lowercase(), i8::try_from(i + 1).unwrap_or(0)))
            .collect();
        let weekdays = w
            .weekdays
            .iter()
            .zip([
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
                Weekday::Saturday,
                Weekday::Sunday,
            ])
            .map(|(name, day)| (name.to_lowercase(), day))
            .collect();
        Recogniser {
            shapes,
            any,
            months,
            weekdays,
            function_words: lowercase(&w.function_words),
            openers: lowercase(&w.season_openers),
            nowadays_nouns: lowercase(&w.relative.nowadays_nouns),
            nowadays_before: lowercase(&w.relative.nowadays_before),
            nowadays_habits: lowercase(&w.relative.nowadays_habits),
            day_of: lowercase(&w.relative.day_of),
        }
    }

    /// Reads the automata its searches use on the usual news copy (ASCII, or with symbols
    /// outside it: see [`Recogniser::candidates`]), which a search would read first.
    fn prepare(&self) {
        let profile = TextProfile::default().widened();
        let _ = self.any.anchored(profile);
        for shape in &self.shapes {
            let _ = shape.regex.anchored(profile);
        }
    }

    /// The number of a month written in full or abbreviated ("Nov", "Sept", "MARCH").
    fn month(&self, word: &str) -> Option<i8> {
        let word = word.to_lowercase();
        let key = word.get(..3)?;
        self.months
            .iter()
            .find(|(m, _)| m.starts_with(key) && m.starts_with(word.as_str()))
            .map(|&(_, n)| n)
    }

    /// The weekday written in full or abbreviated ("Fri", "Thurs").
    fn weekday(&self, word: &str) -> Option<Weekday> {
        let word = word.to_lowercase();
        let key = word.get(..3)?;
        self.weekdays
            .iter()
            .find(|(d, _)| d.starts_with(key) && d.starts_with(word.as_str()))
            .map(|&(_, d)| d)
    }

    /// Every match of every shape that the words beside it allow, overlapping. `opens(at)`
    /// says whether a sentence starts at `at` (where a capital is no title).
    fn candidates(
        &self,
        text: &str,
        profile: TextProfile,
        opens: &dyn Fn(usize) -> bool,
    ) -> Vec<TimeExpression> {
        // ASCII articles and those with curly quotes or a `£` are searched alike: the DFAs
        // build their states once for both.
        let profile = profile.widened();
        let mut found: Vec<TimeExpression> = Vec::new();
        // Each shape keeps the matches its own search would give: the leftmost one that starts
        // at or after the end of its last. Every shape starts at the start of a word or at an
        // apostrophe ("'90s"), and the union, tried there, says whether any shape can.
        let mut free = vec![0; self.shapes.len()];
        let mut any = self.any.anchored(profile);
        let mut shapes: Vec<_> = self
            .shapes
            .iter()
            .map(|shape| shape.regex.anchored(profile))
            .collect();
        for start in word_starts(text) {
            if any.match_at(text, start).is_none() {
                continue;
            }
            for ((shape, search), free) in self.shapes.iter().zip(&mut shapes).zip(&mut free) {
                if *free > start {
                    continue;
                }
                let Some(end) = search.match_at(text, start) else {
                    continue;
                };
                if end == start {
                    continue;
                }
                *free = end;
                if let Some(expression) = self.keep(text, Span::new(start, end), shape, opens) {
                    found.push(expression);
                }
            }
        }
        found
    }

    /// The expression a match of `shape` at `span` makes, if the words beside it allow one.
    fn keep(
        &self,
        text: &str,
        span: Span,
        shape: &Shape,
        opens: &dyn Fn(usize) -> bool,
    ) -> Option<TimeExpression> {
        let mut span = span;
        let mut class = shape.class;
        let matched = span.slice(text);
        match shape.check {
            Check::None => {}
            Check::Opener => {
                let first = matched.find(|c: char| c.is_whitespace() || c == '-')?;
                let rest = &matched[first..];
                let skip = rest.len()
                    - rest
                        .trim_start_matches(|c: char| c.is_whitespace() || c == '-')
                        .len();
                span = Span::new(span.start + first + skip, span.end);
            }
            Check::Ordinal => {
                // "on the 28th", "on the 28th of November", "by the 5th and 6th"; not "on the
                // 5th floor".
                let next = next_word(text, span.end);
                if next.starts_with(|c: char| c.is_lowercase())
                    && !matches!(next, "of" | "and" | "or" | "to" | "at" | "in" | "until")
                {
                    return None;
                }
                let first = matched.find(char::is_whitespace)?;
                span = Span::new(span.start + first + 1, span.end);
                span = trim_start_space(text, span);
            }
            Check::Year => {
                let before = text[..span.start].chars().next_back();
                let after = text[span.end..].chars().next();
                if before.is_some_and(|c| matches!(c, '$' | '£' | '€' | '#' | '.' | ',' | '/'))
                    || after.is_some_and(|c| matches!(c, '%' | '/' | ':'))
                    || (after == Some('.')
                        && text[span.end + 1..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit()))
                    || (after == Some(',')
                        && text[span.end + 1..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit()))
                {
                    return None;
                }
            }
            Check::Clock => {
                let (hours, minutes) = matched.split_once(':')?;
                let hours: u8 = hours.parse().ok()?;
                let minutes: u8 = minutes.parse().ok()?;
                let after = text[span.end..].chars().next();
                let before = text[..span.start].chars().next_back();
                if hours > 24 || minutes > 59 || after == Some(':') || before == Some(':') {
                    return None;
                }
            }
            Check::Numeric => {
                let parts: Vec<u16> = matched.split('/').filter_map(|p| p.parse().ok()).collect();
                let [a, b, _] = parts[..] else {
                    return None;
                };
                let valid =
                    |month: u16, day: u16| (1..=12).contains(&month) && (1..=31).contains(&day);
                if !valid(a, b) && !valid(b, a) {
                    return None;
                }
            }
            Check::Holiday => {
                let next = next_word(text, span.end);
                let previous = previous_word(text, span.start).to_lowercase();
                let describes = next.starts_with(|c: char| c.is_lowercase())
                    && !self.function_words.contains(next);
                if describes && !self.openers.contains(previous.as_str()) {
                    return None;
                }
            }
            Check::Counted(tier) => {
                class = if next_word(text, span.end) == "of" {
                    TimeClass::Anchored
                } else {
                    TimeClass::Relative(tier)
                };
            }
            Check::LastNext(tier) => {
                let lower = matched.to_lowercase();
                let the = lower.starts_with("the")
                    || previous_word(text, span.start).eq_ignore_ascii_case("the");
                let opener = if lower.starts_with("the") {
                    previous_word(text, span.start)
                } else {
                    previous_word(text, previous_word_start(text, span.start))
                };
                let deictic_after_the = lower.contains("past")
                    || lower.contains("coming")
                    || matches!(
                        opener.to_lowercase().as_str(),
                        "in" | "over"
                            | "during"
                            | "for"
                            | "within"
                            | "across"
                            | "throughout"
                            | "through"
                    );
                // "the last week of the campaign", "the next week he resigned": anchored.
                class = if next_word(text, span.end) == "of" || (the && !deictic_after_the) {
                    TimeClass::Anchored
                } else {
                    TimeClass::Relative(tier)
                };
            }
        }
        if let TimeClass::Relative(_) = class {
            if is_title(text, span, opens(span.start)) {
                return None;
            }
        }
        if matched.eq_ignore_ascii_case("today") && self.means_nowadays(text, span) {
            return None;
        }
        let date = (class == TimeClass::Date).then(|| self.date_parts(text, span));
        // "for the next four years": how long, not when.
        let duration = matches!(class, TimeClass::Relative(_))
            && matches!(shape.check, Check::Counted(_) | Check::LastNext(_))
            && {
                let lead = if matched
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("the "))
                {
                    span.start
                } else {
                    previous_word_start(text, span.start)
                };
                previous_word(text, lead).eq_ignore_ascii_case("for")
            };
        Some(TimeExpression {
            span,
            class,
            date,
            duration,
        })
    }

    /// Whether "today" at `span` means "nowadays", which is no time at all: "today's
    /// teenagers", "even today", "the web of today", "Today, games often cost millions".
    fn means_nowadays(&self, text: &str, span: Span) -> bool {
        let before = previous_word(text, span.start).to_lowercase();
        if self.nowadays_before.contains(&before) {
            return true;
        }
        let genitive = ["'s", "’s"].iter().any(|g| text[span.end..].starts_with(g));
        if before == "of" && !genitive {
            let of = previous_word_start(text, span.start);
            let owner = previous_word(text, of).to_lowercase();
            if !owner.is_empty() && !self.day_of.contains(&owner) {
                return true;
            }
        }
        // A habit in the words after it, before the clause ends.
        let clause = after(text, span.end);
        let clause = clause
            .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
            .split(['.', ';', ':', '!', '?', ',', '"', '“', '”'])
            .next()
            .unwrap_or("");
        if clause
            .split_whitespace()
            .take(4)
            .any(|w| self.nowadays_habits.contains(&w.to_lowercase()))
        {
            return true;
        }
        let rest = after(text, span.end);
        let Some(rest) = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")) else {
            return false;
        };
        let next = next_word(rest, 0).to_lowercase();
        self.nowadays_nouns.contains(&next)
    }

    /// The parts of the date written at `span`.
    fn date_parts(&self, text: &str, span: Span) -> DateParts {
        let written = span.slice(text);
        let mut parts = DateParts::default();
        let tokens: Vec<(usize, &str)> = runs(written).collect();
        let numbers: Vec<&str> = tokens
            .iter()
            .map(|&(_, t)| t.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        if written.contains('/') {
            // 11/28/87 or 28/11/87: the order is known when one of the two is over 12.
            let n: Vec<i16> = numbers.iter().filter_map(|t| t.parse().ok()).collect();
            if let [a, b, y] = n[..] {
                let (month, day) = match (a > 12, b > 12) {
                    (true, false) => (b, a),
                    (false, true) => (a, b),
                    _ if a == b => (a, b),
                    _ => return parts,
                };
                parts.month = i8::try_from(month).ok();
                parts.day = i8::try_from(day).ok();
                parts.year = Some(if y < 100 {
                    // Two-digit years: the nearest century that keeps them in the past
                    // hundred years of copy is a guess; 87 is 1987, 05 is 2005.
                    if y > 40 {
                        1900 + y
                    } else {
                        2000 + y
                    }
                } else {
                    y
                });
            }
            return parts;
        }
        if let (Some(first), true) = (tokens.first(), written.as_bytes().get(4) == Some(&b'-')) {
            // 2026-11-28
            let n: Vec<i16> = written
                .get(..10)
                .unwrap_or("")
                .split('-')
                .filter_map(|p| p.parse().ok())
                .collect();
            if let ([y, m, d], true) = (&n[..], first.1.len() == 4) {
                parts.year = Some(*y);
                parts.month = i8::try_from(*m).ok();
                parts.day = i8::try_from(*d).ok();
                return parts;
            }
        }
        for &(at, token) in &tokens {
            let start = span.start + at;
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                let digits = token.trim_end_matches(|c: char| c.is_alphabetic());
                match digits.len() {
                    1 | 2 if parts.day.is_none() => parts.day = digits.parse().ok(),
                    4 => parts.year = digits.parse().ok(),
                    _ => {}
                }
            } else if parts.weekday.is_none() && parts.month.is_none() && parts.day.is_none() {
                if let Some(day) = self.weekday(token) {
                    parts.weekday = Some((day, Span::new(start, start + token.len())));
                    continue;
                }
                if let Some(month) = self.month(token) {
                    parts.month = Some(month);
                }
            } else if parts.month.is_none() {
                parts.month = self.month(token);
            }
        }
        parts
    }
}

/// The runs of letters and digits of `text`, with their offsets.
fn runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let start = at + rest.find(|c: char| c.is_alphanumeric())?;
        let len = text[start..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - start);
        at = start + len;
        Some((start, &text[start..start + len]))
    })
}

fn trim_start_space(text: &str, span: Span) -> Span {
    let inner = span.slice(text);
    let skip = inner.len() - inner.trim_start().len();
    Span::new(span.start + skip, span.end)
}

/// The text before `at`, at most [`LOOK`] bytes of it (on a character boundary).
fn before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(LOOK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// The text after `at`, at most [`LOOK`] bytes of it.
fn after(text: &str, at: usize) -> &str {
    let mut to = (at + LOOK).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
}

/// The word just before `at`, across white space only ("" when punctuation comes first).
fn previous_word(text: &str, at: usize) -> &str {
    let near = before(text, at);
    let trimmed = near.trim_end();
    if trimmed.len() == near.len() && !near.is_empty() {
        return "";
    }
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    &trimmed[start..]
}

/// Where the word just before `at` starts.
fn previous_word_start(text: &str, at: usize) -> usize {
    let word = previous_word(text, at);
    if word.is_empty() {
        return at;
    }
    let near = before(text, at);
    let start_of_near = at - near.len();
    start_of_near + near.trim_end().len() - word.len()
}

/// The word just after `at`, across white space only.
fn next_word(text: &str, at: usize) -> &str {
    let near = after(text, at);
    let trimmed = near.trim_start();
    if trimmed.len() == near.len() {
        return "";
    }
    let end = trimmed
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(trimmed.len());
    &trimmed[..end]
}

/// Whether a relative date at `span` is a title: capitalised ("Today", "This Morning") in
/// mid-sentence, after a word ("Mr Balls told Today", "USA Today", "the Today programme"), or
/// before the word that names what it is ("Today programme"). `opens`: a sentence starts with
/// it, whatever comes before (a headline on the line above).
fn is_title(text: &str, span: Span, opens: bool) -> bool {
    let written = span.slice(text);
    let words: Vec<&str> = written.split_whitespace().collect();
    let title_case = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
    };
    let capitals = |w: &&str| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    let previous = previous_word(text, span.start);
    if previous.eq_ignore_ascii_case("usa") && words.iter().all(capitals) {
        return true;
    }
    if words.is_empty() || !words.iter().all(title_case) {
        return false;
    }
    if matches!(
        next_word(text, span.end).to_lowercase().as_str(),
        "programme" | "program" | "show" | "newspaper"
    ) {
        return true;
    }
    if opens {
        return false;
    }
    if !previous.is_empty() {
        return true;
    }
    // "said: Today", "told, Today": a lowercase word, then a comma or colon.
    let near = before(text, span.start).trim_end();
    if let Some(rest) = near.strip_suffix([',', ':']) {
        let word = rest
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return word.starts_with(|c: char| c.is_lowercase());
    }
    false
}

/// Of overlapping expressions, the longest (the first, of two as long).
fn longest_first(mut found: Vec<TimeExpression>) -> Vec<TimeExpression> {
    found.sort_by_key(|e| (std::cmp::Reverse(e.span.len()), e.span.start));
    let mut kept: BTreeMap<usize, TimeExpression> = BTreeMap::new();
    for e in found {
        let clashes_before = kept
            .range(..e.span.end)
            .next_back()
            .is_some_and(|(_, k)| k.span.end > e.span.start);
        if !clashes_before {
            kept.insert(e.span.start, e);
        }
    }
    kept.into_values().collect()
}

/// The words of a list, lowercased, as a set.
fn lowercase(words: &[String]) -> std::collections::HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Where a time expression can start: at a letter or digit that follows no letter or digit, and
/// at an apostrophe.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut after_word = false;
    text.char_indices().filter_map(move |(at, c)| {
        let word = c.is_alphanumeric();
        let starts = (word && !after_word) || matches!(c, '\'' | '’');
        after_word = word;
        starts.then_some(at)
    })
}

/// Every time expression in `text` (whose characters `profile` covers), in order, none
/// overlapping another.
pub fn find(text: &str, profile: TextProfile) -> Vec<TimeExpression> {
    longest_first(RECOGNISER.candidates(text, profile, &|_| false))
}

/// The time expressions of a document's prose: those found in its mask that lie within one
/// sentence or within the dateline. A capital at the start of a sentence is no title.
pub fn in_document(doc: &Document) -> Vec<TimeExpression> {
    let opens = |at: usize| {
        doc.sentences_in(Span::new(at, at + 1))
            .first()
            .and_then(|s| doc.words.get(s.words.start))
            .is_some_and(|w| w.start == at)
    };
    let mut found = RECOGNISER.candidates(&doc.mask, doc.profile(), &opens);
    found.retain(|e| {
        doc.dateline.is_some_and(|d| d.contains(e.span))
            || doc
                .sentences_in(e.span)
                .first()
                .is_some_and(|s| s.span.contains(e.span))
    });
    longest_first(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn found(text: &str) -> Vec<(String, TimeClass)> {
        find(text, TextProfile::of(text))
            .into_iter()
            .map(|e| (e.span.slice(text).to_string(), e.class))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(t, _)| t).collect()
    }

    fn classes(text: &str) -> Vec<TimeClass> {
        found(text).into_iter().map(|(_, c)| c).collect()
    }

    /// What the recogniser found when it searched with each shape in turn, over the whole
    /// text: the union must find exactly the same.
    fn one_shape_at_a_time(text: &str) -> Vec<TimeExpression> {
        let profile = TextProfile::of(text);
        let mut found = Vec::new();
        for shape in &RECOGNISER.shapes {
            for m in shape.regex.find_iter(profile, text) {
                if let Some(e) = RECOGNISER.keep(text, Span::from(m), shape, &|_| false) {
                    found.push(e);
                }
            }
        }
        longest_first(found)
    }

    #[test]
    fn searching_with_the_union_finds_what_each_shape_finds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/annotated");
        let mut texts: Vec<String> = ["heldout", "written"]
            .iter()
            .flat_map(|d| std::fs::read_dir(dir.join(d)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 20);
        texts.push(
            "On Mon., Dec. 7, 2026 at 10.30am GMT, the '90s, 'twas the mid-1990s; bands of ’80s fame; _2019 x2019 \
             Ünter 3 May, Straße 12/05/2024, in the 89th minute, two or three days ago, \
             this coming Sunday evening, 2019–20, the nineteen-sixties, Christmas Eve."
                .to_string(),
        );
        for text in &texts {
            let union = find(text, TextProfile::of(text));
            let alone = one_shape_at_a_time(text);
            let shown = |v: &[TimeExpression]| -> Vec<String> {
                v.iter()
                    .map(|e| format!("{:?} {}", e.class, e.span.slice(text)))
                    .collect()
            };
            assert_eq!(shown(&union), shown(&alone));
        }
    }

    #[test]
    fn the_word_lists_parse() {
        let words: Words = toml::from_str(WORDS_TOML)
            .map_err(|e| e.message().to_string())
            .unwrap();
        assert_eq!(words.weekdays.len(), 7);
        assert_eq!(words.months.len(), 12);
        assert!(words.relative.day.iter().any(|w| w == "yesterday"));
        // The shapes built from them are trusted: each must pass the checks a rule author's
        // pattern passes.
        for shape in &RECOGNISER.shapes {
            if let Err(e) = RegexBuilder::new(shape.regex.as_written()).build() {
                panic!("{}: {e}", shape.regex.as_written());
            }
        }
        if let Err(e) = RegexBuilder::new(RECOGNISER.any.as_written()).build() {
            panic!("the union of the shapes: {e}");
        }
    }

    use TimeClass as T;
    const DAY: TimeClass = T::Relative(Tier::Day);
    const PERIOD: TimeClass = T::Relative(Tier::Period);

    #[test]
    fn dates_in_the_usual_news_forms() {
        for (text, date) in [
            ("It opens Nov. 28.", "Nov. 28"),
            ("Born on November 28, 1987, in Leeds.", "November 28, 1987"),
            ("Due on 28 November 2026.", "28 November 2026"),
            ("Due on the 28th of November.", "the 28th of November"),
            ("It closes on the 28th.", "the 28th"),
            ("Filed 11/28/87 in court.", "11/28/87"),
            ("date: 2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z"),
            (
                "It opens Friday, Nov. 28, 2026, at noon.",
                "Friday, Nov. 28, 2026",
            ),
            ("WASHINGTON, MARCH 3 -", "MARCH 3"),
            ("Due Sept 3.", "Sept 3"),
        ] {
            let all = found(text);
            assert!(
                all.iter().any(|(t, c)| t == date && *c == T::Date),
                "{text}: {all:?}"
            );
        }
        // Not dates: a floor, a fraction, an impossible numeric date.
        assert!(!classes("She lives on the 5th floor.").contains(&T::Date));
        assert!(!classes("Odds of 3/4 and 45/46/47.").contains(&T::Date));
    }

    #[test]
    fn the_parts_of_a_date() {
        let parts = |text: &str| {
            find(text, TextProfile::of(text))
                .into_iter()
                .find_map(|e| e.date)
                .unwrap()
        };
        let p = parts("on Fri., Nov. 28, 2026.");
        assert_eq!(p.weekday.map(|w| w.0), Some(Weekday::Friday));
        assert_eq!((p.month, p.day, p.year), (Some(11), Some(28), Some(2026)));
        let p = parts("Sunday 29 November 2026");
        assert_eq!(p.weekday.map(|w| w.0), Some(Weekday::Sunday));
        assert_eq!((p.month, p.day, p.year), (Some(11), Some(29), Some(2026)));
        let p = parts("filed 11/28/87");
        assert_eq!((p.month, p.day, p.year), (Some(11), Some(28), Some(1987)));
        let p = parts("filed 28/11/2005");
        assert_eq!((p.month, p.day, p.year), (Some(11), Some(28), Some(2005)));
        // 05/06/07 could be either way round.
        let p = parts("filed 05/06/07");
        assert_eq!((p.month, p.day), (None, None));
        let p = parts("2026-11-28");
        assert_eq!((p.month, p.day, p.year), (Some(11), Some(28), Some(2026)));
        let p = parts("on Thurs, the 3rd of March");
        assert_eq!(p.weekday.map(|w| w.0), Some(Weekday::Thursday));
        assert_eq!((p.month, p.day, p.year), (Some(3), Some(3), None));
    }

    #[test]
    fn weekdays_months_and_years() {
        assert_eq!(
            found("They met on Friday night in January 1998."),
            [
                ("Friday night".to_string(), T::Weekday),
                ("January 1998".to_string(), T::Month)
            ]
        );
        assert_eq!(
            texts("It rose in May and fell in mid-March."),
            ["May", "March"]
        );
        // Theresa May, "may", a march and June Whitfield are not months.
        assert!(texts("Theresa May may join a march with June Whitfield.").is_empty());
        for (text, year) in [
            ("in the 1998-99 season", "1998-99"),
            ("the 2004/05 budget", "2004/05"),
            ("a hit of the 1990s", "the 1990s"),
            ("a hit of the '90s", "the '90s"),
            ("rose between 1990 and 1995", "between 1990 and 1995"),
            ("in the mid-1980s", "the mid-1980s"),
            ("Kosovo declared independence in 2008.", "2008"),
        ] {
            assert_eq!(found(text), [(year.to_string(), T::Year)], "{text}");
        }
        assert!(texts("It cost $2008 or 2008% or 3.2008 or 1,2008.").is_empty());
    }

    #[test]
    fn clock_times_holidays_and_match_times() {
        for (text, time, class) in [
            ("at 3 p.m. on the day", "3 p.m.", T::Clock),
            ("at 15:30 GMT", "15:30 GMT", T::Clock),
            ("at 0900 local time", "0900 local time", T::Clock),
            ("by noon", "noon", T::Clock),
            ("at 10:45 sharp", "10:45", T::Clock),
            ("over Christmas", "Christmas", T::Holiday),
            (
                "over Christmas shoppers spent more",
                "Christmas",
                T::Holiday,
            ),
            ("Christmas and a better year", "Christmas", T::Holiday),
            ("during Ramadan", "Ramadan", T::Holiday),
            ("on New Year's Eve", "New Year's Eve", T::Holiday),
            ("in the summer, they", "the summer", T::Holiday),
            ("scored in the 89th minute", "in the 89th minute", T::Match),
            ("led in the second half", "in the second half", T::Match),
            ("scored after 20 minutes", "after 20 minutes", T::Match),
            ("an 89th-minute winner", "89th-minute", T::Match),
            ("won it in stoppage time", "in stoppage time", T::Match),
            ("won it in injury-time", "in injury-time", T::Match),
        ] {
            assert_eq!(found(text), [(time.to_string(), class)], "{text}");
        }
        // Not clock times: a ratio, a verse, a fall in prices; not a holiday: a kind of strike.
        assert!(texts("a 3:1 ratio, John 3:16:2, after the fall in prices").is_empty());
        assert!(texts("A planned Christmas strike was called off.").is_empty());
        assert!(texts("A Christmas tree was unveiled at the last minute.").is_empty());
    }

    #[test]
    fn relative_dates_and_their_tiers() {
        for (text, expression, class) in [
            ("The council voted yesterday.", "yesterday", DAY),
            ("Today's vote", "Today", DAY),
            ("It ends tonight.", "tonight", DAY),
            ("They met this morning.", "this morning", DAY),
            ("They met last night.", "last night", DAY),
            ("They met last Friday.", "last Friday", DAY),
            (
                "They meet next Tuesday evening.",
                "next Tuesday evening",
                DAY,
            ),
            ("It happened hours ago.", "hours ago", DAY),
            ("over the past 24 hours", "the past 24 hours", DAY),
            ("They met last week.", "last week", PERIOD),
            ("It rose this month.", "this month", PERIOD),
            ("It opens next year.", "next year", PERIOD),
            ("They met last summer.", "last summer", PERIOD),
            ("They met last November.", "last November", PERIOD),
            ("They met three days ago.", "three days ago", PERIOD),
            ("They met a few weeks ago.", "a few weeks ago", PERIOD),
            ("It has risen recently.", "recently", PERIOD),
            ("It has risen in recent years.", "in recent years", PERIOD),
            (
                "It will rise in the coming weeks.",
                "in the coming weeks",
                PERIOD,
            ),
            ("It rose earlier this month.", "earlier this month", PERIOD),
            (
                "It rose over the past two years.",
                "the past two years",
                PERIOD,
            ),
            ("It will rise over the next week.", "next week", PERIOD),
            ("It fell for the past week.", "past week", PERIOD),
            ("They met at the weekend.", "at the weekend", PERIOD),
        ] {
            assert_eq!(found(text), [(expression.to_string(), class)], "{text}");
        }
    }

    #[test]
    fn a_length_of_time_is_a_duration() {
        let all = find(
            "It runs for the next four years, from next year.",
            TextProfile::of("x"),
        );
        let durations: Vec<bool> = all.iter().map(|e| e.duration).collect();
        assert_eq!(durations, [true, false]);
        assert!(all.iter().all(|e| e.class == PERIOD));
    }

    #[test]
    fn anchored_times_say_when_but_are_not_relative_dates() {
        for (text, expression) in [
            ("It was legal at the time.", "at the time"),
            ("Prices have risen since then.", "since then"),
            ("on the eve of the vote", "on the eve of"),
            ("He resigned the next day.", "the next day"),
            ("Two years later she won.", "Two years later"),
            ("The next week he resigned.", "next week"),
            ("in the last week of the campaign", "last week"),
            ("in the last two years of his life", "the last two years"),
        ] {
            assert_eq!(
                found(text),
                [(expression.to_string(), T::Anchored)],
                "{text}"
            );
        }
    }

    #[test]
    fn a_date_with_its_weekday_wins_over_a_relative_weekday() {
        assert_eq!(
            found("It opens next Friday, Nov. 28, 2026."),
            [("Friday, Nov. 28, 2026".to_string(), T::Date)]
        );
    }

    #[test]
    fn today_meaning_nowadays_is_no_date() {
        for text in [
            "In today's world, few people write letters.",
            "Today's teenagers rarely buy newspapers.",
            "Even today, the mill employs 40 people.",
            "That is £3m in today’s terms.",
            "Are the guidelines relevant to the web of today?",
            "Those days are gone. Today, games often have budgets like films.",
            "Today most homes usually have two sets.",
        ] {
            assert_eq!(texts(text), Vec::<String>::new(), "{text}");
        }
        // The day of publication, as before.
        assert_eq!(texts("Today's vote was close."), ["Today"]);
        assert_eq!(texts("Rates fell in today's money market."), ["today"]);
        assert_eq!(texts("The strike starts today."), ["today"]);
        assert_eq!(texts("The offer runs as of today."), ["today"]);
        assert_eq!(texts("He sent a record of today's talks."), ["today"]);
        assert_eq!(texts("He will rest for the rest of today."), ["today"]);
        assert_eq!(
            texts("Today, the minister said the talks often stall."),
            ["Today"]
        );
    }

    #[test]
    fn titles_are_not_relative_dates() {
        for text in [
            "He told USA Today.",
            "She read USA TODAY.",
            "He was on the Today programme.",
            "Today programme presenter John Humphrys",
            "Mr Balls told Today that he would.",
            "He said, Today is a show.",
            "Then The Day Today ended.",
            "He told This Morning about it.",
        ] {
            assert!(!classes(text).contains(&DAY), "{text}: {:?}", found(text));
        }
        // A capital at the start of a sentence or after a dash is a date.
        for text in [
            "Today, the council voted.",
            "The vote. Today it ends.",
            "LONDON - Today the council voted.",
            "\"Yes,\" he said. Yesterday she left.",
            "SENATE VOTES TODAY",
        ] {
            assert!(classes(text).contains(&DAY), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_document_keeps_what_lies_in_its_sentences_and_dateline() {
        let doc = Document::parse(
            "Senate votes today\n\nWASHINGTON, Nov. 28 (Reuters) - They met yesterday.\n".into(),
            Format::Text,
        );
        let times: Vec<(&str, TimeClass)> = doc
            .times()
            .iter()
            .map(|e| (doc.text(e.span), e.class))
            .collect();
        assert_eq!(
            times,
            [("today", DAY), ("Nov. 28", T::Date), ("yesterday", DAY)]
        );
        // Computed once, then shared.
        assert!(std::ptr::eq(doc.times(), doc.times()));
    }

    #[test]
    fn hostile_text_takes_linear_time_and_never_panics() {
        // A megabyte with no punctuation, and a sentence of 10,000 tokens full of near misses.
        let flood = "the last of the next in the 5th on the 28th may march 12 ".repeat(18_000);
        let started = std::time::Instant::now();
        let _ = find(&flood, TextProfile::of(&flood));
        let tokens = "Friday, last week 3/4/ 11:: 2008- the '9 ".repeat(1_250);
        let doc = Document::parse(tokens.clone(), Format::Text);
        let _ = doc.times();
        assert!(started.elapsed().as_secs() < 20);
        // Odd characters next to every check.
        for text in [
            "é2008",
            "2008é",
            "on the 28th",
            "last",
            "Today",
            "’90s",
            "USA",
            "1/2/",
            ":",
            "the next",
        ] {
            let _ = find(text, TextProfile::of(text));
        }
    }
}
