//! Laws of the formatter, on generated syntax trees and on real rule files with their layout and comments
//! shuffled:
//! - printing a tree and parsing the text gives the same tree (up to positions), and printing that again
//!   gives the same text;
//! - formatting any text that parses keeps its meaning and every comment, and is idempotent.

mod fmt_support;

use fmt_support::{check_format, items_without_spans, rule_files, strip_spans};
use proptest::prelude::*;
use regiewijzer_core::Date;
use regiewijzer_core::ast::*;
use regiewijzer_core::fmt::print_file;
use regiewijzer_core::keywords::is_reserved;
use regiewijzer_core::parse;
use regiewijzer_core::print::{cell_to_string, expr_to_string};

// ---------- generated syntax trees ----------

fn sp() -> Span {
    Span::default()
}

fn name() -> impl Strategy<Value = String> {
    // Mostly short names, sometimes long ones so that long conditions get broken over lines.
    prop_oneof![
        4 => "[a-z_][a-z0-9_]{0,6}",
        1 => "[a-z][a-z0-9_]{15,30}",
    ]
    .prop_filter("not a keyword", |s| !is_reserved(s))
}

fn ident() -> impl Strategy<Value = Ident> {
    name().prop_map(|name| Ident { name, span: sp() })
}

fn idents() -> impl Strategy<Value = Vec<Ident>> {
    prop::collection::vec(ident(), 0..3)
}

fn str_lit() -> impl Strategy<Value = StrLit> {
    "[a-zA-Z0-9 é\"\\\\#|\n.,:()-]{0,20}".prop_map(|value| StrLit { value, span: sp() })
}

fn text_pair() -> impl Strategy<Value = TextPair> {
    (str_lit(), prop::option::of(str_lit())).prop_map(|(nl, en)| TextPair { nl, en, span: sp() })
}

fn clause<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Clause<T>> {
    s.prop_map(|value| Clause { value, span: sp() })
}

fn opt_clause<T: std::fmt::Debug>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<Clause<T>>> {
    prop::option::of(clause(s))
}

fn date() -> impl Strategy<Value = Date> {
    (1000i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn int_lit() -> impl Strategy<Value = IntLit> {
    (-1000i64..1000).prop_map(|value| IntLit { value, span: sp() })
}

fn ex(kind: ExprKind) -> Expr {
    Expr { kind, span: sp() }
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn cmp_op() -> impl Strategy<Value = CmpOp> {
    prop::sample::select(vec![
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ])
}

/// Any expression, without regard to precedence (see [`fix`]).
fn raw_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        name().prop_map(|n| ex(ExprKind::Name(n))),
        any::<bool>().prop_map(|b| ex(ExprKind::Bool(b))),
        // Negative numbers are written as unary minus.
        (0i64..1000).prop_map(|n| ex(ExprKind::Int(n))),
        Just(ex(ExprKind::Int(1))),
        date().prop_map(|d| ex(ExprKind::Date(d))),
        Just(ex(ExprKind::Today)),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        let op = prop_oneof![
            Just(BinOp::Or),
            Just(BinOp::And),
            cmp_op().prop_map(BinOp::Cmp),
            Just(BinOp::Add),
            Just(BinOp::Sub),
            Just(BinOp::Mul),
        ];
        prop_oneof![
            inner.clone().prop_map(|e| ex(ExprKind::Days(bx(e)))),
            inner.clone().prop_map(|e| ex(ExprKind::DaysSince(bx(e)))),
            inner.clone().prop_map(|e| ex(ExprKind::Paren(bx(e)))),
            inner.clone().prop_map(|e| ex(ExprKind::Not(bx(e)))),
            inner.clone().prop_map(|e| ex(ExprKind::Neg(bx(e)))),
            (op, inner.clone(), inner.clone()).prop_map(|(op, l, r)| ex(ExprKind::Binary(
                op,
                bx(l),
                bx(r)
            ))),
            (op_chain(), prop::collection::vec(inner.clone(), 2..6)).prop_map(|(op, v)| {
                let mut it = v.into_iter();
                let first = it.next().unwrap();
                it.fold(first, |l, r| ex(ExprKind::Binary(op, bx(l), bx(r))))
            }),
            (
                inner.clone(),
                prop::collection::vec(inner.clone(), 0..3),
                any::<bool>()
            )
                .prop_map(|(e, list, negated)| ex(ExprKind::In {
                    expr: bx(e),
                    list,
                    negated
                })),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(e, l, h)| ex(
                ExprKind::Between {
                    expr: bx(e),
                    low: bx(l),
                    high: bx(h)
                }
            )),
            (inner, any::<bool>()).prop_map(|(e, negated)| ex(ExprKind::IsAnswered {
                expr: bx(e),
                negated
            })),
        ]
    })
}

