//! What a page needs to paint the outcome does not pay for the ranking of what matters next:
//! `evaluate_outcomes` gives every outcome as `evaluate` does without trying answers, and the test runner
//! ranks only for a test that fails. Work is counted in heap allocations on the test's own thread (the
//! ranking and the `could_add` search allocate for every answer they try), never in time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use regiewijzer_core::answers::Answers;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::eval::{evaluate, evaluate_outcomes};
use regiewijzer_core::testing::{run_tests, test_today};
use regiewijzer_core::{Date, Model, compile};

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The allocations `f` makes on this thread, and its result.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCS.with(Cell::get);
    let out = f();
    (ALLOCS.with(Cell::get) - before, out)
}

fn triage() -> Model {
    compile(include_str!("../../../rulesets/triage.regels"))
        .model
        .expect("the shipped triage rules compile")
}

#[test]
fn painting_the_outcome_costs_a_small_part_of_the_whole_evaluation() {
    let m = triage();
    let today = Date::parse("2026-03-02").unwrap();
    let nothing = Answers::empty(&m);
    let (cheap, outcomes) = allocations(|| evaluate_outcomes(&m, &nothing, today));
    let (whole, e) = allocations(|| evaluate(&m, &nothing, today));
    // The same outcomes; only the ranking and `could_add` are left empty.
    assert!(outcomes.next.is_empty() && !e.next.is_empty());
    let mut without = e.clone();
    without.next.clear();
    for o in &mut without.outcomes {
        o.could_add.clear();
        o.could_add_labels.clear();
    }
    assert_eq!(outcomes, without);
    assert!(
        cheap * 10 < whole,
        "evaluate_outcomes: {cheap} allocations, evaluate: {whole}"
    );
}

#[test]
fn the_test_runner_ranks_only_for_a_test_that_fails() {
    let m = triage();
    let text = include_str!("../../../rulesets/triage.tests.regels");
    let mut tests = m.tests.clone();
    tests.extend(check_tests_file(&m, text).0);
    assert!(tests.len() > 50);
    // What evaluating the outcomes of every test costs on its own.
    let (outcomes, _) = allocations(|| {
        for t in &tests {
            evaluate_outcomes(&m, &Answers::from_test(&m, t), test_today(&m, t));
        }
    });
    let (run, results) = allocations(|| run_tests(&m, &tests));
    assert!(results.iter().all(|r| r.passed));
    assert!(
        run < outcomes * 2,
        "running {} tests: {run} allocations, their outcomes alone: {outcomes}",
        tests.len()
    );
}
