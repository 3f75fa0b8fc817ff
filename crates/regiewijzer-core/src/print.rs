//! Canonical text of the pieces of a `.regels` file: expressions, table cells, types, texts.
//!
//! [`expr_to_string`] gives the one-line text of an expression as the formatter ([`crate::fmt`]) writes it and
//! as the checker quotes it in reasons: names as written, `yes`/`no`, dates `YYYY-MM-DD`, single spaces
//! around operators, and parentheses exactly where the author wrote them ([`ExprKind::Paren`]) plus where the
//! binding strength of the operators requires them. Parsing the text again gives the same expression.
//!
//! Binding strength follows the parser, from loose to tight: `or`, `and`, `not`, comparisons (`=`, `in`,
//! `between`, `is answered`), `+ -`, `*`, unary `-` / `N days` / `days since X`, and atoms.

use crate::ast::{
    AssignValue, Assignment, BinOp, Cell, CellKind, Expect, ExpectKind, Expr, ExprKind, Given,
    Ident, Literal, OutCell, TextPair, TypeKind,
};

/// Level of `not X`.
const NOT: u8 = 3;
/// Level of comparisons, `in`, `between`, `is answered`.
const CMP: u8 = 4;
/// Level of `+` and `-`: what a comparison takes on either side.
const ADD: u8 = 5;
/// Level of unary `-`, `N days`, `days since X`.
const UNARY: u8 = 7;
/// Level of atoms: names, literals, `today`, `( ... )`.
const ATOM: u8 = 8;

/// The canonical one-line text of an expression.
pub fn expr_to_string(e: &Expr) -> String {
    expr_at(e, 0)
}

/// The text of `e` where the context needs at least binding level `min`; parenthesised when `e` binds less
/// tightly. Levels: 1 `or`, 2 `and`, 3 `not`, 4 comparisons, 5 `+ -`, 6 `*`, 7 unary, 8 atoms.
pub(crate) fn expr_at(e: &Expr, min: u8) -> String {
    let mut out = String::new();
    write_at(e, min, &mut out);
    out
}

/// How tightly an expression binds (see [`expr_at`]).
pub(crate) fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, _, _) => op.precedence(),
        ExprKind::Not(_) => NOT,
        ExprKind::In { .. } | ExprKind::Between { .. } | ExprKind::IsAnswered { .. } => CMP,
        ExprKind::Neg(_)
        | ExprKind::Days(_)
        | ExprKind::WorkingDays(_)
        | ExprKind::DaysSince(_) => UNARY,
        // `-3` reads back as unary minus applied to 3.
        ExprKind::Int(n) if *n < 0 => UNARY,
        ExprKind::Name(_)
        | ExprKind::Count { .. }
        | ExprKind::Pick { .. }
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Date(_)
        | ExprKind::Today
        | ExprKind::Paren(_) => ATOM,
    }
}

/// The binding levels a binary operator needs of its left and right operand.
pub(crate) fn operand_levels(op: BinOp) -> (u8, u8) {
    let p = op.precedence();
    match op {
        // Comparisons do not chain: both sides are sums.
        BinOp::Cmp(_) => (ADD, ADD),
        // Left-associative: the left side may be the same operator, the right side must bind tighter.
        _ => (p, p.saturating_add(1)),
    }
}

/// The operands of a left-nested chain of `op` (`a op b op c` gives `[a, b, c]`), each with the level it
/// is printed at. `None` when `e` is not a binary `op`. Iterative, so long chains need no deep stack.
pub(crate) fn chain(e: &Expr, op: BinOp) -> Option<Vec<(&Expr, u8)>> {
    let ExprKind::Binary(top, _, _) = &e.kind else {
        return None;
    };
    if *top != op {
        return None;
    }
    let mut rights = Vec::new();
    let mut cur = e;
    while let ExprKind::Binary(o, l, r) = &cur.kind {
        if *o != op {
            break;
        }
        rights.push(r.as_ref());
        cur = l;
    }
    let (left_min, right_min) = operand_levels(op);
    let mut out = Vec::with_capacity(rights.len() + 1);
    out.push((cur, left_min));
    out.extend(rights.into_iter().rev().map(|r| (r, right_min)));
    Some(out)
}

fn write_at(e: &Expr, min: u8, out: &mut String) {
    if level(e) < min {
        out.push('(');
        write_expr(e, out);
        out.push(')');
    } else {
        write_expr(e, out);
    }
}

