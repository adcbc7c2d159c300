//! The rule kinds, and the registry that lists them once.
//!
//! Each kind is a module here (its raw TOML table `Raw`, implementing
//! [`RawRule`](super::compile::RawRule), and its compiled [`Check`](super::Check)) with its
//! documentation beside it (`<kind>.md`: the module's doc comment and `copydesk explain
//! <kind>`). The [`registry!`] table below is the only list of kinds: from it come the
//! [`RuleKind`] enum, [`RuleKind::ALL`], the kind names and documentation, the fields of a rule
//! file ([`RawFile`], hence its JSON Schema), the compilation of every rule of a file and the
//! ids the loader checks for duplicates. Adding a kind is its `.rs`, its `.md` and one line.

use super::compile::{compile_kind, HasCommon, RawHeader};
use crate::error::LocatedError;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// One line per kind: the enum variant, the module (also the kind's name: the rule file's
/// `[[name]]` array and `copydesk explain name`), and what its rules do (the rule file's field
/// documentation, shown by editors through the JSON Schema).
macro_rules! registry {
    ($($variant:ident, $module:ident, $what:literal;)*) => {
        $(pub mod $module;)*

        /// The kinds of rule a rule file can hold, one array of tables each.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum RuleKind {
            $($variant,)*
        }

        impl RuleKind {
            /// Every kind, in registry order.
            pub const ALL: &'static [RuleKind] = &[$(RuleKind::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleKind::$variant => stringify!($module),)*
                }
            }

            /// The kind's documentation: what it checks, why, its options and an example. The
            /// same text is the module's doc comment, so code and documentation cannot drift
            /// apart.
            pub const fn documentation(self) -> &'static str {
                match self {
                    $(RuleKind::$variant => include_str!(concat!(stringify!($module), ".md")),)*
                }
            }
        }

        /// A copydesk rule set: a `[ruleset]` table, optional `[define]` fragments, and one array of
        /// tables per rule kind.
        #[derive(schemars::JsonSchema, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[schemars(title = "copydesk rule set")]
        pub(crate) struct RawFile {
            pub ruleset: RawHeader,
            /// Named regex fragments, usable as `{name}` in any pattern of this file.
            #[serde(default)]
            #[schemars(with = "BTreeMap<String, String>")]
            pub define: BTreeMap<String, Spanned<String>>,
            $(
                #[doc = $what]
                #[serde(default)]
                pub $module: Vec<$module::Raw>,
            )*
        }

        impl RawFile {
            /// How many rules the file holds, of every kind.
            pub fn rule_count(&self) -> usize {
                0 $(+ self.$module.len())*
            }

            /// Compiles every rule of the file, kind by kind (each kind's rules in parallel).
            pub fn compile_rules(
                &self,
                cx: &super::compile::Context,
                set: &str,
                rules: &mut Vec<super::Rule>,
                errors: &mut Vec<LocatedError>,
            ) {
                $(compile_kind(cx, set, &self.$module, rules, errors);)*
            }

            /// The id of every rule, kind by kind, for the duplicate check.
            pub fn ids(&self) -> impl Iterator<Item = &Spanned<String>> {
                std::iter::empty()
                    $(.chain(self.$module.iter().map(|raw| raw.common().id)))*
            }
        }
    };
}

registry! {
    Pattern, pattern, "Rules that flag words or regex matches (`copydesk explain pattern`).";
    Substitution, substitution, "Rules that replace one wording with another, with a fix (`copydesk explain substitution`).";
    Require, require, "Rules that require something near a trigger (`copydesk explain require`).";
    Event, event, "Rules that flag one-off events with no date near them, read from each sentence's grammar (`copydesk explain event`).";
    Limit, limit, "Rules that bound lengths and counts (`copydesk explain limit`).";
    Repetition, repetition, "Rules that flag repeated words (`copydesk explain repetition`).";
    Consistency, consistency, "Rules that keep one form of a word throughout (`copydesk explain consistency`).";
    Quote, quote, "Rules about quotations and their sources (`copydesk explain quote`).";
    Attribution, attribution, "Rules that flag attributions by the kind of speaker they credit (`copydesk explain attribution`).";
    Calendar, calendar, "Rules that check dates against the calendar (`copydesk explain calendar`).";
    Time, time, "Rules that flag time expressions of chosen classes, such as relative dates (`copydesk explain time`).";
    Suppression, suppression, "Rules that give copydesk's warnings about the suppressions written in articles (`copydesk explain suppression`).";
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::RuleKind;
    use crate::rules::examples::run_all;
    use crate::rules::load::compile_str;

    /// The TOML example of every kind page loads, and its rules' examples pass: what the page
    /// shows is what `copydesk test` would run.
    #[test]
    fn every_kind_page_example_loads_and_passes() {
        for kind in RuleKind::ALL {
            let page = kind.documentation();
            let Some(start) = page.find("```toml\n") else {
                continue;
            };
            let body = &page[start + 8..];
            let end = body.find("```").unwrap_or(body.len());
            let text = format!("[ruleset]\nname = \"page\"\n{}", &body[..end]);
            let set = compile_str(&text).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
            let failures: Vec<String> = run_all(&set.rules)
                .into_iter()
                .filter_map(|r| r.failure.map(|f| format!("{}: {f}", r.example.text)))
                .collect();
            assert!(failures.is_empty(), "{kind}: {failures:#?}");
        }
    }
}
