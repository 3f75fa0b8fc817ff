//! Laws of reading a file of cases (replay), checked on random small files:
//! - the reader, which keeps cases by column with each distinct value once, gives the same cases
//!   (line, `today`, answers by column id and value) and the same bad rows (line and reason) as a
//!   straightforward reading with a text per cell and a tree per JSON line (tests/support/
//!   cases_reference.rs), for CSV with quotes, both separators, blank cells and lines and CRLF, and for
//!   JSON Lines with every kind of value, `null`, keys given twice, unknown keys and broken lines;
//! - each cell's value is one of its column's values, and a column holds each scalar value once.

use proptest::prelude::*;
use regiewijzer_core::answers::RawValue;
use regiewijzer_core::replay::{CaseFormat, Cases, read_cases};

#[path = "support/cases_reference.rs"]
mod reference;

/// A case as a test compares it: line, date and answers (column id, value), sorted by column id for
/// JSON Lines (whose answers are an object: their order says nothing).
type Row = (
    usize,
    Option<regiewijzer_core::Date>,
    Vec<(String, RawValue)>,
);

fn rows(cases: &Cases, sorted: bool) -> Vec<Row> {
    cases
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<(String, RawValue)> = cases
                .answers(row)
                .map(|(id, v)| (id.to_string(), v.clone()))
                .collect();
            if sorted {
                cells.sort_by(|a, b| a.0.cmp(&b.0));
            }
            (row.line, row.today, cells)
        })
        .collect()
}

fn reference_rows(cases: &reference::Cases, sorted: bool) -> Vec<Row> {
    cases
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<(String, RawValue)> = row
                .cells
                .iter()
                .map(|(c, v)| (cases.columns[*c].clone(), v.clone()))
                .collect();
            if sorted {
                cells.sort_by(|a, b| a.0.cmp(&b.0));
            }
            (row.line, row.today, cells)
        })
        .collect()
}

fn same_as_reference(text: &str, format: CaseFormat) -> Result<(), TestCaseError> {
    let got = read_cases(text, format);
    let want = reference::read_cases(text, format);
    let sorted = format == CaseFormat::Jsonl;
    prop_assert_eq!(
        rows(&got, sorted),
        reference_rows(&want, sorted),
        "{:?}",
        text
    );
    prop_assert_eq!(&got.bad, &want.bad, "{:?}", text);
    for row in &got.rows {
        for &cell in got.cells(row) {
            prop_assert!(got.value(cell).is_some());
        }
    }
    // A scalar is kept once per column (a list or an object, a timeline, once per case).
    for column in &got.columns {
        for (i, v) in column.values.iter().enumerate() {
            let scalar = !matches!(v, RawValue::List(_) | RawValue::Record(_));
            prop_assert!(
                !scalar || !column.values[..i].contains(v),
                "{} twice in {}",
                v_str(v),
                column.id
            );
        }
    }
    Ok(())
}

fn v_str(v: &RawValue) -> String {
    format!("{v:?}")
}

/// A CSV cell: plain, blank, spaced, quoted (with the separator, a line break, `""`, text after the
/// closing quote), a quote inside, a quote never closed, a date.
fn csv_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("ja".to_string()),
        Just(" nee ".to_string()),
        Just("  ".to_string()),
        Just("3".to_string()),
        Just("2026-03-01".to_string()),
        Just("2026-13-01".to_string()),
        Just("\"a,b\"".to_string()),
        Just("\"a;b\"".to_string()),
        Just(" \"x\ny\" ".to_string()),
        Just("\"q\"\"r\"".to_string()),
        Just("\"q\"tail".to_string()),
        Just("a\"b".to_string()),
        Just("\"\"".to_string()),
        Just("\"open".to_string()),
        Just("é\u{a0}".to_string()),
        Just("\u{a0}\"z\"".to_string()),
        "[a-c ,;\"\r\n]{0,4}",
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let header = prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just("b"),
            Just(" today "),
            Just("today"),
            Just("c"),
            Just("a")
        ],
        1..4,
    );
    let rows = prop::collection::vec(prop::collection::vec(csv_cell(), 1..5), 0..6);
    let seps = prop::collection::vec(prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n")], 8);
    (
        header,
        rows,
        any::<bool>(),
        any::<bool>(),
        seps,
        any::<bool>(),
    )
        .prop_map(|(header, rows, semi, bom, ends, last_end)| {
            let sep = if semi { ";" } else { "," };
            let mut text = String::from(if bom { "\u{feff}" } else { "" });
            text.push_str(&header.join(sep));
            for (i, row) in rows.iter().enumerate() {
                text.push_str(ends[i % ends.len()]);
                text.push_str(&row.join(sep));
            }
            if last_end {
                text.push('\n');
            }
            text
        })
}

