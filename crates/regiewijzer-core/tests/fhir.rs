//! The FHIR R4 export (docs/fhir.md): every question of every shipped ruleset is an item of its type in the
//! `Questionnaire`, `ask when` becomes `enableWhen` where FHIR can say it (and stays as written in an
//! extension), and a widget value becomes a `QuestionnaireResponse` whose items are items of that
//! questionnaire, with the advice, the decisions and the ruleset's hash. That the output is valid FHIR R4
//! is shown by an independent validator in tests/fhir.test.mjs.

use std::collections::HashMap;

use regiewijzer_core::answers::{Answers, RawAnswers, RawValue};
use regiewijzer_core::eval::evaluate;
use regiewijzer_core::fhir::{ResponseError, questionnaire, questionnaire_response};
use regiewijzer_core::{Date, Model, compile};
use serde_json::{Value, json};

#[path = "support/shipped.rs"]
mod shipped;

fn shipped() -> Vec<(String, Model)> {
    shipped::models()
        .into_iter()
        .map(|(p, m)| (p.display().to_string(), m))
        .collect()
}

fn triage() -> Model {
    let src = include_str!("../../../rulesets/triage.regels");
    compile(src).model.unwrap()
}

/// Every item of a questionnaire (or response), depth first.
fn items(v: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for i in v["item"].as_array().into_iter().flatten() {
        out.push(i);
        out.extend(items(i));
        for a in i["answer"].as_array().into_iter().flatten() {
            out.extend(items(a));
        }
    }
    out
}

fn ext<'a>(v: &'a Value, name: &str) -> Vec<&'a Value> {
    let url = format!("https://regiewijzer.nl/fhir/StructureDefinition/{name}");
    v["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["url"] == url)
        .collect()
}

fn part<'a>(e: &'a Value, name: &str) -> Vec<&'a Value> {
    e["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["url"] == name)
        .collect()
}

#[test]
fn every_question_of_every_shipped_ruleset_is_an_item_of_its_type() {
    for (path, model) in shipped() {
        let q = serde_json::to_value(questionnaire(&model)).unwrap();
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(
            q["url"],
            format!(
                "https://regiewijzer.nl/fhir/Questionnaire/{}",
                model.meta.id
            )
        );
        assert_eq!(q["version"], model.meta.version.as_str());
        assert_eq!(q["identifier"][0]["value"], model.meta.hash.as_str());
        let all = items(&q);
        let by_id: HashMap<&str, &Value> = all
            .iter()
            .map(|i| (i["linkId"].as_str().unwrap(), *i))
            .collect();
        assert_eq!(by_id.len(), all.len(), "{path}: link ids are not unique");
        for fact in &model.facts {
            let item = by_id
                .get(fact.id.as_str())
                .unwrap_or_else(|| panic!("{path}: no item {}", fact.id));
            let want = match &fact.ty {
                regiewijzer_core::model::FactType::Bool => "boolean",
                regiewijzer_core::model::FactType::Choice { .. } => "choice",
                regiewijzer_core::model::FactType::Int { .. } => "integer",
                regiewijzer_core::model::FactType::Scale { min, max, .. } => {
                    if max - min < 10 {
                        "choice"
                    } else {
                        "integer"
                    }
                }
                regiewijzer_core::model::FactType::Date => "date",
                regiewijzer_core::model::FactType::Timeline { fields } => {
                    assert_eq!(item["repeats"], true, "{path}: {}", fact.id);
                    for f in fields {
                        assert!(by_id.contains_key(format!("{}.{}", fact.id, f.id).as_str()));
                    }
                    "group"
                }
            };
            assert_eq!(item["type"], want, "{path}: {}", fact.id);
            assert_eq!(item["text"], fact.label.nl.as_str());
            assert_eq!(
                ext(item, "ask-when")
                    .first()
                    .map(|e| e["valueString"].clone()),
                fact.ask_when_text.as_ref().map(|t| json!(t)),
                "{path}: {}",
                fact.id
            );
            for w in item["enableWhen"].as_array().into_iter().flatten() {
                let other = by_id[w["question"].as_str().unwrap()];
                assert_ne!(
                    other["type"], "group",
                    "{path}: {} depends on a group",
                    fact.id
                );
            }
        }
    }
}

