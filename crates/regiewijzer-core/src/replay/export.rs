//! A replay report as CSV: one row per case that flips in an outcome, for a spreadsheet.

use super::report::Report;

/// One cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The flips of `report` as CSV in `lang` (`nl` or `en`): a header, then per flip every case: the
/// outcome, its line, what it was and what it becomes (ids and words), and for the cases whose reasons
/// were worked out, the reasons under both versions (joined by ` | `).
pub fn to_csv(report: &Report, lang: &str) -> String {
    let en = lang == "en";
    let mut out = String::from(if en {
        "outcome,line,old,new,old_words,new_words,old_reasons,new_reasons\n"
    } else {
        "uitkomst,regel,oud,nieuw,oud_woorden,nieuw_woorden,redenen_oud,redenen_nieuw\n"
    });
    for o in &report.outcomes {
        for f in &o.flips {
            for &line in &f.lines {
                let case = f.cases.iter().find(|c| c.line == line);
                let reasons = |texts: Option<&Vec<crate::model::Text>>| {
                    texts
                        .map(|t| {
                            t.iter()
                                .map(|t| t.get(lang))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        })
                        .unwrap_or_default()
                };
                let row = [
                    o.id.clone(),
                    line.to_string(),
                    f.from.values.join(" "),
                    f.to.values.join(" "),
                    f.from.words.get(lang).to_string(),
                    f.to.words.get(lang).to_string(),
                    reasons(case.map(|c| &c.old)),
                    reasons(case.map(|c| &c.new)),
                ];
                let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
    }
    out
}
