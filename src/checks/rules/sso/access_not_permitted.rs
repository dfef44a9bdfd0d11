use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: crate::access::check::CODE,
    name: "assignment-not-permitted",
    area: Area::Sso,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "An assignment that policies/access.cedar does not permit",
    docs: Docs {
        what: "Evaluates every live Identity Center assignment against the Cedar policies in policies/access.cedar (default deny) and reports the ones no policy permits or a policy forbids, naming the policies that decided. `orgguard access check` shows the same decisions in detail.",
        why: "Who may hold which access is decided once — SREs administer SDLC, production administration only through break-glass, auditors read-only — but assignments are made one at a time in the console. Without a check, the exceptions pile up unseen until an audit or an incident finds them.",
        example: "`AdministratorAccess` on production account 444444444444 assigned directly to user dave, while policy `prod-admin-break-glass-only` permits it only through the break-glass group.",
        fix: "Remove the assignment, or change policies/access.cedar if the access is intended (the change is then reviewed like any other). `orgguard access explain` shows which policy decides a question.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let (Some(live), Some(policies)) = (ctx.live, ctx.access) else {
        return;
    };
    if ctx.directory().is_none() {
        return;
    }
    match crate::access::check::check_assignments(live, policies, false) {
        Ok(findings) => {
            for f in findings {
                out.report(f.subject, f.message, f.help);
            }
        }
        Err(e) => out.report(
            Subject {
                file: Some(policies.file.clone()),
                ..Subject::default()
            },
            format!("the access policies could not be evaluated: {e}"),
            "run `orgguard validate` and `orgguard access check` to see the problem",
        ),
    }
}
