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
//! The format is private to one version of the rules core: the header names the format and the core's
//! version, and [`decode`] refuses anything else. Decoding never panics and never trusts a length or a
//! depth it has not checked; a damaged input gives a [`DecodeError`].

use crate::ast::{CmpOp, Policy, Span};
use crate::date::Date;
use crate::model::{
    ArithOp, Atom, Cond, DeadlineAssign, FactDef, FactType, FallbackDef, FieldDef, HandoverDef,
    Meta, Model, OptionDef, OutcomeDef, ParamDef, Pred, RequireDef, RuleDef, RuleOrigin,
    SectionDef, Term, Text, Value,
};
use thiserror::Error;

/// The first bytes of every encoded model.
const MAGIC: &[u8] = b"RWMODEL3";

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
    w.text(VERSION);
    model.meta.put(&mut w);
    model.sections.put(&mut w);
    model.facts.put(&mut w);
    model.ask_order.put(&mut w);
    model.parameters.put(&mut w);
    model.parties.put(&mut w);
    model.phases.put(&mut w);
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
/// and of a handover's `when` (each atom keeps its own text, which reasons show), and where facts and
/// outcomes are written. Rules and handovers keep the line they are written on (reasons give it), not
/// the byte: every place becomes the index of its line and the line starts become 0, 1, 2, …, so that
/// [`Model::line_of`] gives the same line for each. Measured for the default triage rules: 376 bytes less
/// after gzip for the texts and places left out, 666 for the lines.
pub fn kept(model: &Model) -> Model {
    let mut kept = model.clone();
    kept.tests.clear();
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

/// Where the model is written while it is encoded.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// The source offset written last (see the `u32` of [`Bin`]).
    last_offset: u32,
}

impl Writer {
    fn push(&mut self, b: u8) {
        self.out.push(b);
    }

    /// A text: its length and bytes.
    fn text(&mut self, s: &str) {
        put_uint(&mut self.out, s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
}

/// A cursor over the encoded bytes. A read past the end or of an impossible value records where it
/// happened and gives a placeholder; the caller checks `failed_at` once at the end. (No early returns:
/// that keeps the decoder small, which matters because it ships in the widget bundle.)
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    failed_at: Option<usize>,
    /// The source offset read last (see the `u32` of [`Bin`]).
    last_offset: u32,
}

impl Reader<'_> {
    /// Records damage at the current position (the first one counts) and stops reading.
    fn fail(&mut self) {
        if self.failed_at.is_none() {
            self.failed_at = Some(self.pos + MAGIC.len());
        }
        self.pos = self.bytes.len();
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => {
                self.fail();
                0
            }
        }
    }

    /// An unsigned LEB128 number.
    fn uint(&mut self) -> u64 {
        let mut n: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.byte();
            if shift > 63 || (shift == 63 && b > 1) {
                self.fail();
                return 0;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    /// A length or count: never more than the bytes that are left, so a damaged length cannot make us
    /// allocate without bound.
    fn len(&mut self) -> usize {
        let n = self.uint();
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len().saturating_sub(self.pos) => n,
            _ => {
                self.fail();
                0
            }
        }
    }

    /// A variant tag up to `max` (anything higher is damage and reads as 0).
    fn tag(&mut self, max: u8) -> u8 {
        let t = self.byte();
        if t > max {
            self.fail();
            return 0;
        }
        t
    }

    /// Reads a nested value, one level deeper; too deep is damage.
    fn nested<T: Bin>(&mut self) -> T {
        if self.depth >= MAX_DEPTH {
            self.fail();
        }
        self.depth += 1;
        let v = T::get(self);
        self.depth -= 1;
        v
    }
}

fn put_uint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A type with a binary form.
trait Bin: Sized {
    fn put(&self, out: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Self;
}

impl Bin for bool {
    fn put(&self, out: &mut Writer) {
        out.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Self {
        r.tag(1) == 1
    }
}

impl Bin for u64 {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, *self);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        r.uint()
    }
}

impl Bin for usize {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, *self as u64);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.uint();
        usize::try_from(n).unwrap_or_else(|_| {
            r.fail();
            0
        })
    }
}

