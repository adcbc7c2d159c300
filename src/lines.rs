//! Byte offset → line and column, computed only when a finding is rendered.

/// Line starts of one text, for turning byte offsets into positions, and running counts of its
/// characters every [`BLOCK`] bytes, so that the column of any offset, asked in any order, costs
/// at most one block of counting and never a scan of its whole line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For block `k`: characters, and characters outside the Basic Multilingual Plane (two
    /// UTF-16 units each), that start before byte `k * BLOCK`.
    blocks: Vec<(usize, usize)>,
}

/// Bytes between two running counts: small enough that counting the rest of a block for each
/// finding stays cheap, large enough that the counts take little room (16 bytes a KiB).
const BLOCK: usize = 1024;

/// Offsets of every CR and LF in `bytes`.
fn line_break_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n' || b == b'\r')
        .map(|(i, _)| i)
}

/// Whether `byte` starts a character, and whether that character needs two UTF-16 units.
/// Counting by lead bytes works at any offset, even one inside a character.
fn lead(byte: u8) -> (usize, usize) {
    (usize::from(byte & 0xc0 != 0x80), usize::from(byte >= 0xf0))
}

/// A 1-based position; `column` counts Unicode scalar values (characters), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// Unicode scalar values: what an editor's cursor moves over (most tools).
    #[default]
    Chars,
    /// UTF-16 code units: what SARIF consumers and JavaScript-based editors count.
    Utf16,
}

impl Unit {
    fn count(self, text: &str) -> usize {
        match self {
            Unit::Chars => text.chars().count(),
            Unit::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // A line ends at LF, CRLF, or a lone CR (old Mac files), as in editors and SARIF.
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            line_break_bytes(bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let (mut chars, mut astral) = (0, 0);
        for chunk in text.as_bytes().chunks(BLOCK) {
            blocks.push((chars, astral));
            for &byte in chunk {
                let (c, a) = lead(byte);
                chars += c;
                astral += a;
            }
        }
        blocks.push((chars, astral));
        LineIndex { starts, blocks }
    }

    /// Columns in `unit` of the characters that start before byte `offset` of `text`.
    fn count_to(&self, text: &str, offset: usize, unit: Unit) -> usize {
        let block = offset / BLOCK;
        let (mut chars, mut astral) = self.blocks.get(block).copied().unwrap_or_default();
        let from = (block * BLOCK).min(offset);
        for &byte in text.as_bytes().get(from..offset).unwrap_or_default() {
            let (c, a) = lead(byte);
            chars += c;
            astral += a;
        }
        match unit {
            Unit::Chars => chars,
            Unit::Utf16 => chars + astral,
        }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// The offset where 0-based `line` starts, if the text has that many lines.
    pub fn try_line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based line and character column of `offset` in `text` (the text this index was built
    /// from). An offset inside a character is counted as that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_in(text, offset, Unit::Chars)
    }

    /// [`LineIndex::position`] with columns counted in `unit`.
    pub fn position_in(&self, text: &str, offset: usize, unit: Unit) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let mut start = self.starts[line];
        // A byte-order mark is not a column an editor shows.
        const BOM: &[u8] = "\u{feff}".as_bytes();
        while text
            .as_bytes()
            .get(start..offset)
            .is_some_and(|b| b.starts_with(BOM))
        {
            start += BOM.len();
        }
        let column = self.count_to(text, offset, unit) - self.count_to(text, start, unit);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

/// Positions of offsets taken in increasing order, each counted on from the last: on a very
/// long line, counting every column from the line start would make rendering quadratic.
#[derive(Debug)]
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    unit: Unit,
    last: Option<(usize, Position)>,
}

impl LineIndex {
    pub fn cursor<'a>(&'a self, text: &'a str) -> Cursor<'a> {
        self.cursor_in(text, Unit::Chars)
    }

    /// A cursor counting columns in `unit`.
    pub fn cursor_in<'a>(&'a self, text: &'a str, unit: Unit) -> Cursor<'a> {
        Cursor {
            index: self,
            text,
            unit,
            last: None,
        }
    }
}

impl Cursor<'_> {
    /// The position of `offset`; cheapest when offsets come in increasing order.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let position = match self.last {
            Some((from, at))
                if at.line == line + 1
                    && from <= offset
                    && self.text.is_char_boundary(from)
                    && self.text.is_char_boundary(offset) =>
            {
                let more = self.unit.count(&self.text[from..offset]);
                Position {
                    line: at.line,
                    column: at.column + more,
                }
            }
            _ => self.index.position_in(self.text, offset, self.unit),
        };
        self.last = Some((offset, position));
        position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\n£cd\r\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // '£' is two bytes; 'c' is the second character of line 2.
        assert_eq!(index.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(index.position(text, 9), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 3, column: 2 });
        let mut cursor = index.cursor(text);
        for offset in [0, 3, 5, 9, 5, 0] {
            assert_eq!(cursor.position(offset), index.position(text, offset));
        }
        // '😀' is one character but two UTF-16 code units.
        let emoji = "a😀b";
        let index = LineIndex::new(emoji);
        assert_eq!(index.position(emoji, 5).column, 3);
        assert_eq!(index.position_in(emoji, 5, Unit::Utf16).column, 4);
        let mut cursor = index.cursor_in(emoji, Unit::Utf16);
        assert_eq!(cursor.position(1).column, 2);
        assert_eq!(cursor.position(5).column, 4);
        // Lines longer than a block of counts, with characters of every width across its
        // edges, give the columns a count from the line start gives.
        let long = "a£€😀\n".repeat(700) + &"x€😀".repeat(900);
        let index = LineIndex::new(&long);
        for (offset, _) in long.char_indices().step_by(7) {
            let start = long[..offset].rfind('\n').map_or(0, |i| i + 1);
            for unit in [Unit::Chars, Unit::Utf16] {
                let expected = unit.count(&long[start..offset]) + 1;
                assert_eq!(index.position_in(&long, offset, unit).column, expected);
            }
        }
        // A lone CR ends a line, as LF and CRLF do.
        let mac = "ab\rcd\r\nef\n\rg";
        let index = LineIndex::new(mac);
        let at = |offset| index.position(mac, offset);
        assert_eq!(at(3), Position { line: 2, column: 1 });
        assert_eq!(at(7), Position { line: 3, column: 1 });
        assert_eq!(at(10), Position { line: 4, column: 1 });
        assert_eq!(at(11), Position { line: 5, column: 1 });
        let bom = "\u{feff}ab";
        assert_eq!(
            LineIndex::new(bom).position(bom, 4),
            Position { line: 1, column: 2 }
        );
    }
}