#[test]
fn ask_when_is_enable_when_where_fhir_can_say_it_and_stays_as_written() {
    let q = serde_json::to_value(questionnaire(&triage())).unwrap();
    let all = items(&q);
    let item = |id: &str| *all.iter().find(|i| i["linkId"] == id).unwrap();
    assert_eq!(
        item("suicidegevaar")["enableWhen"],
        json!([{"question": "acuut_gevaar", "operator": "=", "answerBoolean": true}])
    );
    assert_eq!(
        item("jongerengroep")["enableWhen"],
        json!([{"question": "leeftijd", "operator": "<", "answerInteger": 18}])
    );
    let either = item("ernstig_nadeel");
    assert_eq!(either["enableBehavior"], "any");
    assert_eq!(either["enableWhen"].as_array().unwrap().len(), 2);
    assert_eq!(item("leeftijd")["extension"][0]["valueInteger"], 0);
    assert_eq!(item("leeftijd")["extension"][1]["valueInteger"], 120);
    // English as HL7's translation of the Dutch text.
    let en = &item("acuut_gevaar")["_text"]["extension"][0];
    assert_eq!(
        en["url"],
        "http://hl7.org/fhir/StructureDefinition/translation"
    );
    assert_eq!(
        en["extension"][1]["valueString"],
        "Is there acute danger to the person or to others right now?"
    );

    // A condition FHIR cannot say (arithmetic) has no enableWhen, only the extension.
    let src = "ruleset t\n  title nl \"T\" en \"T\"\n  version \"1\"\n\nsection leeg\n  label nl \"L\" en \"L\"\n\nsection s\n  label nl \"S\" en \"S\"\n\nfact a: int 0..10\n  label nl \"A\" en \"A\"\n\nfact b: bool\n  label nl \"B\" en \"B\"\n  ask when a + 1 > 3\n\noutcome o: priority\n  label nl \"O\" en \"O\"\n  value v nl \"V\" en \"V\"\n  default v because nl \"Altijd.\" en \"Always.\"\n";
    let compiled = compile(src);
    let model = compiled.model.expect("the small ruleset compiles");
    let q = serde_json::to_value(questionnaire(&model)).unwrap();
    let b = *items(&q).iter().find(|i| i["linkId"] == "b").unwrap();
    assert!(b.get("enableWhen").is_none());
    // A section without questions is no group (a FHIR group must have items).
    assert!(!items(&q).iter().any(|i| i["linkId"] == "section.leeg"));
    assert_eq!(ext(b, "ask-when")[0]["valueString"], "a + 1 > 3");
}

/// A value as the element posts it, made from a real evaluation of `answers`.
fn widget_value(model: &Model, answers: Value, today: &str) -> Value {
    let raw: RawAnswers = serde_json::from_value(answers.clone()).unwrap();
    let (typed, _) = Answers::from_raw(model, &raw);
    let e = evaluate(model, &typed, Date::parse(today).unwrap());
    let mut outcomes = serde_json::Map::new();
    let mut decisions = serde_json::Map::new();
    for o in &e.outcomes {
        outcomes.insert(
            o.id.clone(),
            json!({"status": o.status, "values": o.values, "provisional": o.provisional,
                   "rules": o.reasons.iter().map(|r| r.rule.clone()).collect::<Vec<_>>()}),
        );
        decisions.insert(
            o.id.clone(),
            json!({"advice": o.values, "decision": "confirmed", "values": o.values, "reason": null,
                   "at": "2026-03-02T09:14:03.512Z"}),
        );
    }
    json!({"ruleset": {"id": model.meta.id, "version": model.meta.version, "hash": model.meta.hash},
           "today": today, "lang": "nl", "answers": answers, "removed_answers": ["oude_vraag"],
           "outcomes": outcomes, "decided": true, "decisions": decisions})
}

fn response(model: &Model, value: &Value) -> Result<Value, ResponseError> {
    let raw: RawValue = serde_json::from_value(value.clone()).unwrap();
    questionnaire_response(model, &raw).map(|r| serde_json::to_value(r).unwrap())
}

