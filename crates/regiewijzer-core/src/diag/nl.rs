//! The Dutch messages: one match over every kind of problem, and the Dutch words for their data. Only
//! quoted code and names are as written; nothing here is made from the English.

use super::kind::DiagKind;
use super::payload::{Counted, Decl, Declarable, Fits, Found, ItemType, RowSide, TypeDesc, Wanted};
use super::{RelatedKind, alternatives, quoted_run};

/// The Dutch message of a problem.
pub(super) fn message(kind: &DiagKind) -> String {
    use DiagKind::*;
    match kind {
        UnexpectedChar { start, count } => match count {
            0 | 1 => format!("onverwacht teken `{start}`"),
            n => format!("{n} onverwachte tekens op een rij: {}", quoted_run(start, *n)),
        },
        MoreProblems {
            more,
            shown,
            errors,
        } => more_problems(*more, *shown, *errors),
        UnterminatedString => "deze tekst heeft geen afsluitend `\"` op dezelfde regel".into(),
        BadEscape(c) => format!("onbekende escape `\\{c}` in een tekst (gebruik \\\" \\\\ of \\n)"),
        NumberTooLarge(n) => format!("het getal `{n}` is te groot"),
        BadDate(d) => {
            format!("`{d}` is geen geldige datum (schrijf jaar-maand-dag, bijv. 2026-03-01)")
        }
        SourceTooLarge { size, limit } => {
            format!("het bestand is te groot ({size} bytes; hoogstens {limit})")
        }
        TextTooLong { length, limit } => {
            format!("deze tekst is te lang ({length} tekens; hoogstens {limit})")
        }
        TooMany { what, limit } => format!("te veel {} (hoogstens {limit})", counted(*what)),
        NotUtf8 { offset, byte } => format!(
            "het bestand is geen UTF-8-tekst: byte {offset} (0x{byte:02X}) hoort niet bij een teken; sla het bestand op als UTF-8"
        ),
        ReservedName(name) => format!(
            "`{name}` kan geen naam zijn: in JavaScript, waar antwoorden en uitkomsten als objecten reizen, is het bijzonder"
        ),
        TooDeep(n) => format!(
            "de voorwaarde is te diep genest of heeft te veel `and`/`or`/rekenstappen op een rij (hoogstens {n} niveaus)"
        ),
        Expected { expected, found } => {
            format!("verwacht: {}, gevonden: {}", wanted(expected), self::found(found))
        }
        ClauseNotAllowed { clause, item } => {
            format!("`{clause}` hoort niet bij een {}", self::item(item).1)
        }
        DuplicateClause(c) => format!("`{c}` staat hier twee keer"),
        MissingHeader => "een regelbestand begint met `ruleset NAAM`".into(),
        DuplicateHeader => "maar één `ruleset`-kop per bestand".into(),
        MissingClause { item, clauses } => {
            let (this, item) = self::item(item);
            format!("{this} {item} heeft een {} nodig", alternatives(clauses, "of"))
        }
        RowWidth {
            side,
            expected,
            found,
        } => format!(
            "deze rij heeft {found} {}cellen, de kop heeft er {expected}",
            row_side(*side)
        ),
        UnknownFact { name, suggestion } => {
            format!("onbekend gegeven `{name}`{}", did_you_mean(suggestion))
        }
        UnknownName(n) => format!("`{n}` is geen gegeven, en ook geen waarde die hier past"),
        UnknownOutcome { name, suggestion } => {
            format!("onbekende uitkomst `{name}`{}", did_you_mean(suggestion))
        }
        UnknownValue {
            outcome,
            value,
            suggestion,
        } => format!(
            "uitkomst `{outcome}` heeft geen waarde `{value}`{}",
            did_you_mean(suggestion)
        ),
        UnknownOption {
            fact,
            option,
            suggestion,
        } => format!(
            "gegeven `{fact}` heeft geen keuze `{option}`{}",
            did_you_mean(suggestion)
        ),
        Duplicate { name, what } => format!("`{name}` is al gedeclareerd als {}", decl(*what)),
        TypeMismatch { expected, found } => {
            format!("verwacht: {}, maar dit is {}", ty(expected), ty(found))
        }
        Incomparable { left, right } => {
            format!("{} is niet te vergelijken met {}", ty(left), ty(right))
        }
        NotOrdered { op, found } => {
            format!("`{op}` werkt op getallen of datums; {} heeft geen volgorde", ty(found))
        }
        AskWhenCycle(c) => format!("`ask when` draait in een kring rond: {c}"),
        ListForSingle(o) => format!(
            "uitkomst `{o}` krijgt één waarde per regel; een lijst is alleen voor `collect`-uitkomsten"
        ),
        DuplicateAssignment(o) => format!("uitkomst `{o}` krijgt in deze regel twee keer een waarde"),
        EmptyRange { min, max } => format!("het bereik {min}..{max} is leeg"),
        NoOptions(f) => format!("keuzegegeven `{f}` heeft geen opties"),
        WrongTypeClause { clause, ty } => {
            format!("`{clause}` hoort alleen bij een gegeven van type `{ty}`")
        }
        LevelOutOfRange { level, min, max } => {
            format!("niveau {level} ligt buiten de schaal {min}..{max}")
        }
        NoValues(o) => format!("uitkomst `{o}` heeft geen waarden"),
        OutOfBounds {
            fact,
            value,
            bounds,
        } => format!("{value} ligt buiten de grenzen van `{fact}` ({bounds})"),
        TestNeedsToday => "deze test heeft `today JJJJ-MM-DD` nodig, want de regels rekenen met datums ten opzichte van vandaag".into(),
        ExpectForm {
            form,
            outcome,
            policy,
        } => format!("`{form}` past niet bij uitkomst `{outcome}` ({})", fits(policy)),
        TestsForOther { expected, found } => {
            format!("deze tests zijn voor regelset `{expected}`, niet voor `{found}`")
        }
        DuplicateTest(t) => format!("er is al een test met de naam \"{t}\""),
        DuplicateGiven(f) => format!("`{f}` wordt in deze test twee keer gegeven"),
        MissingEnglish => "geen Engelse tekst (`en \"...\"`); de Nederlandse tekst wordt getoond".into(),
        PriorityIgnored(o) => format!(
            "`priority` heeft geen effect: uitkomst(en) {o} gebruiken het beleid `priority` niet"
        ),
        ValueNeverGiven { outcome, value } => {
            format!("geen enkele regel geeft `{outcome}` de waarde `{value}`")
        }
        FactUnused(f) => format!("gegeven `{f}` wordt gevraagd maar door geen regel gebruikt"),
        ParamUnused(p) => format!("parameter `{p}` wordt door geen regel gebruikt"),
        HandoverOnlyTime(h) => format!(
            "overdracht `{h}` gebeurt alleen omdat er tijd verstreken is: elke voorwaarde gaat over datums ten opzichte van vandaag"
        ),
        NothingDeclared(d) => format!(
            "er is geen {} gedeclareerd (declareer ze met `{} NAAM` en een label)",
            declarable(*d),
            d.keyword()
        ),
        TimelineNeedsDate(t) => format!(
            "het eerste veld van tijdlijn `{t}` moet de datum zijn (`field datum: date ...`)"
        ),
        NotATimeline(t) => format!("`{t}` is geen tijdlijn"),
        UnknownField {
            list,
            field,
            suggestion,
        } => format!(
            "tijdlijn `{list}` heeft geen veld `{field}`{}",
            did_you_mean(suggestion)
        ),
        FollowsNotSingle { outcome, policy } => format!(
            "`follows` noemt `{outcome}`, een `{policy}`-uitkomst; alleen `priority`- en `unique`-uitkomsten hebben één waarde om te volgen"
        ),
        FollowsNotCollect { outcome, policy } => format!(
            "`follows` hoort bij een `collect`-uitkomst; `{outcome}` is een `{policy}`-uitkomst"
        ),
        VariantNeedsBase { base } => format!(
            "deze regelset is een variant van `{base}`: controleer hem samen met zijn basis (`--base BESTAND`)"
        ),
        BaseIsOther { expected, found } => {
            format!("deze variant hoort bij `{expected}`, maar de gegeven basis is `{found}`")
        }
        BaseVersion {
            base,
            expected,
            found,
        } => format!(
            "deze variant is geschreven voor `{base}` versie \"{expected}\", maar de basis heeft versie \"{found}\": controleer de wijzigingen tegen die basis en schrijf dan hier haar versie"
        ),
        BaseHasErrors { base } => {
            format!("de basis `{base}` bevat fouten: controleer die eerst op zichzelf")
        }
        NotInBase {
            what,
            name,
            suggestion,
        } => format!(
            "de basis heeft geen {} `{name}` (meer){}",
            decl(*what),
            did_you_mean(suggestion)
        ),
        ChangeWithoutBase => "`replace`, `remove` en `extend` horen in een variant (`ruleset NAAM variant of BASIS \"VERSIE\"`)".into(),
        UnknownParamInText { name, suggestion } => format!(
            "`{{{name}}}` in deze tekst noemt geen parameter (schrijf `{{{{` voor een losse accolade){}",
            did_you_mean(suggestion)
        ),
        UnknownPhase { name, suggestion } => format!(
            "de fase `{name}` staat niet bij de fasen van deze regelset{}",
            did_you_mean(suggestion)
        ),
        CaseFactType { fact, here, ty, other, other_ty } => format!(
            "de vraag `{fact}` is in {here} {}, maar in {other} {}: in één casus is het dezelfde vraag",
            type_words(ty),
            type_words(other_ty)
        ),
        CaseFactDetails { fact, here, other } => format!(
            "de vraag `{fact}` heeft in {here} andere antwoorden dan in {other} (keuzes, grenzen of velden): in één casus is het dezelfde vraag"
        ),
        CaseUnknownPhase { name, suggestion } => format!(
            "geen regelset van de casus kent de fase `{name}`{}",
            did_you_mean(suggestion)
        ),
        CasePhasesDiffer { here, other } => format!(
            "{here} en {other} noemen elk de fasen van de casus, maar niet dezelfde (andere fasen, volgorde of namen): een casus heeft één reeks fasen"
        ),
        CaseLabelDiffers { fact, here, other } => format!(
            "de vraag `{fact}` is in {here} anders verwoord dan in {other}: in één casus wordt ze één keer gesteld, met de woorden van de eerste"
        ),
        CasePhaseFacts { fact, first } => format!(
            "`{fact}` is een tweede vraag naar de fase; de casus volgt `{first}`"
        ),
    }
}

