//! Every text a professional sees is in plain words: for the answers of every test of every shipped
//! ruleset, the reasons' sentences, the `because` texts, titles, values, what matters next, near misses,
//! handovers and the summary (nl and en) hold no id of a fact, option, value, outcome, rule, table,
//! parameter or field, no operator or keyword of the language, no yes/true/false and no line number; and
//! no reason cites a question that is not asked.
//!
//! Some ids are also ordinary words (`overlast`, `schulden`, `advies`): an id counts as a leak when it
//! holds `_`, or when it is not a word of the ruleset's own label texts. `main_output_leaks` shows that
//! the check finds the leaks of the code-form reasons (the canonical texts) that were shown before.

use std::collections::BTreeSet;

use regiewijzer_core::RESERVED;
use regiewijzer_core::answers::Answers;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::eval::{Asked, Evaluation, evaluate};
use regiewijzer_core::model::TestDef;
use regiewijzer_core::model::{FactType, Model, RuleOrigin, Text};
use regiewijzer_core::summary::summary;
use regiewijzer_core::testing::test_today;

#[path = "support/shipped.rs"]
mod shipped;

fn shipped() -> Vec<(String, Model, Vec<TestDef>)> {
    shipped::models()
        .into_iter()
        .map(|(path, model)| {
            let mut tests = model.tests.clone();
            if let Ok(more) = std::fs::read_to_string(path.with_extension("tests.regels")) {
                tests.extend(check_tests_file(&model, &more).0);
            }
            (path.display().to_string(), model, tests)
        })
        .collect()
}

/// The words of a text: runs of letters, digits and `_`.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// What must not appear in a professional's text, for one model. An id without `_` that the ruleset's
/// authors use as a word in its labels, help or reasons (`tempo`, `overlast`) is a word, not a leak.
struct Forbidden {
    /// Ids that are not ordinary words.
    ids: BTreeSet<String>,
}