#[test]
fn a_value_becomes_a_response_to_its_questionnaire_with_advice_and_decisions() {
    let model = triage();
    let mut value = widget_value(
        &model,
        json!({"melder": "buurt", "acuut_gevaar": false, "leeftijd": 45, "woonsituatie": "dakloos",
               "schulden": true, "zrm_financien": 2, "hulp_geweigerd": true, "leeftijd_typo": 3}),
        "2026-03-02",
    );
    value["decisions"]["urgentie"] = json!({"advice": value["outcomes"]["urgentie"]["values"],
        "decision": "override", "values": ["binnen_24_uur"],
        "reason": {"code": "meer_urgentie", "text": "Melder hoort hem 's nachts schreeuwen."},
        "at": "2026-03-02T09:20:00.000Z"});
    let q = serde_json::to_value(questionnaire(&model)).unwrap();
    let r = response(&model, &value).unwrap();
    assert_eq!(
        r["questionnaire"],
        format!("{}|{}", q["url"].as_str().unwrap(), model.meta.version)
    );
    assert_eq!(r["status"], "completed");
    assert_eq!(r["authored"], "2026-03-02T09:20:00.000Z");
    // Every item answers an item of the questionnaire, of the type it asks for.
    let q_items: HashMap<&str, &Value> = items(&q)
        .into_iter()
        .map(|i| (i["linkId"].as_str().unwrap(), i))
        .collect();
    let answered = items(&r);
    assert_eq!(
        answered
            .iter()
            .filter(|i| i.get("answer").is_some())
            .count(),
        7
    );
    for i in &answered {
        let asked = q_items[i["linkId"].as_str().unwrap()];
        for a in i["answer"].as_array().into_iter().flatten() {
            let key = match asked["type"].as_str().unwrap() {
                "boolean" => "valueBoolean",
                "choice" => "valueCoding",
                "integer" => "valueInteger",
                "date" => "valueDate",
                other => panic!("answer to a {other}"),
            };
            assert!(a.get(key).is_some(), "{}: {a}", i["linkId"]);
            if key == "valueCoding" {
                let codes: Vec<&Value> = asked["answerOption"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| &o["valueCoding"]["code"])
                    .collect();
                assert!(codes.contains(&&a[key]["code"]));
            }
        }
    }
    // The ruleset, the advice per outcome and the decisions.
    let ruleset = ext(&r, "ruleset");
    assert_eq!(
        part(ruleset[0], "hash")[0]["valueString"],
        model.meta.hash.as_str()
    );
    assert_eq!(ext(&r, "today")[0]["valueDate"], "2026-03-02");
    assert_eq!(ext(&r, "advice").len(), model.outcomes.len());
    assert_eq!(ext(&r, "decision").len(), model.outcomes.len());
    let over = ext(&r, "decision")
        .into_iter()
        .find(|d| part(d, "decision")[0]["valueCode"] == "override")
        .unwrap();
    assert_eq!(part(over, "outcome")[0]["valueCoding"]["code"], "urgentie");
    assert_eq!(
        part(over, "value")[0]["valueCoding"]["code"],
        "binnen_24_uur"
    );
    assert_eq!(
        part(over, "reason")[0]["valueCoding"]["code"],
        "meer_urgentie"
    );
    assert_eq!(
        part(over, "reason-text")[0]["valueString"],
        "Melder hoort hem 's nachts schreeuwen."
    );
    assert_eq!(ext(&r, "removed-answer")[0]["valueString"], "oude_vraag");
    // An answer these rules cannot use is said, not an item.
    assert_eq!(
        ext(&r, "answer-not-used").len(),
        0,
        "unknown questions are removed answers, not issues"
    );
}