fn op_chain() -> impl Strategy<Value = BinOp> {
    prop::sample::select(vec![BinOp::Or, BinOp::And, BinOp::Add])
}

/// Binding levels as the language reference and the parser define them, loose to tight: 1 `or`, 2 `and`,
/// 3 `not`, 4 comparisons, 5 `+ -`, 6 `*`, 7 unary `-` / `N days` / `days since`, 8 atoms.
fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(BinOp::Or, ..) => 1,
        ExprKind::Binary(BinOp::And, ..) => 2,
        ExprKind::Not(_) => 3,
        ExprKind::Binary(BinOp::Cmp(_), ..)
        | ExprKind::In { .. }
        | ExprKind::Between { .. }
        | ExprKind::IsAnswered { .. } => 4,
        ExprKind::Binary(BinOp::Add | BinOp::Sub, ..) => 5,
        ExprKind::Binary(BinOp::Mul, ..) => 6,
        ExprKind::Neg(_) | ExprKind::Days(_) | ExprKind::DaysSince(_) => 7,
        _ => 8,
    }
}

/// Adds the parentheses an author must write so that the text reads back as this tree: `e` where the
/// context needs level `min`.
fn fix(e: Expr, min: u8) -> Expr {
    let kind = match e.kind {
        ExprKind::Days(i) => ExprKind::Days(bx(fix(*i, 8))),
        ExprKind::DaysSince(i) => ExprKind::DaysSince(bx(fix(*i, 7))),
        ExprKind::Paren(i) => ExprKind::Paren(bx(fix(*i, 0))),
        ExprKind::Not(i) => ExprKind::Not(bx(fix(*i, 3))),
        ExprKind::Neg(i) => ExprKind::Neg(bx(fix(*i, 7))),
        ExprKind::Binary(op, l, r) => {
            let (lm, rm) = match op {
                BinOp::Or => (1, 2),
                BinOp::And => (2, 3),
                BinOp::Cmp(_) => (5, 5),
                BinOp::Add | BinOp::Sub => (5, 6),
                BinOp::Mul => (6, 7),
            };
            ExprKind::Binary(op, bx(fix(*l, lm)), bx(fix(*r, rm)))
        }
        ExprKind::In {
            expr,
            list,
            negated,
        } => ExprKind::In {
            expr: bx(fix(*expr, 5)),
            list: list.into_iter().map(|x| fix(x, 5)).collect(),
            negated,
        },
        ExprKind::Between { expr, low, high } => ExprKind::Between {
            expr: bx(fix(*expr, 5)),
            low: bx(fix(*low, 5)),
            high: bx(fix(*high, 5)),
        },
        ExprKind::IsAnswered { expr, negated } => ExprKind::IsAnswered {
            expr: bx(fix(*expr, 5)),
            negated,
        },
        other => other,
    };
    let e = ex(kind);
    if level(&e) < min {
        ex(ExprKind::Paren(bx(e)))
    } else {
        e
    }
}

