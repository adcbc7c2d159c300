//! One article, parsed once: its format, front matter, blocks, sentences and words, and the prose
//! mask every rule searches.

mod dateline;
mod front_matter;
mod furniture;
mod html;
mod markdown;
pub mod quotes;
pub mod sentences;
mod text;

pub use front_matter::{FrontMatter, FrontMatterEntry, FrontMatterFormat};
pub use quotes::Quotation;

use crate::analysis::attribution::{Attribution, Attributor};
use crate::analysis::grammar::SentenceAnalysis;
use crate::analysis::speakers;
use crate::analysis::time::{self, TimeExpression};
use crate::diagnostic::Span;
use copydesk_regex::{Regex, RegexBuilder, TextProfile};
use std::ops::Range;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

/// The article formats copydesk reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.txt`: headline on the first line when a blank line follows; paragraphs split on blank
    /// lines, or on every line break when the file has no blank line.
    Text,
    /// `.md`, `.markdown`: CommonMark with optional YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// `.html`, `.htm`: an article as a CMS exports it; the text of its paragraphs, headings,
    /// block quotes and list items.
    Html,
}

impl Format {
    /// Every extension copydesk checks, for messages and for walking folders.
    pub const EXTENSIONS: &'static [&'static str] = &["txt", "md", "markdown", "html", "htm"];

    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    }
}

/// How a plain-text article marks its paragraphs, when the configuration says so rather than
/// leaving it to be read from the text (`layout` in an `[[overrides]]` entry).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Read from the text: blank lines, first-line indents, wrapped or unwrapped lines.
    #[default]
    Auto,
    /// Only blank lines end a paragraph; every line break inside one is a wrapped line.
    BlankLines,
    /// A line indented past the margin starts a paragraph (as do blank lines); a line on the
    /// margin continues the one before (wire copy).
    Indented,
    /// Every line is a paragraph (scraped copy).
    LinePerParagraph,
}

/// What a block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A headline or Markdown heading, with its level (the `.txt` headline is level 1).
    Heading(u8),
    Paragraph,
    Blockquote,
    ListItem,
}

/// A block of prose: a headline, paragraph, blockquote paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// From the first to the last prose byte of the block.
    pub span: Span,
    /// Indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// One sentence, inside one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// Indices into [`Document::words`].
    pub words: Range<usize>,
}

/// A parsed article. Every span is a byte range into [`Document::source`].
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's text exactly as read (a byte-order mark, if any, included).
    pub source: String,
    pub format: Format,
    /// The source with everything that is not prose (markup, code, HTML, link targets, URLs,
    /// front matter, a byte-order mark) blanked byte for byte: the same length as `source`, line
    /// breaks kept, so a regex run over it reports source offsets.
    pub mask: String,
    /// The profile of the characters `mask` holds (counted before URLs were blanked, so
    /// perhaps a few more), which decides the compiled form of a regex that searches it or any
    /// part of it: see [`Document::profile`].
    profile: TextProfile,
    pub front_matter: Option<FrontMatter>,
    /// The dateline that opens the story (`WASHINGTON, Nov. 28 (Reuters) -`): prose in the mask
    /// (house style applies to it), but in no block or sentence, so never an event, a quotation
    /// or a speaker.
    pub dateline: Option<Span>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// Word spans, in order (Unicode word boundaries; "don't" and "1.13bn" are one word each).
    pub words: Vec<Span>,
    /// Quotations, in order.
    pub quotes: Vec<Quotation>,
    /// Quotation marks without a partner.
    pub unbalanced_quotes: Vec<Span>,
    /// The character references of an HTML article (`&rsquo;`), sorted: the mask holds each
    /// one's character and padding, so a span found in the mask is widened to whole entities.
    pub entities: Vec<Span>,
    /// Raw HTML in a Markdown article (comments included), and the comment lines of a
    /// plain-text article: where suppressions are written.
    pub html: Vec<Span>,
    /// Who said each quotation, with the built-in word lists: worked out when first asked
    /// ([`Document::attributions`]) and kept for every rule that asks again.
    attributions: OnceLock<Vec<Attribution>>,
    /// Every attribution of the article, found when first asked for ([`Document::speech`]).
    speech: OnceLock<Vec<speakers::Attribution>>,
    /// What says when: every time expression of the prose, found when first asked
    /// ([`Document::times`]) and kept for every rule that asks again.
    times: OnceLock<Vec<TimeExpression>>,
    /// The grammar of each sentence: worked out when first asked
    /// ([`Document::sentence_analysis`]) and kept for every rule that asks again.
    grammar: OnceLock<Vec<SentenceAnalysis>>,
}

