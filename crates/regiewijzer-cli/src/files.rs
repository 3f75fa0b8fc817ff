//! Reading `.regels` files and pairing files of tests (`tests for ID`) with their ruleset.

use std::path::{Path, PathBuf};

use std::io::Read;

use regiewijzer_core::ast::ItemKind;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::limits::MAX_SOURCE_BYTES;
use regiewijzer_core::model::TestDef;
use regiewijzer_core::variant::{ruleset_id, variant_of};
use regiewijzer_core::{Compiled, Diagnostic, Model, compile, compile_variant, parse, source};
use std::sync::OnceLock;

use crate::error::CliError;

/// A source file as read.
#[derive(Debug)]
pub struct Source {
    /// The path as given (or as derived from a given path).
    pub path: PathBuf,
    /// The path as shown to a person.
    pub shown: String,
    /// The text (for a refused file: what can be shown of it).
    pub text: String,
    /// Why the file cannot be used at all: too large (`E106`, the rest not read) or not UTF-8 (`E112`).
    pub refused: Option<Diagnostic>,
}

impl Source {
    /// Parses and checks the file as a ruleset.
    pub fn compile(&self) -> Compiled {
        match &self.refused {
            Some(d) => refused(d),
            None => match variant_of(&self.text) {
                Some((base, _)) => match find_base(&self.path, &base) {
                    Some(text) => compile_variant(&self.text, &text),
                    None => compile(&self.text),
                },
                None => compile(&self.text),
            },
        }
    }

    /// The checked ruleset, or `None` after showing its errors on standard error (standard output is
    /// for the result, often piped into another program).
    pub fn model_or_report(&self, ui: &crate::ui::Ui) -> Option<Model> {
        let compiled = self.compile();
        if compiled.model.is_none() {
            ui.err(crate::render::report(
                ui.lang,
                ui.color_err,
                &self.shown,
                &self.text,
                &compiled.diagnostics,
            ));
        }
        compiled.model
    }

    /// Checks the file as tests of `model`.
    pub fn check_tests(&self, model: &Model) -> (Vec<TestDef>, Vec<Diagnostic>) {
        match &self.refused {
            Some(d) => (Vec::new(), vec![d.clone()]),
            None => check_tests_file(model, &self.text),
        }
    }

    /// The file in the canonical layout, or what stands in the way.
    pub fn format(&self) -> Result<String, Vec<Diagnostic>> {
        match &self.refused {
            Some(d) => Err(vec![d.clone()]),
            None => regiewijzer_core::fmt::format(&self.text),
        }
    }
}

/// Where a variant's base may be: the `--base` file (then only there), or the files given.
static BASES: OnceLock<(Option<PathBuf>, Vec<PathBuf>)> = OnceLock::new();

/// Says where variants find their base: `--base FILE`, else among `given` and in the variant's folder.
pub fn set_bases(base: Option<PathBuf>, given: Vec<PathBuf>) {
    let _ = BASES.set((base, given));
}

/// The text of the base ruleset `id` of the variant at `path`: the `--base` file, else the first file
/// given or in the variant's folder (not a tests file, not the variant) whose ruleset is `id`. `None`
/// when there is none: the variant then reports that it needs its base (`E701`).
fn find_base(path: &Path, id: &str) -> Option<String> {
    let (base, given) = BASES.get().cloned().unwrap_or_default();
    if let Some(base) = base {
        return read(&base).ok().map(|s| s.text);
    }
    let folder = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    let mut near: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    near.sort();
    given
        .into_iter()
        .chain(near)
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".regels") && !name.ends_with(".tests.regels") && p != path
        })
        .filter_map(|p| read(&p).ok().filter(|s| s.refused.is_none()))
        .find(|s| ruleset_id(&s.text).as_deref() == Some(id))
        .map(|s| s.text)
}

fn refused(d: &Diagnostic) -> Compiled {
    Compiled {
        model: None,
        diagnostics: vec![d.clone()],
    }
}

/// Reads at most `limit + 1` bytes of `path`: the bytes, and whether there were more than `limit`.
fn read_bounded(path: &Path, limit: usize) -> Result<(Vec<u8>, bool), CliError> {
    let error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(error)?;
    let mut bytes = Vec::new();
    let most = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    file.take(most).read_to_end(&mut bytes).map_err(error)?;
    let over = bytes.len() > limit;
    Ok((bytes, over))
}