fn expr_at(min: u8) -> impl Strategy<Value = Expr> {
    raw_expr().prop_map(move |e| fix(e, min))
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(CellKind::Any),
        Just(CellKind::Unknown),
        Just(CellKind::Answered),
        (cmp_op(), expr_at(5)).prop_map(|(op, e)| CellKind::Cmp(op, e)),
        (prop::collection::vec(expr_at(5), 0..3), any::<bool>())
            .prop_map(|(list, negated)| CellKind::In { list, negated }),
        (expr_at(5), expr_at(5)).prop_map(|(a, b)| CellKind::Range(a, b)),
    ]
    .prop_map(|kind| Cell { kind, span: sp() })
}

/// A cell with expressions that may lack the parentheses the text needs.
fn raw_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        (cmp_op(), raw_expr()).prop_map(|(op, e)| CellKind::Cmp(op, e)),
        (prop::collection::vec(raw_expr(), 0..3), any::<bool>())
            .prop_map(|(list, negated)| CellKind::In { list, negated }),
        (raw_expr(), raw_expr()).prop_map(|(a, b)| CellKind::Range(a, b)),
    ]
    .prop_map(|kind| Cell { kind, span: sp() })
}

fn fix_cell(kind: CellKind) -> CellKind {
    match kind {
        CellKind::Cmp(op, e) => CellKind::Cmp(op, fix(e, 5)),
        CellKind::In { list, negated } => CellKind::In {
            list: list.into_iter().map(|e| fix(e, 5)).collect(),
            negated,
        },
        CellKind::Range(a, b) => CellKind::Range(fix(a, 5), fix(b, 5)),
        other => other,
    }
}

fn without_spans<T: std::fmt::Debug>(t: &T) -> String {
    strip_spans(&format!("{t:?}"))
}

fn out_cell() -> impl Strategy<Value = OutCell> {
    prop_oneof![
        Just(OutCell::Skip(sp())),
        ident().prop_map(OutCell::One),
        idents().prop_map(|l| OutCell::List(l, sp())),
    ]
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        any::<bool>().prop_map(|b| Literal::Bool(b, sp())),
        (-1000i64..1000).prop_map(|n| Literal::Int(n, sp())),
        date().prop_map(|d| Literal::Date(d, sp())),
        ident().prop_map(Literal::Name),
    ]
}

fn expect() -> impl Strategy<Value = Expect> {
    let kind = prop_oneof![
        ident().prop_map(ExpectKind::Equals),
        ident().prop_map(|v| ExpectKind::Contains {
            values: vec![v],
            list: false
        }),
        idents().prop_map(|values| ExpectKind::Contains { values, list: true }),
        idents().prop_map(ExpectKind::Exactly),
        Just(ExpectKind::Undecided),
        Just(ExpectKind::Provisional),
        Just(ExpectKind::Final),
    ];
    (ident(), kind).prop_map(|(outcome, kind)| Expect { outcome, kind })
}

fn type_kind() -> impl Strategy<Value = TypeKind> {
    let bound = prop::option::of(-200i64..200);
    prop_oneof![
        Just(TypeKind::Bool),
        Just(TypeKind::Choice),
        Just(TypeKind::Date),
        (bound.clone(), bound).prop_map(|(min, max)| TypeKind::Int { min, max }),
        (-5i64..5, -5i64..10).prop_map(|(min, max)| TypeKind::Scale { min, max }),
    ]
}

fn table() -> impl Strategy<Value = Table> {
    let header = (
        prop::collection::vec(expr_at(0), 0..3),
        prop::collection::vec(ident(), 0..3),
    )
        .prop_map(|(inputs, outputs)| TableHeader { inputs, outputs });
    let row = (
        prop::collection::vec(cell(), 0..4),
        prop::collection::vec(out_cell(), 0..3),
    )
        .prop_map(|(inputs, outputs)| TableRow { inputs, outputs });
    let rows = prop::option::of((clause(header), prop::collection::vec(clause(row), 0..4)));
    (
        ident(),
        any::<bool>(),
        opt_clause(text_pair()),
        opt_clause(int_lit()),
        opt_clause(text_pair()),
        prop::collection::vec(clause(str_lit()), 0..2),
        rows,
    )
        .prop_map(|(name, first, title, priority, because, sources, rows)| {
            let (header, rows) = match rows {
                // Without a header the first row would read back as the header.
                Some((h, r)) => (Some(h), r),
                None => (None, Vec::new()),
            };
            Table {
                name,
                first,
                title,
                priority,
                because,
                sources,
                header,
                rows,
            }
        })
}