/// A fact's type in words: `ja/nee`, `een keuze`, ...
fn type_words(ty: &str) -> &'static str {
    match ty {
        "bool" => "ja/nee",
        "choice" => "een keuze",
        "int" => "een getal",
        "scale" => "een schaal",
        "date" => "een datum",
        _ => "een tijdlijn",
    }
}

/// `; bedoel je `x`?` after a message, when there is a close name.
fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map_or_else(String::new, |s| format!("; bedoel je `{s}`?"))
}

/// "nog 2 problemen niet getoond ...".
fn more_problems(more: usize, shown: usize, errors: bool) -> String {
    let what = match (errors, more) {
        (true, 1) => "probleem",
        (true, _) => "problemen",
        (false, 1) => "waarschuwing",
        (false, _) => "waarschuwingen",
    };
    format!(
        "nog {more} {what} niet getoond (alleen de eerste {shown}); los deze op en controleer opnieuw"
    )
}

/// Waarvan er te veel zijn.
fn counted(c: Counted) -> &'static str {
    match c {
        Counted::Facts => "vragen (`fact`)",
        Counted::Rules => "regels (een rij van een tabel telt als regel)",
        Counted::Records => "registraties in één tijdlijn",
    }
}

/// Wat er verwacht werd.
fn wanted(w: &Wanted) -> String {
    match w {
        Wanted::Said(words) => words.nl.clone(),
        Wanted::OnlyTests => "`test` (een testbestand bevat alleen tests)".into(),
        Wanted::RulesetHeader => "`ruleset NAAM` (`tests for` begint een apart testbestand)".into(),
    }
}

