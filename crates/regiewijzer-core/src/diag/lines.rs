//! Placing byte offsets at line and column.

use super::LineCol;

/// Maps byte offsets to line and column. A line ends at a line feed (LF), a carriage return followed by a
/// line feed (CRLF), or a carriage return alone (CR), as in the lexer ([`is_line_break`]).
///
/// Built in one pass over the text; each look-up costs two binary searches, so placing every diagnostic of
/// a long line is linear in the text, not quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// For every character of more than one byte: its offset, and how many bytes more than one character
    /// all such characters up to and including it take (so a column is bytes minus these extra bytes).
    wide: Vec<(usize, usize)>,
}

/// The length of the line break that starts at byte `i` of `bytes` (LF, CRLF or a lone CR), or 0.
pub fn line_break_len(bytes: &[u8], i: usize) -> usize {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    }
}

/// True for the bytes that end a line: LF and CR (a CRLF pair is one line break).
pub fn is_line_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts and the wide characters of `source`.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        crate::work::tick(source.len());
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match line_break_len(bytes, i) {
                0 => i += 1,
                n => {
                    i += n;
                    line_starts.push(i);
                }
            }
        }
        let mut wide = Vec::new();
        let mut extra = 0;
        for (at, c) in source.char_indices() {
            if c.len_utf8() > 1 {
                extra += c.len_utf8() - 1;
                wide.push((at, extra));
            }
        }
        LineIndex {
            source,
            line_starts,
            wide,
        }
    }

    /// The byte offsets where lines start (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The extra bytes of the wide characters that start before `offset`.
    fn extra_before(&self, offset: usize) -> usize {
        let n = self.wide.partition_point(|&(at, _)| at < offset);
        n.checked_sub(1)
            .and_then(|k| self.wide.get(k))
            .map_or(0, |&(_, extra)| extra)
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        crate::work::tick(
            (usize::BITS - self.line_starts.len().leading_zeros()) as usize
                + 2 * (usize::BITS - self.wide.len().leading_zeros()) as usize,
        );
        let offset = (offset as usize).min(self.source.len());
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        // Saturating: an offset inside a wide character (no span has one) must not underflow.
        let extra = self
            .extra_before(offset)
            .saturating_sub(self.extra_before(start));
        let column = offset.saturating_sub(start).saturating_sub(extra);
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "ab\nxé y\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        // 'y' is at byte 7 (é is two bytes) but column 4.
        assert_eq!(idx.line_col(7), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn cr_lf_and_crlf_start_lines_and_wide_characters_count_once() {
        let src = "a\rb\r\nc\nd€€e";
        let idx = LineIndex::new(src);
        let at = |i: usize| {
            let lc = idx.line_col(i as u32);
            (lc.line, lc.column)
        };
        assert_eq!(at(2), (2, 1));
        assert_eq!(at(5), (3, 1));
        assert_eq!(at(7), (4, 1));
        assert_eq!(at(src.find('e').unwrap()), (4, 4));
        // Inside a wide character (no span is): a place, not a panic.
        assert_eq!(at(9), (4, 1));
    }
}
