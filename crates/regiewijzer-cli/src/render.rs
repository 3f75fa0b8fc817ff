//! Diagnostics as a person reads them: code, message, `file:line:column`, the source line with a caret
//! under the place, and the message in the other language as a note. A place the diagnostic is related
//! to (the first declaration of a name declared twice) follows as a `note:` with its own place and line.
//!
//! Rendering is done by `annotate-snippets` (the renderer of rustc), which takes our byte spans directly.
//! Each diagnostic hands it only an [`Excerpt`] of the source: the lines of its place, a long line cut
//! to [`CONTEXT`] bytes either side. So the work per diagnostic does not grow with the file, and a file
//! with many diagnostics renders in time linear in their number.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use regiewijzer_core::ast::Span;
use regiewijzer_core::diag::{LineCol, Related};
use regiewijzer_core::{Diagnostic, Severity};

use crate::ui::{Lang, Text, count, escape_inline};

/// The most bytes of a line shown on either side of a diagnostic's place.
pub const CONTEXT: usize = 160;
/// The most bytes of the place itself that are shown (a longer place is cut).
pub const MAX_PLACE: usize = 480;
/// Marks where a long line was cut.
const CUT: &str = "…";

/// The part of the source one diagnostic shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The lines of the place (cut to [`CONTEXT`] bytes around it, marked with `…`).
    pub text: String,
    /// The number of its first line in the file.
    pub first_line: usize,
    /// The place, as a byte range in `text`.
    pub place: Range<usize>,
    /// The line was cut before the place (so a column counted in `text` is not the column in the file).
    pub cut_left: bool,
}

/// The excerpt of `source` for `d`: found by looking at most [`CONTEXT`] bytes away from the place, so it
/// costs the same in a small file and a large one.
#[cfg(test)]
fn excerpt(source: &str, d: &Diagnostic) -> Excerpt {
    excerpt_of(source, d.span, d.start.line)
}

/// The excerpt of `source` for the place `span`, which starts on line `line`.
fn excerpt_of(source: &str, span: Span, line: u32) -> Excerpt {
    let place = byte_range(source, span);
    let place_end =
        floor(source, place.end.min(place.start.saturating_add(MAX_PLACE))).max(place.start);
    let reach_left = floor(source, place.start.saturating_sub(CONTEXT));
    let left = source
        .get(reach_left..place.start)
        .and_then(|s| s.rfind(['\n', '\r']))
        .map(|i| reach_left + i + 1);
    let reach_right = ceil(source, place_end.saturating_add(CONTEXT));
    let right = source
        .get(place_end..reach_right)
        .and_then(|s| s.find(['\n', '\r']))
        .map(|i| place_end + i);
    let (from, cut_left) = match left {
        Some(i) => (i, false),
        None => (reach_left, reach_left > 0),
    };
    let (to, cut_right) = match right {
        Some(i) => (i, false),
        None => (reach_right, reach_right < source.len()),
    };
    let mut text = String::new();
    if cut_left {
        text.push_str(CUT);
    }
    let shift = text.len();
    text.push_str(source.get(from..to).unwrap_or(""));
    if cut_right {
        text.push_str(CUT);
    }
    Excerpt {
        text,
        first_line: usize::try_from(line).unwrap_or(1).max(1),
        place: (place.start - from + shift)..(place_end - from + shift),
        cut_left,
    }
}

/// Stands for the path while rendering: the renderer counts the column in the excerpt, which is the
/// file's only when the line was not cut before the place. It holds a control character, which the
/// renderer shows visibly everywhere but in a path, so it cannot come from the title.
const PATH: &str = "\u{1}path";

/// One diagnostic, rendered (ends with a newline). The path and the note are escaped here because
/// `annotate-snippets` writes them as they are (titles and source lines it makes visible itself).
pub fn diagnostic(lang: Lang, color: bool, path: &str, source: &str, d: &Diagnostic) -> Text {
    problem(lang, color, path, source, &Problem::from(d))
}

/// What the renderer shows of a problem: a checker's diagnostic and an analysis finding alike.
pub struct Problem<'a> {
    /// The code, e.g. `E301` or `A101`.
    pub code: &'a str,
    /// Error or warning.
    pub severity: Severity,
    /// The byte range in the source.
    pub span: Span,
    /// Where it starts.
    pub start: LineCol,
    /// The message in Dutch.
    pub message_nl: &'a str,
    /// The message in English.
    pub message_en: &'a str,
    /// Other places that belong to it.
    pub related: &'a [Related],
}

