use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::limits::When;

pub const RULE: Rule = Rule {
    code: "ORG004",
    name: "ou-too-deep",
    area: Area::Org,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An OU is nested deeper than AWS allows",
    docs: Docs {
        what: "Compares each OU's depth under the root with `settings.limits.ou_max_depth` (AWS's quota: 5 levels).",
        why: "CreateOrganizationalUnit fails past the limit, so the apply stops with the tree half built.",
        example: "```toml\n[[ou]]\npath = \"A/B/C/D/E/F\"\n```",
        fix: "Flatten the tree: use tags or names instead of a sixth level.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for ou in &org.snapshot.organizational_units {
        let Some(path) = org.index.path_of(&ou.id) else {
            continue;
        };
        let depth = path.split('/').count();
        if let Some(breach) = ctx.limits.check_depth(&path, depth, When::Now) {
            out.report(org.target_subject(&ou.id), breach.message, breach.help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_past_the_depth_limit() {
        let mut toml = layout_toml("");
        let mut path = String::from("Workloads");
        for level in ["B", "C", "D", "E"] {
            path = format!("{path}/{level}");
            toml.push_str(&format!("[[ou]]\npath = \"{path}\"\n"));
        }
        assert!(run_desired(&RULE, &toml, &[]).is_empty());
        toml.push_str(&format!("[[ou]]\npath = \"{path}/F\"\n"));
        let found = run_desired(&RULE, &toml, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "OU `Workloads/B/C/D/E/F` is 6 levels deep; the limit is 5"
        );
    }
}