/// ` where COND in the last N days)` of `count(...)`, `latest(...)`, `earliest(...)`.
fn write_list_tail(filter: &Option<Box<Expr>>, window: &Option<Box<Expr>>, out: &mut String) {
    if let Some(f) = filter {
        out.push_str(" where ");
        write_at(f, 0, out);
    }
    if let Some(w) = window {
        out.push_str(" in the last ");
        let days = Expr {
            kind: ExprKind::Days(w.clone()),
            span: w.span,
        };
        write_expr(&days, out);
    }
    out.push(')');
}

fn write_expr(e: &Expr, out: &mut String) {
    match &e.kind {
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Bool(b) => out.push_str(yes_no(*b)),
        ExprKind::Int(n) => out.push_str(&n.to_string()),
        ExprKind::Date(d) => out.push_str(&d.to_string()),
        ExprKind::Today => out.push_str("today"),
        ExprKind::Days(inner) => write_days(inner, "", out),
        ExprKind::WorkingDays(inner) => write_days(inner, "working ", out),
        ExprKind::Count {
            list,
            filter,
            window,
        } => {
            out.push_str("count(");
            out.push_str(&list.name);
            write_list_tail(filter, window, out);
        }
        ExprKind::Pick {
            latest,
            field,
            list,
            filter,
            window,
        } => {
            out.push_str(if *latest { "latest(" } else { "earliest(" });
            out.push_str(&field.name);
            out.push_str(" of ");
            out.push_str(&list.name);
            write_list_tail(filter, window, out);
        }
        ExprKind::DaysSince(inner) => {
            out.push_str("days since ");
            write_at(inner, UNARY, out);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            write_at(inner, 0, out);
            out.push(')');
        }
        ExprKind::Not(inner) => {
            out.push_str("not ");
            write_at(inner, NOT, out);
        }
        ExprKind::Neg(inner) => {
            out.push('-');
            write_at(inner, UNARY, out);
        }
        ExprKind::Binary(op, l, r) => write_binary(*op, l, r, out),
        ExprKind::In {
            expr,
            list,
            negated,
        } => {
            write_at(expr, ADD, out);
            out.push_str(if *negated { " not in " } else { " in " });
            write_list(list, out);
        }
        ExprKind::Between { expr, low, high } => {
            write_at(expr, ADD, out);
            out.push_str(" between ");
            write_at(low, ADD, out);
            out.push_str(" and ");
            write_at(high, ADD, out);
        }
        ExprKind::IsAnswered { expr, negated } => {
            write_at(expr, ADD, out);
            out.push_str(if *negated {
                " is unknown"
            } else {
                " is answered"
            });
        }
    }
}

/// `N days`, `N working days` (`working` is `"working "` or `""`), `1 day`, `1 working day`.
fn write_days(inner: &Expr, working: &str, out: &mut String) {
    if matches!(inner.kind, ExprKind::Int(1)) {
        out.push_str("1 ");
        out.push_str(working);
        out.push_str("day");
    } else {
        write_at(inner, ATOM, out);
        out.push(' ');
        out.push_str(working);
        out.push_str("days");
    }
}

/// A chain of binary operators of one level, `l op r`.
fn write_binary(op: BinOp, l: &Expr, r: &Expr, out: &mut String) {
    // Walk the left spine of a chain of operators of the same level without recursion: `a and b and
    // c ...` can be as long as the source allows.
    let p = op.precedence();
    let mut rights = vec![(op, r)];
    let mut cur = l;
    if !matches!(op, BinOp::Cmp(_)) {
        while let ExprKind::Binary(o, l2, r2) = &cur.kind {
            if o.precedence() != p {
                break;
            }
            rights.push((*o, r2.as_ref()));
            cur = l2;
        }
    }
    write_at(cur, operand_levels(op).0, out);
    for (o, r) in rights.into_iter().rev() {
        out.push(' ');
        out.push_str(o.as_str());
        out.push(' ');
        write_at(r, operand_levels(o).1, out);
    }
}

fn write_list(list: &[Expr], out: &mut String) {
    out.push('[');
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_at(e, ADD, out);
    }
    out.push(']');
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A text as a `"..."` literal: `\`, `"` and line breaks escaped as `\\`, `\"` and `\n`.
pub fn string_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A text pair: `nl "..." en "..."` (or `nl "..."` when there is no English text).
pub fn text_pair(p: &TextPair) -> String {
    match &p.en {
        Some(en) => format!(
            "nl {} en {}",
            string_lit(&p.nl.value),
            string_lit(&en.value)
        ),
        None => format!("nl {}", string_lit(&p.nl.value)),
    }
}

