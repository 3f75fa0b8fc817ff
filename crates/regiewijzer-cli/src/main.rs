//! `regiewijzer`: check, test, evaluate and format `.regels` rulesets from the command line, and verify a
//! value posted by the browser element against its rules.
//!
//! Exit codes: 0 all is well, 1 findings (errors in the rules, failed tests, files not formatted, a
//! posted advice that is not what its rules give), 2 wrong use, a file that cannot be read or written, or
//! a value that cannot be verified, 3 an analysis or diff that ran out of budget
//! before it could settle everything (and found no gap, conflict or change).
#![forbid(unsafe_code)]

mod analyze;
mod check;
mod error;
mod eval;
mod fhir;
mod files;
mod fmt;
mod render;
mod replay;
mod test;
mod today;
mod trajectory;
mod ui;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;
use crate::ui::{ColorWhen, Lang, Ui};

const EXIT_CODES: &str = "\
Afsluitcodes / exit codes:
  0  in orde / all is well
  1  bevindingen: fouten in de regels, mislukte tests, niet opgemaakte bestanden, een verstuurd advies
     dat niet is wat de regels geven (verify) / findings: errors in the rules, failed tests, files not
     formatted, a posted advice that is not what the rules give (verify)
  2  verkeerd gebruik, een bestand dat niet te lezen of te schrijven is, of een waarde die niet na te
     rekenen is (verify) / wrong use, a file that cannot be read or written, or a value that cannot be
     verified (verify)
  3  analyze/diff onvolledig: het budget was op voordat alles was uitgezocht (en er is geen gat,
     conflict of verandering gevonden) / analyze/diff incomplete: the budget ran out before everything
     was settled (and no gap, conflict or change was found)";