impl<'a> From<&'a Diagnostic> for Problem<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Problem {
            code: d.code,
            severity: d.severity,
            span: d.span,
            start: d.start,
            message_nl: &d.message_nl,
            message_en: &d.message_en,
            related: &d.related,
        }
    }
}

impl Problem<'_> {
    fn message(&self, lang: &str) -> &str {
        if lang == "en" {
            self.message_en
        } else {
            self.message_nl
        }
    }
}

/// One problem, rendered as [`diagnostic`] renders a diagnostic.
pub fn problem(lang: Lang, color: bool, path: &str, source: &str, d: &Problem) -> Text {
    let (name, level) = match d.severity {
        Severity::Error => (lang.pick("fout", "error"), Level::ERROR),
        Severity::Warning => (lang.pick("waarschuwing", "warning"), Level::WARNING),
    };
    let other = lang.other();
    let note_text = escape_inline(d.message(other.code()));
    let note = Level::NOTE
        .with_name(Some(other.code()))
        .message(note_text.as_str());
    let part = excerpt_of(source, d.span, d.start.line);
    let report = [Group::with_title(
        level
            .with_name(Some(name))
            .primary_title(d.message(lang.code()))
            .id(d.code),
    )
    .element(
        Snippet::source(part.text.as_str())
            .path(PATH)
            .line_start(part.first_line)
            .annotation(AnnotationKind::Primary.span(part.place.clone())),
    )
    .element(note)];
    let rendered = renderer(color).render(&report);
    let column = part.cut_left.then_some(d.start.column);
    let mut text = Text::rendered(&with_place(&rendered, path, column));
    text.push("\n");
    for r in d.related {
        text.append(related(lang, color, path, source, r));
    }
    text
}

/// A diagnostic of the case check, in the file (path, text) of `files` it is in, its related places in
/// the file they are in.
pub fn case_diagnostic(
    lang: Lang,
    color: bool,
    files: &[(&str, &str)],
    d: &regiewijzer_core::case::CaseDiagnostic,
) -> Text {
    let (path, source) = files.get(d.ruleset).copied().unwrap_or(("", ""));
    let mut p = Problem::from(&d.diagnostic);
    p.related = &[];
    let mut text = problem(lang, color, path, source, &p);
    let (other, other_source) = d
        .related_ruleset
        .and_then(|j| files.get(j).copied())
        .unwrap_or((path, source));
    for r in &d.diagnostic.related {
        text.append(related(lang, color, other, other_source, r));
    }
    text
}

/// A place a diagnostic is related to, as a note with its place and line (ends with a newline).
fn related(lang: Lang, color: bool, path: &str, source: &str, r: &Related) -> Text {
    let part = excerpt_of(source, r.span, r.start.line);
    let report = [Group::with_title(
        Level::NOTE
            .with_name(Some(lang.pick("zie", "note")))
            .primary_title(r.message(lang.code())),
    )
    .element(
        Snippet::source(part.text.as_str())
            .path(PATH)
            .line_start(part.first_line)
            .annotation(AnnotationKind::Primary.span(part.place.clone())),
    )];
    let column = part.cut_left.then_some(r.start.column);
    let mut text = Text::rendered(&with_place(&renderer(color).render(&report), path, column));
    text.push("\n");
    text
}

/// The renderer, with colour or plain.
fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// `rendered` with the path put in for [`PATH`], and the core's `column` for the renderer's when given.
fn with_place(rendered: &str, path: &str, column: Option<u32>) -> String {
    let Some(at) = rendered.find(PATH) else {
        return rendered.to_string();
    };
    let (before, rest) = rendered.split_at(at);
    let rest = rest.get(PATH.len()..).unwrap_or("");
    let mut out = format!("{before}{}", escape_inline(path));
    let place_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .count();
    let (place, after) = rest.split_at(place_len);
    match (column, place.rsplit_once(':')) {
        (Some(c), Some((line, _))) => out.push_str(&format!("{line}:{c}")),
        _ => out.push_str(place),
    }
    out.push_str(after);
    out
}