/// Wat er gevonden werd.
fn found(f: &Found) -> String {
    match f {
        Found::Code(c) => format!("`{c}`"),
        Found::Text(t) => format!("\"{t}\""),
        Found::Keyword(k) => format!("het sleutelwoord `{k}`"),
        Found::EndOfFile => "het einde van het bestand".into(),
        Found::SomethingElse => "iets anders".into(),
        Found::ThisRow => "deze rij".into(),
        Found::EmptyCell => "een lege cel".into(),
        Found::AnotherItem => "een ander onderdeel".into(),
    }
}

/// Een onderdeel, met het aanwijzend voornaamwoord dat erbij hoort ("deze regel", "dit gegeven").
fn item(i: &ItemType) -> (&'static str, String) {
    let (this, word) = match i {
        ItemType::Ruleset => ("deze", "regelset-kop"),
        ItemType::Section => ("deze", "sectie"),
        ItemType::Fact => ("dit", "gegeven"),
        ItemType::Outcome => ("deze", "uitkomst"),
        ItemType::DeadlineOutcome => ("deze", "`deadline`-uitkomst"),
        ItemType::OutcomeWithValuesFrom => ("deze", "uitkomst met `values parties/phases`"),
        ItemType::Rule => ("deze", "regel"),
        ItemType::Table => ("deze", "tabel"),
        ItemType::Test => ("deze", "test"),
        ItemType::Parameter => ("deze", "parameter"),
        ItemType::Party => ("deze", "partij"),
        ItemType::Phase => ("deze", "fase"),
        ItemType::OverrideReason => ("deze", "reden om af te wijken"),
        ItemType::Handover => ("deze", "overdracht"),
        ItemType::Other(keyword) => return ("dit", format!("onderdeel `{keyword}`")),
    };
    (this, word.into())
}

