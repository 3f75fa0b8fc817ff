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
        Ui {
            lang,
            color_out: decide(std::io::stdout().is_terminal()),
            color_err: decide(std::io::stderr().is_terminal()),
        }
    }

    /// Writes `text` to standard output.
    pub fn out(&self, text: &str) -> Result<(), CliError> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(CliError::Output)
    }

    /// Writes `text` to standard error (a failure to do so cannot be reported anywhere).
    pub fn err(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
    }

    /// Reports an error of the command itself on standard error.
    pub fn error(&self, e: &CliError) {
        let label = self.lang.pick("fout", "error");
        let label = paint(self.color_err, RED_BOLD, label);
        self.err(&format!("{label}: {}\n", e.message(self.lang)));
    }
}

/// Bold red, for failures.
pub const RED_BOLD: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
/// Green, for passing tests.
pub const GREEN: anstyle::Style = anstyle::AnsiColor::Green.on_default();

/// `text` in `style` when `color` is on.
pub fn paint(color: bool, style: anstyle::Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

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