impl Forbidden {
    fn of(model: &Model) -> Forbidden {
        let mut texts: Vec<&Text> = Vec::new();
        let mut ids: Vec<&str> = Vec::new();
        for s in &model.sections {
            ids.push(&s.id);
            texts.push(&s.label);
        }
        for f in &model.facts {
            ids.push(&f.id);
            texts.push(&f.label);
            texts.extend(f.help.iter());
            match &f.ty {
                FactType::Choice { options } => options.iter().for_each(|o| {
                    ids.push(&o.id);
                    texts.push(&o.label);
                }),
                FactType::Timeline { fields } => fields.iter().for_each(|fd| {
                    ids.push(&fd.id);
                    texts.push(&fd.label);
                    if let FactType::Choice { options } = &fd.ty {
                        options.iter().for_each(|o| {
                            ids.push(&o.id);
                            texts.push(&o.label);
                        });
                    }
                }),
                FactType::Scale { levels, .. } => levels.iter().for_each(|(_, t)| texts.push(t)),
                _ => {}
            }
        }
        for o in &model.outcomes {
            ids.push(&o.id);
            texts.push(&o.label);
            o.values.iter().for_each(|v| {
                ids.push(&v.id);
                texts.push(&v.label);
            });
        }
        for p in &model.parameters {
            ids.push(&p.id);
            texts.push(&p.label);
        }
        for r in &model.rules {
            if let RuleOrigin::Row { table, .. } = &r.origin {
                ids.push(table);
            } else {
                ids.push(&r.id);
            }
            texts.extend(r.title.iter());
            texts.push(&r.because);
        }
        for h in &model.handovers {
            ids.push(&h.id);
            texts.extend(h.title.iter());
            texts.push(&h.because);
        }
        let label_words: BTreeSet<String> = texts
            .iter()
            .flat_map(|t| {
                words(&t.nl)
                    .chain(words(&t.en))
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        let ids = ids
            .into_iter()
            .filter(|id| id.contains('_') || !label_words.contains(*id))
            .map(str::to_string)
            .collect();
        Forbidden { ids }
    }

    /// What is wrong with a text in `lang`, if anything.
    fn problems(&self, text: &str, lang: &str) -> Vec<String> {
        let mut out = Vec::new();
        let ws: Vec<&str> = words(text).collect();
        for w in &ws {
            if self.ids.contains(*w) {
                out.push(format!("id `{w}`"));
            }
            if ["yes", "true", "false"].contains(w) {
                out.push(format!("`{w}`"));
            }
            // Keywords: in Dutch every keyword that is not also a Dutch word; in English the few that
            // are no English words (the rest is caught by the ids and operators around them).
            let dutch_words = [
                "in",
                "is",
                "of",
                "en",
                "test",
                "deadline",
                "complete",
                "parameter",
                "label",
            ];
            let keyword = match lang {
                "nl" => RESERVED.contains(w) && !dutch_words.contains(w),
                _ => ["ruleset", "bool", "int", "nl"].contains(w),
            };
            if keyword {
                out.push(format!("keyword `{w}`"));
            }
        }
        for op in [
            "=",
            "<",
            ">",
            "[",
            "]",
            "{",
            "}",
            "#",
            "count(",
            "latest(",
            "earliest(",
        ] {
            if text.contains(op) {
                out.push(format!("operator `{op}`"));
            }
        }
        for phrase in ["is answered", "is unknown", "ask when", "regelnummer"] {
            if text.contains(phrase) {
                out.push(format!("`{phrase}`"));
            }
        }
        for pair in ws.windows(2) {
            if let [a, b] = pair
                && ["line", "regel", "rij", "row", "lijn"].contains(&a.to_lowercase().as_str())
                && b.chars().all(|c| c.is_ascii_digit())
            {
                out.push(format!("line number `{a} {b}`"));
            }
        }
        out
    }
}

/// Every text of an evaluation a professional sees, with where it comes from.
fn professional_texts(model: &Model, e: &Evaluation) -> Vec<(String, Text)> {
    let label = |id: &str| {
        model
            .facts
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.label.clone())
            .unwrap_or_else(|| Text::both(id))
    };
    let mut out: Vec<(String, Text)> = Vec::new();
    for o in &e.outcomes {
        out.push((format!("{} label", o.id), o.label.clone()));
        out.extend(
            o.value_labels
                .iter()
                .map(|v| (format!("{} value", o.id), v.clone())),
        );
        for r in &o.reasons {
            let at = format!("{} reason {}", o.id, r.rule);
            out.push((at.clone(), r.because.clone()));
            out.extend(r.title.iter().map(|t| (at.clone(), t.clone())));
            out.extend(
                r.conditions
                    .iter()
                    .map(|c| (format!("{at}: {}", c.text), c.sentence.clone())),
            );
        }
        for n in &o.nearest {
            let at = format!("{} near miss {}", o.id, n.rule);
            out.push((at.clone(), n.because.clone()));
            out.extend(n.value_labels.iter().map(|v| (at.clone(), v.clone())));
            out.extend(n.missing.iter().map(|m| (at.clone(), label(m))));
            out.extend(
                n.failing
                    .iter()
                    .map(|c| (format!("{at}: {}", c.text), c.sentence.clone())),
            );
        }
        out.extend(
            o.matters_next
                .iter()
                .map(|m| (format!("{} matters next", o.id), label(m))),
        );
    }
    out.extend(
        e.matters_next
            .iter()
            .map(|m| ("matters next".to_string(), label(m))),
    );
    for h in &e.handovers {
        out.push((format!("handover {}", h.id), h.because.clone()));
        out.extend(
            h.title
                .iter()
                .map(|t| (format!("handover {}", h.id), t.clone())),
        );
        out.extend(
            h.missing
                .iter()
                .map(|t| (format!("handover {} missing", h.id), t.clone())),
        );
    }
    out.push((
        "summary".into(),
        Text {
            nl: summary(model, e, &[], "nl"),
            en: summary(model, e, &[], "en"),
        },
    ));
    out
}

/// The summary's header line names the ruleset by id and hash on purpose (which rules gave this advice),
/// and a source line cites a publication or web address as its author wrote it: both are left out.
fn without_header(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("Regelset:") && !l.starts_with("Ruleset:"))
        .filter(|l| !l.starts_with("  bron:") && !l.starts_with("  source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The questions not asked now whose labels a reason's sentence cites.
fn unasked_cited(model: &Model, e: &Evaluation) -> Vec<String> {
    let unasked: Vec<&Text> = model
        .facts
        .iter()
        .zip(&e.facts)
        .filter(|(_, st)| st.asked != Asked::Yes)
        .map(|(f, _)| &f.label)
        .collect();
    let mut out = Vec::new();
    for o in &e.outcomes {
        let parts = o
            .reasons
            .iter()
            .flat_map(|r| r.conditions.iter())
            .chain(o.nearest.iter().flat_map(|n| n.failing.iter()));
        for c in parts {
            for q in &unasked {
                if c.sentence.nl.contains(q.nl.as_str()) || c.sentence.en.contains(q.en.as_str()) {
                    out.push(format!("{}: `{}` cites \"{}\"", o.id, c.text, q.nl));
                }
            }
        }
    }
    out
}

/// Runs `check` over the evaluation of every shipped test; returns the problems found.
fn over_every_shipped_test(
    check: impl Fn(&Model, &Evaluation, &Forbidden) -> Vec<String>,
) -> Vec<String> {
    let mut report = Vec::new();
    let mut evaluations = 0;
    for (path, model, tests) in shipped() {
        let forbidden = Forbidden::of(&model);
        for t in &tests {
            let e = evaluate(
                &model,
                &Answers::from_test(&model, t),
                test_today(&model, t),
            );
            evaluations += 1;
            for p in check(&model, &e, &forbidden) {
                report.push(format!("{path}, test \"{}\": {p}", t.name));
            }
        }
    }
    assert!(evaluations > 100, "{evaluations}");
    report
}

fn leaks(model: &Model, e: &Evaluation, f: &Forbidden) -> Vec<String> {
    let mut out = Vec::new();
    for (at, t) in professional_texts(model, e) {
        for (lang, s) in [("nl", &t.nl), ("en", &t.en)] {
            for p in f.problems(&without_header(s), lang) {
                let kept = without_header(s);
                let line = kept
                    .lines()
                    .find(|l| !f.problems(l, lang).is_empty())
                    .unwrap_or(s);
                out.push(format!("{at} ({lang}): {p} in \"{line}\""));
            }
        }
    }
    out
}

#[test]
fn every_text_a_professional_sees_is_in_plain_words() {
    let report = over_every_shipped_test(leaks);
    // One line per distinct problem (the same text recurs over many tests).
    let mut seen = BTreeSet::new();
    let report: Vec<String> = report
        .into_iter()
        .filter(|r| seen.insert(r.split_once("\": ").map_or(r.as_str(), |x| x.1).to_string()))
        .take(40)
        .collect();
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn no_reason_cites_a_question_that_is_not_asked() {
    let report = over_every_shipped_test(|m, e, _| unasked_cited(m, e));
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

/// The check can fail: the canonical code-form texts (what the widget and summary showed before) leak,
/// in every ruleset.
#[test]
fn main_output_leaks() {
    for (path, model, tests) in shipped() {
        let f = Forbidden::of(&model);
        let mut found = 0;
        for t in &tests {
            let e = evaluate(
                &model,
                &Answers::from_test(&model, t),
                test_today(&model, t),
            );
            for o in &e.outcomes {
                for r in &o.reasons {
                    for c in &r.conditions {
                        found += usize::from(!f.problems(&c.text, "nl").is_empty());
                    }
                    let row = format!(
                        "{}, rij {}, regelnummer {}",
                        r.rule,
                        r.row.unwrap_or(1),
                        r.line
                    );
                    assert!(!f.problems(&row, "nl").is_empty(), "{row}");
                }
            }
        }
        assert!(found > 0, "{path}: the code-form texts pass the check");
    }
    let f = Forbidden {
        ids: BTreeSet::from(["acuut_gevaar".to_string()]),
    };
    assert!(!f.problems("omdat: yes", "nl").is_empty());
    assert!(!f.problems("acuut_gevaar", "en").is_empty());
    assert!(f.problems("Is er nu acuut gevaar? Ja.", "nl").is_empty());
}
