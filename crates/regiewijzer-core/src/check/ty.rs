//! The types of expressions while checking, and how messages name them.

use super::*;

/// The type of an expression during checking.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ty {
    Bool,
    Int,
    Date,
    Days,
    WorkingDays,
    Choice(FactId),
    /// A choice field of a timeline.
    FieldChoice(FactId, usize),
    /// A timeline (only usable in `count`, `latest`, `earliest`).
    Timeline(FactId),
    /// A bare name that is not a fact: an option, to be resolved against the other side.
    Name(String, Span),
}

impl Ty {
    /// How messages name the type.
    pub(super) fn words(&self, facts: &[FactDef]) -> TypeDesc {
        let fact = |f: &FactId| facts.get(*f).map_or("?", |f| f.id.as_str()).to_string();
        match self {
            Ty::Bool => TypeDesc::YesNo,
            Ty::Int => TypeDesc::Number,
            Ty::Date => TypeDesc::Date,
            Ty::Days => TypeDesc::Days,
            Ty::WorkingDays => TypeDesc::WorkingDays,
            Ty::Choice(f) => TypeDesc::ChoiceOf(fact(f)),
            Ty::Name(n, _) => TypeDesc::Name(n.clone()),
            Ty::FieldChoice(f, i) => {
                let field = facts.get(*f).and_then(|fd| match &fd.ty {
                    FactType::Timeline { fields } => fields.get(*i).map(|x| x.id.as_str()),
                    _ => None,
                });
                TypeDesc::FieldChoice(field.unwrap_or("?").to_string())
            }
            Ty::Timeline(f) => TypeDesc::Timeline(fact(f)),
        }
    }
}
