//! From the bytes of a file to its text: the one decoding the command line and the browser element share,
//! so that a file the one accepts, the other accepts too, with the same text and so the same hash.
//!
//! A file is UTF-8. One leading byte order mark (`EF BB BF`, which some editors write) is not part of the
//! text and is dropped; any other byte sequence that is not UTF-8 is refused with `E112`, which names the
//! offset of the first bad byte and points at its line and column.

use crate::ast::Span;
use crate::diag::{DiagKind, Diagnostic, LineIndex};
use crate::limits::MAX_SOURCE_BYTES;

/// The byte order mark as UTF-8 bytes.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file: without one leading byte order mark, and only when the rest is UTF-8. Otherwise
/// the `E112` diagnostic, placed at the first bad byte (line and column counted in the text before it,
/// without the byte order mark, as an editor shows them).
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let (skipped, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let before = body
            .get(..at)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        let bad = e
            .error_len()
            .unwrap_or(body.len().saturating_sub(at))
            .max(1);
        Box::new(Diagnostic::new(
            DiagKind::NotUtf8 {
                offset: skipped + at,
                byte: body.get(at).copied().unwrap_or(0),
            },
            Span::new(at, at + bad),
            &LineIndex::new(before),
        ))
    })
}

/// Text that was decoded elsewhere (e.g. a string in the browser): without one leading byte order mark,
/// as [`decode`] gives it.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `E106` for a file of `size` bytes, more than [`MAX_SOURCE_BYTES`]: for a reader that stops at the limit
/// instead of reading the whole file.
pub fn too_large(size: usize) -> Diagnostic {
    Diagnostic::new(
        DiagKind::SourceTooLarge {
            size,
            limit: MAX_SOURCE_BYTES,
        },
        Span::new(0, 0),
        &LineIndex::new(""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_order_mark_is_dropped_and_the_rest_kept() {
        assert_eq!(decode(b"\xEF\xBB\xBFruleset a\n"), Ok("ruleset a\n"));
        assert_eq!(decode(b"ruleset a\n"), Ok("ruleset a\n"));
        assert_eq!(decode(b""), Ok(""));
        // A second one is text (and the lexer will say it does not belong there).
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFx"), Ok("\u{feff}x"));
        assert_eq!(strip_bom("\u{feff}x"), "x");
        assert_eq!(strip_bom("x\u{feff}"), "x\u{feff}");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_at_their_place_in_both_languages() {
        let d = decode(b"ruleset a\n  fact \xE9: bool\n").unwrap_err();
        assert_eq!(d.code, "E112");
        assert!(d.is_error());
        assert_eq!((d.start.line, d.start.column), (2, 8));
        assert_eq!(d.span, Span::new(17, 18));
        assert!(d.message_en.contains("byte 17 (0xE9)"), "{}", d.message_en);
        assert!(d.message_nl.contains("byte 17 (0xE9)"), "{}", d.message_nl);
        assert!(
            d.message_nl.contains("geen UTF-8-tekst"),
            "{}",
            d.message_nl
        );
        // With a byte order mark the offset is the file's, the place the text's.
        let d = decode(b"\xEF\xBB\xBFab\xFF").unwrap_err();
        assert!(d.message_en.contains("byte 5 (0xFF)"), "{}", d.message_en);
        assert_eq!((d.start.line, d.start.column), (1, 3));
        // A character cut off at the end.
        let d = decode(b"a\xC3").unwrap_err();
        assert_eq!(d.span, Span::new(1, 2));
    }

    #[test]
    fn too_large_names_the_size_and_the_limit() {
        let d = too_large(8 << 20);
        assert_eq!(d.code, "E106");
        assert!(d.message_en.contains("8388608 bytes; at most 1048576"));
    }
}
