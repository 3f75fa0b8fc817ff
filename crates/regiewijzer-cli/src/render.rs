//! Diagnostics as a person reads them: code, message, `file:line:column`, the source line with a caret
//! under the place, and the message in the other language as a note.
//!
//! Rendering is done by `annotate-snippets` (the renderer of rustc), which takes our byte spans directly.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use regiewijzer_core::{Diagnostic, Severity};

use crate::ui::{Lang, count};

/// One diagnostic, rendered (ends with a newline).
pub fn diagnostic(lang: Lang, color: bool, path: &str, source: &str, d: &Diagnostic) -> String {
    let (name, level) = match d.severity {
        Severity::Error => (lang.pick("fout", "error"), Level::ERROR),
        Severity::Warning => (lang.pick("waarschuwing", "warning"), Level::WARNING),
    };
    let other = lang.other();
    let note = Level::NOTE
        .with_name(Some(other.code()))
        .message(d.message(other.code()));
    let report = [Group::with_title(
        level
            .with_name(Some(name))
            .primary_title(d.message(lang.code()))
            .id(d.code),
    )
    .element(
        Snippet::source(source)
            .path(path)
            .annotation(AnnotationKind::Primary.span(byte_range(source, d))),
    )
    .element(note)];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut text = renderer.render(&report);
    text.push('\n');
    text
}

/// Every diagnostic, each followed by an empty line.
pub fn diagnostics(
    lang: Lang,
    color: bool,
    path: &str,
    source: &str,
    diags: &[Diagnostic],
) -> String {
    let mut text = String::new();
    for d in diags {
        text.push_str(&diagnostic(lang, color, path, source, d));
        text.push('\n');
    }
    text
}

/// Every diagnostic of a file followed by its closing line.
pub fn report(lang: Lang, color: bool, path: &str, source: &str, diags: &[Diagnostic]) -> String {
    let mut text = diagnostics(lang, color, path, source, diags);
    text.push_str(&summary(lang, path, diags));
    text
}

/// The closing line of a file: `triage.regels: 0 fouten, 2 waarschuwingen`.
pub fn summary(lang: Lang, path: &str, diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len().saturating_sub(errors);
    format!(
        "{path}: {}, {}\n",
        count(lang, errors, "fout", "fouten", "error", "errors"),
        count(
            lang,
            warnings,
            "waarschuwing",
            "waarschuwingen",
            "warning",
            "warnings"
        )
    )
}

/// The byte range of `d`, clamped to the source and widened to character boundaries, so the renderer
/// never receives a range that does not fit the text.
fn byte_range(source: &str, d: &Diagnostic) -> std::ops::Range<usize> {
    let len = source.len();
    let mut start = usize::try_from(d.span.start).unwrap_or(len).min(len);
    let mut end = usize::try_from(d.span.end).unwrap_or(len).clamp(start, len);
    while start > 0 && !source.is_char_boundary(start) {
        start -= 1;
    }
    while end < len && !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use regiewijzer_core::ast::Span;
    use regiewijzer_core::diag::{DiagKind, LineIndex};

    fn diag(source: &str, start: u32, end: u32) -> Diagnostic {
        let index = LineIndex::new(source);
        Diagnostic::new(
            DiagKind::UnknownFact("x".into()),
            Span { start, end },
            &index,
        )
    }

    #[test]
    fn ranges_are_clamped_to_the_text_and_its_characters() {
        let src = "ab é\n";
        assert_eq!(byte_range(src, &diag(src, 4, 4)), 3..5);
        assert_eq!(byte_range(src, &diag(src, 90, 99)), 6..6);
        assert_eq!(byte_range(src, &diag(src, 2, 1)), 2..2);
    }

    #[test]
    fn shows_code_place_caret_and_both_languages() {
        let src = "fact a: bool\n  ask when é = yes\n";
        let d = diag(src, 25, 27);
        let text = diagnostic(Lang::Nl, false, "x.regels", src, &d);
        assert!(text.contains("fout[E301]: onbekend gegeven `x`"), "{text}");
        assert!(text.contains("--> x.regels:2:12"), "{text}");
        assert!(text.contains("ask when é = yes"), "{text}");
        assert!(text.contains("^"), "{text}");
        assert!(text.contains("en: unknown fact `x`"), "{text}");
        let en = diagnostic(Lang::En, false, "x.regels", src, &d);
        assert!(en.contains("error[E301]: unknown fact `x`"), "{en}");
        assert!(en.contains("nl: onbekend gegeven `x`"), "{en}");
    }

    #[test]
    fn renders_places_at_the_very_end_and_in_empty_files() {
        for src in ["", "ruleset", "a\r\nb\r\n"] {
            let len = u32::try_from(src.len()).unwrap();
            let text = diagnostic(Lang::En, true, "f", src, &diag(src, len, len + 3));
            assert!(text.contains("E301"), "{text}");
        }
    }

    #[test]
    fn summary_counts_errors_and_warnings() {
        let src = "x";
        let d = vec![diag(src, 0, 1)];
        assert_eq!(
            summary(Lang::En, "t.regels", &d),
            "t.regels: 1 error, 0 warnings\n"
        );
        assert_eq!(
            summary(Lang::Nl, "t.regels", &[]),
            "t.regels: 0 fouten, 0 waarschuwingen\n"
        );
    }
}
