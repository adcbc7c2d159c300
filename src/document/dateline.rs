//! The dateline that opens a wire story: where it was filed, often when, and by which agency
//! (`WASHINGTON, Nov. 28 (Reuters) -`, `LONGMONT, Colo., March 11 -`, `PARIS (AP) —`,
//! `Miami, March 11 -`). It is an object of its own: not part of the first sentence, so never an
//! event, a quotation or a speaker; its date dates the start of the story, as a front-matter
//! date does.
//!
//! Read by hand rather than by regex: the parts are few and ordered, and each has its own test
//! (a place in capitals, regions, a date, an agency in parentheses, a dash).

/// What an HTML article's mask puts after an entity's character to keep its length.
pub(crate) const PADDING: [char; 2] = ['\u{ad}', '\u{2060}'];

/// The length in bytes of the dateline at the very start of `text`, up to and including its
/// dash, if `text` opens with one.
pub(crate) fn at_start(text: &str) -> Option<usize> {
    // A dateline is short: a place, a region or two, a date, an agency.
    const LONGEST: usize = 100;
    let mut rest = text;
    let place = words(rest, 4, starts_upper)?;
    let capitals = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    rest = &rest[place.len()..];
    let mut dated = false;
    // `, Colo.`, `, Puerto Rico`, `, March 11`, `, Nov. 28, 1987`, and as hurried copy has them:
    // `D.C. March 18`, `JOHANNESBURG March 13`, `ATLANTA , March 3`.
    loop {
        let spaced = rest.trim_start_matches(' ');
        let comma = spaced.starts_with(',');
        let after = spaced
            .strip_prefix(',')
            .unwrap_or(spaced)
            .trim_start_matches(' ');
        if after.len() == rest.len() {
            break;
        }
        // Without a comma, only a place in capitals takes a date (`In March - the vote` is
        // a sentence), and a month needs its day.
        if let Some(date) = date(after)
            .filter(|&len| comma || (capitals && after[..len].bytes().any(|b| b.is_ascii_digit())))
        {
            dated = true;
            rest = &after[date..];
            // A year after the day: `, 1987`.
            if let Some(year) = rest.strip_prefix(", ").and_then(year) {
                rest = &rest[2 + year..];
            }
            break;
        }
        if !comma {
            break;
        }
        let region = words(after, 3, starts_upper)?;
        rest = &after[region.len()..];
    }
    let before_agency = rest;
    rest = rest.trim_start_matches(' ');
    let agency = rest.strip_prefix('(').and_then(|inner| {
        let close = inner.find(')')?;
        let name = &inner[..close];
        let fits = !name.is_empty()
            && name.len() <= 40
            && name.split(' ').count() <= 4
            && starts_upper(name)
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '&' | '\''));
        fits.then_some(close + 2)
    });
    match agency {
        Some(len) => rest = &rest[len..],
        None => rest = before_agency,
    }
    // A place in capitals alone needs three letters at least: `Q - What did you…` and `A - The…`
    // open the lines of a transcript.
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if !(dated || agency.is_some() || (capitals && letters >= 3)) {
        return None;
    }
    // The dash: `-`, `--`, `–` or `—`, set apart from the words around it (a hyphenated word
    // is no dash): by spaces on both sides; after a date or an agency, on one side is enough
    // (`June 18- The`, `(CNN)— The`, `March 4 -General`).
    let spaced_before = rest.starts_with(' ');
    let trimmed = rest.trim_start_matches(' ');
    let dash = ["--", "-", "–", "—"]
        .into_iter()
        .find(|d| trimmed.starts_with(d))?;
    // In an HTML article's mask an entity's character is followed by padding (soft hyphens, a
    // word joiner): `&mdash;` is `—` and padding, which belongs to the dash.
    let after_dash = trimmed[dash.len()..].trim_start_matches(PADDING);
    let spaced_after = after_dash.is_empty() || after_dash.starts_with([' ', '\t', '\r', '\n']);
    let apart = if dated || agency.is_some() {
        spaced_before || spaced_after
    } else {
        spaced_before && spaced_after
    };
    if !apart {
        return None;
    }
    // A place in capitals alone must be followed by a sentence, which starts with a capital
    // (`OPEC - the oil cartel - said` is a sentence, not a dateline).
    let next_word = after_dash.trim_start();
    if !(dated || agency.is_some() || next_word.is_empty() || starts_upper(next_word)) {
        return None;
    }
    let len = text.len() - after_dash.len();
    (len <= LONGEST).then_some(len)
}

/// Up to `most` words of a name at the start of `text`, one space between them, each passing
/// `ok`: letters and the marks names hold (`ST. HELIER`, `N.J.`, `O'HARE`, `WINSTON-SALEM`).
/// What follows the name must be a comma, a space or a parenthesis (`US/China` is no place).
fn words(text: &str, most: usize, ok: impl Fn(&str) -> bool) -> Option<&str> {
    let name_char = |c: char| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '&');
    let (mut end, mut count, mut rest) = (0, 0, text);
    loop {
        let len = rest.find(|c| !name_char(c)).unwrap_or(rest.len());
        let word = &rest[..len];
        // A month after the first word starts the date (`JOHANNESBURG March 13`); as the first
        // word it is a place's (`MAR DEL PLATA`, `MAY PEN`).
        if len == 0 || count == most || !ok(word) || (count > 0 && is_month(word)) {
            break;
        }
        end = text.len() - rest.len() + len;
        count += 1;
        match rest[len..].strip_prefix(' ') {
            Some(next) => rest = next,
            None => break,
        }
    }
    let next = text[end..].chars().next();
    (end > 0 && matches!(next, Some(',' | ' ' | '(') | None)).then_some(&text[..end])
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month, in full or cut short (`Sept`, `Nov.`), in any case: wire copy of 1987 writes `march
/// 11` as often as `March 11`.
fn is_month(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    word.len() >= 3
        && MONTHS
            .iter()
            .any(|m| m.starts_with(&word) && (word.len() == 3 || word == *m || word == "sept"))
}