fn item_kind() -> impl Strategy<Value = ItemKind> {
    let header = (
        ident(),
        opt_clause(text_pair()),
        opt_clause(str_lit()),
        opt_clause(date().prop_map(|value| DateLit { value, span: sp() })),
        opt_clause(prop::collection::vec(ident(), 1..4)),
        opt_clause(text_pair()),
        opt_clause((ident(), str_lit()).prop_map(|(base, version)| VariantOf { base, version })),
    )
        .prop_map(
            |(id, title, version, valid_from, phases, note, variant_of)| {
                ItemKind::Header(Header {
                    id,
                    title,
                    version,
                    valid_from,
                    phases,
                    note,
                    variant_of,
                })
            },
        );
    let section = (ident(), opt_clause(text_pair()), opt_clause(text_pair()))
        .prop_map(|(id, label, help)| ItemKind::Section(Section { id, label, help }));
    let option = (ident(), text_pair()).prop_map(|(name, label)| OptionDecl { name, label });
    let level = (int_lit(), text_pair()).prop_map(|(level, label)| LevelDecl { level, label });
    let fact = (
        ident(),
        type_kind(),
        opt_clause(text_pair()),
        opt_clause(text_pair()),
        opt_clause(expr_at(0)),
        prop::collection::vec(clause(option), 0..3),
        prop::collection::vec(clause(level), 0..3),
    )
        .prop_map(|(name, ty, label, help, ask_when, options, levels)| {
            ItemKind::Fact(Fact {
                name,
                ty: TypeExpr {
                    kind: ty,
                    span: sp(),
                },
                label,
                help,
                ask_when,
                options,
                levels,
                fields: Vec::new(),
            })
        });
    let policy = prop::sample::select(vec![Policy::Priority, Policy::Unique, Policy::Collect]);
    let fallback = prop_oneof![
        Just(Fallback::Required),
        (ident(), text_pair()).prop_map(|(value, because)| Fallback::Default { value, because }),
    ];
    let value = (ident(), text_pair()).prop_map(|(name, label)| ValueDecl { name, label });
    let outcome = (
        ident(),
        clause(policy),
        opt_clause(fallback),
        opt_clause(text_pair()),
        prop::collection::vec(clause(value), 0..3),
    )
        .prop_map(|(name, policy, fallback, label, values)| {
            ItemKind::Outcome(Outcome {
                name,
                policy,
                fallback,
                label,
                values,
                values_from: None,
                follows: None,
            })
        });
    let assign_value = prop_oneof![
        ident().prop_map(AssignValue::One),
        idents().prop_map(AssignValue::List)
    ];
    let assignment = (ident(), assign_value).prop_map(|(outcome, value)| Assignment {
        outcome,
        value,
        span: sp(),
    });
    let rule = (
        ident(),
        opt_clause(text_pair()),
        opt_clause(expr_at(0)),
        opt_clause(prop::collection::vec(assignment, 1..3)),
        opt_clause(int_lit()),
        opt_clause(text_pair()),
        prop::collection::vec(clause(str_lit()), 0..2),
    )
        .prop_map(
            |(name, title, when, then, priority, because, sources)| Rule {
                name,
                title,
                when,
                then,
                priority,
                because,
                sources,
            },
        )
        .boxed();
    let value = (ident(), text_pair()).prop_map(|(name, label)| ValueDecl { name, label });
    let change = prop_oneof![
        rule.clone().prop_map(|r| Change::ReplaceRule(Box::new(r))),
        (any::<bool>(), ident()).prop_map(|(table, name)| Change::Remove { table, name }),
        (ident(), prop::collection::vec(clause(value), 0..3))
            .prop_map(|(outcome, values)| Change::ExtendOutcome { outcome, values }),
        (ident(), prop::option::of(ident()), text_pair()).prop_map(|(target, part, label)| {
            Change::ReplaceLabel {
                target,
                part,
                label,
            }
        }),
    ];
    let kind = prop_oneof![
        Just(RowChange::Replace),
        Just(RowChange::Remove),
        Just(RowChange::Add)
    ];
    let rows = (kind, table()).prop_map(|(kind, t)| Change::Rows {
        kind,
        table: t.name,
        rows: t.rows,
    });
    let change = prop_oneof![change, rows];
    let rule = rule.prop_map(ItemKind::Rule);
    let given = (ident(), literal()).prop_map(|(fact, value)| Given {
        fact,
        value,
        span: sp(),
    });
    let test = (
        str_lit(),
        opt_clause(date().prop_map(|value| DateLit { value, span: sp() })),
        prop::collection::vec(clause(prop::collection::vec(given, 1..3)), 0..3),
        prop::collection::vec(clause(expect()), 0..4),
    )
        .prop_map(|(name, today, givens, expects)| {
            ItemKind::Test(Test {
                name,
                today,
                givens,
                expects,
            })
        });
    prop_oneof![
        header,
        section,
        fact,
        outcome,
        rule,
        table().prop_map(ItemKind::Table),
        test,
        ident().prop_map(ItemKind::TestsFor),
        change.prop_map(ItemKind::Change),
    ]
}

