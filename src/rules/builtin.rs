//! The rule sets shipped inside the binary. Each is a real TOML file under `rules/`, so a
//! newsroom can read it, copy it and tune it.

use super::RuleSource;

/// One built-in rule set.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub text: &'static str,
    /// Whether it runs when no configuration names the rule sets.
    pub default: bool,
    /// Whether it runs whatever the configuration names (its rules are still turned off like
    /// any rule's, in `[rules]` or with `--ignore`).
    pub always: bool,
}

impl Builtin {
    pub fn source(&self) -> RuleSource {
        RuleSource::Builtin {
            name: self.name,
            text: self.text,
        }
    }
}

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "attribution",
        text: include_str!("../../rules/attribution.toml"),
        default: true,
        always: false,
    },
    Builtin {
        name: "dates",
        text: include_str!("../../rules/dates.toml"),
        default: true,
        always: false,
    },
    Builtin {
        name: "legal",
        text: include_str!("../../rules/legal.toml"),
        default: true,
        always: false,
    },
    Builtin {
        name: "hygiene",
        text: include_str!("../../rules/hygiene.toml"),
        default: true,
        always: false,
    },
    Builtin {
        name: "ap",
        text: include_str!("../../rules/ap.toml"),
        default: false,
        always: false,
    },
    Builtin {
        name: "house",
        text: include_str!("../../rules/house.toml"),
        default: false,
        always: false,
    },
    Builtin {
        name: "evergreen",
        text: include_str!("../../rules/evergreen.toml"),
        default: false,
        always: false,
    },
    Builtin {
        name: "suppression",
        text: include_str!("../../rules/suppression.toml"),
        default: true,
        always: true,
    },
];

pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The sets that run when nothing else is configured.
pub fn defaults() -> impl Iterator<Item = &'static Builtin> {
    BUILTINS.iter().filter(|b| b.default)
}

/// The sets that run whatever the configuration names: the warnings about an article's
/// suppressions would otherwise vanish for a configuration that lists its own sets.
pub fn always() -> impl Iterator<Item = &'static Builtin> {
    BUILTINS.iter().filter(|b| b.always)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::examples::run_all;
    use crate::rules::load_ruleset;

    #[test]
    fn every_builtin_set_loads_and_is_named_after_its_file() {
        for b in BUILTINS {
            let set = load_ruleset(&b.source()).unwrap_or_else(|e| panic!("{}: {e:?}", b.name));
            assert_eq!(set.name, b.name);
            assert!(!set.rules.is_empty());
        }
    }

    #[test]
    fn every_example_of_every_builtin_rule_passes() {
        for b in BUILTINS {
            let set = load_ruleset(&b.source()).unwrap();
            let failures: Vec<String> = run_all(&set.rules)
                .into_iter()
                .filter_map(|r| {
                    r.failure
                        .map(|f| format!("{}: {:?}: {f}", r.rule.id, r.example.text))
                })
                .collect();
            assert!(failures.is_empty(), "{failures:#?}");
        }
    }
}
