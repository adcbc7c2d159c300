//! copydesk: an editorial-policy linter for news articles.
//!
//! The library parses articles ([`document::Document`]), loads and compiles rule sets
//! ([`rules`]), runs them ([`engine`]) into reports ([`report`]) and renders them, one
//! [`output::Emitter`] per format ([`output`]). It never prints to the
//! terminal on its own and never exits the process; the `copydesk` binary does both.

// The library decides and the binary speaks: nothing here writes to the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// A located rule-file error is 128 bytes; it is made only on the cold path of loading a bad rule
// file, where boxing every `Result` would buy nothing.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod error;
pub mod explain;
pub mod fix;
pub mod input;
pub mod lines;
pub mod output;
pub mod report;
pub mod rules;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod walk;
