//! Language, colour and writing to the terminal.

use std::io::{IsTerminal, Write};

use crate::error::CliError;

/// The language of everything a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The code the core uses (`"nl"`, `"en"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// `nl` or `en`, whichever this language is.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// Only on a terminal (or with `CLICOLOR_FORCE` set), and never when `NO_COLOR` is set.
    Auto,
    /// Always (also overrides `NO_COLOR`).
    Always,
    /// Never.
    Never,
}

/// How to talk to the person at the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// The language.
    pub lang: Lang,
    /// Colour on standard output.
    pub color_out: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// Standard output is a terminal.
    pub tty_out: bool,
    /// Standard error is a terminal.
    pub tty_err: bool,
}

impl Ui {
    /// Decides colour per stream from the choice, the environment and whether the stream is a terminal.
    /// With `auto`, a non-empty `NO_COLOR` always means no colour (<https://no-color.org>); otherwise a
    /// non-empty `CLICOLOR_FORCE` other than `0` means colour also when the output is not a terminal.
    pub fn new(lang: Lang, color: ColorWhen) -> Ui {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let force = set("CLICOLOR_FORCE");
        let decide = |tty: bool| match color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => !no_color && (tty || force),
        };
        let tty_out = std::io::stdout().is_terminal();
        let tty_err = std::io::stderr().is_terminal();
        Ui {
            lang,
            color_out: decide(tty_out),
            color_err: decide(tty_err),
            tty_out,
            tty_err,
        }
    }

    /// Writes `text` to standard output, escaped (see [`Text`]).
    pub fn out(&self, text: impl Into<Text>) -> Result<(), CliError> {
        let text = text.into().written(self.color_out, self.tty_out);
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(CliError::Output)
    }

    /// Writes `text` to standard error, escaped (a failure to do so cannot be reported anywhere).
    pub fn err(&self, text: impl Into<Text>) {
        let text = text.into().written(self.color_err, self.tty_err);
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
    }

    /// Reports an error of the command itself on standard error.
    pub fn error(&self, e: &CliError) {
        let mut text = Text::styled(RED_BOLD, self.lang.pick("fout", "error"));
        text.push(format!(": {}\n", e.message(self.lang)));
        self.err(text);
    }
}

/// Text on its way to the terminal. Every print of the command goes through [`Ui::out`] or [`Ui::err`]
/// as a `Text`, and there [`escape`] makes every control character in it visible (`\u{1b}`): rules,
/// answers and file names are not trusted, and an escape sequence in them must not colour, move, hide or
/// retitle anything. Only the styles put in with [`Text::styled`] (and those of the diagnostics renderer,
/// [`Text::rendered`]) reach the terminal, and only when that stream has colour.
#[derive(Debug, Default, Clone)]
pub struct Text {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    /// Messages and layout: every control character escaped except line breaks and tabs.
    Plain(String),
    /// A value that keeps to its line (a test's name): line breaks and tabs escaped too.
    Inline(String),
    /// JSON: escaped the JSON way (`\u001b`, only inside its strings), so that it stays the same JSON.
    Json(String),
    /// The text of a file (`fmt`): escaped on a terminal; exact when written to a file or pipe.
    Data(String),
    /// A style sequence of ours, written only when the stream has colour.
    Style(String),
}

impl Text {
    /// Empty text.
    pub fn new() -> Text {
        Text::default()
    }

    /// `text` in `style` (plain when the stream has no colour).
    pub fn styled(style: anstyle::Style, text: &str) -> Text {
        let mut t = Text::new();
        t.style(style, text);
        t
    }

    /// JSON (from serde_json), written as the same JSON value.
    pub fn json(text: String) -> Text {
        Text {
            parts: vec![Part::Json(text)],
        }
    }

    /// The text of a file.
    pub fn data(text: String) -> Text {
        Text {
            parts: vec![Part::Data(text)],
        }
    }

    /// Output of the diagnostics renderer: its style sequences become styles of ours, everything else is
    /// text. Sound because nothing handed to the renderer holds an escape character: it makes those in
    /// titles and source lines visible itself, and [`crate::render`] escapes the rest before.
    pub fn rendered(output: &str) -> Text {
        let mut t = Text::new();
        let mut rest = output;
        while let Some(at) = rest.find('\u{1b}') {
            let (before, from) = rest.split_at(at);
            t.push(before);
            let len = sgr_len(from);
            let (seq, after) = from.split_at(len.max(1));
            if len > 0 {
                t.parts.push(Part::Style(seq.to_string()));
            } else {
                t.push(seq);
            }
            rest = after;
        }
        t.push(rest);
        t
    }

    /// Adds text (messages and layout).
    pub fn push(&mut self, text: impl Into<String>) -> &mut Text {
        self.parts.push(Part::Plain(text.into()));
        self
    }

    /// Adds a value that must stay on its line.
    pub fn inline(&mut self, text: &str) -> &mut Text {
        self.parts.push(Part::Inline(text.to_string()));
        self
    }