/// A fact's type as written after `fact NAME:`: `bool`, `choice`, `int`, `int 0..120`, `int 0..`,
/// `int ..10`, `scale 1..5`, `date`.
pub fn type_to_string(t: &TypeKind) -> String {
    match t {
        TypeKind::Bool => "bool".into(),
        TypeKind::Choice => "choice".into(),
        TypeKind::Date => "date".into(),
        TypeKind::Int { min, max } => match (min, max) {
            (None, None) => "int".into(),
            (Some(a), Some(b)) => format!("int {a}..{b}"),
            (Some(a), None) => format!("int {a}.."),
            (None, Some(b)) => format!("int ..{b}"),
        },
        TypeKind::Scale { min, max } => format!("scale {min}..{max}"),
        TypeKind::Timeline => "timeline".into(),
        TypeKind::Party => "party".into(),
        TypeKind::Phase => "phase".into(),
    }
}

/// A bracketed list of names: `[a, b]`.
pub fn ident_list(list: &[Ident]) -> String {
    let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
    format!("[{}]", names.join(", "))
}

/// An input cell of a decision table: `-`, `yes`, `>= 18`, `in [a, b]`, `not in [a]`, `1..3`, `unknown`,
/// `answered`.
pub fn cell_to_string(c: &Cell) -> String {
    let mut out = String::new();
    match &c.kind {
        CellKind::Any => out.push('-'),
        CellKind::Unknown => out.push_str("unknown"),
        CellKind::Answered => out.push_str("answered"),
        CellKind::Cmp(op, e) => {
            if *op != crate::ast::CmpOp::Eq {
                out.push_str(op.as_str());
                out.push(' ');
            }
            write_at(e, ADD, &mut out);
        }
        CellKind::In { list, negated } => {
            out.push_str(if *negated { "not in " } else { "in " });
            write_list(list, &mut out);
        }
        CellKind::Range(a, b) => {
            write_at(a, ADD, &mut out);
            out.push_str("..");
            write_at(b, ADD, &mut out);
        }
    }
    out
}

/// An output cell of a decision table: `-`, a value, or `[a, b]`.
pub fn out_cell_to_string(c: &OutCell) -> String {
    match c {
        OutCell::Skip(_) => "-".into(),
        OutCell::One(i) => i.name.clone(),
        OutCell::List(list, _) => ident_list(list),
    }
}

/// An answer in a test: `yes`, `no`, `12`, `-3`, `2026-03-01` or an option name.
pub fn literal_to_string(l: &Literal) -> String {
    match l {
        Literal::Bool(b, _) => yes_no(*b).into(),
        Literal::Int(n, _) => n.to_string(),
        Literal::Date(d, _) => d.to_string(),
        Literal::Name(i) => i.name.clone(),
        Literal::Records(list, _) => {
            let records: Vec<String> = list
                .iter()
                .map(|(values, _)| {
                    let v: Vec<String> = values.iter().map(literal_to_string).collect();
                    format!("({})", v.join(", "))
                })
                .collect();
            format!("[{}]", records.join(", "))
        }
    }
}

/// `FACT = VALUE` of a `given`.
pub fn given_to_string(g: &Given) -> String {
    format!("{} = {}", g.fact.name, literal_to_string(&g.value))
}

/// `OUTCOME = VALUE` or `OUTCOME = [A, B]` of a `then`.
pub fn assignment_to_string(a: &Assignment) -> String {
    match &a.value {
        AssignValue::One(v) => format!("{} = {}", a.outcome.name, v.name),
        AssignValue::List(list) => format!("{} = {}", a.outcome.name, ident_list(list)),
        AssignValue::Expr(e) => format!("{} = {}", a.outcome.name, expr_to_string(e)),
    }
}