#[test]
fn the_value_format_and_decision_times_are_taken_when_present_and_not_needed() {
    let model = triage();
    let mut value = widget_value(&model, json!({"acuut_gevaar": true}), "2026-03-02");
    let without = response(&model, &value).unwrap();
    assert!(ext(&without, "value-format").is_empty());
    value["format"] = json!(1);
    value["decisions"]["route"]["decidedAt"] = json!("2026-03-03T10:00:00Z");
    value["decisions"]["route"]
        .as_object_mut()
        .unwrap()
        .remove("at");
    value["decisions"]["urgentie"]["at"] = json!("gisteren");
    let with = response(&model, &value).unwrap();
    assert_eq!(ext(&with, "value-format")[0]["valueString"], "1");
    assert_eq!(with["authored"], "2026-03-03T10:00:00Z");
    let times: Vec<&Value> = ext(&with, "decision")
        .into_iter()
        .flat_map(|d| part(d, "decided-at"))
        .collect();
    assert!(
        !times.iter().any(|t| t["valueDateTime"] == "gisteren"),
        "not a dateTime: left out"
    );
}

#[test]
fn a_value_of_other_rules_or_no_value_at_all_is_refused() {
    let model = triage();
    let mut value = widget_value(&model, json!({}), "2026-03-02");
    value["ruleset"]["hash"] = json!("sha256:0000");
    assert!(matches!(
        response(&model, &value),
        Err(ResponseError::OtherRules { .. })
    ));
    assert_eq!(
        response(&model, &json!([1, 2])),
        Err(ResponseError::NotAValue)
    );
    let unavailable = json!({"unavailable": {"reason": "x", "kind": "wasm"}, "ruleset": null,
                             "answers": {}, "decided": false, "decisions": {}});
    assert_eq!(
        response(&model, &unavailable),
        Err(ResponseError::Unavailable)
    );
    // Odd shapes in the right places are left out, never a panic or invalid codes.
    let mut odd = widget_value(
        &model,
        json!({"acuut_gevaar": "misschien", "leeftijd": 500}),
        "2026-03-02",
    );
    odd["today"] = json!("2026-02-30");
    odd["outcomes"]["route"]["values"] = json!([" voorloopspatie", "twee  spaties", 3, null, ""]);
    odd["decisions"]["route"]["decision"] = json!("perhaps");
    odd["removed_answers"] = json!("no list");
    let r = response(&model, &odd).unwrap();
    assert!(ext(&r, "today").is_empty());
    assert_eq!(ext(&r, "answer-not-used").len(), 2);
    assert!(r.get("item").is_none());
    let route = ext(&r, "advice")
        .into_iter()
        .find(|a| part(a, "outcome")[0]["valueCoding"]["code"] == "route")
        .unwrap();
    assert!(part(route, "value").is_empty());
}

/// Any JSON-like value: the keys of a widget value and a few others, texts that are ids, dates, times,
/// white space or nothing.
fn any_value() -> impl proptest::strategy::Strategy<Value = RawValue> {
    use proptest::prelude::*;
    let text = prop_oneof![
        Just(String::new()),
        Just(" x".to_string()),
        Just("2026-03-02".to_string()),
        Just("2026-03-02T09:14:03.512Z".to_string()),
        Just("2026-03-02T25:61:00Z".to_string()),
        Just("bemoeizorg".to_string()),
        Just("override".to_string()),
        "[a-z_ ]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(RawValue::Null),
        any::<bool>().prop_map(RawValue::Bool),
        (-200i64..200).prop_map(RawValue::Int),
        Just(RawValue::Float(1.5)),
        text.prop_map(RawValue::Text),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            Just("ruleset".to_string()),
            Just("hash".to_string()),
            Just("answers".to_string()),
            Just("outcomes".to_string()),
            Just("decisions".to_string()),
            Just("values".to_string()),
            Just("reason".to_string()),
            Just("at".to_string()),
            Just("decidedAt".to_string()),
            Just("route".to_string()),
            Just("acuut_gevaar".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(RawValue::List),
            proptest::collection::vec((key, inner), 0..6).prop_map(|pairs| {
                let mut map = regiewijzer_core::SortedMap::new();
                for (k, v) in pairs {
                    map.insert(k, v);
                }
                RawValue::Record(map)
            }),
        ]
    })
}