/// Every `u32` of a model is a byte offset in the source (the places of rules, handovers, facts and
/// outcomes; the line starts), stored as the distance from the offset before it: mostly one or two bytes,
/// where the offsets themselves took three and compressed badly (measured: 784 bytes less after gzip for
/// the default triage rules).
impl Bin for u32 {
    fn put(&self, out: &mut Writer) {
        let delta = i64::from(*self) - i64::from(out.last_offset);
        out.last_offset = *self;
        delta.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let delta = i64::get(r);
        let at = i64::from(r.last_offset).checked_add(delta);
        match at.and_then(|at| u32::try_from(at).ok()) {
            Some(at) => {
                r.last_offset = at;
                at
            }
            None => {
                r.fail();
                0
            }
        }
    }
}

impl Bin for i64 {
    /// Zigzag, so that small negative numbers stay short.
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, ((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.uint();
        ((n >> 1) as i64) ^ -((n & 1) as i64)
    }
}

impl Bin for String {
    fn put(&self, out: &mut Writer) {
        out.text(self);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let end = r.pos + n;
        match r.bytes.get(r.pos..end).map(std::str::from_utf8) {
            Some(Ok(s)) => {
                r.pos = end;
                s.to_string()
            }
            _ => {
                r.fail();
                String::new()
            }
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, self.len() as u64);
        for item in self {
            item.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        // Every item takes at least one byte, so the count is bounded by what is left.
        let n = r.len();
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            if r.failed_at.is_some() {
                break;
            }
            items.push(T::get(r));
        }
        items
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, out: &mut Writer) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        if r.tag(1) == 1 { Some(T::get(r)) } else { None }
    }
}

impl<T: Bin> Bin for Box<T> {
    fn put(&self, out: &mut Writer) {
        (**self).put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Box::new(r.nested())
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    fn put(&self, out: &mut Writer) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        (A::get(r), B::get(r))
    }
}

impl Bin for Text {
    fn put(&self, out: &mut Writer) {
        self.nl.put(out);
        self.en.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Text {
            nl: Bin::get(r),
            en: Bin::get(r),
        }
    }
}

impl Bin for Date {
    fn put(&self, out: &mut Writer) {
        i64::from(self.days_since_epoch()).put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let days = i64::get(r);
        Date::from_days_since_epoch(days).unwrap_or_else(|| {
            r.fail();
            Date::EPOCH
        })
    }
}

impl Bin for Span {
    fn put(&self, out: &mut Writer) {
        self.start.put(out);
        self.end.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Span {
            start: Bin::get(r),
            end: Bin::get(r),
        }
    }
}

impl Bin for Meta {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.title.put(out);
        self.version.put(out);
        self.valid_from.put(out);
        self.note.put(out);
        self.hash.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Meta {
            id: Bin::get(r),
            title: Bin::get(r),
            version: Bin::get(r),
            valid_from: Bin::get(r),
            note: Bin::get(r),
            hash: Bin::get(r),
        }
    }
}

impl Bin for SectionDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.label.put(out);
        self.help.put(out);
        self.facts.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        SectionDef {
            id: Bin::get(r),
            label: Bin::get(r),
            help: Bin::get(r),
            facts: Bin::get(r),
        }
    }
}

impl Bin for FactDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.section.put(out);
        self.label.put(out);
        self.help.put(out);
        self.ty.put(out);
        self.ask_when.put(out);
        self.ask_when_text.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        FactDef {
            id: Bin::get(r),
            section: Bin::get(r),
            label: Bin::get(r),
            help: Bin::get(r),
            ty: Bin::get(r),
            ask_when: Bin::get(r),
            ask_when_text: Bin::get(r),
            span: Span::default(),
        }
    }
}

impl Bin for OptionDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.label.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        OptionDef {
            id: Bin::get(r),
            label: Bin::get(r),
        }
    }
}

