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
}

impl Builtin {
    pub fn source(&self) -> RuleSource {
        RuleSource::Builtin {
            name: self.name,
            text: self.text,
        }
    }
}

pub const BUILTINS: &[Builtin] = &[Builtin {
    name: "house",
    text: include_str!("../../rules/house.toml"),
    default: true,
}];

pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The sets that run when nothing else is configured.
pub fn defaults() -> impl Iterator<Item = &'static Builtin> {
    BUILTINS.iter().filter(|b| b.default)
}