fn file() -> impl Strategy<Value = File> {
    prop::collection::vec(item_kind(), 0..6).prop_map(|kinds| File {
        items: kinds
            .into_iter()
            .map(|kind| Item { kind, span: sp() })
            .collect(),
        comments: Vec::new(),
        broken_clauses: Vec::new(),
    })
}

// ---------- real files with their layout shuffled ----------

#[derive(Debug, Clone)]
enum Edit {
    /// A comment on its own line above the line, indented.
    CommentAbove(usize, String),
    /// A comment at the end of the line.
    CommentAfter(String),
    /// An empty line above.
    BlankAbove,
    /// New indentation.
    Indent(usize),
    /// The next line joined onto this one.
    Join,
    /// The line broken in two at one of its spaces (a clause over two lines), maybe with a comment at the
    /// end of the first half.
    Split(usize, Option<String>),
}

fn comment_text() -> impl Strategy<Value = String> {
    "[ a-zA-Z0-9#é|\"]{0,15}"
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0usize..7, comment_text()).prop_map(|(i, t)| Edit::CommentAbove(i, t)),
        3 => comment_text().prop_map(Edit::CommentAfter),
        1 => Just(Edit::BlankAbove),
        1 => (0usize..7).prop_map(Edit::Indent),
        1 => Just(Edit::Join),
        2 => (any::<usize>(), prop::option::of(comment_text())).prop_map(|(k, c)| Edit::Split(k, c)),
    ]
}

