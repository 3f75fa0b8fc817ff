//! Times the stages of a replay natively (docs/performance.md, "Replay and the batch path"):
//! `cargo run --release --example replay_time -- OLD.regels NEW.regels CASES [STAGE]`. Without STAGE it
//! prints the best of three rounds of each stage; with one (read, type, route, all, replay) it runs only
//! that stage once, for a profiler (`valgrind --tool=callgrind`, `perf record`).
use regiewijzer_core::replay::{self, CaseFormat, ReplayOptions, read_cases};
use regiewijzer_core::{Date, Model};
use std::time::{Duration, Instant};

const STAGES: [&str; 5] = ["read", "type", "route", "all", "replay"];

/// Runs one stage; reading is part of every stage.
fn stage(name: &str, old: &Model, new: &Model, text: &str, today: Option<Date>) {
    let cases = read_cases(text, CaseFormat::sniff(text));
    let route = old.outcomes.iter().position(|o| o.id == "route");
    let outcomes: Option<Vec<usize>> = match name {
        "type" => Some(Vec::new()),
        "route" => Some(route.into_iter().collect()),
        "all" => None,
        "replay" => {
            let options = ReplayOptions {
                today,
                reasons_per_flip: 10,
            };
            replay::replay(old, new, text, options);
            return;
        }
        _ => return,
    };
    replay::evaluate_cases(old, &cases, today, outcomes.as_deref(), |_, _| {});
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, old, new, cases, ..] = args.as_slice() else {
        eprintln!(
            "usage: replay_time OLD.regels NEW.regels CASES [{}]",
            STAGES.join("|")
        );
        std::process::exit(2);
    };
    let load = |p: &str| {
        let text = std::fs::read_to_string(p).expect("a rules file");
        regiewijzer_core::compile(&text)
            .model
            .expect("rules without errors")
    };
    let (old, new) = (load(old), load(new));
    let text = std::fs::read_to_string(cases).expect("a file of cases");
    let today = Date::parse("2026-03-20");
    if let Some(name) = args.get(4) {
        stage(name, &old, &new, &text, today);
        return;
    }
    for name in STAGES {
        let best = (0..3)
            .map(|_| {
                let t = Instant::now();
                stage(name, &old, &new, &text, today);
                t.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO);
        println!("{name:>7}: {best:?} (reading included)");
    }
}