/// A decision or an outcome of the advice as posted: the real fields, each with a text of any form.
fn any_entry() -> impl proptest::strategy::Strategy<Value = RawValue> {
    use proptest::prelude::*;
    let text = prop_oneof![
        Just(RawValue::Text(String::new())),
        Just(RawValue::Text(" x".into())),
        Just(RawValue::Text("a  b".into())),
        Just(RawValue::Text("2026-03-02T09:14:03.512Z".into())),
        Just(RawValue::Text("2026-03-02T25:61:00Z".into())),
        Just(RawValue::Text("2026-03-02T09:14:03.Z".into())),
        Just(RawValue::Text("binnen_24_uur".into())),
        Just(RawValue::Text("confirmed".into())),
        Just(RawValue::Text("override".into())),
        Just(RawValue::Int(3)),
        Just(RawValue::Null),
    ];
    let list = proptest::collection::vec(text.clone(), 0..3).prop_map(RawValue::List);
    let reason = (text.clone(), text.clone()).prop_map(|(code, words)| {
        let mut m = regiewijzer_core::SortedMap::new();
        m.insert("code".to_string(), code);
        m.insert("text".to_string(), words);
        RawValue::Record(m)
    });
    (
        text.clone(),
        list.clone(),
        list,
        reason,
        text.clone(),
        text.clone(),
        text,
    )
        .prop_map(
            |(decision, advice, values, reason, at, decided_at, status)| {
                let mut m = regiewijzer_core::SortedMap::new();
                for (k, v) in [
                    ("decision", decision),
                    ("advice", advice),
                    ("values", values),
                    ("reason", reason),
                    ("at", at),
                    ("decidedAt", decided_at),
                    ("status", status),
                ] {
                    m.insert(k.to_string(), v);
                }
                RawValue::Record(m)
            },
        )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever is posted (here grafted onto a real value, so that it gets past the hash), the export
    /// never panics, and every code and time in it has the form FHIR requires.
    #[test]
    fn any_value_gives_a_well_formed_response_or_a_refusal(
        graft in any_value(), entry in any_entry(), key in 0usize..8,
    ) {
        static BASE: std::sync::OnceLock<(Model, Value)> = std::sync::OnceLock::new();
        let (model, base) = BASE.get_or_init(|| {
            let model = triage();
            let value = widget_value(&model, json!({"acuut_gevaar": false}), "2026-03-02");
            (model, value)
        });
        let mut value = base.clone();
        let places: [&[&str]; 8] = [&["answers"], &["outcomes"], &["decisions"], &["today"],
            &["removed_answers"], &["format"], &["decisions", "route"], &["outcomes", "route"]];
        let mut slot = &mut value;
        for k in places[key] {
            slot = &mut slot[*k];
        }
        *slot = raw_to_json(if key >= 6 { &entry } else { &graft });
        let raw: RawValue = serde_json::from_value(value).unwrap();
        if let Ok(r) = questionnaire_response(model, &raw) {
            let text = serde_json::to_string(&r).unwrap();
            let json: Value = serde_json::from_str(&text).unwrap();
            check_forms(&json);
        }
        let _ = questionnaire_response(model, &graft);
    }
}

fn raw_to_json(v: &RawValue) -> Value {
    match v {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => json!(b),
        RawValue::Int(n) => json!(n),
        RawValue::Float(f) => json!(f),
        RawValue::Text(t) => json!(t),
        RawValue::List(l) => Value::Array(l.iter().map(raw_to_json).collect()),
        RawValue::Record(r) => {
            Value::Object(r.iter().map(|(k, v)| (k.clone(), raw_to_json(v))).collect())
        }
    }
}

/// Every `valueCode`/`code` is a FHIR code, every `valueDateTime` a time in UTC, every string not empty.
fn check_forms(v: &Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if let Value::String(s) = x {
                    assert!(!s.trim().is_empty(), "{k} is empty");
                    if k == "valueCode" || k == "code" {
                        assert!(
                            !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  "),
                            "{k}: {s:?}"
                        );
                    }
                    if k == "valueDateTime" || k == "authored" {
                        let hour: u32 = s[11..13].parse().unwrap();
                        let minute: u32 = s[14..16].parse().unwrap();
                        assert!(s.ends_with('Z') && &s[10..11] == "T", "{k}: {s}");
                        assert!(hour < 24 && minute < 60, "{k}: {s}");
                    }
                }
                check_forms(x);
            }
        }
        Value::Array(list) => list.iter().for_each(check_forms),
        _ => {}
    }
}
