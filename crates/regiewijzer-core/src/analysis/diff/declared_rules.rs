//! What two versions declare differently in their rules, tables and handovers (see `declared`): a rule by
//! its title (and, without one, by what it gives), a table by its title with how many rows are new and
//! gone (rows compared by what they say, so that a row removed halfway is one row gone, not every row
//! after it written otherwise), a handover by its title or its parties.

use super::declared::{DeclaredKind, Say};
use crate::model::{HandoverDef, Model, RuleDef, RuleOrigin, Text};

/// The rules, tables and handovers `new` added, removed or wrote otherwise than `old`.
pub(super) fn rules(old: &Model, new: &Model, say: &mut Say) {
    let (was, now) = (items(old), items(new));
    let find = |list: &[&RuleDef], id: &str| list.iter().any(|r| r.id == id);
    for r in &now {
        let before = was.iter().find(|b| b.id == r.id);
        let (kind, nl_says, en_says) = match before {
            None => (DeclaredKind::RuleAdded, "nieuw", "added"),
            Some(b) if what_it_does(old, b) != what_it_does(new, r) => (
                DeclaredKind::RuleChanged,
                "anders geschreven",
                "written otherwise",
            ),
            Some(_) => continue,
        };
        let name = rule_name(new, r);
        say(
            kind,
            format!("{}: {nl_says}", name.nl),
            format!("{}: {en_says}", name.en),
        );
    }
    for r in was.iter().filter(|r| !find(&now, &r.id)) {
        let name = rule_name(old, r);
        say(
            DeclaredKind::RuleRemoved,
            format!("{}: vervalt", name.nl),
            format!("{}: removed", name.en),
        );
    }
    tables(old, new, say);
    handovers(old, new, say);
}

/// The `rule` items of a model (not table rows, not the rules a handover compiles to).
fn items(m: &Model) -> Vec<&RuleDef> {
    m.rules
        .iter()
        .filter(|r| r.origin == RuleOrigin::Rule)
        .collect()
}

/// A rule as its author knows it: "Regel 'title'", or, without a title, by what it gives.
fn rule_name(m: &Model, r: &RuleDef) -> Text {
    match &r.title {
        Some(t) => Text {
            nl: format!("Regel '{}'", t.nl),
            en: format!("Rule '{}'", t.en),
        },
        None => {
            let gives: Vec<(String, String)> = r
                .assigns
                .iter()
                .filter_map(|&(o, v)| {
                    let o = m.outcomes.get(o)?;
                    let v = &o.values.get(v)?.label;
                    Some((
                        format!("{}: {}", o.label.nl, v.nl),
                        format!("{}: {}", o.label.en, v.en),
                    ))
                })
                .collect();
            let (nl, en): (Vec<String>, Vec<String>) = gives.into_iter().unzip();
            Text {
                nl: format!("Een regel zonder titel (geeft {})", nl.join(", ")),
                en: format!("A rule without a title (gives {})", en.join(", ")),
            }
        }
    }
}

/// The tables whose rows differ: per table (by id, in the new version's order, then those only the old
/// has) how many of its rows are new and how many gone, each row compared by what it says.
fn tables(old: &Model, new: &Model, say: &mut Say) {
    let mut ids: Vec<&str> = Vec::new();
    for m in [new, old] {
        for r in &m.rules {
            if let RuleOrigin::Row { table, .. } = &r.origin
                && !ids.contains(&table.as_str())
            {
                ids.push(table);
            }
        }
    }
    for id in ids {
        let (mut was, now) = (rows(old, id), rows(new, id));
        let mut added = 0;
        for row in &now {
            match was.iter().position(|w| w == row) {
                Some(i) => {
                    was.swap_remove(i);
                }
                None => added += 1,
            }
        }
        let gone = was.len();
        if added == 0 && gone == 0 {
            continue;
        }
        let title = table_title(new, id)
            .or_else(|| table_title(old, id))
            .unwrap_or_default();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        say(
            DeclaredKind::RowsChanged,
            format!(
                "Tabel '{}': {} nieuw, {} vervallen",
                title.nl,
                count(added, "rij", "rijen"),
                count(gone, "rij", "rijen")
            ),
            format!(
                "Table '{}': {} added, {} removed",
                title.en,
                count(added, "row", "rows"),
                count(gone, "row", "rows")
            ),
        );
    }
}