/// A JSON value as an answer or beside `answers`: every kind, escapes, numbers at the edges, broken.
fn json_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("\"ja\"".to_string()),
        Just("\"j\\u0061\"".to_string()),
        Just("\"\"".to_string()),
        Just("\"2026-03-01\"".to_string()),
        Just("\"2026-02-30\"".to_string()),
        Just("3".to_string()),
        Just("3.0".to_string()),
        Just("-0.0".to_string()),
        Just("2.5".to_string()),
        Just("1e400".to_string()),
        Just("18446744073709551615".to_string()),
        Just("[{\"datum\":\"2026-01-02\"},3]".to_string()),
        Just("{\"x\":[1,{\"y\":null}]}".to_string()),
        Just("\"\\ud800\"".to_string()),
        Just("[[[[".to_string()),
        Just("tru".to_string()),
        // What the common-line reader (replay/jsonl_fast.rs) reads itself, or must leave to serde.
        Just("false".to_string()),
        Just(" -12 ".to_string()),
        Just("-0".to_string()),
        Just("01".to_string()),
        Just("-".to_string()),
        Just("1E2".to_string()),
        Just("9223372036854775807".to_string()),
        Just("9223372036854775808".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("-9223372036854775809".to_string()),
        Just("\"tab\there\"".to_string()),
        Just("\"dakloos\"".to_string()),
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"a\"".to_string()),
        Just("\"b\"".to_string()),
        Just("\"\\u0062\"".to_string()),
        Just("\"c d\"".to_string()),
        // Keys that begin with another key, long ones too (the reader compares a key with those of the
        // line before it, eight bytes at a time), and one that ends in an escape.
        Just("\"ab\"".to_string()),
        Just("\"abc\"".to_string()),
        Just("\"ab\\\\\"".to_string()),
        Just("\"vermoeden_stoornis\"".to_string()),
        Just("\"vermoeden_stoornis_2\"".to_string()),
        Just("\"vermoeden_stoornix\"".to_string()),
    ]
}

fn json_answers() -> impl Strategy<Value = String> {
    prop::collection::vec((json_key(), json_value()), 0..4).prop_map(|kv| {
        let parts: Vec<String> = kv.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        format!("\"answers\":{{{}}}", parts.join(","))
    })
}

fn json_line() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        json_value().prop_map(|v| format!("\"today\":{v}")),
        json_answers(),
        json_answers(),
        json_value().prop_map(|v| format!("\"answers\":{v}")),
        json_value().prop_map(|v| format!("\"zz\":{v}")),
        json_value().prop_map(|v| format!("\"extra\":{v}")),
    ];
    prop_oneof![
        8 => prop::collection::vec(entry.clone(), 0..4).prop_map(|e| format!("{{{}}}", e.join(","))),
        2 => prop::collection::vec(entry, 0..4).prop_map(|e| format!(" {{ {} }} ", e.join(" , "))),
        1 => json_value(),
        1 => Just(String::from("  ")),
        1 => Just(String::from("{\"answers\":{\"a\":1}} x")),
        // Halves of one object on two lines: two bad lines, never one case.
        1 => Just(String::from("{\"answers\":")),
        1 => Just(String::from("{\"a\":1}}")),
    ]
}

fn jsonl_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(json_line(), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, bom)| {
            let end = if crlf { "\r\n" } else { "\n" };
            format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.join(end))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn csv_is_read_as_the_straightforward_reading_reads_it(text in csv_text()) {
        same_as_reference(&text, CaseFormat::Csv)?;
    }

    #[test]
    fn any_text_as_csv_is_read_as_the_straightforward_reading_reads_it(text in "[ab ,;\"\r\n\u{a0}]{0,40}") {
        same_as_reference(&text, CaseFormat::Csv)?;
    }

    #[test]
    fn json_lines_are_read_as_the_straightforward_reading_reads_them(text in jsonl_text()) {
        same_as_reference(&text, CaseFormat::Jsonl)?;
    }
}

/// A value repeated in a column is kept once: a thousand cases of two answers make two values.
#[test]
fn a_column_keeps_each_value_once() {
    let mut csv = String::from("a,b\n");
    let mut jsonl = String::new();
    for i in 0..1000 {
        csv.push_str(if i % 2 == 0 { "ja,\"x\"\n" } else { "nee, x\n" });
        jsonl.push_str(if i % 2 == 0 {
            "{\"answers\":{\"a\":\"ja\",\"b\":1}}\n"
        } else {
            "{\"answers\":{\"b\":1.0,\"a\":\"nee\"}}\n"
        });
    }
    for (text, format) in [(csv, CaseFormat::Csv), (jsonl, CaseFormat::Jsonl)] {
        let cases = read_cases(&text, format);
        assert_eq!(cases.rows.len(), 1000);
        let counts: Vec<usize> = cases.columns.iter().map(|c| c.values.len()).collect();
        assert_eq!(counts, [2, 1], "{format:?}");
    }
}