/// Every diagnostic, each followed by an empty line.
pub fn diagnostics(
    lang: Lang,
    color: bool,
    path: &str,
    source: &str,
    diags: &[Diagnostic],
) -> Text {
    let mut text = Text::new();
    for d in diags {
        text.append(diagnostic(lang, color, path, source, d));
        text.push("\n");
    }
    text
}

/// Every diagnostic of a file followed by its closing line.
pub fn report(lang: Lang, color: bool, path: &str, source: &str, diags: &[Diagnostic]) -> Text {
    let mut text = diagnostics(lang, color, path, source, diags);
    text.push(summary(lang, path, diags));
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
fn byte_range(source: &str, span: Span) -> Range<usize> {
    let len = source.len();
    let start = floor(source, usize::try_from(span.start).unwrap_or(len).min(len));
    let end = ceil(
        source,
        usize::try_from(span.end).unwrap_or(len).clamp(start, len),
    );
    start..end
}

/// The character boundary at or before `i` (clamped to the text).
fn floor(source: &str, i: usize) -> usize {
    let mut i = i.min(source.len());
    while i > 0 && !source.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character boundary at or after `i` (clamped to the text).
fn ceil(source: &str, i: usize) -> usize {
    let mut i = i.min(source.len());
    while i < source.len() && !source.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use regiewijzer_core::diag::{DiagKind, LineIndex};

    fn unknown_x() -> DiagKind {
        DiagKind::UnknownFact {
            name: "x".into(),
            suggestion: None,
        }
    }

    fn diag(source: &str, start: u32, end: u32) -> Diagnostic {
        let index = LineIndex::new(source);
        Diagnostic::new(unknown_x(), Span { start, end }, &index)
    }

    fn plain(t: Text) -> String {
        t.written(false, false)
    }

    #[test]
    fn ranges_are_clamped_to_the_text_and_its_characters() {
        let src = "ab é\n";
        assert_eq!(byte_range(src, diag(src, 4, 4).span), 3..5);
        assert_eq!(byte_range(src, diag(src, 90, 99).span), 6..6);
        assert_eq!(byte_range(src, diag(src, 2, 1).span), 2..2);
    }

    #[test]
    fn shows_code_place_caret_and_both_languages() {
        let src = "fact a: bool\n  ask when é = yes\n";
        let d = diag(src, 25, 27);
        let text = plain(diagnostic(Lang::Nl, false, "x.regels", src, &d));
        assert!(text.contains("fout[E301]: onbekend gegeven `x`"), "{text}");
        assert!(text.contains("--> x.regels:2:12"), "{text}");
        assert!(text.contains("ask when é = yes"), "{text}");
        assert!(text.contains("^"), "{text}");
        assert!(text.contains("en: unknown fact `x`"), "{text}");
        let en = plain(diagnostic(Lang::En, false, "x.regels", src, &d));
        assert!(en.contains("error[E301]: unknown fact `x`"), "{en}");
        assert!(en.contains("nl: onbekend gegeven `x`"), "{en}");
    }

    #[test]
    fn renders_places_at_the_very_end_and_in_empty_files() {
        for src in ["", "ruleset", "a\r\nb\r\n"] {
            let len = u32::try_from(src.len()).unwrap();
            let text = plain(diagnostic(
                Lang::En,
                true,
                "f",
                src,
                &diag(src, len, len + 3),
            ));
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

    /// The diagnostics of `source` as the core gives them.
    fn diags_of(source: &str) -> Vec<Diagnostic> {
        regiewijzer_core::compile(source).diagnostics
    }

    /// The bytes of source handed to the renderer for one diagnostic at every `@` of `source` (made
    /// here, since the core itself gives at most 100 and a count: the renderer must stay linear however
    /// many it is given).
    fn work(source: &str) -> (usize, usize) {
        let index = LineIndex::new(source);
        let diags: Vec<Diagnostic> = source
            .match_indices('@')
            .map(|(i, _)| {
                let start = u32::try_from(i).unwrap_or(u32::MAX);
                let span = Span {
                    start,
                    end: start + 1,
                };
                Diagnostic::new(unknown_x(), span, &index)
            })
            .collect();
        let bytes = diags.iter().map(|d| excerpt(source, d).text.len()).sum();
        (diags.len(), bytes)
    }

    #[test]
    fn the_work_of_rendering_grows_linearly_with_the_diagnostics() {
        // Bad characters on one long line, and on many lines: each diagnostic is handed at most its own
        // bounded excerpt, never the whole source (which made 8,000 of them take minutes).
        let per = 2 * CONTEXT + MAX_PLACE + 2 * CUT.len();
        for n in [200, 400, 800] {
            for source in [
                format!("ruleset r\n{}\n", "@ ".repeat(n)),
                format!("ruleset r\n{}", "@\n".repeat(n)),
            ] {
                let (count, bytes) = work(&source);
                assert!(count >= n / 2, "{count} diagnostics for {n} bad characters");
                assert!(
                    bytes <= count * per,
                    "{bytes} bytes handed to the renderer for {count} diagnostics"
                );
            }
        }
        // Doubling the diagnostics at most doubles the work (a quadratic renderer quadruples it).
        let (c1, b1) = work(&format!("ruleset r\n{}\n", "@ ".repeat(1000)));
        let (c2, b2) = work(&format!("ruleset r\n{}\n", "@ ".repeat(2000)));
        assert!(c2 >= 2 * c1 - 2, "{c1} then {c2} diagnostics");
        assert!(b2 <= 2 * b1 * 11 / 10, "{b1} then {b2} bytes");
    }

    #[test]
    fn an_excerpt_is_the_lines_of_the_place_cut_around_it_on_a_long_line() {
        let src = "ruleset r\n  fact a: bool\n  ask when ? = yes\nrule b\n";
        let d = diags_of(src)
            .into_iter()
            .find(|d| d.code == "E101")
            .unwrap();
        let e = excerpt(src, &d);
        assert_eq!(e.text, "  ask when ? = yes");
        assert_eq!(e.first_line, 3);
        assert_eq!(e.text.get(e.place.clone()), Some("?"));
        // A long line is cut on both sides, and marked; the place keeps pointing at the bad character.
        let long = format!("ruleset r\n{}?{}\n", "a ".repeat(500), "b ".repeat(500));
        let d = diags_of(&long)
            .into_iter()
            .find(|d| d.code == "E101")
            .unwrap();
        let e = excerpt(&long, &d);
        assert!(
            e.text.starts_with(CUT) && e.text.ends_with(CUT),
            "{}",
            e.text
        );
        assert!(
            e.text.len() <= 2 * CONTEXT + 2 * CUT.len() + 1,
            "{}",
            e.text.len()
        );
        assert_eq!(e.text.get(e.place.clone()), Some("?"));
        // The place shown is the core's, also when the line is cut.
        let shown = plain(diagnostic(Lang::En, false, "l.regels", &long, &d));
        assert!(shown.contains("--> l.regels:2:1001"), "{shown}");
        assert!(shown.contains("2 | ..."), "{shown}");
    }

    #[test]
    fn a_name_declared_twice_shows_where_it_was_first_declared() {
        let src = "ruleset r\n  title nl \"T\" en \"T\"\n  version \"1\"\nfact a: bool\n  label nl \"A\" en \"A\"\nfact a: bool\n  label nl \"A\" en \"A\"\n";
        let d = diags_of(src)
            .into_iter()
            .find(|d| d.code == "E306")
            .unwrap();
        let en = plain(diagnostic(Lang::En, false, "x.regels", src, &d));
        assert!(en.contains("--> x.regels:6:6"), "{en}");
        assert!(en.contains("note: first declared at 4:6"), "{en}");
        assert!(en.contains("--> x.regels:4:6"), "{en}");
        assert!(en.contains("4 | fact a: bool"), "{en}");
        let nl = plain(diagnostic(Lang::Nl, false, "x.regels", src, &d));
        assert!(nl.contains("zie: eerder gedeclareerd op 4:6"), "{nl}");
    }

    #[test]
    fn an_oversized_file_of_nul_bytes_is_not_rendered_whole() {
        let src = "\0".repeat(regiewijzer_core::limits::MAX_SOURCE_BYTES + 1);
        let d = regiewijzer_core::source::too_large(src.len());
        let e = excerpt(&src, &d);
        assert!(e.text.len() <= CONTEXT + CUT.len(), "{}", e.text.len());
    }
}
