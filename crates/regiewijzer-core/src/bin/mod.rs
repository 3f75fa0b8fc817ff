//! A compact binary form of a checked [`Model`], so that a page can evaluate a ruleset without shipping
//! the compiler.
//!
//! The widget's WebAssembly bundle embeds the default ruleset in this form (made at build time) and reads
//! rulesets from a `rules` URL through the compiler bundle, which checks the text and hands the widget this
//! form. It carries everything evaluation, the checklist, the reasons and the summary need, including the
//! ruleset's id, version and content hash; it leaves out the tests (they run where the compiler is) and
//! what only the analysis reads (see [`kept`]).
//!
//! The layout is made to be small after compression (the page downloads it gzipped): every number is an
//! LEB128 varint, a text its length and UTF-8 bytes, and a source offset the distance from the one before
//! (see the `u32` of `Bin`).
//!
//! The format is private to one version of the rules core: the header names the format, its version
//! ([`FORMAT_VERSION`]) and the core's version, and [`decode`] refuses anything else. Decoding never panics
//! and never trusts a length or a depth it has not checked; a damaged input gives a [`DecodeError`].
//!
//! Every change to what the bytes mean raises [`FORMAT_VERSION`]: `tests/binary_model.rs` keeps the
//! version with a digest of the bytes of a fixed corpus (`tests/fixtures/bin_format.digest`) and fails
//! when the bytes change while the version stays.
//!
//! The parts: `wire` holds the writer, the reader and the forms of numbers, texts and lists; `parts`
//! the forms of the model's declarations (facts, outcomes, rules, handovers, ...); `cond` those of
//! conditions and terms.

mod cond;
mod parts;
mod wire;

use crate::ast::Span;
use crate::model::Model;
use thiserror::Error;
use wire::{Bin, Reader, Writer};

/// The first bytes of every encoded model, followed by the format version byte.
const MAGIC: &[u8] = b"RWMODEL";

/// The version of the binary format. It follows the header `RWMODEL` as an ASCII digit (the byte
/// `b'0' + FORMAT_VERSION`), as in the earlier formats, so that a model of this one starts `RWMODEL5`. Raise it
/// with every change to what the bytes mean; `tests/binary_model.rs` fails when the bytes of a fixed
/// corpus change while it stays.
pub const FORMAT_VERSION: u8 = 5;

/// The length of the header before the core's version: [`MAGIC`] and the format version byte.
const HEADER: usize = MAGIC.len() + 1;

/// The rules core version the bytes were made by; only the same version reads them.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How deep conditions and terms may nest in an encoded model (the checker's own limit is lower).
const MAX_DEPTH: u32 = 256;

/// Why bytes could not be read as a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The bytes do not start with the header of an encoded model.
    #[error("geen gecompileerde regelset / not a compiled ruleset")]
    NotAModel,
    /// Made in another version of the binary format.
    #[error(
        "gecompileerd in formaatversie {found}, deze regelkern leest {FORMAT_VERSION} / compiled in format version {found}, this rules core reads {FORMAT_VERSION}"
    )]
    Format {
        /// The format version named in the bytes.
        found: u8,
    },
    /// Made by another version of the rules core.
    #[error(
        "gecompileerd door versie {found} van de regelkern, dit is {VERSION} / compiled by version {found} of the rules core, this is {VERSION}"
    )]
    Version {
        /// The version named in the bytes.
        found: String,
    },
    /// The bytes end early or hold an impossible value.
    #[error(
        "gecompileerde regelset beschadigd bij byte {0} / compiled ruleset damaged at byte {0}"
    )]
    Damaged(usize),
}

/// Encodes a checked model (what [`kept`] keeps of it).
pub fn encode(model: &Model) -> Vec<u8> {
    let model = &kept(model);
    let mut w = Writer {
        out: MAGIC.to_vec(),
        last_offset: 0,
    };
    w.push(b'0' + FORMAT_VERSION);
    w.text(VERSION);
    model.meta.put(&mut w);
    model.sections.put(&mut w);
    model.facts.put(&mut w);
    model.ask_order.put(&mut w);
    model.parameters.put(&mut w);
    model.parties.put(&mut w);
    model.phases.put(&mut w);
    model.used_in.put(&mut w);
    model.override_reasons.put(&mut w);
    model.handovers.put(&mut w);
    model.outcomes.put(&mut w);
    model.rules.put(&mut w);
    model.uses_today.put(&mut w);
    model.line_starts.put(&mut w);
    w.out
}

/// What of a model its binary form keeps: the model as [`decode`] gives it back from [`encode`]. It leaves
/// out what no page sees, only the analysis reads: the tests, the code text of a rule's whole condition
/// and of a handover's `when` (each atom keeps its own text, which reasons show), and where facts,
/// outcomes and the phases of the header's `phases` line are written. Rules and handovers keep the line they are written on (reasons give it), not
/// the byte: every place becomes the index of its line and the line starts become 0, 1, 2, …, so that
/// [`Model::line_of`] gives the same line for each. Measured for the default triage rules: 376 bytes less
/// after gzip for the texts and places left out, 666 for the lines.
pub fn kept(model: &Model) -> Model {
    let mut kept = model.clone();
    kept.tests.clear();
    kept.used_in_spans.clear();
    let line = |at: u32| model.line_of(at) - 1;
    for rule in &mut kept.rules {
        rule.cond_text.clear();
        rule.span = Span {
            start: line(rule.span.start),
            end: line(rule.span.end),
        };
    }
    for handover in &mut kept.handovers {
        handover.when_text.clear();
        handover.span = Span {
            start: line(handover.span.start),
            end: line(handover.span.end),
        };
    }
    for fact in &mut kept.facts {
        fact.span = Span::default();
    }
    for outcome in &mut kept.outcomes {
        outcome.span = Span::default();
    }
    kept.line_starts = (0..model.line_starts.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    kept
}

/// Reads a model made by [`encode`] of this same version of the rules core: what [`kept`] keeps.
pub fn decode(bytes: &[u8]) -> Result<Model, DecodeError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(DecodeError::NotAModel)?;
    let (&format, rest) = rest.split_first().ok_or(DecodeError::NotAModel)?;
    if format != b'0' + FORMAT_VERSION {
        let found = format.wrapping_sub(b'0');
        return Err(DecodeError::Format { found });
    }
    let mut r = Reader {
        bytes: rest,
        pos: 0,
        depth: 0,
        failed_at: None,
        last_offset: 0,
    };
    let found = String::get(&mut r);
    if let Some(at) = r.failed_at {
        return Err(DecodeError::Damaged(at));
    }
    if found != VERSION {
        return Err(DecodeError::Version { found });
    }
    let model = Model {
        meta: Bin::get(&mut r),
        sections: Bin::get(&mut r),
        facts: Bin::get(&mut r),
        ask_order: Bin::get(&mut r),
        parameters: Bin::get(&mut r),
        parties: Bin::get(&mut r),
        phases: Bin::get(&mut r),
        used_in: Bin::get(&mut r),
        used_in_spans: Vec::new(),
        override_reasons: Bin::get(&mut r),
        handovers: Bin::get(&mut r),
        outcomes: Bin::get(&mut r),
        rules: Bin::get(&mut r),
        tests: Vec::new(),
        uses_today: Bin::get(&mut r),
        line_starts: Bin::get(&mut r),
    };
    if r.pos != r.bytes.len() {
        r.fail();
    }
    match r.failed_at {
        Some(at) => Err(DecodeError::Damaged(at)),
        None => Ok(model),
    }
}