/// Regiewijzer: regelsets (.regels) controleren, testen, doorrekenen en opmaken; verstuurde waarden
/// narekenen. Check, test, evaluate and format rulesets (.regels); verify posted values.
#[derive(Debug, Parser)]
#[command(name = "regiewijzer", version, after_help = EXIT_CODES)]
struct Cli {
    /// Taal van de meldingen / language of the messages
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl)]
    lang: Lang,
    /// Kleur: auto (op een terminal of bij CLICOLOR_FORCE, nooit bij NO_COLOR), always, never /
    /// colour: auto (on a terminal or with CLICOLOR_FORCE, never with NO_COLOR), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// de basis van een variant (`variant of`); anders zoekt regiewijzer haar tussen de gegeven
    /// bestanden en in de map van de variant / the base of a variant (`variant of`); otherwise
    /// regiewijzer looks for it among the files given and in the variant's folder
    #[arg(long, global = true, value_name = "BESTAND / FILE")]
    base: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Controleer regelsets en testbestanden; toon elke fout en waarschuwing /
    /// check rulesets and test files; show every error and warning
    #[command(after_help = EXIT_CODES)]
    Check {
        /// .regels-bestanden / .regels files
        #[arg(required = true, value_name = "BESTAND / FILE")]
        files: Vec<PathBuf>,
        /// de regelsets horen bij één casus (in deze volgorde): controleer ook of gedeelde vragen en
        /// fasen kloppen / the rulesets belong to one case (in this order): also check that shared
        /// questions and phases agree
        #[arg(long)]
        case: bool,
    },
    /// Voer de tests uit (ook NAAM.tests.regels naast NAAM.regels); sluit af met `N passed, M failed` /
    /// run the tests (also NAME.tests.regels next to NAME.regels); ends with `N passed, M failed`
    #[command(after_help = EXIT_CODES)]
    Test {
        /// regelsets en testbestanden (`tests for ID`) / rulesets and test files (`tests for ID`)
        #[arg(required = true, value_name = "BESTAND / FILE")]
        files: Vec<PathBuf>,
        /// toon ook welke regels in geen test afgaan en welke waarden geen test verwacht (afsluitcode 1
        /// als die er zijn) / also show which rules fire in no test and which values no test expects
        /// (exit code 1 when there are any)
        #[arg(long)]
        coverage: bool,
    },
    /// Het traject van een casus met deze regelsets, in woorden: de fasen, wie de regie heeft, de
    /// overdrachten / the trajectory of a case with these rulesets, in words: the phases, who leads,
    /// the handovers
    #[command(after_help = EXIT_CODES)]
    Trajectory {
        /// .regels-bestanden, in de volgorde van de casus / .regels files, in the case's order
        #[arg(required = true, value_name = "BESTAND / FILE")]
        files: Vec<PathBuf>,
    },
    /// Reken een regelset door op antwoorden (JSON) en druk het resultaat af als JSON /
    /// evaluate a ruleset on answers (JSON) and print the result as JSON
    #[command(after_help = EXIT_CODES)]
    Eval {
        /// de regelset / the ruleset
        #[arg(value_name = "BESTAND / FILE")]
        file: PathBuf,
        /// JSON-object met antwoorden per gegeven; `-` leest de standaardinvoer /
        /// JSON object with an answer per fact; `-` reads standard input
        #[arg(long, value_name = "ANTWOORDEN.json / ANSWERS.json")]
        answers: PathBuf,
        /// de datum van vandaag voor de regels (standaard: de systeemdatum in UTC) /
        /// today's date for the rules (default: the system date in UTC)
        #[arg(long, value_name = "JJJJ-MM-DD", value_parser = today::parse_date)]
        today: Option<regiewijzer_core::Date>,
        /// uitvoer: json (standaard) of text / output: json (default) or text
        #[arg(long, value_enum, default_value_t = eval::Format::Json)]
        format: eval::Format,
        /// bij --format text: ook regel-id's, regelnummers en de voorwaarden als code, voor wie regels
        /// schrijft / with --format text: also rule ids, line numbers and the conditions as code, for rule
        /// authors
        #[arg(long)]
        verbose: bool,
    },
    /// Analyseer een regelset: gaten, conflicten, dode en overschaduwde regels, ask-when, overdrachten;
    /// elke bevinding met een voorbeeld. Afsluitcode 1 bij gaten of conflicten, 3 als het budget op was /
    /// analyse a ruleset: gaps, conflicts, dead and shadowed rules, ask-when, handovers; every finding
    /// with an example. Exit code 1 on gaps or conflicts, 3 when the budget ran out
    #[command(after_help = EXIT_CODES)]
    Analyze {
        /// de regelset / the ruleset
        #[arg(value_name = "BESTAND / FILE")]
        file: PathBuf,
        /// de datum voor de regels (standaard: vandaag, UTC) / the date for the rules (default: today, UTC)
        #[arg(long, value_name = "JJJJ-MM-DD", value_parser = today::parse_date)]
        today: Option<regiewijzer_core::Date>,
        /// hoogstens zoveel doorrekeningen (standaard 100000; een grote telt per 250 stappen werk; één
        /// zoektocht hoogstens een vijfde); daarna heet het resultaat onvolledig (afsluitcode 3) / at most
        /// this many evaluations (default 100000; a large one counts per 250 steps of work; one search at
        /// most a fifth); past it the result says it is incomplete (exit code 3)
        #[arg(long, value_name = "N")]
        budget: Option<usize>,
        /// uitvoer: text (standaard) of json / output: text (default) or json
        #[arg(long, value_enum, default_value_t = eval::Format::Text)]
        format: eval::Format,
    },
    /// Vergelijk twee versies naar betekenis: welke uitkomst verandert bij welke antwoorden.
    /// Afsluitcode 1 als er iets verandert / compare two versions by meaning: which outcome changes for
    /// which answers. Exit code 1 when something changes
    #[command(after_help = EXIT_CODES)]
    Diff {
        /// de oude versie / the old version
        #[arg(value_name = "OUD / OLD")]
        old: PathBuf,
        /// de nieuwe versie / the new version
        #[arg(value_name = "NIEUW / NEW")]
        new: PathBuf,
        /// de datum voor de regels (standaard: vandaag, UTC) / the date for the rules (default: today, UTC)
        #[arg(long, value_name = "JJJJ-MM-DD", value_parser = today::parse_date)]
        today: Option<regiewijzer_core::Date>,
        /// hoogstens zoveel doorrekeningen (standaard 250000; één zoektocht hoogstens een vijfde) / at most
        /// this many evaluations (default 250000; one search at most a fifth)
        #[arg(long, value_name = "N")]
        budget: Option<usize>,
        /// uitvoer: text (standaard) of json / output: text (default) or json
        #[arg(long, value_enum, default_value_t = eval::Format::Text)]
        format: eval::Format,
    },
    /// Reken echte meldingen (CSV of JSON Lines) door onder twee versies en toon per uitkomst wat
    /// verandert, met de meldingen en hun redenen. Afsluitcode 1 als er iets verandert / replay real
    /// cases (CSV or JSON Lines) under two versions and show per outcome what flips, with the cases and
    /// their reasons. Exit code 1 when something flips
    #[command(after_help = EXIT_CODES)]
    Replay {
        /// de oude versie / the old version
        #[arg(value_name = "OUD / OLD")]
        old: PathBuf,
        /// de nieuwe versie / the new version
        #[arg(value_name = "NIEUW / NEW")]
        new: PathBuf,
        /// de meldingen: .csv of .jsonl (docs/replay.md); `-` leest de standaardinvoer /
        /// the cases: .csv or .jsonl (docs/replay.md); `-` reads standard input
        #[arg(value_name = "MELDINGEN / CASES")]
        cases: PathBuf,
        /// de datum voor meldingen zonder kolom today (standaard: vandaag, UTC) / the date for cases
        /// without a today column (default: today, UTC)
        #[arg(long, value_name = "JJJJ-MM-DD", value_parser = today::parse_date)]
        today: Option<regiewijzer_core::Date>,
        /// uitvoer: text (standaard), json of csv / output: text (default), json or csv
        #[arg(long, value_enum, default_value_t = replay::ReplayFormat::Text)]
        format: replay::ReplayFormat,
        /// redenen in woorden voor hoogstens zoveel meldingen per verandering (standaard 10) /
        /// reasons in words for at most this many cases per flip (default 10)
        #[arg(long, value_name = "N", default_value_t = 10)]
        reasons: usize,
    },
    /// Reken een door de widget verstuurde waarde na: zoek de regelset (id, versie, inhoud) in MAP, reken
    /// de antwoorden opnieuw door met de datum uit de waarde en vergelijk het advies. Afsluitcode 0 als
    /// het klopt, 1 met wat verschilt, 2 als de waarde niet na te rekenen is / verify a value posted by the
    /// widget: find its ruleset (id, version, content) in DIR, evaluate the answers again with the value's
    /// date and compare the advice. Exit code 0 when it matches, 1 with what differs, 2 when the value
    /// cannot be verified
    #[command(after_help = EXIT_CODES)]
    Verify {
        /// de verstuurde waarde (JSON); `-` leest de standaardinvoer / the posted value (JSON); `-` reads
        /// standard input
        #[arg(value_name = "WAARDE.json / VALUE.json")]
        value: PathBuf,
        /// map met de regelsets (.regels) / directory with the rulesets (.regels)
        #[arg(long, value_name = "MAP / DIR")]
        rules: PathBuf,
    },
    /// Zet een regelset of een waarde van de widget om naar FHIR R4 (JSON) /
    /// export a ruleset or a value of the widget as FHIR R4 (JSON)
    #[command(subcommand, after_help = EXIT_CODES)]
    Fhir(FhirCommand),
    /// Maak regelbestanden op in de vaste vorm / format rule files in the canonical layout
    #[command(after_help = EXIT_CODES)]
    Fmt {
        /// .regels-bestanden / .regels files
        #[arg(required = true, value_name = "BESTAND / FILE")]
        files: Vec<PathBuf>,
        /// noem de bestanden die niet opgemaakt zijn, verander niets /
        /// list the files that are not formatted, change nothing
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// herschrijf de bestanden / rewrite the files in place
        #[arg(long)]
        write: bool,
    },
}

