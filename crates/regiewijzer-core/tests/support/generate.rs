//! Generated rulesets for the analysis benchmark and its property tests: valid `.regels` sources of a
//! chosen size, from a seed (the same seed gives the same source).

/// A small deterministic generator (xorshift64*), so that sizes and shapes are repeatable without a
/// dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is moved to a fixed odd number).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The shape of a generated ruleset.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct Shape {
    /// How many questions.
    pub facts: usize,
    /// How many rules.
    pub rules: usize,
    /// Atoms per rule condition: at least `min_atoms`, at most `atoms`.
    pub min_atoms: usize,
    /// Atoms per rule condition (at most).
    pub atoms: usize,
    /// How many distinct priorities the rules use.
    pub priorities: usize,
    /// Whether questions may have `ask when` (on an earlier yes/no question).
    pub ask_when: bool,
    /// Whether a low-priority rule that always fires decides the required outcome.
    pub catch_all: bool,
    /// Whether there is a required `collect` outcome `signalen` too (its gaps are many: off for the
    /// benchmark, which keeps its ruleset of before).
    pub sets: bool,
    /// Whether some rules set `route` and `acties` together, and `acties` may `follows route`.
    pub together: bool,
}

impl Shape {
    /// The shape the benchmarks use: `rules` rules over `facts` questions, 2 to 4 conditions per rule, six
    /// priorities, `ask when` on some questions, a catch-all rule, no required `collect` outcome.
    #[allow(dead_code)]
    pub fn benchmark(facts: usize, rules: usize) -> Shape {
        Shape {
            facts,
            rules,
            min_atoms: 2,
            atoms: 4,
            priorities: 6,
            ask_when: true,
            catch_all: true,
            sets: false,
            together: false,
        }
    }
}

/// A ruleset of the given shape: yes/no, choice (3 options) and whole-number (0..20) questions; a
/// required `priority` outcome `route` (5 values), a `unique` outcome `team` with a default, a
/// `collect` outcome `acties` with a default and a required `collect` outcome `signalen`; rules are conjunctions (sometimes disjunctions) of atoms.
pub fn ruleset(seed: u64, shape: &Shape) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::from(
        "ruleset gegenereerd\n  title nl \"Gegenereerd\" en \"Generated\"\n  version \"0.0.1\"\n  valid from 2026-01-01\n\n",
    );
    // Kinds: 0 bool, 1 choice, 2 int.
    let mut kinds = Vec::new();
    for f in 0..shape.facts.max(1) {
        let kind = match rng.below(10) {
            0..=5 => 0,
            6..=8 => 1,
            _ => 2,
        };
        kinds.push(kind);
        s.push_str(&format!("fact f{f}: "));
        s.push_str(match kind {
            0 => "bool",
            1 => "choice",
            _ => "int 0..20",
        });
        s.push_str(&format!("\n  label nl \"Vraag {f}\" en \"Question {f}\"\n"));
        if kind == 1 {
            for o in ["a", "b", "c"] {
                s.push_str(&format!("  option {o} nl \"{o}\" en \"{o}\"\n"));
            }
        }
        if shape.ask_when && f > 0 && rng.below(4) == 0 {
            let earlier: Vec<usize> = (0..f).filter(|&g| kinds.get(g) == Some(&0)).collect();
            if !earlier.is_empty() {
                let g = earlier[rng.below(earlier.len())];
                let yes = if rng.below(2) == 0 { "yes" } else { "no" };
                s.push_str(&format!("  ask when f{g} = {yes}\n"));
            }
        }
        s.push('\n');
    }
    s.push_str("outcome route: priority required\n  label nl \"Route\" en \"Route\"\n");
    for v in 0..5 {
        s.push_str(&format!("  value r{v} nl \"R{v}\" en \"R{v}\"\n"));
    }
    s.push_str("\noutcome team: unique default t0 because nl \"Geen team\" en \"No team\"\n  label nl \"Team\" en \"Team\"\n");
    for v in 0..3 {
        s.push_str(&format!("  value t{v} nl \"T{v}\" en \"T{v}\"\n"));
    }
    let follows = if shape.together && rng.below(2) == 0 {
        " follows route"
    } else {
        ""
    };
    s.push_str(&format!("\noutcome acties: collect{follows} default a0 because nl \"Niets\" en \"Nothing\"\n  label nl \"Acties\" en \"Actions\"\n"));
    for v in 0..6 {
        s.push_str(&format!("  value a{v} nl \"A{v}\" en \"A{v}\"\n"));
    }
    if shape.sets {
        s.push_str(
            "\noutcome signalen: collect required\n  label nl \"Signalen\" en \"Signals\"\n",
        );
        for v in 0..4 {
            s.push_str(&format!("  value s{v} nl \"S{v}\" en \"S{v}\"\n"));
        }
    }
    s.push('\n');
    let atom = |rng: &mut Rng| -> String {
        let f = rng.below(kinds.len());
        match kinds.get(f).copied().unwrap_or(0) {
            0 => format!("f{f} = {}", if rng.below(2) == 0 { "yes" } else { "no" }),
            1 => match rng.below(3) {
                0 => format!("f{f} = {}", ["a", "b", "c"][rng.below(3)]),
                1 => format!("f{f} != {}", ["a", "b", "c"][rng.below(3)]),
                _ => format!("f{f} in [a, {}]", ["b", "c"][rng.below(2)]),
            },
            _ => {
                let op = [">=", "<", "=", ">"][rng.below(4)];
                format!("f{f} {op} {}", rng.below(21))
            }
        }
    };
    for r in 0..shape.rules {
        let lo = shape.min_atoms.max(1);
        let n = lo + rng.below(shape.atoms.max(lo) + 1 - lo);
        let parts: Vec<String> = (0..n).map(|_| atom(&mut rng)).collect();
        let cond = if n > 1 && rng.below(5) == 0 {
            parts.join(" or ")
        } else {
            parts.join(" and ")
        };
        let then = match rng.below(if shape.sets { 7 } else { 6 }) {
            0..=2 => format!("route = r{}", rng.below(5)),
            3 => format!("team = t{}", 1 + rng.below(2)),
            4 | 5 => format!("acties = a{}", 1 + rng.below(5)),
            _ => format!("signalen = s{}", rng.below(4)),
        };
        let then = if shape.together && then.starts_with("route") && rng.below(2) == 0 {
            format!("{then}, acties = a{}", 1 + rng.below(5))
        } else {
            then
        };
        let priority = 1 + rng.below(shape.priorities.max(1));
        s.push_str(&format!(
            "rule r{r}\n  when {cond}\n  then {then}\n  priority {priority}\n  because nl \"Regel {r}\" en \"Rule {r}\"\n\n"
        ));
    }
    if shape.catch_all {
        s.push_str("rule rest\n  when f0 is answered or f0 is unknown\n  then route = r0\n  priority 0\n  because nl \"Anders\" en \"Otherwise\"\n");
    }
    s
}