/// What each row of table `id` says, comparable across versions (see [`what_it_does`]).
fn rows(m: &Model, id: &str) -> Vec<Does> {
    let of_table = |r: &&RuleDef| matches!(&r.origin, RuleOrigin::Row { table, .. } if table == id);
    m.rules
        .iter()
        .filter(of_table)
        .map(|r| what_it_does(m, r))
        .collect()
}

/// The title of table `id` (its rows carry it).
fn table_title(m: &Model, id: &str) -> Option<Text> {
    let row = m
        .rules
        .iter()
        .find(|r| matches!(&r.origin, RuleOrigin::Row { table, .. } if table == id));
    row.and_then(|r| r.title.clone())
}

/// What a rule or row does: its condition as written, priority and rank, and what it gives.
type Does = (String, i64, i64, Vec<(String, String)>);

/// What a rule does, comparable across two versions: its condition as written, its priority and rank,
/// and what it gives (outcome and value by id; a deadline's outcome by id and its date as written), in
/// a fixed order (the order of its `then` does not matter).
fn what_it_does(m: &Model, r: &RuleDef) -> Does {
    let values = r.assigns.iter().filter_map(|&(o, v)| {
        let o = m.outcomes.get(o)?;
        Some((o.id.clone(), o.values.get(v)?.id.clone()))
    });
    let dates = r
        .deadlines
        .iter()
        .filter_map(|d| Some((m.outcomes.get(d.outcome)?.id.clone(), d.text.clone())));
    let mut gives: Vec<(String, String)> = values.chain(dates).collect();
    gives.sort_unstable();
    (r.cond_text.clone(), r.priority, r.rank, gives)
}

/// The handovers `new` added, removed or wrote otherwise (moment, parties, requirements).
fn handovers(old: &Model, new: &Model, say: &mut Say) {
    for h in &new.handovers {
        let kind = match old.handovers.iter().find(|b| b.id == h.id) {
            None => DeclaredKind::HandoverAdded,
            Some(b) if handover_does(old, b) != handover_does(new, h) => {
                DeclaredKind::HandoverChanged
            }
            Some(_) => continue,
        };
        let (nl_says, en_says) = match kind {
            DeclaredKind::HandoverAdded => ("nieuw", "added"),
            _ => ("anders geschreven", "written otherwise"),
        };
        let name = handover_name(new, h);
        say(
            kind,
            format!("{}: {nl_says}", name.nl),
            format!("{}: {en_says}", name.en),
        );
    }
    for h in old
        .handovers
        .iter()
        .filter(|h| !new.handovers.iter().any(|n| n.id == h.id))
    {
        let name = handover_name(old, h);
        say(
            DeclaredKind::HandoverRemoved,
            format!("{}: vervalt", name.nl),
            format!("{}: removed", name.en),
        );
    }
}

/// What a handover does: when, from and to whom (by id), and what it requires (as written).
fn handover_does(
    m: &Model,
    h: &HandoverDef,
) -> (String, Option<String>, Option<String>, Vec<String>) {
    let party = |v: usize| {
        let o = m.outcomes.get(h.lead)?;
        o.values.get(v).map(|v| v.id.clone())
    };
    let requires = h.requires.iter().map(|r| r.text.clone()).collect();
    (h.when_text.clone(), party(h.from), party(h.to), requires)
}

/// A handover as its author knows it: "Overdracht 'title'", or by its parties.
fn handover_name(m: &Model, h: &HandoverDef) -> Text {
    if let Some(t) = &h.title {
        return Text {
            nl: format!("Overdracht '{}'", t.nl),
            en: format!("Handover '{}'", t.en),
        };
    }
    let party = |v: usize| {
        let value = m.outcomes.get(h.lead).and_then(|o| o.values.get(v));
        value.map(|v| v.label.clone()).unwrap_or_default()
    };
    let (from, to) = (party(h.from), party(h.to));
    Text {
        nl: format!("Overdracht van {} naar {}", from.nl, to.nl),
        en: format!("Handover from {} to {}", from.en, to.en),
    }
}