impl Bin for FactType {
    fn put(&self, out: &mut Writer) {
        match self {
            FactType::Bool => out.push(0),
            FactType::Choice { options } => {
                out.push(1);
                options.put(out);
            }
            FactType::Int { min, max } => {
                out.push(2);
                min.put(out);
                max.put(out);
            }
            FactType::Scale { min, max, levels } => {
                out.push(3);
                min.put(out);
                max.put(out);
                levels.put(out);
            }
            FactType::Date => out.push(4),
            FactType::Timeline { fields } => {
                out.push(5);
                fields.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(5) {
            0 => FactType::Bool,
            1 => FactType::Choice {
                options: Bin::get(r),
            },
            2 => FactType::Int {
                min: Bin::get(r),
                max: Bin::get(r),
            },
            3 => FactType::Scale {
                min: Bin::get(r),
                max: Bin::get(r),
                levels: Bin::get(r),
            },
            4 => FactType::Date,
            _ => FactType::Timeline { fields: r.nested() },
        }
    }
}

impl Bin for FieldDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.label.put(out);
        self.ty.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        FieldDef {
            id: Bin::get(r),
            label: Bin::get(r),
            ty: r.nested(),
        }
    }
}

impl Bin for Value {
    fn put(&self, out: &mut Writer) {
        match self {
            Value::Bool(b) => {
                out.push(0);
                b.put(out);
            }
            Value::Int(n) => {
                out.push(1);
                n.put(out);
            }
            Value::Date(d) => {
                out.push(2);
                d.put(out);
            }
            Value::Choice(c) => {
                out.push(3);
                c.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(3) {
            0 => Value::Bool(Bin::get(r)),
            1 => Value::Int(Bin::get(r)),
            2 => Value::Date(Bin::get(r)),
            _ => Value::Choice(Bin::get(r)),
        }
    }
}

impl Bin for ParamDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.label.put(out);
        self.value.put(out);
        self.sources.put(out);
        self.regional.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        ParamDef {
            id: Bin::get(r),
            label: Bin::get(r),
            value: Bin::get(r),
            sources: Bin::get(r),
            regional: Bin::get(r),
        }
    }
}

impl Bin for Policy {
    fn put(&self, out: &mut Writer) {
        out.push(match self {
            Policy::Priority => 0,
            Policy::Unique => 1,
            Policy::Collect => 2,
            Policy::Deadline => 3,
        });
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(3) {
            0 => Policy::Priority,
            1 => Policy::Unique,
            2 => Policy::Collect,
            _ => Policy::Deadline,
        }
    }
}

impl Bin for OutcomeDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.label.put(out);
        self.policy.put(out);
        match &self.fallback {
            FallbackDef::Required => out.push(0),
            FallbackDef::Default { value, because } => {
                out.push(1);
                value.put(out);
                because.put(out);
            }
        }
        self.values.put(out);
        self.follows.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        OutcomeDef {
            id: Bin::get(r),
            label: Bin::get(r),
            policy: Bin::get(r),
            fallback: if r.tag(1) == 0 {
                FallbackDef::Required
            } else {
                FallbackDef::Default {
                    value: Bin::get(r),
                    because: Bin::get(r),
                }
            },
            values: Bin::get(r),
            follows: Bin::get(r),
            span: Span::default(),
        }
    }
}

impl Bin for HandoverDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.title.put(out);
        self.lead.put(out);
        self.from.put(out);
        self.to.put(out);
        self.when.put(out);
        self.requires.put(out);
        self.because.put(out);
        self.sources.put(out);
        self.time_only.put(out);
        self.span.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        HandoverDef {
            id: Bin::get(r),
            title: Bin::get(r),
            lead: Bin::get(r),
            from: Bin::get(r),
            to: Bin::get(r),
            when: Bin::get(r),
            when_text: String::new(),
            requires: Bin::get(r),
            because: Bin::get(r),
            sources: Bin::get(r),
            time_only: Bin::get(r),
            span: Bin::get(r),
        }
    }
}

impl Bin for RequireDef {
    fn put(&self, out: &mut Writer) {
        self.cond.put(out);
        self.text.put(out);
        self.label.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        RequireDef {
            cond: Bin::get(r),
            text: Bin::get(r),
            label: Bin::get(r),
        }
    }
}

