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
    /// How the type is named in messages, in English and Dutch.
    pub(super) fn words(&self, facts: &[FactDef]) -> Words {
        let fact = |f: &FactId| facts.get(*f).map_or("?", |f| f.id.as_str());
        match self {
            Ty::Bool => Words::new("yes/no", "ja/nee"),
            Ty::Int => Words::new("a number", "een getal"),
            Ty::Date => Words::new("a date", "een datum"),
            Ty::Days => Words::new("a number of days", "een aantal dagen"),
            Ty::WorkingDays => Words::new("a number of working days", "een aantal werkdagen"),
            Ty::Choice(f) => Words::new(
                format!("a choice of `{}`", fact(f)),
                format!("een keuze van `{}`", fact(f)),
            ),
            Ty::Name(n, _) => Words::new(format!("the name `{n}`"), format!("de naam `{n}`")),
            Ty::FieldChoice(f, i) => {
                let fd = facts.get(*f);
                let field = fd.and_then(|fd| match &fd.ty {
                    FactType::Timeline { fields } => fields.get(*i).map(|x| x.id.as_str()),
                    _ => None,
                });
                let field = field.unwrap_or("?");
                Words::new(
                    format!("a choice of field `{field}`"),
                    format!("een keuze van veld `{field}`"),
                )
            }
            Ty::Timeline(f) => Words::new(
                format!(
                    "the timeline `{}` (use count(...), latest(...) or earliest(...))",
                    fact(f)
                ),
                format!(
                    "de tijdlijn `{}` (gebruik count(...), latest(...) of earliest(...))",
                    fact(f)
                ),
            ),
        }
    }
}