/// Prose ranges of one block, as found by a format's parser, before sentences are split.
pub(crate) struct RawBlock {
    pub kind: BlockKind,
    pub span: Span,
}

const BOM: &str = "\u{feff}";

static URL: LazyLock<Regex> = LazyLock::new(|| {
    // A literal pattern, checked by the tests: it cannot fail to compile. Compiled per alphabet
    // like the rules' patterns, so an ASCII article does not pay for Unicode tables.
    RegexBuilder::new(r"\b(?:https?://|ftp://|www\.)[^\s<>()\[\]{}]*[^\s<>()\[\]{}.,;:!?'’“”]")
        .case_insensitive(true)
        .build_trusted()
});

/// The regexes of this module, for the automata stored ahead of time.
#[cfg(test)]
pub(crate) fn fixed_regexes() -> Vec<&'static Regex> {
    vec![&*URL]
}

impl Document {
    /// Parses `source` as `format`. Never fails: every text is some article.
    pub fn parse(source: String, format: Format) -> Document {
        Document::parse_as(source, format, Layout::Auto)
    }

    /// [`Document::parse`], with a plain-text article's layout given (Markdown has its own).
    pub fn parse_as(source: String, format: Format, layout: Layout) -> Document {
        let mut mask = source.clone();
        let body_start = if source.starts_with(BOM) {
            blank(&mut mask, Span::new(0, BOM.len()));
            BOM.len()
        } else {
            0
        };
        let mut entities = Vec::new();
        let (mut raw_blocks, front_matter, html) = match format {
            Format::Text => {
                let (blocks, comments) = text::layout(&source, body_start, layout);
                for &comment in &comments {
                    blank(&mut mask, comment);
                }
                (blocks, None, comments)
            }
            Format::Html => {
                let read = html::read(&source, &mut mask, Span::new(body_start, source.len()));
                entities = read.entities;
                (read.blocks, None, read.comments)
            }
            Format::Markdown => {
                let front_matter = front_matter::parse(&source, body_start);
                if let Some(fm) = &front_matter {
                    blank(&mut mask, fm.span);
                }
                let read = markdown::blocks(&mut mask);
                let (mut blocks, html) = (read.blocks, read.html);
                // HTML blocks (a CMS export saved as `.md`) are article text, read as HTML.
                for &range in &read.html_blocks {
                    let inner = html::read(&source, &mut mask, range);
                    blocks.extend(inner.blocks);
                    entities.extend(inner.entities);
                }
                if !read.html_blocks.is_empty() {
                    blocks.sort_by_key(|b| b.span.start);
                    entities.sort_by_key(|e| e.start);
                }
                // The headline and standfirst fields are copy readers see: checked in place,
                // once the Markdown body has been read without them.
                let mut published = front_matter
                    .as_ref()
                    .map(|fm| fm.prose_blocks(&source))
                    .unwrap_or_default();
                for block in &published {
                    let span = block.span;
                    mask.replace_range(span.start..span.end, span.slice(&source));
                }
                published.extend(blocks);
                (published, front_matter, html)
            }
        };
        // Sign-offs and tables of figures are not prose: no rule reads them.
        let tables = match format {
            Format::Text => furniture::table_rows(&mask, &raw_blocks),
            Format::Markdown | Format::Html => vec![false; raw_blocks.len()],
        };
        let mut keep = tables.into_iter().map(|row| !row);
        raw_blocks.retain(|b| {
            let prose = keep.next().unwrap_or(true)
                && !(b.kind == BlockKind::Paragraph && furniture::is_sign_off(b.span.slice(&mask)));
            if !prose {
                blank(&mut mask, b.span);
            }
            prose
        });
        // The dateline that opens the body is no part of its first sentence.
        let dateline = take_dateline(&mask, &mut raw_blocks, front_matter.as_ref());
        // One pass over the text says which compiled form every regex searching it takes; it
        // is made before URLs are blanked, and still covers the mask after.
        let profile = TextProfile::of(&mask);
        blank_urls(&mut mask, profile);
        let mut document = Document {
            source,
            format,
            profile,
            mask,
            front_matter,
            dateline,
            blocks: Vec::with_capacity(raw_blocks.len()),
            sentences: Vec::new(),
            words: Vec::new(),
            quotes: Vec::new(),
            unbalanced_quotes: Vec::new(),
            entities,
            html,
            attributions: OnceLock::new(),
            speech: OnceLock::new(),
            times: OnceLock::new(),
            grammar: OnceLock::new(),
        };
        document.split_blocks(raw_blocks);
        let (quotes, unbalanced) = quotes::find(&document.source, &document.mask, &document.blocks);
        document.quotes = quotes;
        document.unbalanced_quotes = unbalanced;
        if !document.entities.is_empty() {
            for i in 0..document.quotes.len() {
                let q = &document.quotes[i];
                let (span, inner) = (document.snap(q.span), document.snap(q.inner));
                document.quotes[i].span = span;
                document.quotes[i].inner = inner;
            }
            for i in 0..document.unbalanced_quotes.len() {
                document.unbalanced_quotes[i] = document.snap(document.unbalanced_quotes[i]);
            }
        }
        document
    }

