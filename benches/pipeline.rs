//! The per-article pipeline, timed by divan: loading the default rule sets, parsing an
//! article, checking it, fixing it. `cargo bench` runs it; `scripts/bench.sh` measures whole
//! runs against ripgrep. Articles come from the BBC corpus beside the checkout when it is there,
//! else from `examples/`.

use copydesk::config::Config;
use copydesk::document::{Document, Format};
use copydesk::engine::Linter;
use copydesk::fix::FixOptions;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A short, a typical and a long article (by bytes) from the corpus, or the examples.
static ARTICLES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let corpus = root().join("../shared/corpora/bbc");
    let mut files: Vec<PathBuf> = if corpus.is_dir() {
        ["business", "politics", "sport", "tech", "entertainment"]
            .iter()
            .flat_map(|section| {
                std::fs::read_dir(corpus.join(section))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
            })
            .collect()
    } else {
        vec![
            root().join("examples/council-budget.txt"),
            root().join("examples/clean.txt"),
        ]
    };
    files.sort();
    let mut texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    texts.sort_by_key(|(_, t)| t.len());
    let pick = |i: usize| texts[i.min(texts.len() - 1)].clone();
    let n = texts.len();
    vec![pick(n / 10), pick(n / 2), pick(n - 1 - n / 100)]
});

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::defaults(root());
    Linter::new(config.apply(config.load_rulesets(&[]).unwrap()).unwrap())
});

fn sizes() -> impl Iterator<Item = usize> {
    0..3
}

/// Loading and compiling the default rule sets: most of a single-article run's start-up.
#[divan::bench(sample_count = 20)]
fn load_default_rules() -> Linter {
    let config = Config::defaults(root());
    Linter::new(config.apply(config.load_rulesets(&[]).unwrap()).unwrap())
}

#[divan::bench(args = sizes())]
fn parse(bencher: divan::Bencher, which: usize) {
    let text = ARTICLES[which].1.clone();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| Document::parse(divan::black_box(text.clone()), Format::Text));
}

#[divan::bench(args = sizes())]
fn check(bencher: divan::Bencher, which: usize) {
    let linter = &*LINTER;
    let doc = Document::parse(ARTICLES[which].1.clone(), Format::Text);
    // The first search of each form of each regex builds it: do that outside the timing.
    linter.check_document(&doc);
    bencher
        .counter(divan::counter::BytesCount::new(doc.source.len()))
        .bench(|| linter.check_document(divan::black_box(&doc)));
}

#[divan::bench(args = sizes())]
fn fix(bencher: divan::Bencher, which: usize) {
    let linter = &*LINTER;
    let text = &ARTICLES[which].1;
    linter.fix_text(text, Format::Text, FixOptions::default());
    bencher.bench(|| linter.fix_text(divan::black_box(text), Format::Text, FixOptions::default()));
}