/// Reads a rules or tests file: never more than [`MAX_SOURCE_BYTES`] and one byte, decoded by the
/// core's [`source::decode`] (the same decoding as in the browser). A file that is too large or not UTF-8
/// is read, but refused with its diagnostic.
pub fn read(path: &Path) -> Result<Source, CliError> {
    let (bytes, over) = read_bounded(path, MAX_SOURCE_BYTES)?;
    let (text, refused) = if over {
        // The size of a regular file is known without reading it; a pipe's is not.
        let size = std::fs::metadata(path)
            .ok()
            .and_then(|m| usize::try_from(m.len()).ok())
            .unwrap_or(0)
            .max(bytes.len());
        (String::new(), Some(source::too_large(size)))
    } else {
        match source::decode(&bytes) {
            Ok(text) => (text.to_string(), None),
            Err(d) => {
                let body = bytes.strip_prefix(source::BOM).unwrap_or(&bytes);
                (String::from_utf8_lossy(body).into_owned(), Some(*d))
            }
        }
    };
    Ok(Source {
        path: path.to_path_buf(),
        shown: path.display().to_string(),
        text,
        refused,
    })
}

/// Reads a JSON input (answers, a posted value) from `path`, or from standard input when it is `-`, decoded
/// with [`decode_answers`]: where it came from (for messages) and its text.
pub fn read_input(path: &Path) -> Result<(String, String), CliError> {
    let (what, bytes) = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(CliError::Stdin)?;
        ("stdin".to_string(), bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        (path.display().to_string(), bytes)
    };
    let text = decode_answers(&what, &bytes)?;
    Ok((what, text))
}

/// Decodes answers (from a file or standard input) the way rules are decoded: without a byte order mark,
/// refused when not UTF-8.
pub fn decode_answers(what: &str, bytes: &[u8]) -> Result<String, CliError> {
    source::decode(bytes)
        .map(str::to_string)
        .map_err(|diagnostic| CliError::Decode {
            what: what.to_string(),
            diagnostic,
        })
}

/// The ruleset id when `source` is a file of tests (`tests for ID` as its first item).
pub fn tests_for(source: &Source) -> Option<String> {
    if source.refused.is_some() {
        return None;
    }
    let (file, _) = parse(&source.text);
    match file.items.first().map(|i| &i.kind) {
        Some(ItemKind::TestsFor(id)) => Some(id.name.clone()),
        _ => None,
    }
}

/// The id in the `ruleset ID` header, when there is one.
pub fn header_id(text: &str) -> Option<String> {
    let (file, _) = parse(text);
    file.items.iter().find_map(|i| match &i.kind {
        ItemKind::Header(h) => Some(h.id.name.clone()),
        _ => None,
    })
}

/// `dir/NAME.tests.regels` for a ruleset file `dir/NAME.regels`.
pub fn sibling_tests(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".regels")?;
    if stem.is_empty() || stem.ends_with(".tests") {
        return None;
    }
    Some(path.with_file_name(format!("{stem}.tests.regels")))
}

/// `dir/NAME.regels` for a tests file `dir/NAME.tests.regels`.
pub fn sibling_ruleset(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".tests.regels")?;
    if stem.is_empty() {
        return None;
    }
    Some(path.with_file_name(format!("{stem}.regels")))
}

/// True when `a` and `b` name the same file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A ruleset file, compiled.
#[derive(Debug)]
pub struct RulesetFile {
    /// The source.
    pub source: Source,
    /// The result of parsing and checking.
    pub compiled: Compiled,
    /// Its id (from the model, or from the header when the file has errors).
    pub id: Option<String>,
    /// Given on the command line (rather than found next to a tests file).
    pub given: bool,
}

/// A file of tests for a ruleset.
#[derive(Debug)]
pub struct TestsFile {
    /// The source.
    pub source: Source,
    /// The ruleset it belongs to: an index into [`Loaded::rulesets`].
    pub ruleset: usize,
}

/// One of the files given on the command line, in order.
#[derive(Debug, Clone, Copy)]
pub enum Given {
    /// A ruleset: index into [`Loaded::rulesets`].
    Ruleset(usize),
    /// A tests file: index into [`Loaded::tests`].
    Tests(usize),
}

/// The files given, and the ones they bring along.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Rulesets, given ones first.
    pub rulesets: Vec<RulesetFile>,
    /// Files of tests.
    pub tests: Vec<TestsFile>,
    /// The given files: rulesets first, then files of tests, each in the order given.
    pub order: Vec<Given>,
    /// Problems reading or pairing files (exit code 2).
    pub problems: Vec<CliError>,
}