    fn split_blocks(&mut self, raw_blocks: Vec<RawBlock>) {
        for raw in raw_blocks {
            // Line breaks inside a block are soft: a sentence runs across them. ASCII for ASCII,
            // so offsets into `flat_line` are offsets into the block.
            let flat_line = raw.span.slice(&self.mask).replace(['\r', '\n'], " ");
            let block_index = self.blocks.len();
            let first_sentence = self.sentences.len();
            for (start, end) in sentences::split(&flat_line) {
                let first_word = self.words.len();
                let sentence_text = &flat_line[start..end];
                self.words.extend(
                    crate::analysis::tokens::words(sentence_text)
                        .map(|w| w.offset(raw.span.start + start)),
                );
                self.sentences.push(Sentence {
                    span: Span::new(start, end).offset(raw.span.start),
                    block: block_index,
                    words: first_word..self.words.len(),
                });
            }
            if self.sentences.len() == first_sentence {
                continue;
            }
            self.blocks.push(Block {
                kind: raw.kind,
                span: raw.span,
                sentences: first_sentence..self.sentences.len(),
            });
        }
    }

    /// Where the story says when it was filed: its dateline, and the front matter's date
    /// (`date`, `published`, `pubDate`, `date_published`). Either dates the first sentence of the
    /// body, and nothing further down.
    pub fn story_dates(&self) -> impl Iterator<Item = Span> + '_ {
        let front_matter = self.front_matter.as_ref().and_then(|fm| {
            [
                "date",
                "published",
                "pubDate",
                "date_published",
                "datePublished",
            ]
            .iter()
            .find_map(|key| fm.get(key).map(|e| e.value_span).filter(|s| !s.is_empty()))
        });
        self.dateline.into_iter().chain(front_matter)
    }

    /// Where the body starts: after the dateline, else after the front matter (whose headline
    /// and standfirst are copy, but not the body), else at the start. What [`story_dates`]
    /// date is the first unit that ends after it.
    ///
    /// [`story_dates`]: Document::story_dates
    pub fn body_start(&self) -> usize {
        match (&self.dateline, &self.front_matter) {
            (Some(dateline), _) => dateline.end,
            (None, Some(fm)) => fm.span.end,
            (None, None) => 0,
        }
    }

    /// One attribution per quotation, in order, found with the built-in word lists
    /// ([`Attributor::default_ref`]): computed the first time it is asked for, then shared.
    pub fn attributions(&self) -> &[Attribution] {
        self.attributions
            .get_or_init(|| Attributor::default_ref().attribute(self))
    }

    /// Every attribution in the article (who says what, outside quotations), with the class of
    /// each speaker, found with the built-in word lists: computed the first time it is asked
    /// for, then shared.
    pub fn speech(&self) -> &[speakers::Attribution] {
        self.speech
            .get_or_init(|| speakers::Lexicon::default_ref().attributions(self))
    }

    /// Every time expression of the prose (its sentences and its dateline), in order, none
    /// overlapping another ([`time::in_document`]): computed the first time it is asked for,
    /// then shared.
    pub fn times(&self) -> &[TimeExpression] {
        self.times.get_or_init(|| time::in_document(self))
    }

    /// The time expressions that overlap `span`, found by binary search.
    pub fn times_in(&self, span: Span) -> &[TimeExpression] {
        let times = self.times();
        let first = times.partition_point(|t| t.span.end <= span.start);
        let last = times.partition_point(|t| t.span.start < span.end);
        &times[first..last.max(first)]
    }

    /// The grammar of each sentence, one per [`Document::sentences`] in the same order: tokens
    /// with part of speech and lemma, noun phrases and verb groups
    /// ([`grammar`](crate::analysis::grammar)). Computed for the whole article the first time
    /// a rule asks, then shared; an article no such rule reads never pays for it.
    pub fn sentence_analysis(&self) -> &[SentenceAnalysis] {
        self.grammar
            .get_or_init(|| crate::analysis::grammar::analyse(self))
    }

    /// The prose of `span` with every quotation in it blanked to spaces, byte for byte, built
    /// in one pass: the text attributions are read in, where words inside quotation marks
    /// attribute nothing.
    pub fn prose_outside_quotes(&self, span: Span) -> String {
        let prose = self.prose(span);
        let mut text = String::with_capacity(prose.len());
        let mut at = span.start;
        for q in self.quotes_in(span) {
            let start = q.span.start.max(at);
            let end = q.span.end.min(span.end);
            if start >= end || !self.source.is_char_boundary(start) {
                continue;
            }
            text.push_str(self.prose(Span::new(at, start)));
            text.extend(std::iter::repeat_n(' ', end - start));
            at = end;
        }
        text.push_str(self.prose(Span::new(at, span.end)));
        text
    }

    /// `span` widened so that it neither starts nor ends inside an HTML entity.
    pub fn snap(&self, span: Span) -> Span {
        let inside = |at: usize| {
            let i = self.entities.partition_point(|e| e.end <= at);
            self.entities
                .get(i)
                .filter(|e| e.start < at && at < e.end)
                .copied()
        };
        let start = inside(span.start).map_or(span.start, |e| e.start);
        let end = inside(span.end).map_or(span.end, |e| e.end);
        Span::new(start, end.max(start))
    }

    /// The source text of `span`.
    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.source)
    }

    /// The masked text of `span`: what rules search.
    pub fn prose(&self, span: Span) -> &str {
        span.slice(&self.mask)
    }

    /// The profile of the article's alphabet, which every regex search of its text takes
    /// (`regex.find_iter(doc.profile(), doc.prose(span))`): it covers the mask, every part of
    /// it, and any text made of the article's own characters, so each regex compiles one form
    /// for the whole article.
    pub fn profile(&self) -> TextProfile {
        self.profile
    }

    /// Whether `span` lies within the words of a quotation.
    pub fn in_quote(&self, span: Span) -> bool {
        // Quotations are sorted and do not overlap: the candidate is the last that starts
        // at or before `span`.
        let i = self.quotes.partition_point(|q| q.inner.start <= span.start);
        i > 0 && self.quotes[i - 1].inner.contains(span)
    }

    /// The quotations that overlap `span`, found by binary search.
    pub fn quotes_in(&self, span: Span) -> &[Quotation] {
        let first = self.quotes.partition_point(|q| q.span.end <= span.start);
        let last = self.quotes.partition_point(|q| q.span.start < span.end);
        &self.quotes[first..last.max(first)]
    }

    /// The sentences that overlap `span`, found by binary search.
    pub fn sentences_in(&self, span: Span) -> &[Sentence] {
        let first = self.sentences.partition_point(|s| s.span.end <= span.start);
        let last = self.sentences.partition_point(|s| s.span.start < span.end);
        &self.sentences[first..last.max(first)]
    }

    /// The block holding `span`, if one does.
    pub fn block_at(&self, span: Span) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.span.end <= span.start);
        self.blocks.get(i).filter(|b| b.span.contains(span))
    }

    /// Whether `span` overlaps a quotation, marks included (an empty span: lies inside one).
    pub fn touches_quote(&self, span: Span) -> bool {
        let i = self.quotes.partition_point(|q| q.span.end <= span.start);
        self.quotes.get(i).is_some_and(|q| {
            q.span.overlaps(span) || (span.is_empty() && q.span.start < span.start)
        })
    }

    /// The whole article's span, front matter included.
    pub fn span(&self) -> Span {
        Span::new(0, self.source.len())
    }

    pub fn headings(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
    }

    /// The sentences of one block.
    pub fn block_sentences(&self, block: &Block) -> &[Sentence] {
        &self.sentences[block.sentences.clone()]
    }

    /// The words of one sentence.
    pub fn sentence_words(&self, sentence: &Sentence) -> &[Span] {
        &self.words[sentence.words.clone()]
    }
}

