//! Checks shared by the fuzz targets: what must hold for any input, beyond "does not panic".
#![allow(dead_code)]

use regiewijzer_core::answers::Answers;
use regiewijzer_core::bin::{decode, encode, kept};
use regiewijzer_core::eval::{decide, evaluate};
use regiewijzer_core::summary::summary;
use regiewijzer_core::{Compiled, Date, Model};

/// Every diagnostic has a code, both messages, and a span inside the text whose line:column agree.
pub fn check_diagnostics(src: &str, compiled: &Compiled) {
    for d in &compiled.diagnostics {
        assert!(d.code.len() == 4, "a code like E107: {:?}", d.code);
        assert!(
            !d.message_nl.is_empty() && !d.message_en.is_empty(),
            "{}",
            d.code
        );
        assert!(d.span.start <= d.span.end, "{}: span {:?}", d.code, d.span);
        assert!(
            d.span.end as usize <= src.len(),
            "{}: span past the end",
            d.code
        );
        assert!(d.start.line >= 1 && d.start.column >= 1, "{}", d.code);
        assert!(
            (d.start.line, d.start.column) <= (d.end.line, d.end.column),
            "{}",
            d.code
        );
    }
    if compiled.has_errors() {
        assert!(compiled.model.is_none(), "no model when there are errors");
    }
}

/// A model survives the binary form the widget loads (what `bin::kept` keeps of it), and evaluates on no answers;
/// deciding each outcome alone agrees with the whole evaluation.
pub fn check_model(model: &Model, today: Date) {
    let bytes = encode(model);
    let back = decode(&bytes);
    assert!(back.as_ref() == Ok(&kept(model)), "binary round trip");
    check_answers(model, &Answers::empty(model), today);
}

/// Evaluation, deciding one outcome, and both summaries on these answers.
pub fn check_answers(model: &Model, answers: &Answers, today: Date) {
    let ev = evaluate(model, answers, today);
    assert_eq!(ev.outcomes.len(), model.outcomes.len());
    for (i, o) in ev.outcomes.iter().enumerate() {
        let alone = decide(model, answers, today, i);
        let whole = (o.status, &o.values, o.provisional);
        assert!(
            alone.as_ref().map(|d| (d.status, &d.values, d.provisional)) == Some(whole),
            "decide agrees with evaluate on outcome {}",
            o.id
        );
    }
    for lang in ["nl", "en"] {
        let text = summary(model, &ev, &[], lang);
        assert!(!text.is_empty());
    }
}