    /// Adds `text` in `style`.
    pub fn style(&mut self, style: anstyle::Style, text: &str) -> &mut Text {
        self.parts.push(Part::Style(style.render().to_string()));
        self.parts.push(Part::Plain(text.to_string()));
        self.parts
            .push(Part::Style(style.render_reset().to_string()));
        self
    }

    /// Adds another text.
    pub fn append(&mut self, other: Text) -> &mut Text {
        self.parts.extend(other.parts);
        self
    }

    /// The bytes to write: escaped, with styles only when `color`; a file's text exact when not `tty`.
    pub fn written(&self, color: bool, tty: bool) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Plain(s) => escape_into(&mut out, s, Keep::Layout),
                Part::Inline(s) => escape_into(&mut out, s, Keep::Nothing),
                Part::Json(s) => escape_into(&mut out, s, Keep::Json),
                Part::Data(s) if !tty => out.push_str(s),
                Part::Data(s) => escape_into(&mut out, s, Keep::Layout),
                Part::Style(s) if color => out.push_str(s),
                Part::Style(_) => {}
            }
        }
        out
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text {
            parts: vec![Part::Plain(text)],
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_string())
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::from(text.clone())
    }
}

/// The length of the SGR sequence (`ESC [ digits and ; m`) at the start of `s`, or 0.
fn sgr_len(s: &str) -> usize {
    let Some(params) = s.strip_prefix("\u{1b}[") else {
        return 0;
    };
    let digits = params
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    match params.as_bytes().get(digits) {
        Some(b'm') => 2 + digits + 1,
        _ => 0,
    }
}

/// Which characters a part keeps as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Line breaks and tabs.
    Layout,
    /// No control character at all.
    Nothing,
    /// Escapes in the JSON way.
    Json,
}

/// True for the characters a terminal may act on or that reorder what is shown: C0 control characters,
/// DEL, C1 control characters, and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character shown as `\u{1b}`, line breaks and tabs too.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text, Keep::Nothing);
    out
}

fn escape_into(out: &mut String, text: &str, keep: Keep) {
    for c in text.chars() {
        let layout = c == '\n' || c == '\t';
        if !is_unsafe(c) || (layout && keep != Keep::Nothing) {
            out.push(c);
        } else if keep == Keep::Json {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
}

/// Bold red, for failures.
pub const RED_BOLD: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
/// Green, for passing tests.
pub const GREEN: anstyle::Style = anstyle::AnsiColor::Green.on_default();

/// "1 error" / "2 errors" in the given language.
pub fn count(
    lang: Lang,
    n: usize,
    one_nl: &str,
    many_nl: &str,
    one_en: &str,
    many_en: &str,
) -> String {
    let word = match (lang, n) {
        (Lang::Nl, 1) => one_nl,
        (Lang::Nl, _) => many_nl,
        (Lang::En, 1) => one_en,
        (Lang::En, _) => many_en,
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;title\u{7}b\rc\u{9b}d\u{202e}e\u{2066}f\u{7f}g\u{0}\n\th";

    #[test]
    fn every_control_character_is_shown_not_acted_on() {
        let out = Text::from(HOSTILE).written(true, true);
        assert_eq!(
            out,
            "a\\u{1b}]0;title\\u{7}b\\u{d}c\\u{9b}d\\u{202e}e\\u{2066}f\\u{7f}g\\u{0}\n\th"
        );
        assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t'));
        // Escaping twice changes nothing.
        assert_eq!(Text::from(out.as_str()).written(true, true), out);
    }

    #[test]
    fn a_value_on_its_line_keeps_no_line_break_and_json_stays_json() {
        let mut t = Text::new();
        t.inline("x\ny\tz");
        assert_eq!(t.written(false, false), "x\\u{a}y\\u{9}z");
        let json = serde_json::to_string(&HOSTILE).unwrap();
        let out = Text::json(json).written(true, true);
        assert!(!out.chars().any(is_unsafe), "{out}");
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), HOSTILE);
    }

    #[test]
    fn only_our_styles_reach_a_stream_with_colour() {
        let mut t = Text::styled(RED_BOLD, "FAILED");
        t.push(" \u{1b}[32mok");
        assert_eq!(t.written(false, true), "FAILED \\u{1b}[32mok");
        let coloured = t.written(true, true);
        assert!(
            coloured.starts_with(&RED_BOLD.render().to_string()),
            "{coloured}"
        );
        assert!(coloured.ends_with(" \\u{1b}[32mok"), "{coloured}");
        // The renderer's own styles are kept, anything else it passes on is escaped.
        let r = Text::rendered("\u{1b}[1mx\u{1b}[0m \u{1b}]0;t\u{7}");
        assert_eq!(
            r.written(true, true),
            "\u{1b}[1mx\u{1b}[0m \\u{1b}]0;t\\u{7}"
        );
    }

    #[test]
    fn the_text_of_a_file_is_exact_in_a_pipe_and_escaped_on_a_terminal() {
        let t = Text::data("a \"\u{1b}[2J\"\n".into());
        assert_eq!(t.written(false, false), "a \"\u{1b}[2J\"\n");
        assert_eq!(t.written(true, true), "a \"\\u{1b}[2J\"\n");
    }
}