impl Bin for RuleOrigin {
    fn put(&self, out: &mut Writer) {
        match self {
            RuleOrigin::Rule => out.push(0),
            RuleOrigin::Row { table, row } => {
                out.push(1);
                table.put(out);
                row.put(out);
            }
            RuleOrigin::Handover { handover, complete } => {
                out.push(2);
                handover.put(out);
                complete.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(2) {
            0 => RuleOrigin::Rule,
            1 => RuleOrigin::Row {
                table: Bin::get(r),
                row: Bin::get(r),
            },
            _ => RuleOrigin::Handover {
                handover: Bin::get(r),
                complete: Bin::get(r),
            },
        }
    }
}

impl Bin for RuleDef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.origin.put(out);
        self.title.put(out);
        self.cond.put(out);
        self.assigns.put(out);
        self.deadlines.put(out);
        self.priority.put(out);
        self.rank.put(out);
        self.because.put(out);
        self.sources.put(out);
        self.span.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        RuleDef {
            id: Bin::get(r),
            origin: Bin::get(r),
            title: Bin::get(r),
            cond: Bin::get(r),
            cond_text: String::new(),
            assigns: Bin::get(r),
            deadlines: Bin::get(r),
            priority: Bin::get(r),
            rank: Bin::get(r),
            because: Bin::get(r),
            sources: Bin::get(r),
            span: Bin::get(r),
        }
    }
}

impl Bin for DeadlineAssign {
    fn put(&self, out: &mut Writer) {
        self.outcome.put(out);
        self.date.put(out);
        self.text.put(out);
        self.facts.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        DeadlineAssign {
            outcome: Bin::get(r),
            date: Bin::get(r),
            text: Bin::get(r),
            facts: Bin::get(r),
        }
    }
}