fn apply(text: &str, edits: &[(usize, Edit)]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut line = line.to_string();
        let mut end = "\n";
        for (_, e) in edits.iter().filter(|(at, _)| at % n == i) {
            match e {
                Edit::CommentAbove(indent, t) => {
                    out.push_str(&format!("{}#{t}\n", " ".repeat(*indent)));
                }
                Edit::CommentAfter(t) => line.push_str(&format!(" #{t}")),
                Edit::BlankAbove => out.push('\n'),
                Edit::Indent(k) => line = format!("{}{}", " ".repeat(*k), line.trim_start()),
                Edit::Join => end = " ",
                Edit::Split(k, comment) => {
                    let spaces: Vec<usize> = line
                        .char_indices()
                        .filter(|&(j, c)| c == ' ' && line[..j].trim() != "")
                        .map(|(j, _)| j)
                        .collect();
                    if let Some(&j) = spaces.get(k % spaces.len().max(1)) {
                        let comment = comment
                            .as_ref()
                            .map(|c| format!(" #{c}"))
                            .unwrap_or_default();
                        line = format!("{}{comment}\n    {}", &line[..j], &line[j + 1..]);
                    }
                }
            }
        }
        out.push_str(&line);
        out.push_str(end);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn printed_trees_read_back_as_the_same_tree(f in file()) {
        let text = print_file(&f);
        let (parsed, diags) = parse(&text);
        prop_assert!(diags.is_empty(), "{diags:#?}\n{text}");
        prop_assert_eq!(items_without_spans(&parsed), items_without_spans(&f), "\n{}", text);
        prop_assert_eq!(print_file(&parsed), text);
    }

    #[test]
    fn expressions_get_exactly_the_parentheses_they_need(e in raw_expr()) {
        // The printer adds parentheses only where binding strength requires them: the text reads back as
        // the tree with those parentheses (and no others) added.
        let text = format!("rule r\n  when {}\n", expr_to_string(&e));
        let (parsed, diags) = parse(&text);
        prop_assert!(diags.is_empty(), "{diags:#?}\n{text}");
        let Some(ItemKind::Rule(r)) = parsed.items.first().map(|i| &i.kind) else {
            return Err(TestCaseError::fail(format!("no rule in {text}")));
        };
        let when = r.when.as_ref().map(|w| without_spans(&w.value));
        prop_assert_eq!(when, Some(without_spans(&fix(e, 0))), "\n{}", text);
    }

    #[test]
    fn table_cells_get_exactly_the_parentheses_they_need(cells in prop::collection::vec(raw_cell(), 1..4)) {
        let row: Vec<String> = cells.iter().map(cell_to_string).collect();
        let heads = vec!["a"; cells.len()];
        let text = format!("table t\n  | {} || o |\n  | {} || x |\n", heads.join(" | "), row.join(" | "));
        let (parsed, diags) = parse(&text);
        prop_assert!(diags.is_empty(), "{diags:#?}\n{text}");
        let Some(ItemKind::Table(t)) = parsed.items.first().map(|i| &i.kind) else {
            return Err(TestCaseError::fail(format!("no table in {text}")));
        };
        let expected: Vec<CellKind> = cells.into_iter().map(|c| fix_cell(c.kind)).collect();
        let got: Vec<&CellKind> = t.rows.iter().flat_map(|r| &r.value.inputs).map(|c| &c.kind).collect();
        prop_assert_eq!(without_spans(&got), without_spans(&expected), "\n{}", text);
    }

    #[test]
    fn shuffled_layout_and_comments_format_without_loss(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<usize>(), edit()), 0..25),
    ) {
        let files = rule_files();
        let (_, text) = pick.get(&files);
        let source = apply(text, &edits);
        // Some edits (a comment swallowing a clause, joined table rows) make the text invalid: only
        // texts that read without errors are formatted.
        if parse(&source).1.is_empty()
            && let Err(e) = check_format(&source) {
                prop_assert!(false, "{e}\n--- source\n{source}");
            }
    }
}

#[test]
fn most_shuffled_files_still_parse() {
    // Guard for the property above: the edits must mostly keep the file valid, or it tests little.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let files = rule_files();
    let mut runner = TestRunner::deterministic();
    let strategy = (
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<usize>(), edit()), 0..25),
    );
    let mut ok = 0;
    for _ in 0..200 {
        let (pick, edits) = strategy.new_tree(&mut runner).unwrap().current();
        let (_, text) = pick.get(&files);
        if parse(&apply(text, &edits)).1.is_empty() {
            ok += 1;
        }
    }
    assert!(ok >= 100, "only {ok} of 200 shuffled files parse");
}
