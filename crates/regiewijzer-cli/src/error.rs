//! Errors of the command itself (not of the rules): files that cannot be read or written, answers that are
//! not JSON, a clock that cannot be read. Each has a Dutch and an English message; all lead to exit code 2.

use std::io::ErrorKind;
use std::path::PathBuf;

use crate::ui::Lang;

/// What can go wrong in the command itself. `Display` is the English message; [`CliError::message_nl`]
/// is the Dutch one.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("cannot read `{}`: {}", path.display(), io_reason(source, Lang::En))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Answers that are not UTF-8 text (the core's `E112`).
    #[error(
        "the answers in {what} cannot be read: {} (line {}, column {})",
        diagnostic.message_en, diagnostic.start.line, diagnostic.start.column
    )]
    Decode {
        /// Where they come from (a file name, or standard input).
        what: String,
        /// The core's diagnostic.
        diagnostic: Box<regiewijzer_core::Diagnostic>,
    },
    /// A file could not be written.
    #[error("cannot write `{}`: {}", path.display(), io_reason(source, Lang::En))]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    /// Standard output could not be written (e.g. the reading side was closed).
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    /// The answers are not valid JSON.
    #[error("the answers in {what} are not valid JSON: {source}")]
    Json {
        /// Where they come from (a file name, or standard input).
        what: String,
        /// The parser's message.
        source: serde_json::Error,
    },
    /// The answers are JSON, but not an object.
    #[error(
        "the answers in {what} must be a JSON object (`{{\"fact\": value, ...}}`); this is {found_en}"
    )]
    NotAnObject {
        /// Where they come from.
        what: String,
        /// What was found, in English.
        found_en: &'static str,
        /// What was found, in Dutch.
        found_nl: &'static str,
    },
    /// The answers object could not be taken in by the core.
    #[error("the answers in {what} cannot be used: {source}")]
    Answers {
        /// Where they come from.
        what: String,
        /// Why.
        source: serde_json::Error,
    },
    /// A posted value (`verify`) that is not JSON of the value's shape.
    #[error("the value in {what} is not a widget value (JSON, docs/widget.md): {source}")]
    Value {
        /// Where it comes from (a file name, or standard input).
        what: String,
        /// The parser's message.
        source: serde_json::Error,
    },
    /// A posted value that cannot be verified (the core's `V2xx`).
    #[error("{}: the value in {what} cannot be verified ({}): {error}", error.code(), error.place())]
    Unverifiable {
        /// Where it comes from.
        what: String,
        /// Why.
        error: Box<regiewijzer_core::verify::Unusable>,
    },
    /// The result could not be written as JSON.
    #[error("cannot write the result as JSON: {0}")]
    Encode(serde_json::Error),
    /// The system clock gives no usable date.
    #[error("the system clock gives no usable date; pass `--today YYYY-MM-DD`")]
    Clock,
    /// A `tests for ID` file without a ruleset with that id.
    #[error(
        "`{}` holds tests for ruleset `{id}`, but no file given (nor `{}`) is that ruleset; give it too",
        path.display(),
        sibling.display()
    )]
    NoRulesetFor {
        /// The tests file.
        path: PathBuf,
        /// The ruleset id it names.
        id: String,
        /// Where the ruleset was looked for besides the arguments.
        sibling: PathBuf,
    },
    /// `fmt` without `--write` or `--check` prints one file only.
    #[error(
        "`fmt` prints one file; for {0} files use `--write` (rewrite them) or `--check` (list the unformatted ones)"
    )]
    FmtOneFile(usize),
    /// No ruleset in the folder has the hash of the value.
    #[error("no ruleset in `{}` has the hash of the value ({hash})", dir.display())]
    NoRulesWithHash {
        /// The folder.
        dir: PathBuf,
        /// The value's ruleset hash.
        hash: String,
    },
    /// A value that cannot be exported as FHIR (the core's message in both languages).
    #[error("{what}: {}", message.en)]
    Fhir {
        /// Where the value comes from.
        what: String,
        /// Why.
        message: regiewijzer_core::model::Text,
    },
}

impl CliError {
    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            CliError::Read { path, source } => {
                format!(
                    "kan `{}` niet lezen: {}",
                    path.display(),
                    io_reason(source, Lang::Nl)
                )
            }
            CliError::Decode { what, diagnostic } => format!(
                "de antwoorden in {what} zijn niet te lezen: {} (regel {}, kolom {})",
                diagnostic.message_nl, diagnostic.start.line, diagnostic.start.column
            ),
            CliError::Write { path, source } => {
                format!(
                    "kan `{}` niet schrijven: {}",
                    path.display(),
                    io_reason(source, Lang::Nl)
                )
            }
            CliError::Stdin(e) => format!("kan de standaardinvoer niet lezen: {e}"),
            CliError::Output(e) => format!("kan de uitvoer niet schrijven: {e}"),
            CliError::Json { what, source } => {
                format!("de antwoorden in {what} zijn geen geldige JSON: {source}")
            }
            CliError::NotAnObject { what, found_nl, .. } => format!(
                "de antwoorden in {what} moeten een JSON-object zijn (`{{\"gegeven\": waarde, ...}}`); dit is {found_nl}"
            ),
            CliError::Answers { what, source } => {
                format!("de antwoorden in {what} zijn niet bruikbaar: {source}")
            }
            CliError::Value { what, source } => {
                format!("de waarde in {what} is geen widgetwaarde (JSON, docs/widget.md): {source}")
            }
            CliError::Unverifiable { what, error } => format!(
                "{}: de waarde in {what} is niet na te rekenen ({}): {}",
                error.code(),
                error.place(),
                error.message_nl()
            ),
            CliError::Encode(e) => format!("kan het resultaat niet als JSON schrijven: {e}"),
            CliError::Clock => {
                "de systeemklok geeft geen bruikbare datum; geef `--today JJJJ-MM-DD`".into()
            }
            CliError::NoRulesetFor { path, id, sibling } => format!(
                "`{}` bevat tests voor regelset `{id}`, maar geen van de gegeven bestanden (en ook `{}` niet) is die regelset; geef die ook mee",
                path.display(),
                sibling.display()
            ),
            CliError::NoRulesWithHash { dir, hash } => format!(
                "geen regelset in `{}` heeft de hash van de waarde ({hash})",
                dir.display()
            ),
            CliError::Fhir { what, message } => format!("{what}: {}", message.nl),
            CliError::FmtOneFile(n) => format!(
                "`fmt` drukt één bestand af; gebruik voor {n} bestanden `--write` (herschrijven) of `--check` (de niet-opgemaakte noemen)"
            ),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Nl => self.message_nl(),
            Lang::En => self.to_string(),
        }
    }

    /// True when the output was closed by the reader (e.g. `| head`): nothing to tell anyone.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Why a file could not be read or written: the common cases in words of `lang`, others as the system
/// reports them.
fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    let (nl, en) = match e.kind() {
        ErrorKind::NotFound => ("het bestand bestaat niet", "there is no such file"),
        ErrorKind::PermissionDenied => ("geen toestemming", "permission denied"),
        ErrorKind::IsADirectory => (
            "dit is een map, geen bestand",
            "this is a directory, not a file",
        ),
        _ => return e.to_string(),
    };
    lang.pick(nl, en).to_string()
}