/// The FHIR exports (docs/fhir.md).
#[derive(Debug, Subcommand)]
enum FhirCommand {
    /// De vragenlijst van een regelset als FHIR R4 Questionnaire /
    /// a ruleset's checklist as a FHIR R4 Questionnaire
    #[command(after_help = EXIT_CODES)]
    Questionnaire {
        /// de regelset / the ruleset
        #[arg(value_name = "BESTAND / FILE")]
        file: PathBuf,
    },
    /// Een waarde die de widget verstuurde als FHIR R4 QuestionnaireResponse /
    /// a value the widget posted as a FHIR R4 QuestionnaireResponse
    #[command(after_help = EXIT_CODES)]
    Response {
        /// de waarde (JSON); `-` leest de standaardinvoer / the value (JSON); `-` reads standard input
        #[arg(value_name = "WAARDE.json / VALUE.json")]
        value: PathBuf,
        /// de regelset, of een map waarin de regelset met de hash van de waarde staat /
        /// the ruleset, or a folder holding the ruleset with the value's hash
        #[arg(long, value_name = "BESTAND-OF-MAP / FILE-OR-DIR")]
        rules: PathBuf,
    },
}

/// How a command ended; the exit code is the worst of what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Exit code 0.
    Ok,
    /// Exit code 1: errors in the rules, failed tests, unformatted files, a posted advice that differs.
    Findings,
    /// Exit code 3: an analysis or diff that ran out of budget before it settled everything, without
    /// a finding (a gap, conflict or change found is exit code 1).
    Incomplete,
    /// Exit code 2: wrong use, files that cannot be read or written, a value that cannot be verified.
    Trouble,
}

