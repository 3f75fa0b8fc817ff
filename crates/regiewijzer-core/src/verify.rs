//! Verifying a posted widget value on the receiving side: find the ruleset it names (id, version and
//! content hash) among compiled rulesets, evaluate its answers again with its `today`, and say per outcome
//! what differs from the advice it carries. Pure: the caller reads and compiles the files.
//!
//! Codes: `V1xx` a difference (the advice in the value is not what the rules give), `V2xx` a value that
//! cannot be verified. Each has a place in the value (a JSON pointer) and Dutch and English text.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::Model;
use crate::answers::{Answers, RawAnswers};
use crate::date::Date;
use crate::diag::Words;
use crate::eval::{OutcomeResult, Status, evaluate_outcomes};

/// The version of the value's shape that this module reads (the value's `format`).
pub const FORMAT: u32 = 1;

/// The parts of a posted value that verification reads (docs/widget.md, "Value"); other fields are
/// left alone.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Posted {
    /// The version of the value's shape; absent in a value from before format 1.
    #[serde(default)]
    pub format: Option<u32>,
    /// The ruleset that gave the advice; `null` in the value of a widget that could not give advice.
    #[serde(default)]
    pub ruleset: Option<PostedRuleset>,
    /// The date the rules were applied with (YYYY-MM-DD).
    #[serde(default)]
    pub today: Option<String>,
    /// The answers, as the widget kept them.
    #[serde(default)]
    pub answers: RawAnswers,
    /// The advice per outcome id.
    #[serde(default)]
    pub outcomes: BTreeMap<String, PostedOutcome>,
    /// The professional's decision per outcome id.
    #[serde(default)]
    pub decisions: BTreeMap<String, PostedDecision>,
}

/// The ruleset a value names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PostedRuleset {
    /// Ruleset id.
    pub id: String,
    /// Version text.
    pub version: String,
    /// `sha256:` + hex of the source.
    pub hash: String,
    /// For a region's variant: the base it was resolved against.
    #[serde(default)]
    pub base: Option<Box<PostedBase>>,
}

/// The base ruleset a variant's value names (`ruleset.base`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PostedBase {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// `sha256:` + hex of its source.
    pub hash: String,
}

/// One outcome of the advice as the value states it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PostedOutcome {
    /// `decided`, `default`, `undecided` or `conflict`.
    pub status: String,
    /// The value ids.
    pub values: Vec<String>,
    /// Whether an open question could still change it.
    pub provisional: bool,
}

/// One decision as the value states it (only what the advice bears on).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PostedDecision {
    /// `confirmed` or `override`.
    pub decision: String,
    /// The advice the decision was made on.
    #[serde(default)]
    pub advice: Vec<String>,
    /// What holds after the decision.
    #[serde(default)]
    pub values: Vec<String>,
}

/// What was verified: the ruleset found and what differs (nothing: the advice is what the rules give).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The ruleset the value names, as found.
    pub ruleset: PostedRuleset,
    /// Every difference, outcomes in the rules' order.
    pub differences: Vec<Difference>,
}

/// A difference between the posted value and what the rules give. `Display` is the English message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Difference {
    /// The rules with this id and version have another content hash: not the rules the value was made with.
    #[error(
        "the rules `{id}` version {version} here are not the ones the value was made with: the value names content {posted}, these rules are {found}"
    )]
    RulesetContent {
        /// Ruleset id.
        id: String,
        /// Version.
        version: String,
        /// The hash in the value.
        posted: String,
        /// The hash of the rules found.
        found: String,
    },
    /// A variant resolved here against another base than the one the value names: its own rules are the
    /// same, the rules it ran on are not.
    #[error(
        "the variant `{id}` here is resolved against another base than the value's: the value names base {posted}, here it is {}",
        found.as_deref().unwrap_or("none")
    )]
    BaseContent {
        /// The variant's id.
        id: String,
        /// The base as the value names it (id, version, hash).
        posted: String,
        /// The base found here (id, version, hash); none when the rules here are no variant.
        found: Option<String>,
    },
    /// The outcome's status differs.
    #[error("{outcome}: the value says {posted}, the rules give {computed}")]
    Status {
        /// The outcome id.
        id: String,
        /// The outcome in words.
        outcome: Words,
        /// The status in the value.
        posted: Words,
        /// The status the rules give.
        computed: Words,
    },
    /// The outcome's values differ.
    #[error("{outcome}: the value advises {posted}, the rules advise {computed}")]
    Values {
        /// The outcome id.
        id: String,
        /// The outcome in words.
        outcome: Words,
        /// The values in the value, in words.
        posted: Words,
        /// The values the rules give, in words.
        computed: Words,
    },
    /// Whether the outcome is provisional differs.
    #[error("{outcome}: the value calls the advice {posted}, the rules call it {computed}")]
    Provisional {
        /// The outcome id.
        id: String,
        /// The outcome in words.
        outcome: Words,
        /// In the value: provisional or final.
        posted: Words,
        /// By the rules.
        computed: Words,
    },
    /// The rules give an outcome the value does not state.
    #[error("{outcome}: the rules give this outcome, but the value lacks it")]
    Missing {
        /// The outcome id.
        id: String,
        /// The outcome in words.
        outcome: Words,
    },
    /// The value states an outcome the rules do not have.
    #[error("the value has an outcome `{id}` that these rules do not have")]
    Extra {
        /// The outcome id.
        id: String,
    },
    /// A decision recorded as confirmed that does not hold the advice.
    #[error("{outcome}: confirmed as {posted}, but the rules advise {computed}")]
    Confirmed {
        /// The outcome id.
        id: String,
        /// The outcome in words.
        outcome: Words,
        /// What the decision holds, in words.
        posted: Words,
        /// The values the rules give, in words.
        computed: Words,
    },
}