/// Replaces every byte of `span` in `mask` by a space, keeping line breaks.
/// Finds the dateline at the start of the body's first paragraph (after any headline and the
/// front matter's headline and standfirst) and takes it out of that block; a block that was
/// only the dateline (a wire table's first line) goes.
fn take_dateline(
    mask: &str,
    blocks: &mut Vec<RawBlock>,
    front_matter: Option<&FrontMatter>,
) -> Option<Span> {
    let body = front_matter.map_or(0, |fm| fm.span.end);
    let i = blocks
        .iter()
        .position(|b| b.span.start >= body && !matches!(b.kind, BlockKind::Heading(_)))?;
    if blocks[i].kind != BlockKind::Paragraph {
        return None;
    }
    let block = blocks[i].span;
    let text = block.slice(mask);
    let lead = text.len() - text.trim_start().len();
    let len = dateline::at_start(&text[lead..])?;
    let dateline = Span::new(block.start + lead, block.start + lead + len);
    let rest = &mask[dateline.end..block.end];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || dateline::PADDING.contains(&c))
            .len();
    if skipped == rest.len() {
        blocks.remove(i);
    } else {
        blocks[i].span = Span::new(dateline.end + skipped, block.end);
    }
    Some(dateline)
}

pub(crate) fn blank(mask: &mut String, span: Span) {
    // Take the text out, rebuild it, put it back: safe code, and `span` lies on character
    // boundaries, so the result has exactly the same length.
    let blanked: String = mask[span.start..span.end]
        .chars()
        .flat_map(|c| {
            let fill = if c == '\n' { '\n' } else { ' ' };
            std::iter::repeat_n(fill, if c == '\n' { 1 } else { c.len_utf8() })
        })
        .collect();
    mask.replace_range(span.start..span.end, &blanked);
}

