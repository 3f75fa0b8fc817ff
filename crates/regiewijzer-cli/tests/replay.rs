//! `regiewijzer replay` on a year of generated reports: the flips it reports for a changed threshold are
//! exactly those a brute-force comparison with the public `eval::decide` finds, from CSV and from JSON
//! Lines alike; bad rows are reported by line; answers a version cannot use are counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use regiewijzer_core::answers::{Answers, RawAnswers, RawValue};
use regiewijzer_core::eval::{Status, decide};
use regiewijzer_core::model::FactType;
use regiewijzer_core::{Date, Model, SortedMap, compile};

const CASES: usize = 10_500;
const TODAY: &str = "2026-03-20";

fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../rulesets")
        .join(name)
}

/// A small deterministic generator (a linear congruential one: the test needs no quality, only the same
/// cases every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// One case from the checklist: every question answered or (one in eight) left empty, as CSV cells.
fn case(model: &Model, rng: &mut Lcg) -> Vec<String> {
    model
        .facts
        .iter()
        .map(|f| {
            if rng.below(8) == 0 {
                return String::new();
            }
            match &f.ty {
                FactType::Bool => ["ja", "nee"][rng.below(2) as usize].to_string(),
                FactType::Choice { options } => {
                    options[rng.below(options.len() as u64) as usize].id.clone()
                }
                FactType::Int { min, max } => {
                    let lo = min.unwrap_or(0);
                    let hi = max.unwrap_or(lo + 6).min(lo + 90);
                    (lo + rng.below((hi - lo + 1) as u64) as i64).to_string()
                }
                FactType::Scale { min, max, .. } => {
                    (min + rng.below((max - min + 1) as u64) as i64).to_string()
                }
                FactType::Date => format!("2026-0{}-1{}", 1 + rng.below(3), rng.below(10)),
                FactType::Timeline { .. } => String::new(),
            }
        })
        .collect()
}

struct Files {
    dir: PathBuf,
    rows: Vec<Vec<String>>,
}