/// Kant van een tabelrij (vóór "cellen").
fn row_side(s: RowSide) -> &'static str {
    match s {
        RowSide::Input => "invoer",
        RowSide::Output => "uitvoer",
    }
}

/// Waarvoor een naam al gebruikt is.
fn decl(d: Decl) -> &'static str {
    match d {
        Decl::Section => "sectie",
        Decl::Fact => "gegeven",
        Decl::FactOrParameter => "gegeven of parameter",
        Decl::Option => "keuze",
        Decl::Level => "niveau",
        Decl::Field => "veld",
        Decl::Outcome => "uitkomst",
        Decl::Value => "waarde",
        Decl::RuleOrTable => "regel of tabel",
        Decl::RuleTableOrHandover => "regel, tabel of overdracht",
        Decl::Party => "partij",
        Decl::Phase => "fase",
        Decl::OverrideReason => "reden om af te wijken",
        Decl::Parameter => "parameter",
        Decl::Row => "rij",
        Decl::Labelled => "vraag, uitkomst, sectie, parameter, partij, fase of reden",
    }
}

/// Wat met een naam gedeclareerd kan worden.
fn declarable(d: Declarable) -> &'static str {
    match d {
        Declarable::Party => "partij",
        Declarable::Phase => "fase",
        Declarable::OverrideReason => "reden om af te wijken",
    }
}

/// Wat bij een uitkomst past in een test.
fn fits(f: &Fits) -> String {
    match f {
        Fits::Policy(p) => format!("`{p}`"),
        Fits::Handover => "overdracht: `is blocked` of `is complete`".into(),
    }
}

/// Een type, of wat een waarde is.
fn ty(t: &TypeDesc) -> String {
    match t {
        TypeDesc::YesNo => "ja/nee".into(),
        TypeDesc::Number => "een getal".into(),
        TypeDesc::Date => "een datum".into(),
        TypeDesc::Days => "een aantal dagen".into(),
        TypeDesc::WorkingDays => "een aantal werkdagen".into(),
        TypeDesc::ChoiceOf(f) => format!("een keuze van `{f}`"),
        TypeDesc::FieldChoice(f) => format!("een keuze van veld `{f}`"),
        TypeDesc::Name(n) => format!("de naam `{n}`"),
        TypeDesc::Timeline(f) => {
            format!("de tijdlijn `{f}` (gebruik count(...), latest(...) of earliest(...))")
        }
        TypeDesc::DaysOrDate => "een aantal dagen (bijv. `14 days`) of een datum".into(),
        TypeDesc::Condition => "een voorwaarde (ja/nee)".into(),
        TypeDesc::PriorityLead => "een `priority`-uitkomst voor de regie".into(),
        TypeDesc::Code(c) => format!("`{c}`"),
        TypeDesc::ValueOf(o) => format!("een waarde van `{o}`"),
        TypeDesc::Expression(e) => format!("de uitdrukking `{e}`"),
        TypeDesc::ParamValue => "`yes`, `no`, een getal of een datum".into(),
        TypeDesc::FieldType => crate::keywords::type_list(false).nl,
        TypeDesc::TimelineAsField => "`timeline` (een veld kan geen lijst zijn)".into(),
        TypeDesc::OptionOf(f) => format!("een keuze van `{f}`"),
        TypeDesc::RecordsOf(f) => format!("registraties van `{f}`"),
        TypeDesc::RecordsShape(f) => format!("registraties van `{f}`: [(datum, ...), ...]"),
        TypeDesc::FieldValues { count, names } => format!("{count} veldwaarden ({names})"),
        TypeDesc::OneValue => "één waarde".into(),
        TypeDesc::Count(n) => n.to_string(),
        TypeDesc::AName => "een naam".into(),
        TypeDesc::ListOfRecords => "een lijst registraties".into(),
    }
}

/// The message of a related place at `at` (`line:column`).
pub(super) fn related(kind: RelatedKind, at: &str) -> String {
    match kind {
        RelatedKind::FirstDeclared => format!("eerder gedeclareerd op {at}"),
    }
}
