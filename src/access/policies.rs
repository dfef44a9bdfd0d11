//! policies/access.cedar: parsed, with every policy named by its `@id`
//! annotation and located in the file, so decisions can name the policies
//! that made them.

use std::collections::BTreeMap;
use std::ops::Range;
use std::str::FromStr;

use cedar_policy::{Effect, Policy, PolicyId, PolicySet};
use miette::Diagnostic;

use super::declared::Actions;
use crate::diagnostics::line_column;

/// Where the access policies live in a repository.
pub const ACCESS_FILE: &str = "policies/access.cedar";

/// One policy's name and place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyInfo {
    /// The `@id` annotation, or `policyN` (N counting from 0 in file order).
    pub id: String,
    pub effect: Effect,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// The parsed policies of one file.
#[derive(Debug, Clone)]
pub struct AccessPolicies {
    /// The file, relative to the repository.
    pub file: String,
    pub set: PolicySet,
    pub info: BTreeMap<String, PolicyInfo>,
    /// The actions declared in ou-layout.toml (`[access]`).
    pub declared: Actions,
}

/// Something wrong in the text of access.cedar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProblem {
    pub message: String,
    pub help: String,
    pub span: Range<usize>,
}

impl AccessPolicies {
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<SourceProblem>> {
        crate::nesting::check(text, crate::nesting::Syntax::Cedar).map_err(|deep| {
            vec![SourceProblem {
                message: deep.message(),
                help: deep.help().to_string(),
                span: deep.span,
            }]
        })?;
        let parsed = PolicySet::from_str(text).map_err(|errors| {
            errors
                .iter()
                .map(|e| {
                    source_problem(
                        e,
                        "fix the Cedar syntax; docs/access.md shows the policy shape",
                    )
                })
                .collect::<Vec<_>>()
        })?;
        let mut problems = Vec::new();
        let mut policies = Vec::new();
        let mut info = BTreeMap::new();
        let mut cursor = 0;
        for index in 0..parsed.num_of_policies() {
            let Some(policy) = parsed.policy(&PolicyId::new(format!("policy{index}"))) else {
                continue;
            };
            // Cedar keeps each policy's own text; finding it in order in the
            // file gives the policy's position.
            let span = policy
                .to_cedar()
                .and_then(|own| {
                    text[cursor..]
                        .find(&own)
                        .map(|at| cursor + at..cursor + at + own.len())
                })
                .unwrap_or(cursor..cursor);
            cursor = span.end;
            let id = policy
                .annotation("id")
                .map(str::to_string)
                .unwrap_or_else(|| format!("policy{index}"));
            if let Some(first) = info.get(&id) {
                let first: &PolicyInfo = first;
                problems.push(SourceProblem {
                    message: format!("two policies have the id `{id}`"),
                    help: format!(
                        "give each policy its own @id(\"...\"); the first is on line {}",
                        first.line
                    ),
                    span: span.clone(),
                });
                continue;
            }
            let (line, column) = line_column(text, span.start);
            info.insert(
                id.clone(),
                PolicyInfo {
                    id: id.clone(),
                    effect: policy.effect(),
                    span,
                    line,
                    column,
                },
            );
            policies.push(policy.new_id(PolicyId::new(id)));
        }
        if parsed.num_of_templates() > 0 {
            problems.push(SourceProblem {
                message: "access.cedar holds a template (a policy with ?principal or ?resource)"
                    .to_string(),
                help: "write static policies naming the principal and resource; orgguard does not link templates".to_string(),
                span: 0..0,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let set = PolicySet::from_policies(policies).map_err(|e| {
            vec![SourceProblem {
                message: format!("cannot assemble the policy set: {e}"),
                help: "give each policy its own @id(\"...\")".to_string(),
                span: 0..0,
            }]
        })?;
        Ok(AccessPolicies {
            file: file.to_string(),
            set,
            info,
            declared: Actions::default(),
        })
    }

    /// The same policies with the actions declared in ou-layout.toml.
    pub fn with_declared(mut self, declared: Actions) -> Self {
        self.declared = declared;
        self
    }

    /// A policy's id and line, for messages: `no-direct-admin (line 12)`.
    pub fn describe(&self, id: &str) -> String {
        match self.info.get(id) {
            Some(info) => format!("`{id}` ({}:{})", self.file, info.line),
            None => format!("`{id}`"),
        }
    }

    pub fn policies(&self) -> impl Iterator<Item = &Policy> {
        self.set.policies()
    }
}

/// A Cedar diagnostic as a message, a help line and the span of its first
/// label (offsets into the file Cedar parsed).
pub fn source_problem(diagnostic: &dyn Diagnostic, default_help: &str) -> SourceProblem {
    let span = diagnostic
        .labels()
        .and_then(|mut labels| labels.next())
        .map(|l| l.offset()..l.offset() + l.len())
        .unwrap_or(0..0);
    let help = diagnostic
        .help()
        .map(|h| h.to_string())
        .unwrap_or_else(|| default_help.to_string());
    SourceProblem {
        message: lowercase_first(&diagnostic.to_string()),
        help,
        span,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// first
@id("auditors-read")
permit(principal, action, resource);

forbid(principal, action, resource) when { resource.status != "ACTIVE" };
"#;

    #[test]
    fn policies_are_named_and_located() {
        let policies = AccessPolicies::parse("policies/access.cedar", TEXT).expect("parses");
        let first = &policies.info["auditors-read"];
        assert_eq!((first.line, first.column), (2, 1));
        assert_eq!(first.effect, Effect::Permit);
        let second = &policies.info["policy1"];
        assert_eq!(second.line, 5);
        assert_eq!(second.effect, Effect::Forbid);
        assert!(
            policies
                .set
                .policy(&PolicyId::new("auditors-read"))
                .is_some()
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let errors =
            AccessPolicies::parse("a.cedar", "permit(principal, action, resource)\nforbid(")
                .expect_err("does not parse");
        assert!(!errors.is_empty());
        assert!(errors[0].span.start > 0, "{errors:?}");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = "@id(\"a\")\npermit(principal, action, resource);\n@id(\"a\")\nforbid(principal, action, resource);\n";
        let errors = AccessPolicies::parse("a.cedar", text).expect_err("duplicate");
        assert!(errors[0].message.contains("`a`"));
        assert!(errors[0].help.contains("line 1"));
    }
}