impl Difference {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Difference::RulesetContent { .. } => "V101",
            Difference::Status { .. } => "V102",
            Difference::Values { .. } => "V103",
            Difference::Provisional { .. } => "V104",
            Difference::Missing { .. } => "V105",
            Difference::Extra { .. } => "V106",
            Difference::Confirmed { .. } => "V107",
            Difference::BaseContent { .. } => "V108",
        }
    }

    /// Where in the value it is (a JSON pointer).
    pub fn place(&self) -> String {
        match self {
            Difference::RulesetContent { .. } => "/ruleset/hash".into(),
            Difference::BaseContent { .. } => "/ruleset/base/hash".into(),
            Difference::Status { id, .. } => format!("/outcomes/{}/status", pointer(id)),
            Difference::Values { id, .. } => format!("/outcomes/{}/values", pointer(id)),
            Difference::Provisional { id, .. } => format!("/outcomes/{}/provisional", pointer(id)),
            Difference::Missing { id, .. } | Difference::Extra { id } => {
                format!("/outcomes/{}", pointer(id))
            }
            Difference::Confirmed { id, .. } => format!("/decisions/{}/values", pointer(id)),
        }
    }

    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            Difference::RulesetContent {
                id,
                version,
                posted,
                found,
            } => format!(
                "de regels `{id}` versie {version} hier zijn niet die waarmee de waarde is gemaakt: de waarde noemt inhoud {posted}, deze regels zijn {found}"
            ),
            Difference::BaseContent { id, posted, found } => format!(
                "de variant `{id}` is hier opgelost tegen een andere basis dan die van de waarde: de waarde noemt basis {posted}, hier is het {}",
                found.as_deref().unwrap_or("geen")
            ),
            Difference::Status {
                outcome,
                posted,
                computed,
                ..
            } => format!(
                "{}: volgens de waarde {}, volgens de regels {}",
                outcome.nl, posted.nl, computed.nl
            ),
            Difference::Values {
                outcome,
                posted,
                computed,
                ..
            } => format!(
                "{}: de waarde adviseert {}, de regels adviseren {}",
                outcome.nl, posted.nl, computed.nl
            ),
            Difference::Provisional {
                outcome,
                posted,
                computed,
                ..
            } => format!(
                "{}: de waarde noemt het advies {}, de regels noemen het {}",
                outcome.nl, posted.nl, computed.nl
            ),
            Difference::Missing { outcome, .. } => format!(
                "{}: de regels geven deze uitkomst, maar die ontbreekt in de waarde",
                outcome.nl
            ),
            Difference::Extra { id } => {
                format!("de waarde heeft een uitkomst `{id}` die deze regels niet hebben")
            }
            Difference::Confirmed {
                outcome,
                posted,
                computed,
                ..
            } => format!(
                "{}: bevestigd als {}, maar de regels adviseren {}",
                outcome.nl, posted.nl, computed.nl
            ),
        }
    }

    /// The message in `lang` (`"en"`; anything else is Dutch).
    pub fn message(&self, lang: &str) -> String {
        if lang == "en" {
            self.to_string()
        } else {
            self.message_nl()
        }
    }
}