/// What follows `expect`: `route = x`, `acties contains a`, `acties contains [a, b]`,
/// `acties exactly [a, b]`, `route is undecided`, `route is provisional`, `route is final`.
pub fn expect_to_string(e: &Expect) -> String {
    let o = &e.outcome.name;
    match &e.kind {
        ExpectKind::Equals(v) => format!("{o} = {}", v.name),
        ExpectKind::Contains { values, list } => match values.as_slice() {
            [one] if !*list => format!("{o} contains {}", one.name),
            _ => format!("{o} contains {}", ident_list(values)),
        },
        ExpectKind::Exactly(values) => format!("{o} exactly {}", ident_list(values)),
        ExpectKind::Undecided => format!("{o} is undecided"),
        ExpectKind::Provisional => format!("{o} is provisional"),
        ExpectKind::Final => format!("{o} is final"),
        ExpectKind::Date(d) => format!("{o} = {}", d.value),
        ExpectKind::Overdue => format!("{o} is overdue"),
        ExpectKind::Blocked => format!("{o} is blocked"),
        ExpectKind::Complete => format!("{o} is complete"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{CmpOp, Span, StrLit};
    use crate::date::Date;

    fn ex(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::default(),
        }
    }
    fn name(n: &str) -> Expr {
        ex(ExprKind::Name(n.into()))
    }
    fn int(n: i64) -> Expr {
        ex(ExprKind::Int(n))
    }
    fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
        ex(ExprKind::Binary(op, Box::new(l), Box::new(r)))
    }
    fn cmp(op: CmpOp, l: Expr, r: Expr) -> Expr {
        bin(BinOp::Cmp(op), l, r)
    }
    fn paren(e: Expr) -> Expr {
        ex(ExprKind::Paren(Box::new(e)))
    }
    fn not(e: Expr) -> Expr {
        ex(ExprKind::Not(Box::new(e)))
    }
    fn neg(e: Expr) -> Expr {
        ex(ExprKind::Neg(Box::new(e)))
    }
    fn days(e: Expr) -> Expr {
        ex(ExprKind::Days(Box::new(e)))
    }
    fn since(e: Expr) -> Expr {
        ex(ExprKind::DaysSince(Box::new(e)))
    }
    fn id(n: &str) -> Ident {
        Ident {
            name: n.into(),
            span: Span::default(),
        }
    }
    fn s(e: &Expr) -> String {
        expr_to_string(e)
    }

    #[test]
    fn literals_and_names() {
        assert_eq!(s(&name("leeftijd")), "leeftijd");
        assert_eq!(s(&ex(ExprKind::Bool(true))), "yes");
        assert_eq!(s(&ex(ExprKind::Bool(false))), "no");
        assert_eq!(s(&int(14)), "14");
        assert_eq!(s(&int(-3)), "-3");
        let d = Date::from_ymd(2026, 3, 1).unwrap();
        assert_eq!(s(&ex(ExprKind::Date(d))), "2026-03-01");
        assert_eq!(s(&ex(ExprKind::Today)), "today");
    }

    #[test]
    fn durations_and_days_since() {
        assert_eq!(s(&days(int(14))), "14 days");
        assert_eq!(s(&days(int(1))), "1 day");
        assert_eq!(s(&days(paren(int(1)))), "(1) days");
        assert_eq!(s(&days(name("n"))), "n days");
        assert_eq!(s(&since(name("datum_melding"))), "days since datum_melding");
        // `today - 14 days`
        let e = bin(BinOp::Sub, ex(ExprKind::Today), days(int(14)));
        assert_eq!(s(&e), "today - 14 days");
        // Operands that would read differently get parentheses.
        assert_eq!(s(&days(neg(int(3)))), "(-3) days");
        assert_eq!(s(&days(int(-3))), "(-3) days");
        assert_eq!(s(&neg(days(int(3)))), "-3 days");
        assert_eq!(s(&days(since(name("d")))), "(days since d) days");
        assert_eq!(s(&since(days(name("d")))), "days since d days");
        assert_eq!(
            s(&since(bin(BinOp::Add, name("d"), days(int(2))))),
            "days since (d + 2 days)"
        );
        let e = cmp(CmpOp::Ge, since(name("d")), int(14));
        assert_eq!(s(&e), "days since d >= 14");
    }

    #[test]
    fn author_parentheses_are_kept() {
        let e = bin(
            BinOp::And,
            paren(bin(BinOp::Or, name("wapen"), name("dreiging"))),
            not(name("bekend")),
        );
        assert_eq!(s(&e), "(wapen or dreiging) and not bekend");
        // Redundant parentheses stay too.
        let e = paren(paren(cmp(CmpOp::Eq, name("a"), ex(ExprKind::Bool(true)))));
        assert_eq!(s(&e), "((a = yes))");
    }

    #[test]
    fn precedence_adds_parentheses_only_where_needed() {
        // not binds tightest of the logic operators.
        assert_eq!(
            s(&not(bin(BinOp::Or, name("a"), name("b")))),
            "not (a or b)"
        );
        assert_eq!(
            s(&not(bin(BinOp::And, name("a"), name("b")))),
            "not (a and b)"
        );
        assert_eq!(s(&not(not(name("a")))), "not not a");
        assert_eq!(s(&not(cmp(CmpOp::Eq, name("a"), name("b")))), "not a = b");
        // and inside or needs none; or inside and does.
        let e = bin(
            BinOp::Or,
            bin(BinOp::And, name("a"), name("b")),
            bin(BinOp::And, name("c"), name("d")),
        );
        assert_eq!(s(&e), "a and b or c and d");
        let e = bin(BinOp::And, bin(BinOp::Or, name("a"), name("b")), name("c"));
        assert_eq!(s(&e), "(a or b) and c");
        // Left-associative: right-nested chains of the same level need parentheses.
        let e = bin(BinOp::Sub, name("a"), bin(BinOp::Sub, name("b"), name("c")));
        assert_eq!(s(&e), "a - (b - c)");
        let e = bin(BinOp::Sub, bin(BinOp::Sub, name("a"), name("b")), name("c"));
        assert_eq!(s(&e), "a - b - c");
        let e = bin(BinOp::Add, bin(BinOp::Sub, name("a"), name("b")), name("c"));
        assert_eq!(s(&e), "a - b + c");
        let e = bin(BinOp::Mul, bin(BinOp::Add, name("a"), name("b")), int(2));
        assert_eq!(s(&e), "(a + b) * 2");
        let e = bin(BinOp::Add, name("a"), bin(BinOp::Mul, name("b"), int(2)));
        assert_eq!(s(&e), "a + b * 2");
        // Comparisons do not chain.
        let e = cmp(
            CmpOp::Eq,
            cmp(CmpOp::Lt, name("a"), name("b")),
            ex(ExprKind::Bool(true)),
        );
        assert_eq!(s(&e), "(a < b) = yes");
        // Unary minus.
        assert_eq!(s(&neg(bin(BinOp::Add, name("a"), int(1)))), "-(a + 1)");
        assert_eq!(s(&bin(BinOp::Sub, name("a"), neg(int(3)))), "a - -3");
        assert_eq!(s(&neg(neg(name("a")))), "--a");
    }

    #[test]
    fn membership_ranges_and_answered() {
        let e = ex(ExprKind::In {
            expr: Box::new(name("woonsituatie")),
            list: vec![name("dakloos"), name("zwerft")],
            negated: false,
        });
        assert_eq!(s(&e), "woonsituatie in [dakloos, zwerft]");
        let e = ex(ExprKind::In {
            expr: Box::new(name("melder")),
            list: vec![name("politie")],
            negated: true,
        });
        assert_eq!(s(&e), "melder not in [politie]");
        assert_eq!(s(&not(e)), "not melder not in [politie]");
        let e = ex(ExprKind::Between {
            expr: Box::new(name("zrm")),
            low: Box::new(int(1)),
            high: Box::new(int(2)),
        });
        assert_eq!(s(&e), "zrm between 1 and 2");
        let e = bin(BinOp::And, e, name("b"));
        assert_eq!(s(&e), "zrm between 1 and 2 and b");
        let e = ex(ExprKind::IsAnswered {
            expr: Box::new(name("datum")),
            negated: false,
        });
        assert_eq!(s(&e), "datum is answered");
        let e = ex(ExprKind::IsAnswered {
            expr: Box::new(name("leeftijd")),
            negated: true,
        });
        assert_eq!(s(&e), "leeftijd is unknown");
        let e = ex(ExprKind::In {
            expr: Box::new(name("x")),
            list: vec![],
            negated: false,
        });
        assert_eq!(s(&e), "x in []");
    }

    #[test]
    fn long_chains_need_no_deep_stack() {
        let mut e = name("a0");
        for i in 1..200_000 {
            e = bin(BinOp::And, e, name(&format!("a{i}")));
        }
        let text = s(&e);
        assert!(text.starts_with("a0 and a1 and a2"));
        assert!(text.ends_with("and a199999"));
        let ops = chain(&e, BinOp::And).unwrap();
        assert_eq!(ops.len(), 200_000);
        // Dropping a deep tree recurses; leak it in this test rather than measure the drop.
        std::mem::forget(e);
    }

    #[test]
    fn strings_escape_backslash_quote_and_newline() {
        assert_eq!(string_lit("plain"), "\"plain\"");
        assert_eq!(string_lit("a \"b\" c"), "\"a \\\"b\\\" c\"");
        assert_eq!(string_lit("back\\slash"), "\"back\\\\slash\"");
        assert_eq!(string_lit("two\nlines"), "\"two\\nlines\"");
        assert_eq!(string_lit("# geen commentaar"), "\"# geen commentaar\"");
        let p = TextPair {
            nl: StrLit {
                value: "Woning".into(),
                span: Span::default(),
            },
            en: Some(StrLit {
                value: "Home".into(),
                span: Span::default(),
            }),
            span: Span::default(),
        };
        assert_eq!(text_pair(&p), "nl \"Woning\" en \"Home\"");
        let p = TextPair { en: None, ..p };
        assert_eq!(text_pair(&p), "nl \"Woning\"");
    }

    #[test]
    fn types() {
        assert_eq!(type_to_string(&TypeKind::Bool), "bool");
        assert_eq!(type_to_string(&TypeKind::Choice), "choice");
        assert_eq!(type_to_string(&TypeKind::Date), "date");
        let int = |min, max| type_to_string(&TypeKind::Int { min, max });
        assert_eq!(int(None, None), "int");
        assert_eq!(int(Some(0), Some(120)), "int 0..120");
        assert_eq!(int(Some(0), None), "int 0..");
        assert_eq!(int(None, Some(10)), "int ..10");
        assert_eq!(int(Some(-5), Some(-1)), "int -5..-1");
        assert_eq!(
            type_to_string(&TypeKind::Scale { min: 1, max: 5 }),
            "scale 1..5"
        );
    }

    #[test]
    fn cells() {
        let c = |kind| {
            cell_to_string(&Cell {
                kind,
                span: Span::default(),
            })
        };
        assert_eq!(c(CellKind::Any), "-");
        assert_eq!(c(CellKind::Unknown), "unknown");
        assert_eq!(c(CellKind::Answered), "answered");
        assert_eq!(c(CellKind::Cmp(CmpOp::Eq, ex(ExprKind::Bool(true)))), "yes");
        assert_eq!(c(CellKind::Cmp(CmpOp::Ge, int(18))), ">= 18");
        assert_eq!(c(CellKind::Cmp(CmpOp::Ne, name("dakloos"))), "!= dakloos");
        assert_eq!(c(CellKind::Cmp(CmpOp::Eq, neg(int(3)))), "-3");
        assert_eq!(
            c(CellKind::In {
                list: vec![name("a"), name("b")],
                negated: false
            }),
            "in [a, b]"
        );
        assert_eq!(
            c(CellKind::In {
                list: vec![name("a")],
                negated: true
            }),
            "not in [a]"
        );
        assert_eq!(c(CellKind::Range(int(1), int(3))), "1..3");
        assert_eq!(c(CellKind::Range(neg(int(3)), int(-1))), "-3..-1");
        assert_eq!(out_cell_to_string(&OutCell::Skip(Span::default())), "-");
        assert_eq!(out_cell_to_string(&OutCell::One(id("jeugd"))), "jeugd");
        assert_eq!(
            out_cell_to_string(&OutCell::List(vec![id("a"), id("b")], Span::default())),
            "[a, b]"
        );
    }

    #[test]
    fn test_lines_and_assignments() {
        let g = Given {
            fact: id("leeftijd"),
            value: Literal::Int(-3, Span::default()),
            span: Span::default(),
        };
        assert_eq!(given_to_string(&g), "leeftijd = -3");
        let a = Assignment {
            outcome: id("acties"),
            value: AssignValue::List(vec![id("bel_112"), id("informeer_huisarts")]),
            span: Span::default(),
        };
        assert_eq!(
            assignment_to_string(&a),
            "acties = [bel_112, informeer_huisarts]"
        );
        let e = |kind| {
            expect_to_string(&Expect {
                outcome: id("acties"),
                kind,
            })
        };
        assert_eq!(e(ExpectKind::Equals(id("x"))), "acties = x");
        assert_eq!(
            e(ExpectKind::Contains {
                values: vec![id("x")],
                list: false
            }),
            "acties contains x"
        );
        assert_eq!(
            e(ExpectKind::Contains {
                values: vec![id("x")],
                list: true
            }),
            "acties contains [x]"
        );
        assert_eq!(
            e(ExpectKind::Exactly(vec![id("x"), id("y")])),
            "acties exactly [x, y]"
        );
        assert_eq!(e(ExpectKind::Undecided), "acties is undecided");
        assert_eq!(e(ExpectKind::Provisional), "acties is provisional");
        assert_eq!(e(ExpectKind::Final), "acties is final");
    }
}
