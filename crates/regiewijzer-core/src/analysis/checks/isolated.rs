//! `A401`: a party or phase that no rule, handover or question uses: no way in or out.

use crate::analysis::analyzer::Analyzer;
use crate::analysis::finding::FindingKind;
use crate::analysis::space::Space;
use crate::ast::Span;
use crate::model::{FactType, Model, Text};

/// Every declared party and phase that nothing uses.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>) {
    let model = a.model;
    for (kind_nl, kind_en, values) in [
        ("partij", "party", &model.parties),
        ("fase", "phase", &model.phases),
    ] {
        for v in values {
            if used(model, &v.id) {
                continue;
            }
            a.push(
                space,
                "A401",
                FindingKind::Isolated {
                    value: v.id.clone(),
                },
                Span { start: 0, end: 0 },
                Text {
                    nl: format!(
                        "De {kind_nl} '{}' komt in geen regel, overdracht of vraag voor: er is geen weg in of uit.",
                        v.id
                    ),
                    en: format!(
                        "The {kind_en} '{}' appears in no rule, handover or question: there is no way in or out.",
                        v.id
                    ),
                },
                None,
                true,
                &[],
            );
        }
    }
}

/// True when a rule gives the value `id` to an outcome that has it, or a question offers it.
fn used(model: &Model, id: &str) -> bool {
    let given = model
        .outcomes
        .iter()
        .any(|o| o.values.iter().any(|x| x.id == id))
        && model.rules.iter().any(|r| {
            r.assigns.iter().any(|(o, val)| {
                model
                    .outcomes
                    .get(*o)
                    .and_then(|o| o.values.get(*val))
                    .is_some_and(|x| x.id == id)
            })
        });
    let asked = model.facts.iter().any(|f| match &f.ty {
        FactType::Choice { options } => options.iter().any(|o| o.id == id),
        _ => false,
    });
    given || asked
}
