//! Language analysis shared by the rules: done once per article and read by every rule that
//! needs it, rather than worked out again inside each rule.
//!
//! - [`tokens`]: the tokenizer (the words [`Document`](crate::document::Document) holds, and the
//!   name tokens the attribution finder reads).
//! - [`attribution`]: who said each quotation, from speech verbs and speakers
//!   ([`attribution::Attributor`]); with the built-in word lists (`rules/words/attribution.toml`)
//!   it is computed once per article, when first asked, and kept on the document
//!   ([`Document::attributions`](crate::document::Document::attributions)).

pub mod attribution;
pub mod events;
pub mod grammar;
pub mod lexicon;
pub mod tokens;