/// The length of a date at the start of `text`: a month and a day (`March 11`, `Nov. 28`,
/// `Apr  9`), a day and a month (`11 March`), a month alone (`April`), or a weekday.
fn date(text: &str) -> Option<usize> {
    let token = |t: &str| {
        t.find([' ', '\t', '\r', '\n', ',', ')', '-', '–', '—'])
            .unwrap_or(t.len())
    };
    let first = &text[..token(text)];
    let gap = text[first.len()..].len() - text[first.len()..].trim_start_matches(' ').len();
    let from = first.len() + gap;
    let second = &text[from..from + token(&text[from..])];
    let day = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        let ordinal = &w[digits..];
        (1..=2).contains(&digits)
            && w[..digits]
                .parse::<u8>()
                .is_ok_and(|d| (1..=31).contains(&d))
            && matches!(ordinal, "" | "st" | "nd" | "rd" | "th")
    };
    if (is_month(first) && day(second)) || (day(first) && is_month(second)) {
        return Some(from + second.len());
    }
    let weekdays = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    (is_month(first) || weekdays.iter().any(|d| d.eq_ignore_ascii_case(first)))
        .then_some(first.len())
}

/// The length of a year at the start of `text` (`1987`).
fn year(text: &str) -> Option<usize> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 4).then_some(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dateline(text: &str) -> Option<&str> {
        at_start(text).map(|len| &text[..len])
    }

    #[test]
    fn datelines_as_wires_and_papers_write_them() {
        for (text, expected) in [
            ("LONDON, March 3 - The bank said", "LONDON, March 3 -"),
            (
                "WASHINGTON, Nov. 28 (Reuters) - The Senate voted",
                "WASHINGTON, Nov. 28 (Reuters) -",
            ),
            ("PARIS (AP) — The minister", "PARIS (AP) —"),
            (
                "LONGMONT, Colo., March 11 - Engineering Measurements Co",
                "LONGMONT, Colo., March 11 -",
            ),
            (
                "SADDLE BROOK, N.J., march 11 - Michigan General",
                "SADDLE BROOK, N.J., march 11 -",
            ),
            (
                "ST HELIER, Jersey, March 12 - Guinness Plc",
                "ST HELIER, Jersey, March 12 -",
            ),
            ("Miami, March 11 - A pressure leak", "Miami, March 11 -"),
            ("NEW YORK, March 11 -", "NEW YORK, March 11 -"),
            (
                "NEW YORK, March 11 -\n    Shr 30 cts",
                "NEW YORK, March 11 -",
            ),
            ("OTTAWA, Mar 12 - Canada had", "OTTAWA, Mar 12 -"),
            ("Washington (CNN)— The House", "Washington (CNN)—"),
            (
                "KYIV, Ukraine (AP) -- Shelling resumed",
                "KYIV, Ukraine (AP) --",
            ),
            ("BEIJING, 5 January - Trade", "BEIJING, 5 January -"),
            (
                "GENEVA, Nov. 28, 1987 (Reuters) - Talks",
                "GENEVA, Nov. 28, 1987 (Reuters) -",
            ),
            ("MOSCOW - The Kremlin said", "MOSCOW -"),
            ("JOHANNESBURG March 13 -", "JOHANNESBURG March 13 -"),
            (
                "WASHINGTON, June 18- The United States",
                "WASHINGTON, June 18-",
            ),
            ("DETROIT, March 4 -General Motors", "DETROIT, March 4 -"),
            ("CHICAGO, April - U.S. Labor", "CHICAGO, April -"),
            ("ATLANTA , March 3 - National Data", "ATLANTA , March 3 -"),
            (
                "North Brunswick, NJ, Apr  9 - Demand",
                "North Brunswick, NJ, Apr  9 -",
            ),
            (
                "WASHINGTON, D.C. March 18 - International",
                "WASHINGTON, D.C. March 18 -",
            ),
            ("MILWAUKEE, Wis., March 2-", "MILWAUKEE, Wis., March 2-"),
            ("LONDON, Tuesday - Shares fell", "LONDON, Tuesday -"),
            (
                "MAR DEL PLATA, Argentina, March 3 - Talks",
                "MAR DEL PLATA, Argentina, March 3 -",
            ),
            // An HTML article's mask: `&mdash;` is the dash and its padding.
            (
                "WASHINGTON \u{2014}\u{ad}\u{ad}\u{2060} The House",
                "WASHINGTON \u{2014}\u{ad}\u{ad}\u{2060}",
            ),
        ] {
            assert_eq!(dateline(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn sentences_are_not_datelines() {
        for text in [
            "The bank said - on Monday - that it would cut rates.",
            "Smith, 45 - a builder - said he was pleased.",
            "London - a city of eight million - voted.",
            "Prices rose, the bureau said.",
            "NASA-backed teams won.",
            "US-China talks - held on Monday - ended.",
            "In March - the month of the vote - he left.",
            "OPEC - the oil cartel - said it would cut output.",
            "Q - What did you see that night?",
            "A - The lights went out.",
            "US/CHINA - Trade talks",
            "COPPER GRADE A - steadier 7750 (Total 10400) tonnes",
            "Deliverable Grades - graded grain meeting exchange quality",
            "UK-based firms - most of them small - said",
            "",
            "Reuter",
        ] {
            assert_eq!(dateline(text), None, "{text}");
        }
    }
}
