//! `regiewijzer fmt`: the canonical layout of `.regels` files.

use std::path::PathBuf;

use crate::Status;
use crate::error::CliError;
use crate::files::read;
use crate::render;
use crate::ui::{Lang, Text, Ui};

/// What to do with the formatted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Print it (one file).
    Print,
    /// Rewrite the files that change.
    Write,
    /// Only list the files that would change.
    Check,
}

/// Formats `files`.
pub fn run(ui: &Ui, files: &[PathBuf], mode: Mode) -> Result<Status, CliError> {
    if mode == Mode::Print && files.len() != 1 {
        return Err(CliError::FmtOneFile(files.len()));
    }
    let mut status = Status::Ok;
    let mut unformatted = false;
    for path in files {
        let source = match read(path) {
            Ok(s) => s,
            Err(e) => {
                ui.error(&e);
                status = status.max(Status::Trouble);
                continue;
            }
        };
        let formatted = match source.format() {
            Ok(f) => f,
            Err(diags) => {
                ui.err(render::report(
                    ui.lang,
                    ui.color_err,
                    &source.shown,
                    &source.text,
                    &diags,
                ));
                status = status.max(Status::Findings);
                continue;
            }
        };
        let changed = formatted != source.text;
        match mode {
            Mode::Print => ui.out(Text::data(formatted))?,
            Mode::Check => {
                if changed {
                    ui.out(format!(
                        "{}: {}\n",
                        source.shown,
                        ui.lang.pick("niet opgemaakt", "not formatted")
                    ))?;
                    status = status.max(Status::Findings);
                    unformatted = true;
                }
            }
            Mode::Write => {
                if changed {
                    match std::fs::write(path, formatted.as_bytes()) {
                        Ok(()) => ui.out(format!(
                            "{}: {}\n",
                            source.shown,
                            ui.lang.pick("opgemaakt", "formatted")
                        ))?,
                        Err(e) => {
                            ui.error(&CliError::Write {
                                path: path.clone(),
                                source: e,
                            });
                            status = status.max(Status::Trouble);
                        }
                    }
                }
            }
        }
    }
    if unformatted {
        ui.err(format!(
            "{}\n",
            match ui.lang {
                Lang::Nl => "maak op met `regiewijzer fmt --write BESTAND...`",
                Lang::En => "format with `regiewijzer fmt --write FILE...`",
            }
        ));
    }
    Ok(status)
}