impl Status {
    fn exit_code(self) -> ExitCode {
        match self {
            Status::Ok => ExitCode::SUCCESS,
            Status::Findings => ExitCode::from(1),
            Status::Trouble => ExitCode::from(2),
            Status::Incomplete => ExitCode::from(3),
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    let ui = Ui::new(cli.lang, cli.color);
    files::set_bases(cli.base, cli.command.files());
    match run(&ui, cli.command) {
        Ok(status) => status.exit_code(),
        Err(e) => {
            if !e.is_broken_pipe() {
                ui.error(&e);
            }
            Status::Trouble.exit_code()
        }
    }
}

/// Help, version and wrong use, printed through the same escaping as everything else (clap would print the
/// arguments as given, escape sequences and all); exit 0 for help and version, 2 for wrong use.
fn usage(e: &clap::Error) -> ExitCode {
    let ui = Ui::new(Lang::Nl, ColorWhen::Never);
    let text = e.render().to_string();
    if e.use_stderr() {
        ui.err(text);
    } else if ui.out(text).is_err() {
        return Status::Trouble.exit_code();
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

impl Command {
    /// The rules files given, where a variant's base may be among them.
    fn files(&self) -> Vec<PathBuf> {
        match self {
            Command::Check { files, .. }
            | Command::Test { files, .. }
            | Command::Trajectory { files }
            | Command::Fmt { files, .. } => files.clone(),
            Command::Eval { file, .. } | Command::Analyze { file, .. } => vec![file.clone()],
            Command::Diff { old, new, .. } | Command::Replay { old, new, .. } => {
                vec![old.clone(), new.clone()]
            }
            Command::Verify { .. } | Command::Fhir(_) => Vec::new(),
        }
    }
}

fn run(ui: &Ui, command: Command) -> Result<Status, CliError> {
    match command {
        Command::Check { files, case: false } => check::run(ui, &files),
        Command::Check { files, case: true } => check::run_case(ui, &files),
        Command::Trajectory { files } => trajectory::run(ui, &files),
        Command::Test { files, coverage } => test::run(ui, &files, coverage),
        Command::Eval {
            file,
            answers,
            today,
            format,
            verbose,
        } => eval::run(ui, &file, &answers, today, format, verbose),
        Command::Analyze {
            file,
            today,
            budget,
            format,
        } => analyze::run(ui, &file, today, budget, format),
        Command::Diff {
            old,
            new,
            today,
            budget,
            format,
        } => analyze::run_diff(ui, &old, &new, today, budget, format),
        Command::Replay {
            old,
            new,
            cases,
            today,
            format,
            reasons,
        } => replay::run(
            ui,
            &old,
            &new,
            &cases,
            replay::Args {
                today,
                format,
                reasons,
            },
        ),
        Command::Verify { value, rules } => verify::run(ui, &value, &rules),
        Command::Fhir(FhirCommand::Questionnaire { file }) => fhir::run_questionnaire(ui, &file),
        Command::Fhir(FhirCommand::Response { value, rules }) => {
            fhir::run_response(ui, &value, &rules)
        }
        Command::Fmt {
            files,
            check,
            write,
        } => {
            let mode = if check {
                fmt::Mode::Check
            } else if write {
                fmt::Mode::Write
            } else {
                fmt::Mode::Print
            };
            fmt::run(ui, &files, mode)
        }
    }
}