impl Bin for Cond {
    fn put(&self, out: &mut Writer) {
        match self {
            Cond::True => out.push(0),
            Cond::And(parts) => {
                out.push(1);
                parts.put(out);
            }
            Cond::Or(parts) => {
                out.push(2);
                parts.put(out);
            }
            Cond::Not(c) => {
                out.push(3);
                c.put(out);
            }
            Cond::Atom(a) => {
                out.push(4);
                a.put(out);
            }
            Cond::Definitely(c) => {
                out.push(5);
                c.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(5) {
            0 => Cond::True,
            1 => Cond::And(r.nested()),
            2 => Cond::Or(r.nested()),
            3 => Cond::Not(Bin::get(r)),
            4 => Cond::Atom(Bin::get(r)),
            _ => Cond::Definitely(Bin::get(r)),
        }
    }
}

impl Bin for Atom {
    fn put(&self, out: &mut Writer) {
        self.pred.put(out);
        self.text.put(out);
        self.facts.put(out);
        self.params.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Atom {
            pred: Bin::get(r),
            text: Bin::get(r),
            facts: Bin::get(r),
            params: Bin::get(r),
        }
    }
}

impl Bin for CmpOp {
    fn put(&self, out: &mut Writer) {
        out.push(match self {
            CmpOp::Eq => 0,
            CmpOp::Ne => 1,
            CmpOp::Lt => 2,
            CmpOp::Le => 3,
            CmpOp::Gt => 4,
            CmpOp::Ge => 5,
        });
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(5) {
            0 => CmpOp::Eq,
            1 => CmpOp::Ne,
            2 => CmpOp::Lt,
            3 => CmpOp::Le,
            4 => CmpOp::Gt,
            _ => CmpOp::Ge,
        }
    }
}

impl Bin for Pred {
    fn put(&self, out: &mut Writer) {
        match self {
            Pred::Truth(t) => {
                out.push(0);
                t.put(out);
            }
            Pred::Cmp(op, a, b) => {
                out.push(1);
                op.put(out);
                a.put(out);
                b.put(out);
            }
            Pred::In {
                term,
                list,
                negated,
            } => {
                out.push(2);
                term.put(out);
                list.put(out);
                negated.put(out);
            }
            Pred::Between { term, low, high } => {
                out.push(3);
                term.put(out);
                low.put(out);
                high.put(out);
            }
            Pred::Answered { fact, negated } => {
                out.push(4);
                fact.put(out);
                negated.put(out);
            }
            Pred::Nested(c) => {
                out.push(5);
                c.put(out);
            }
            Pred::Known { term, negated } => {
                out.push(6);
                term.put(out);
                negated.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(6) {
            0 => Pred::Truth(r.nested()),
            1 => Pred::Cmp(Bin::get(r), r.nested(), r.nested()),
            2 => Pred::In {
                term: r.nested(),
                list: r.nested(),
                negated: Bin::get(r),
            },
            3 => Pred::Between {
                term: r.nested(),
                low: r.nested(),
                high: r.nested(),
            },
            4 => Pred::Answered {
                fact: Bin::get(r),
                negated: Bin::get(r),
            },
            5 => Pred::Nested(Bin::get(r)),
            _ => Pred::Known {
                term: r.nested(),
                negated: Bin::get(r),
            },
        }
    }
}

impl Bin for ArithOp {
    fn put(&self, out: &mut Writer) {
        out.push(match self {
            ArithOp::Add => 0,
            ArithOp::Sub => 1,
            ArithOp::Mul => 2,
        });
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(2) {
            0 => ArithOp::Add,
            1 => ArithOp::Sub,
            _ => ArithOp::Mul,
        }
    }
}

impl Bin for Term {
    fn put(&self, out: &mut Writer) {
        match self {
            Term::Fact(f) => {
                out.push(0);
                f.put(out);
            }
            Term::Lit(v) => {
                out.push(1);
                v.put(out);
            }
            Term::Today => out.push(2),
            Term::Param(p) => {
                out.push(3);
                p.put(out);
            }
            Term::WorkdaysPlus(a, b) => {
                out.push(4);
                a.put(out);
                b.put(out);
            }
            Term::Arith(op, a, b) => {
                out.push(5);
                op.put(out);
                a.put(out);
                b.put(out);
            }
            Term::Neg(a) => {
                out.push(6);
                a.put(out);
            }
            Term::DatePlus(a, b) => {
                out.push(7);
                a.put(out);
                b.put(out);
            }
            Term::DateDiff(a, b) => {
                out.push(8);
                a.put(out);
                b.put(out);
            }
            Term::Cond(c) => {
                out.push(9);
                c.put(out);
            }
            Term::Count {
                list,
                filter,
                window,
            } => {
                out.push(10);
                list.put(out);
                filter.put(out);
                window.put(out);
            }
            Term::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => {
                out.push(11);
                latest.put(out);
                field.put(out);
                list.put(out);
                filter.put(out);
                window.put(out);
            }
            Term::Field(f) => {
                out.push(12);
                f.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(12) {
            0 => Term::Fact(Bin::get(r)),
            1 => Term::Lit(Bin::get(r)),
            2 => Term::Today,
            3 => Term::Param(Bin::get(r)),
            4 => Term::WorkdaysPlus(Bin::get(r), Bin::get(r)),
            5 => Term::Arith(Bin::get(r), Bin::get(r), Bin::get(r)),
            6 => Term::Neg(Bin::get(r)),
            7 => Term::DatePlus(Bin::get(r), Bin::get(r)),
            8 => Term::DateDiff(Bin::get(r), Bin::get(r)),
            9 => Term::Cond(Bin::get(r)),
            10 => Term::Count {
                list: Bin::get(r),
                filter: Bin::get(r),
                window: Bin::get(r),
            },
            11 => Term::Pick {
                latest: Bin::get(r),
                field: Bin::get(r),
                list: Bin::get(r),
                filter: Bin::get(r),
                window: Bin::get(r),
            },
            _ => Term::Field(Bin::get(r)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> Reader<'_> {
        Reader {
            bytes,
            pos: 0,
            depth: 0,
            failed_at: None,
            last_offset: 0,
        }
    }

    #[test]
    fn numbers_round_trip() {
        for n in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN, 1 << 40] {
            let mut w = Writer::default();
            n.put(&mut w);
            let mut r = reader(&w.out);
            assert_eq!(i64::get(&mut r), n);
            assert_eq!(r.failed_at, None);
            assert_eq!(r.pos, w.out.len());
        }
    }

    #[test]
    fn an_overlong_number_is_damage_not_a_panic() {
        let bytes = [0xffu8; 12];
        let mut r = reader(&bytes);
        assert_eq!(u64::get(&mut r), 0);
        assert!(r.failed_at.is_some());
    }
}