/// Why a value cannot be verified. `Display` is the English message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Unusable {
    /// The value of a widget that could not give advice (`ruleset: null`).
    #[error(
        "the value holds no advice (the widget could not give one): there is nothing to verify"
    )]
    NoAdvice,
    /// A format this verifier does not know.
    #[error("the value has format {0}; this verifier reads format {FORMAT}")]
    Format(u32),
    /// `today` missing or not a date.
    #[error("the value's `today` is not a date (YYYY-MM-DD): {0}")]
    Today(String),
    /// No ruleset with the value's id and version among those given.
    #[error(
        "no ruleset `{}` version {} (content {}) among the rules given; there are: {}",
        wanted.id, wanted.version, wanted.hash, listed(available, "none")
    )]
    NoRuleset {
        /// What the value names.
        wanted: PostedRuleset,
        /// What there is.
        available: Vec<PostedRuleset>,
    },
}

impl Unusable {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Unusable::NoAdvice => "V201",
            Unusable::Format(_) => "V202",
            Unusable::Today(_) => "V203",
            Unusable::NoRuleset { .. } => "V204",
        }
    }

    /// Where in the value the problem is (a JSON pointer).
    pub fn place(&self) -> &'static str {
        match self {
            Unusable::NoAdvice | Unusable::NoRuleset { .. } => "/ruleset",
            Unusable::Format(_) => "/format",
            Unusable::Today(_) => "/today",
        }
    }

    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            Unusable::NoAdvice => "de waarde bevat geen advies (de widget kon er geen geven): er is niets na te rekenen".into(),
            Unusable::Format(n) => {
                format!("de waarde heeft vorm {n}; deze controle leest vorm {FORMAT}")
            }
            Unusable::Today(t) => {
                format!("de datum `today` in de waarde is geen datum (JJJJ-MM-DD): {t}")
            }
            Unusable::NoRuleset { wanted, available } => format!(
                "geen regelset `{}` versie {} (inhoud {}) bij de gegeven regels; er zijn: {}",
                wanted.id,
                wanted.version,
                wanted.hash,
                listed(available, "geen")
            ),
        }
    }

    /// The message in `lang` (`"en"`; anything else is Dutch).
    pub fn message(&self, lang: &str) -> String {
        if lang == "en" {
            self.to_string()
        } else {
            self.message_nl()
        }
    }
}

/// `id version (hash)` for each ruleset, or `none`.
fn listed(rulesets: &[PostedRuleset], none: &str) -> String {
    if rulesets.is_empty() {
        return none.to_string();
    }
    let each: Vec<String> = rulesets
        .iter()
        .map(|r| format!("`{}` {} ({})", r.id, r.version, r.hash))
        .collect();
    each.join(", ")
}

/// An id as one step of a JSON pointer (`~` and `/` escaped).
fn pointer(id: &str) -> String {
    id.replace('~', "~0").replace('/', "~1")
}

/// The identity of `model` as a value names it.
pub fn identity(model: &Model) -> PostedRuleset {
    PostedRuleset {
        id: model.meta.id.clone(),
        version: model.meta.version.clone(),
        hash: model.meta.hash.clone(),
        base: model.meta.base.as_ref().map(|b| {
            Box::new(PostedBase {
                id: b.id.clone(),
                version: b.version.clone(),
                hash: b.hash.clone(),
            })
        }),
    }
}

/// A base as `id version hash`.
fn base_words(id: &str, version: &str, hash: &str) -> String {
    format!("{id} {version} {hash}")
}

/// The difference `V108` when `model` (found for `wanted`) is a variant resolved against another base
/// than the value names, or the value names a base and the rules here have none.
fn base_difference(wanted: &PostedRuleset, model: &Model) -> Option<Difference> {
    let posted = wanted.base.as_ref()?;
    let here = model.meta.base.as_ref();
    if here.is_some_and(|b| b.hash == posted.hash) {
        return None;
    }
    Some(Difference::BaseContent {
        id: wanted.id.clone(),
        posted: base_words(&posted.id, &posted.version, &posted.hash),
        found: here.map(|b| base_words(&b.id, &b.version, &b.hash)),
    })
}