impl Loaded {
    /// Reads and compiles `paths` (each file once). With `siblings`, a ruleset `NAME.regels` brings its
    /// `NAME.tests.regels` along when that exists and is not given itself. A given tests file is paired
    /// with the given ruleset of the id it names, or else with the ruleset file next to it.
    pub fn load(paths: &[PathBuf], siblings: bool) -> Loaded {
        let mut loaded = Loaded::default();
        let mut pending: Vec<(Source, String)> = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            // A file given twice is read once.
            if paths
                .get(..i)
                .is_some_and(|earlier| earlier.iter().any(|p| same_file(p, path)))
            {
                continue;
            }
            let source = match read(path) {
                Ok(s) => s,
                Err(e) => {
                    loaded.problems.push(e);
                    continue;
                }
            };
            match tests_for(&source) {
                Some(id) => pending.push((source, id)),
                None => {
                    let i = loaded.add_ruleset(source, true);
                    loaded.order.push(Given::Ruleset(i));
                }
            }
        }
        if siblings {
            for i in 0..loaded.rulesets.len() {
                let Some(sib) = loaded
                    .rulesets
                    .get(i)
                    .and_then(|r| sibling_tests(&r.source.path))
                else {
                    continue;
                };
                if !sib.is_file() || paths.iter().any(|p| same_file(p, &sib)) {
                    continue;
                }
                match read(&sib) {
                    Ok(source) => loaded.tests.push(TestsFile { source, ruleset: i }),
                    Err(e) => loaded.problems.push(e),
                }
            }
        }
        for (source, id) in pending {
            match loaded.ruleset_for(&source.path, &id) {
                Ok(ruleset) => {
                    loaded.tests.push(TestsFile { source, ruleset });
                    loaded
                        .order
                        .push(Given::Tests(loaded.tests.len().saturating_sub(1)));
                }
                Err(e) => loaded.problems.push(e),
            }
        }
        loaded
    }

    fn add_ruleset(&mut self, source: Source, given: bool) -> usize {
        let compiled = source.compile();
        let id = match &compiled.model {
            Some(m) => Some(m.meta.id.clone()),
            None => header_id(&source.text),
        };
        self.rulesets.push(RulesetFile {
            source,
            compiled,
            id,
            given,
        });
        self.rulesets.len().saturating_sub(1)
    }

    /// The ruleset for a tests file naming `id`: a given one with that id, else the file next to it.
    fn ruleset_for(&mut self, path: &Path, id: &str) -> Result<usize, CliError> {
        if let Some(i) = self
            .rulesets
            .iter()
            .position(|r| r.given && r.id.as_deref() == Some(id))
        {
            return Ok(i);
        }
        let sibling = sibling_ruleset(path);
        if let Some(sib) = sibling.as_ref().filter(|s| s.is_file()) {
            if let Some(i) = self
                .rulesets
                .iter()
                .position(|r| same_file(&r.source.path, sib))
            {
                return Ok(i);
            }
            let source = read(sib)?;
            return Ok(self.add_ruleset(source, false));
        }
        Err(CliError::NoRulesetFor {
            path: path.to_path_buf(),
            id: id.to_string(),
            sibling: sibling.unwrap_or_else(|| PathBuf::from(format!("{id}.regels"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_named_after_the_stem() {
        assert_eq!(
            sibling_tests(Path::new("a/triage.regels")),
            Some(PathBuf::from("a/triage.tests.regels"))
        );
        assert_eq!(sibling_tests(Path::new("a/triage.tests.regels")), None);
        assert_eq!(sibling_tests(Path::new("a/triage.txt")), None);
        assert_eq!(
            sibling_ruleset(Path::new("triage.tests.regels")),
            Some(PathBuf::from("triage.regels"))
        );
        assert_eq!(sibling_ruleset(Path::new("triage.regels")), None);
    }

    fn text(text: &str) -> Source {
        Source {
            path: PathBuf::from("t.regels"),
            shown: "t.regels".into(),
            text: text.into(),
            refused: None,
        }
    }

    #[test]
    fn a_tests_file_is_recognised_by_its_first_item() {
        assert_eq!(
            tests_for(&text(
                "# comment\ntests for triage\ntest \"x\"\n  expect route = a\n"
            )),
            Some("triage".to_string())
        );
        assert_eq!(tests_for(&text("ruleset triage\n")), None);
        assert_eq!(tests_for(&text("")), None);
    }
}