/// A small change to a generated ruleset, as a rule author might make it: one rule removed, given
/// another value, given another priority, or one of its conditions turned around (yes/no, a bound
/// moved). `None` when the chosen rule has nothing of the kind.
#[allow(dead_code)]
pub fn mutate(source: &str, seed: u64) -> Option<String> {
    let mut rng = Rng::new(seed);
    let starts: Vec<usize> = source.match_indices("rule r").map(|(i, _)| i).collect();
    let at = *starts.get(rng.below(starts.len()))?;
    let end = source
        .get(at..)?
        .find("\n\n")
        .map_or(source.len(), |e| at + e + 2);
    let block = source.get(at..end)?;
    let changed = match rng.below(4) {
        0 => String::new(),
        1 => {
            let line = block
                .lines()
                .find(|l| l.trim_start().starts_with("then "))?;
            let last = line.chars().last()?.to_digit(10)?;
            let n: u32 = [("route", 5), ("team", 3), ("acties", 6), ("signalen", 4)]
                .iter()
                .find(|(o, _)| line.contains(o))
                .map_or(2, |(_, n)| *n);
            let other = (last + 1 + rng.below(n as usize - 1) as u32) % n;
            let new_line = format!("{}{other}", line.get(..line.len() - 1)?);
            block.replacen(line, &new_line, 1)
        }
        2 => {
            let line = block
                .lines()
                .find(|l| l.trim_start().starts_with("priority "))?;
            let p: i64 = line.trim_start().strip_prefix("priority ")?.parse().ok()?;
            block.replacen(line, &format!("  priority {}", p + 1), 1)
        }
        _ => {
            let line = block
                .lines()
                .find(|l| l.trim_start().starts_with("when "))?;
            let new_line = if line.contains("= yes") {
                line.replacen("= yes", "= no", 1)
            } else if line.contains("= no") {
                line.replacen("= no", "= yes", 1)
            } else {
                // A bound moved: every number in the condition one up.
                let words: Vec<String> = line
                    .split(' ')
                    .map(|w| match w.parse::<u32>() {
                        Ok(n) if n < 20 => (n + 1).to_string(),
                        _ => w.to_string(),
                    })
                    .collect();
                words.join(" ")
            };
            block.replacen(line, &new_line, 1)
        }
    };
    if changed == block {
        return None;
    }
    Some(format!(
        "{}{changed}{}",
        source.get(..at)?,
        source.get(end..)?
    ))
}
