//! Language analysis shared by the rules: done once per article and read by every rule that
//! needs it, rather than worked out again inside each rule.
//!
//! - [`tokens`]: the tokenizer (the words [`Document`](crate::document::Document) holds, and the
//!   name tokens the attribution finder reads).
//! - [`speakers`]: every attribution in an article (a speech verb, "according to", a passive
//!   that names nobody) with its speaker and the speaker's class ([`speakers::SpeakerClass`]),
//!   read from the structure of each sentence with word lists by lemma
//!   (`rules/words/speech.toml`); computed once per article when first asked
//!   ([`Document::speech`](crate::document::Document::speech)).
//! - [`attribution`]: who said each quotation, from speech verbs and speakers
//!   ([`attribution::Attributor`]); with the built-in word lists (`rules/words/attribution.toml`)
//!   it is computed once per article, when first asked, and kept on the document
//!   ([`Document::attributions`](crate::document::Document::attributions)).
//! - [`time`]: what says when: dates, weekdays, months, years, clock times, holidays, points in
//!   a match, relative dates (with their tier: wrong the next day, or later) and times anchored
//!   to another one; from the built-in word lists (`rules/words/time.toml`), computed once per
//!   article when first asked and kept on the document
//!   ([`Document::times`](crate::document::Document::times)).

pub mod attribution;
pub mod events;
pub mod grammar;
pub mod lexicon;
pub mod speakers;
pub mod time;
pub mod tokens;