/// Blanks every URL in one pass (blanking them one by one would copy the text once per URL).
fn blank_urls(mask: &mut String, profile: TextProfile) {
    let urls: Vec<Span> = URL.find_iter(profile, mask).map(Span::from).collect();
    if urls.is_empty() {
        return;
    }
    let mut out = String::with_capacity(mask.len());
    let mut at = 0;
    for span in urls {
        out.push_str(&mask[at..span.start]);
        out.extend(std::iter::repeat_n(' ', span.len()));
        at = span.end;
    }
    out.push_str(&mask[at..]);
    *mask = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanking_keeps_length_and_line_breaks() {
        let mut mask = String::from("a£b\nc");
        blank(&mut mask, Span::new(0, 6));
        assert_eq!(mask, "    \n ");
        assert_eq!(mask.len(), "a£b\nc".len());
    }

    #[test]
    fn the_dateline_is_its_own_object_in_every_format() {
        let body = "WASHINGTON, Nov. 28 (Reuters) - \"We won,\" Smith said. They met.";
        for (source, format) in [
            (format!("SENATE VOTES\n    {body}\n"), Format::Text),
            (format!("Senate votes\n\n{body}\n"), Format::Text),
            (
                format!("---\ntitle: Senate votes\ndescription: A vote.\ndate: 1987-11-28\n---\n\n# Senate votes\n\n{body}\n"),
                Format::Markdown,
            ),
            (
                format!("<html><body><h1>Senate votes</h1><p>{body}</p></body></html>"),
                Format::Html,
            ),
        ] {
            let doc = Document::parse(source.clone(), format);
            let dateline = doc.dateline.expect(&source);
            assert_eq!(doc.text(dateline), "WASHINGTON, Nov. 28 (Reuters) -", "{source}");
            // Still prose for house style, but no sentence, quotation or block holds it.
            assert_eq!(doc.prose(dateline), doc.text(dateline));
            let body: Vec<&str> = doc
                .sentences
                .iter()
                .filter(|s| s.span.start >= dateline.start)
                .map(|s| doc.text(s.span))
                .collect();
            assert_eq!(body.first(), Some(&"\"We won,\" Smith said."), "{source}");
            assert!(doc.blocks.iter().all(|b| !b.span.contains(dateline)));
            assert_eq!(doc.quotes.len(), 1);
            assert!(doc.story_dates().any(|d| d == dateline));
        }
        // An HTML dash entity is the dateline's dash, and the first sentence starts after it.
        let html = "<p>WASHINGTON &mdash; The House voted.</p>";
        let doc = Document::parse(html.into(), Format::Html);
        let dateline = doc.dateline.expect("an entity dash");
        assert_eq!(doc.text(dateline), "WASHINGTON &mdash;");
        assert_eq!(doc.text(doc.sentences[0].span), "The House voted.");
        // Only the body's first paragraph opens with a dateline.
        let later = "Senate votes\n\nThe vote was close.\n\nPARIS, March 3 - Smith left.\n";
        assert_eq!(Document::parse(later.into(), Format::Text).dateline, None);
    }

    #[test]
    fn sign_offs_and_tables_of_figures_are_not_prose() {
        let source = "HEAD <H> 4TH QTR NET\n    MIAMI, Feb 26 -\n    Shr 30 cts vs 5.92 dlrs\n    \
                      Net 1,142,000 vs 16.0 mln\n    The company said the the year was good.\n \
                      Reuter\n";
        let doc = Document::parse(source.into(), Format::Text);
        let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.text(s.span)).collect();
        assert_eq!(
            sentences,
            [
                "HEAD <H> 4TH QTR NET",
                "The company said the the year was good."
            ]
        );
        // The dateline alone on its line is the dateline, not a sentence.
        assert_eq!(doc.dateline.map(|d| doc.text(d)), Some("MIAMI, Feb 26 -"));
        for gone in ["Shr", "1,142,000", "Reuter"] {
            assert!(!doc.mask.contains(gone), "{gone} is still prose");
        }
        assert_eq!(doc.mask.len(), source.len());
    }

    #[test]
    fn urls_are_not_prose() {
        let doc = Document::parse(
            "Read it at https://example.com/a.b today.".into(),
            Format::Text,
        );
        let url = "https://example.com/a.b";
        assert_eq!(
            doc.mask,
            format!("Read it at {} today.", " ".repeat(url.len()))
        );
    }
}
