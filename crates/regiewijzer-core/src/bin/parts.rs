//! The binary forms of a model's declarations: meta, sections, facts and their types, parameters,
//! outcomes, handovers and rules (conditions and terms: `cond`).

use super::wire::{Bin, Reader, Writer};
use crate::ast::{Policy, Span};
use crate::date::Date;
use crate::model::{
    BaseRef, DeadlineAssign, FactDef, FactType, FallbackDef, FieldDef, HandoverDef, Meta,
    OptionDef, OutcomeDef, ParamDef, RequireDef, RuleDef, RuleOrigin, SectionDef, Text, Value,
};

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
        self.base.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Meta {
            id: Bin::get(r),
            title: Bin::get(r),
            version: Bin::get(r),
            valid_from: Bin::get(r),
            note: Bin::get(r),
            hash: Bin::get(r),
            base: Bin::get(r),
        }
    }
}

impl Bin for BaseRef {
    fn put(&self, out: &mut Writer) {
        self.id.put(out);
        self.version.put(out);
        self.hash.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        BaseRef {
            id: Bin::get(r),
            version: Bin::get(r),
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