/// The shipped triage rules, a version with the revolving-door threshold raised from 2 to 3, and the
/// cases as CSV and JSON Lines.
fn files(name: &str) -> (Files, Model, Model) {
    let dir =
        std::env::temp_dir().join(format!("regiewijzer-replay-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = std::fs::read_to_string(shipped("triage.regels")).unwrap();
    let new = old.replace(
        "parameter draaideur_eerdere_meldingen = 2",
        "parameter draaideur_eerdere_meldingen = 3",
    );
    assert_ne!(old, new, "the threshold is in the shipped rules");
    std::fs::write(dir.join("old.regels"), &old).unwrap();
    std::fs::write(dir.join("new.regels"), &new).unwrap();
    let old = compile(&old).model.unwrap();
    let new = compile(&new).model.unwrap();
    let mut rng = Lcg(24);
    let rows: Vec<Vec<String>> = (0..CASES).map(|_| case(&old, &mut rng)).collect();
    let header: Vec<&str> = old.facts.iter().map(|f| f.id.as_str()).collect();
    let mut csv = header.join(",") + "\n";
    let mut jsonl = String::new();
    for row in &rows {
        csv += &row.join(",");
        csv.push('\n');
        let answers: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(row)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
            .collect();
        jsonl += &serde_json::json!({"today": TODAY, "answers": answers}).to_string();
        jsonl.push('\n');
    }
    std::fs::write(dir.join("cases.csv"), csv).unwrap();
    std::fs::write(dir.join("cases.jsonl"), jsonl).unwrap();
    (Files { dir, rows }, old, new)
}

fn replay(dir: &Path, cases: &str, extra: &[&str]) -> (serde_json::Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .arg("replay")
        .args([
            dir.join("old.regels"),
            dir.join("new.regels"),
            dir.join(cases),
        ])
        .args(["--format", "json", "--today", TODAY, "--reasons", "2"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

/// What an outcome comes to, to compare across versions: status and value ids (sorted).
fn key(status: &str, mut values: Vec<String>) -> String {
    values.sort();
    format!("{status}:{}", values.join(" "))
}

fn status_word(status: Status) -> String {
    serde_json::to_value(status)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

type Flips = BTreeMap<(String, String, String), Vec<u64>>;

/// Brute force: every case evaluated under both versions, outcome by outcome, with the public `decide`.
fn brute_force(files: &Files, old: &Model, new: &Model, first_line: u64) -> Flips {
    let today = Date::parse(TODAY).unwrap();
    let mut flips = Flips::new();
    for (i, row) in files.rows.iter().enumerate() {
        let raw = RawAnswers(
            old.facts
                .iter()
                .zip(row)
                .filter(|(_, v)| !v.is_empty())
                .map(|(f, v)| (f.id.clone(), RawValue::Text(v.clone())))
                .collect::<SortedMap<_, _>>(),
        );
        let (a_old, issues) = Answers::from_raw(old, &raw);
        assert!(issues.is_empty());
        let (a_new, _) = Answers::from_raw(new, &raw);
        for (o, def) in old.outcomes.iter().enumerate() {
            let d_old = decide(old, &a_old, today, o).unwrap();
            let d_new = decide(new, &a_new, today, o).unwrap();
            let from = key(&status_word(d_old.status), d_old.values);
            let to = key(&status_word(d_new.status), d_new.values);
            if from != to {
                flips
                    .entry((def.id.clone(), from, to))
                    .or_default()
                    .push(first_line + i as u64);
            }
        }
    }
    flips
}

/// The flips of a replay report, in the same form.
fn reported(report: &serde_json::Value) -> Flips {
    let mut flips = Flips::new();
    for o in report["outcomes"].as_array().unwrap() {
        for f in o["flips"].as_array().unwrap() {
            let side = |s: &serde_json::Value| {
                let values = s["values"].as_array().unwrap().iter();
                key(
                    s["status"].as_str().unwrap(),
                    values.map(|v| v.as_str().unwrap().to_string()).collect(),
                )
            };
            let lines: Vec<u64> = f["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_u64().unwrap())
                .collect();
            assert_eq!(f["count"].as_u64().unwrap() as usize, lines.len());
            let id = o["id"].as_str().unwrap().to_string();
            flips.insert((id, side(&f["from"]), side(&f["to"])), lines);
        }
    }
    flips
}

#[test]
fn replay_finds_exactly_the_flips_brute_force_finds_from_csv_and_json_lines() {
    let (files, old, new) = files("flips");
    let want = brute_force(&files, &old, &new, 2);
    assert!(
        want.len() >= 3,
        "the threshold flips routes, urgencies and actions: {want:?}"
    );
    let route_flips: usize = want
        .iter()
        .filter(|(k, _)| k.0 == "route")
        .map(|(_, v)| v.len())
        .sum();
    assert!(
        route_flips > 100,
        "a changed threshold flips many routes: {route_flips}"
    );

    let (csv, code) = replay(&files.dir, "cases.csv", &[]);
    assert_eq!(code, 1, "something flips: exit code 1");
    assert_eq!(csv["format"], "csv");
    assert_eq!(csv["cases"], CASES);
    assert_eq!(reported(&csv), want);

    let (jsonl, _) = replay(&files.dir, "cases.jsonl", &[]);
    assert_eq!(jsonl["format"], "jsonl");
    let shifted: Flips = want
        .into_iter()
        .map(|(k, lines)| (k, lines.into_iter().map(|l| l - 1).collect()))
        .collect();
    assert_eq!(
        reported(&jsonl),
        shifted,
        "JSON Lines has no header: every line one less"
    );

    // Reasons in words for the first cases of each flip, under both versions, without ids.
    let flip = &csv["outcomes"][0]["flips"][0];
    let case = &flip["cases"][0];
    assert_eq!(case["line"], flip["lines"][0]);
    assert!(!case["old"][0]["nl"].as_str().unwrap().is_empty());
    assert!(!case["new"][0]["en"].as_str().unwrap().is_empty());
    assert!(
        flip["message"]["nl"]
            .as_str()
            .unwrap()
            .contains(" van de 10.500 meldingen: ")
    );
}

#[test]
fn a_version_against_itself_flips_nothing() {
    let (files, _, _) = files("same");
    let out = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["replay", "--format", "json", "--today", TODAY])
        .args([
            files.dir.join("old.regels"),
            files.dir.join("old.regels"),
            files.dir.join("cases.csv"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changed"], 0);
    assert!(reported(&report).is_empty());
}

#[test]
fn bad_rows_are_reported_by_line_and_unusable_answers_counted() {
    let (files, _, _) = files("bad");
    let csv = "\
today,acuut_gevaar,woonsituatie,eerdere_meldingen,onbekende_vraag
2026-03-01,nee,eigen_woning,2,x
2026-13-01,nee,eigen_woning,2,
2026-03-01,nee,eigen_woning
2026-03-01,nee,kasteel,2,
,nee,eigen_woning,2,y

2026-03-01,\"nee\",\"eigen_woning\",\"3\",\"open
";
    std::fs::write(files.dir.join("bad.csv"), csv).unwrap();
    let (report, _) = replay(&files.dir, "bad.csv", &[]);
    let bad: Vec<(u64, &str)> = report["bad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["line"].as_u64().unwrap(),
                b["reason"]["en"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert_eq!(
        bad[0],
        (3, "'today' is not a date YYYY-MM-DD: '2026-13-01'.")
    );
    assert_eq!(bad[1], (4, "3 cells, the header has 5."));
    assert_eq!(bad[2], (8, "A quote (\") is not closed."));
    // Line 6 has no date of its own: `--today` gives it one.
    assert_eq!(report["cases"], 3);
    let unusable = report["unusable_new"].as_array().unwrap();
    let of = |fact: &str| unusable.iter().find(|u| u["fact"] == fact).unwrap();
    assert_eq!(of("onbekende_vraag")["count"], 2);
    assert_eq!(of("onbekende_vraag")["lines"], serde_json::json!([2, 6]));
    assert_eq!(of("onbekende_vraag")["kind"], "unknown_fact");
    assert_eq!(of("woonsituatie")["kind"], "unknown_option");
    assert_eq!(of("woonsituatie")["lines"], serde_json::json!([5]));
    // A question of the ruleset is named in its words too; a key it does not have, only as given.
    assert!(
        of("woonsituatie")["label"]["nl"]
            .as_str()
            .unwrap()
            .starts_with("Waar woont")
    );
    assert!(of("onbekende_vraag")["label"].is_null());

    // Without `--today`, a row without a date is a bad row too (the system date stands in only when
    // given): here the CLI's default is the system date, so line 6 is evaluated.
    let text = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["--lang", "en", "replay"])
        .args([
            files.dir.join("old.regels"),
            files.dir.join("new.regels"),
            files.dir.join("bad.csv"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("- line 4: 3 cells, the header has 5."),
        "{text}"
    );
    assert!(text.contains("Not usable by the new version:"), "{text}");
    assert!(
        text.contains("× Where does the person live? (woonsituatie): "),
        "{text}"
    );
}

#[test]
fn the_flips_export_as_csv() {
    let (files, _, _) = files("csv");
    let out = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["replay", "--format", "csv", "--today", TODAY])
        .args([
            files.dir.join("old.regels"),
            files.dir.join("new.regels"),
            files.dir.join("cases.csv"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("uitkomst,regel,oud,nieuw,oud_woorden,nieuw_woorden,redenen_oud,redenen_nieuw")
    );
    let (report, _) = replay(&files.dir, "cases.csv", &[]);
    let flipped: u64 = report["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["changed"].as_u64().unwrap())
        .sum();
    assert_eq!(
        lines.count() as u64,
        flipped,
        "one row per case per outcome that flips"
    );
}