/// Verifies `posted` against the ruleset among `models` that it names: by id and version, then by
/// content hash (the same id and version with another hash is difference `V101`). Evaluates the posted
/// answers with the posted `today` and compares each outcome's status, values and provisional flag, and
/// the values of each confirmed decision, with the advice in the value.
pub fn verify(posted: &Posted, models: &[Model]) -> Result<Report, Unusable> {
    let wanted = posted.ruleset.clone().ok_or(Unusable::NoAdvice)?;
    if let Some(n) = posted.format.filter(|&n| n != FORMAT) {
        return Err(Unusable::Format(n));
    }
    let text = posted.today.clone().unwrap_or_default();
    let today = Date::parse(&text).ok_or(Unusable::Today(text))?;
    let same = |m: &&Model| m.meta.id == wanted.id && m.meta.version == wanted.version;
    let Some(model) = models
        .iter()
        .filter(same)
        .find(|m| m.meta.hash == wanted.hash)
        .or_else(|| models.iter().find(same))
    else {
        return Err(Unusable::NoRuleset {
            wanted,
            available: models.iter().map(identity).collect(),
        });
    };
    if model.meta.hash != wanted.hash {
        let found = model.meta.hash.clone();
        let differences = vec![Difference::RulesetContent {
            id: wanted.id.clone(),
            version: wanted.version.clone(),
            posted: wanted.hash.clone(),
            found,
        }];
        return Ok(Report {
            ruleset: wanted,
            differences,
        });
    }
    let (answers, _) = Answers::from_raw(model, &posted.answers);
    let evaluation = evaluate_outcomes(model, &answers, today);
    let mut differences: Vec<Difference> = base_difference(&wanted, model).into_iter().collect();
    for computed in &evaluation.outcomes {
        compare(model, posted, computed, &mut differences);
    }
    for id in posted.outcomes.keys() {
        if evaluation.outcome(id).is_none() {
            differences.push(Difference::Extra { id: id.clone() });
        }
    }
    Ok(Report {
        ruleset: wanted,
        differences,
    })
}

/// The differences for one outcome the rules give.
fn compare(model: &Model, posted: &Posted, computed: &OutcomeResult, out: &mut Vec<Difference>) {
    let id = computed.id.clone();
    let outcome = Words::new(computed.label.en.clone(), computed.label.nl.clone());
    let Some(stated) = posted.outcomes.get(&computed.id) else {
        out.push(Difference::Missing { id, outcome });
        return;
    };
    let status = status_words(computed.status);
    if stated.status != status.0 {
        out.push(Difference::Status {
            id: id.clone(),
            outcome: outcome.clone(),
            posted: posted_status(&stated.status),
            computed: status.1,
        });
    }
    let advice = values_words(model, &computed.id, &computed.values);
    if stated.values != computed.values {
        out.push(Difference::Values {
            id: id.clone(),
            outcome: outcome.clone(),
            posted: values_words(model, &computed.id, &stated.values),
            computed: advice.clone(),
        });
    }
    if stated.provisional != computed.provisional {
        out.push(Difference::Provisional {
            id: id.clone(),
            outcome: outcome.clone(),
            posted: provisional_words(stated.provisional),
            computed: provisional_words(computed.provisional),
        });
    }
    let confirmed = posted.decisions.get(&computed.id).filter(|d| {
        d.decision == "confirmed" && (d.values != computed.values || d.advice != computed.values)
    });
    if let Some(d) = confirmed {
        out.push(Difference::Confirmed {
            id,
            outcome,
            posted: values_words(model, &computed.id, &d.values),
            computed: advice,
        });
    }
}

/// A status as the value writes it, and in words.
fn status_words(status: Status) -> (&'static str, Words) {
    match status {
        Status::Decided => ("decided", Words::new("decided", "beslist")),
        Status::Default => (
            "default",
            Words::new("the default value", "de standaardwaarde"),
        ),
        Status::Undecided => ("undecided", Words::new("undecided", "niet beslist")),
        Status::Conflict => (
            "conflict",
            Words::new("rules in conflict", "regels in strijd"),
        ),
    }
}

/// A status as the value states it, in words (one the widget never writes, as written).
fn posted_status(text: &str) -> Words {
    [
        Status::Decided,
        Status::Default,
        Status::Undecided,
        Status::Conflict,
    ]
    .into_iter()
    .map(status_words)
    .find(|(t, _)| *t == text)
    .map_or_else(|| Words::same(format!("`{text}`")), |(_, w)| w)
}

fn provisional_words(provisional: bool) -> Words {
    if provisional {
        Words::new("provisional", "voorlopig")
    } else {
        Words::new("final", "definitief")
    }
}

/// Value ids of outcome `outcome` in words (their labels; an id the rules do not know, quoted), joined;
/// "nothing" when there are none.
fn values_words(model: &Model, outcome: &str, values: &[String]) -> Words {
    if values.is_empty() {
        return Words::new("nothing", "niets");
    }
    let def = model
        .outcome_by_name(outcome)
        .and_then(|o| model.outcomes.get(o));
    let label = |v: &String| {
        def.and_then(|d| d.values.iter().find(|o| &o.id == v))
            .map_or_else(
                || (format!("`{v}`"), format!("`{v}`")),
                |o| (o.label.en.clone(), o.label.nl.clone()),
            )
    };
    let (en, nl): (Vec<String>, Vec<String>) = values.iter().map(label).unzip();
    Words::new(en.join(", "), nl.join(", "))
}
