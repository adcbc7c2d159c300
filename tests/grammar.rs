//! How often the tagger gets the verb-group fields events need right (tense, aspect, voice,
//! negation, modality), against news sentences tagged by hand (`tests/data/verb-groups.toml`).
//! Run with `--nocapture` for the table; set COPYDESK_GRAMMAR_DETAIL=1 to list every mistake.

use copydesk::analysis::grammar::{analyse_words, Aspect, Tense, Voice};
use copydesk::analysis::tokens::words;
use copydesk::diagnostic::Span;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    sentence: Vec<Sentence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentence {
    text: String,
    groups: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    words: String,
    tense: String,
    #[serde(default)]
    aspect: Option<String>,
    #[serde(default)]
    voice: Option<String>,
    #[serde(default)]
    negated: bool,
    #[serde(default)]
    modal: Option<String>,
}

const FIELDS: [&str; 5] = ["tense", "aspect", "voice", "negated", "modal"];

/// Floors a little under what was measured, so a change that makes the tagger worse fails.
const FLOORS: [f64; 5] = [0.9, 0.9, 0.9, 0.9, 0.9];

#[test]
fn verb_group_fields_are_mostly_right_on_news_sentences() {
    score(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/verb-groups.toml"),
        FLOORS,
    );
}

/// Sentences tagged after the tagger was written and never used to change it: lower floors,
/// and the figure to quote.
#[test]
fn verb_group_fields_hold_up_on_unseen_sentences() {
    score(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/verb-groups-unseen.toml"
        ),
        [0.7; 5],
    );
}

fn score(path: &str, floors: [f64; 5]) {
    let fixture: Fixture = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let detail = std::env::var_os("COPYDESK_GRAMMAR_DETAIL").is_some();
    let mut right = [0usize; 5];
    let mut total = 0usize;
    let mut tokens = 0usize;
    let mut missing = 0usize;
    for sentence in &fixture.sentence {
        let text = &sentence.text;
        let spans: Vec<Span> = words(text).collect();
        tokens += spans.len();
        let analysis = analyse_words(text, &spans, 0);
        let mut from = 0;
        for group in &sentence.groups {
            total += 1;
            let at = text[from..]
                .find(&group.words)
                .map(|i| i + from)
                .unwrap_or_else(|| panic!("{:?} is not in {text:?}", group.words));
            from = at + group.words.len();
            let last = group.words.rsplit(' ').next().unwrap_or("");
            let head_start = at + group.words.len() - last.len();
            let found = analysis
                .verb_groups
                .iter()
                .find(|g| analysis.tokens[g.head].span.start == head_start);
            let Some(found) = found else {
                missing += 1;
                if detail {
                    println!("NO GROUP for {:?} in {text:?}", group.words);
                }
                continue;
            };
            let tense = match found.tense {
                Tense::Past => "past",
                Tense::Present => "present",
                Tense::Future => "future",
                Tense::Nonfinite => "nonfinite",
            };
            let aspect = match found.aspect {
                Aspect::Simple => "simple",
                Aspect::Perfect => "perfect",
                Aspect::Progressive => "progressive",
                Aspect::PerfectProgressive => "perfect-progressive",
            };
            let voice = match found.voice {
                Voice::Active => "active",
                Voice::Passive => "passive",
            };
            let modal = found
                .modal
                .map(|m| analysis.tokens[m].span.slice(text).to_lowercase());
            let got = [
                tense.to_string(),
                aspect.to_string(),
                voice.to_string(),
                found.negated.to_string(),
                modal.unwrap_or_default(),
            ];
            let want = [
                group.tense.clone(),
                group.aspect.clone().unwrap_or_else(|| "simple".into()),
                group.voice.clone().unwrap_or_else(|| "active".into()),
                group.negated.to_string(),
                group.modal.clone().unwrap_or_default(),
            ];
            for f in 0..5 {
                if got[f] == want[f] {
                    right[f] += 1;
                } else if detail {
                    println!(
                        "{}: {:?} got {:?}, marked {:?} in {text:?}",
                        FIELDS[f], group.words, got[f], want[f]
                    );
                }
            }
        }
    }
    println!(
        "\n{path}\nverb groups: {total} marked in {} sentences ({tokens} words), {missing} not found",
        fixture.sentence.len()
    );
    let mut failures = Vec::new();
    for f in 0..5 {
        let accuracy = right[f] as f64 / total as f64;
        println!(
            "{:<8} {:>3} of {total} right: {accuracy:.2}",
            FIELDS[f], right[f]
        );
        if accuracy < floors[f] {
            failures.push(format!("{}: {accuracy:.2} < {}", FIELDS[f], floors[f]));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
