//! The IAM policy grammar as Service Control Policies use it: checked on the
//! spanned tree so each problem points at the text that causes it.

use std::collections::HashMap;
use std::ops::Range;

use super::condition::parse_operator;
use super::json_tree::{Kind, Node};
use super::kinds::PolicyKind;
use super::rcp_services::RcpServices;
use crate::diagnostics::Severity;

/// One grammar problem in a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrammarIssue {
    pub severity: Severity,
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

pub const VERSION: &str = "2012-10-17";
const TOP_KEYS: [&str; 3] = ["Version", "Statement", "Id"];
const STATEMENT_KEYS: [&str; 9] = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "Principal",
    "NotPrincipal",
];

struct Checker<'s> {
    kind: PolicyKind,
    rcp_services: &'s RcpServices,
    issues: Vec<GrammarIssue>,
}

impl Checker<'_> {
    fn warning(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.issues.push(GrammarIssue {
            severity: Severity::WARNING,
            span,
            message: message.into(),
            help: help.into(),
        });
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.issues.push(GrammarIssue {
            severity: Severity::ERROR,
            span,
            message: message.into(),
            help: help.into(),
        });
    }
}

/// Checks a Service Control Policy document.
pub fn check_scp(doc: &Node) -> Vec<GrammarIssue> {
    check(doc, PolicyKind::Scp, &RcpServices::default())
}

/// Checks a Resource Control Policy document: the IAM grammar plus what
/// RCPs allow (Deny only, `Principal` "*", no NotPrincipal or NotAction,
/// actions of `services`, no bare "*").
pub fn check_rcp(doc: &Node, services: &RcpServices) -> Vec<GrammarIssue> {
    check(doc, PolicyKind::Rcp, services)
}

/// Checks a policy document of `kind`; an RCP's actions must name one of
/// `rcp_services`.
pub fn check(doc: &Node, kind: PolicyKind, rcp_services: &RcpServices) -> Vec<GrammarIssue> {
    let mut c = Checker {
        kind,
        rcp_services,
        issues: Vec::new(),
    };
    let Some(members) = doc.members() else {
        c.error(
            doc.span.clone(),
            format!(
                "a policy document must be a JSON object, found {}",
                doc.type_name()
            ),
            r#"write the policy as {"Version": "2012-10-17", "Statement": [...]}"#,
        );
        return c.issues;
    };
    check_duplicate_keys(&mut c, doc);
    for m in members {
        if !TOP_KEYS.contains(&m.key.as_str()) {
            c.error(
                m.key_span.clone(),
                format!("unknown policy element `{}`", m.key),
                hint(
                    &m.key,
                    &TOP_KEYS,
                    "a policy has only Version, Statement and Id",
                ),
            );
        }
    }
    match doc.get("Version") {
        None => c.error(
            doc.span.start..doc.span.start + 1,
            "the policy has no `Version`",
            format!("add \"Version\": \"{VERSION}\"; without it IAM falls back to a version without policy variables"),
        ),
        Some(v) => match v.value.as_str() {
            Some(VERSION) => {}
            Some(other) => c.error(
                v.value.span.clone(),
                format!("unsupported policy version `{other}`"),
                format!("use \"{VERSION}\", the only version SCPs accept"),
            ),
            None => c.error(
                v.value.span.clone(),
                format!("`Version` must be a string, found {}", v.value.type_name()),
                format!("use \"{VERSION}\""),
            ),
        },
    }
    let Some(statement) = doc.get("Statement") else {
        c.error(
            doc.span.start..doc.span.start + 1,
            "the policy has no `Statement`",
            "add a \"Statement\" list with at least one statement",
        );
        return c.issues;
    };
    let statements: Vec<&Node> = match &statement.value.kind {
        Kind::Array(items) => {
            if items.is_empty() {
                c.error(
                    statement.value.span.clone(),
                    "the `Statement` list is empty",
                    "add at least one statement; AWS rejects a policy without one",
                );
            }
            items.iter().collect()
        }
        Kind::Object(_) => vec![&statement.value],
        _ => {
            c.error(
                statement.value.span.clone(),
                format!(
                    "`Statement` must be a list of statements or one statement object, found {}",
                    statement.value.type_name()
                ),
                "write \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]",
            );
            vec![]
        }
    };
    let mut sids: HashMap<String, Range<usize>> = HashMap::new();
    for s in statements {
        check_statement(&mut c, s, &mut sids);
    }
    c.issues
}

fn check_statement(c: &mut Checker, s: &Node, sids: &mut HashMap<String, Range<usize>>) {
    let Some(members) = s.members() else {
        c.error(
            s.span.clone(),
            format!("a statement must be an object, found {}", s.type_name()),
            "write each statement as {\"Effect\": ..., \"Action\": ..., \"Resource\": ...}",
        );
        return;
    };
    check_duplicate_keys(c, s);
    if c.kind == PolicyKind::Rcp {
        check_rcp_statement(c, s);
    }
    for m in members {
        match m.key.as_str() {
            "Principal" | "NotPrincipal" if c.kind == PolicyKind::Rcp => {}
            "Principal" | "NotPrincipal" => c.error(
                m.key_span.clone(),
                format!("SCPs do not support `{}`", m.key),
                "an SCP applies to every principal in the accounts it is attached to; use a Condition on aws:PrincipalArn to single some out",
            ),
            key if !STATEMENT_KEYS.contains(&key) => c.error(
                m.key_span.clone(),
                format!("unknown statement element `{key}`"),
                hint(key, &STATEMENT_KEYS[..7], "a statement has Sid, Effect, Action or NotAction, Resource or NotResource, and Condition"),
            ),
            _ => {}
        }
    }
    if let Some(sid) = s.get("Sid") {
        match sid.value.as_str() {
            Some(text) => {
                if !text.chars().all(|ch| ch.is_ascii_alphanumeric()) {
                    c.error(
                        sid.value.span.clone(),
                        format!("Sid `{text}` may only contain letters and digits"),
                        "remove spaces, dashes and other punctuation from the Sid",
                    );
                }
                if let Some(first) = sids.get(text) {
                    let _ = first;
                    c.error(
                        sid.value.span.clone(),
                        format!("duplicate Sid `{text}`"),
                        "give every statement in a policy its own Sid",
                    );
                } else {
                    sids.insert(text.to_string(), sid.value.span.clone());
                }
            }
            None => c.error(
                sid.value.span.clone(),
                format!("`Sid` must be a string, found {}", sid.value.type_name()),
                "use a short name of letters and digits",
            ),
        }
    }
    match s.get("Effect") {
        None => c.error(
            s.span.start..s.span.start + 1,
            "the statement has no `Effect`",
            "add \"Effect\": \"Deny\" or \"Effect\": \"Allow\"",
        ),
        Some(e) => match e.value.as_str() {
            Some("Allow" | "Deny") => {}
            Some(other) => c.error(
                e.value.span.clone(),
                format!("`Effect` must be \"Allow\" or \"Deny\", found \"{other}\""),
                "the value is case-sensitive",
            ),
            None => c.error(
                e.value.span.clone(),
                format!("`Effect` must be a string, found {}", e.value.type_name()),
                "use \"Allow\" or \"Deny\"",
            ),
        },
    }
    exactly_one(c, s, "Action", "NotAction", check_action);
    exactly_one(c, s, "Resource", "NotResource", check_resource);
    if let Some(cond) = s.get("Condition") {
        check_condition(c, &cond.value);
    }
}

/// What an RCP statement must be beyond the IAM grammar.
fn check_rcp_statement(c: &mut Checker, s: &Node) {
    if let Some(e) = s.get("Effect")
        && e.value.as_str() == Some("Allow")
    {
        c.error(
            e.value.span.clone(),
            "RCPs support only \"Effect\": \"Deny\"",
            "an RCP restricts access and grants none; RCPFullAWSAccess is the only Allow, and AWS attaches it",
        );
    }
    match s.get("Principal") {
        None => c.error(
            s.span.start..s.span.start + 1,
            "the RCP statement has no `Principal`",
            "add \"Principal\": \"*\" and narrow who is denied with a Condition",
        ),
        Some(p) if p.value.as_str() != Some("*") => c.error(
            p.value.span.clone(),
            "an RCP's `Principal` must be \"*\"",
            "write \"Principal\": \"*\" and narrow who is denied with a Condition on aws:PrincipalArn, aws:PrincipalOrgID or aws:PrincipalAccount",
        ),
        Some(_) => {}
    }
    for key in ["NotPrincipal", "NotAction"] {
        if let Some(m) = s.get(key) {
            c.error(
                m.key_span.clone(),
                format!("RCPs do not support `{key}`"),
                if key == "NotAction" {
                    "list the actions to deny in `Action`"
                } else {
                    "write \"Principal\": \"*\" and exclude principals with a Condition"
                },
            );
        }
    }
    if let Some(action) = s.get("Action") {
        let items: Vec<&Node> = match &action.value.kind {
            Kind::Array(items) => items.iter().collect(),
            _ => vec![&action.value],
        };
        for item in items {
            let Some(text) = item.as_str() else { continue };
            if text == "*" {
                c.error(
                    item.span.clone(),
                    "an RCP action may not be a bare \"*\"",
                    "name the service, such as \"s3:*\"; RCPs apply only to the services that support them",
                );
            } else if let Some((service, _)) = text.split_once(':')
                && !c.rcp_services.supports(service)
            {
                c.error(
                    item.span.clone(),
                    format!("RCPs do not apply to the `{service}` service"),
                    format!(
                        "RCPs support {}; if AWS has added `{service}` since this orgguard release, add it to `rcp_services` under [settings]",
                        c.rcp_services.names().join(", ")
                    ),
                );
            }
        }
    }
}

fn exactly_one(
    c: &mut Checker,
    s: &Node,
    a: &str,
    b: &str,
    check_item: fn(&mut Checker, &Node, &str),
) {
    match (s.get(a), s.get(b)) {
        (Some(_), Some(second)) => c.error(
            second.key_span.clone(),
            format!("a statement may have `{a}` or `{b}`, not both"),
            format!("keep one of `{a}` and `{b}`"),
        ),
        (None, None) => c.error(
            s.span.start..s.span.start + 1,
            format!("the statement has neither `{a}` nor `{b}`"),
            format!("add \"{a}\" (use \"*\" for all)"),
        ),
        (Some(m), None) | (None, Some(m)) => check_string_list(c, &m.value, &m.key, check_item),
    }
}

fn check_string_list(
    c: &mut Checker,
    value: &Node,
    element: &str,
    check_item: fn(&mut Checker, &Node, &str),
) {
    match &value.kind {
        Kind::String(text) => check_item(c, value, text),
        Kind::Array(items) => {
            if items.is_empty() {
                c.error(
                    value.span.clone(),
                    format!("`{element}` is an empty list"),
                    "an empty list matches nothing; list at least one value",
                );
            }
            for item in items {
                match item.as_str() {
                    Some(text) => check_item(c, item, text),
                    None => c.error(
                        item.span.clone(),
                        format!(
                            "`{element}` values must be strings, found {}",
                            item.type_name()
                        ),
                        "quote the value",
                    ),
                }
            }
        }
        _ => c.error(
            value.span.clone(),
            format!(
                "`{element}` must be a string or a list of strings, found {}",
                value.type_name()
            ),
            "write a string such as \"*\" or a list of strings",
        ),
    }
}

fn check_action(c: &mut Checker, node: &Node, action: &str) {
    if action == "*" {
        return;
    }
    // AWS matches service prefixes and action names case-insensitively.
    let valid = action.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty()
            && service
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            && !name.is_empty()
            && name.chars().all(|ch| {
                ch.is_ascii_alphanumeric() || ch == '*' || ch == '?' || ch == '-' || ch == '_'
            })
    });
    if !valid {
        c.error(
            node.span.clone(),
            format!("`{action}` is not an action"),
            "write actions as service:Action, such as \"s3:GetObject\" or \"ec2:*\"",
        );
    } else if let Some((service, _)) = action.split_once(':')
        && service.chars().any(|ch| ch.is_ascii_uppercase())
    {
        c.warning(
            node.span.clone(),
            format!("`{action}` has an upper-case service prefix"),
            format!(
                "AWS matches it case-insensitively, but \"{}\" is how AWS and reviewers write it",
                action.replacen(service, &service.to_ascii_lowercase(), 1)
            ),
        );
    }
}

/// The parts of an ARN: `arn:partition:service:region:account:resource`,
/// the resource part holding any further colons.
const ARN_PARTS: usize = 6;

fn arn_has_all_parts(arn: &str) -> bool {
    arn.splitn(ARN_PARTS, ':').count() == ARN_PARTS
}

/// A policy variable before the resource part of an ARN: AWS substitutes
/// variables only after the fifth colon, so such an ARN matches nothing.
fn variable_before_resource_part(arn: &str) -> bool {
    let head_len = arn
        .match_indices(':')
        .nth(ARN_PARTS - 2)
        .map(|(i, _)| i)
        .unwrap_or(arn.len());
    arn[..head_len].contains("${")
}

fn check_resource(c: &mut Checker, node: &Node, resource: &str) {
    if resource == "*" {
        return;
    }
    if !resource.starts_with("arn:") {
        c.error(
            node.span.clone(),
            format!("`{resource}` is not a resource ARN"),
            "use \"*\" or an ARN such as \"arn:aws:s3:::bucket/*\"",
        );
    } else if !arn_has_all_parts(resource) {
        c.error(
            node.span.clone(),
            format!("`{resource}` has fewer than six colon-separated parts, so it is not an ARN"),
            "write arn:partition:service:region:account:resource, leaving parts empty or \"*\", such as \"arn:aws:iam::*:user/x\"",
        );
    } else if variable_before_resource_part(resource) {
        c.error(
            node.span.clone(),
            format!("`{resource}` has a policy variable before its resource part, where AWS does not substitute it: it matches nothing"),
            "AWS replaces ${...} only after the fifth colon; use \"*\" for that part and a condition (such as aws:ResourceAccount) to narrow it",
        );
    }
}

/// ARN condition operators compare whole ARNs, so each value must be one.
fn check_arn_condition_value(c: &mut Checker, operator: &str, value: &Node) {
    let values: Vec<&Node> = match &value.kind {
        Kind::Array(items) => items.iter().collect(),
        _ => vec![value],
    };
    for v in values {
        let Kind::String(text) = &v.kind else {
            continue;
        };
        // A value that is one policy variable is an ARN at request time.
        let whole_variable =
            text.starts_with("${") && text.ends_with('}') && text.matches("${").count() == 1;
        if !whole_variable && !arn_has_all_parts(text) {
            c.error(
                v.span.clone(),
                format!("`{text}` is not an ARN, so the `{operator}` operator never matches it"),
                "write a whole ARN (arn:partition:service:region:account:resource, wildcards allowed with ArnLike), or use a String operator",
            );
        }
    }
}

fn check_condition(c: &mut Checker, cond: &Node) {
    let Some(operators) = cond.members() else {
        c.error(
            cond.span.clone(),
            format!("`Condition` must be an object, found {}", cond.type_name()),
            "write {\"Operator\": {\"condition-key\": \"value\"}}",
        );
        return;
    };
    check_duplicate_keys(c, cond);
    for op in operators {
        if let Err(help) = parse_operator(&op.key) {
            c.error(
                op.key_span.clone(),
                format!("unknown condition operator `{}`", op.key),
                help,
            );
        }
        let Some(keys) = op.value.members() else {
            c.error(
                op.value.span.clone(),
                format!(
                    "the `{}` operator must map condition keys to values, found {}",
                    op.key,
                    op.value.type_name()
                ),
                "write {\"aws:RequestedRegion\": [\"eu-west-1\"]}",
            );
            continue;
        };
        check_duplicate_keys(c, &op.value);
        for key in keys {
            if !key.key.contains(':') {
                c.error(
                    key.key_span.clone(),
                    format!("`{}` is not a condition key", key.key),
                    "condition keys have a prefix, such as aws:PrincipalArn or s3:prefix",
                );
            }
            if let Ok((_, base, _)) = parse_operator(&op.key)
                && base.starts_with("Arn")
            {
                check_arn_condition_value(c, &op.key, &key.value);
            }
            let scalar_ok =
                |n: &Node| matches!(n.kind, Kind::String(_) | Kind::Bool(_) | Kind::Number(_));
            let ok = match &key.value.kind {
                Kind::Array(items) => !items.is_empty() && items.iter().all(scalar_ok),
                _ => scalar_ok(&key.value),
            };
            if !ok {
                c.error(
                    key.value.span.clone(),
                    format!("the value of `{}` must be a string, number, boolean or a non-empty list of them", key.key),
                    "write \"value\" or [\"value1\", \"value2\"]",
                );
            }
        }
    }
}

fn check_duplicate_keys(c: &mut Checker, node: &Node) {
    let Some(members) = node.members() else {
        return;
    };
    for (i, m) in members.iter().enumerate() {
        if members[..i].iter().any(|earlier| earlier.key == m.key) {
            c.error(
                m.key_span.clone(),
                format!("duplicate key `{}`", m.key),
                "JSON keys must be unique; AWS would keep only one of them",
            );
        }
    }
}

/// "did you mean" for a misspelled name, or the fallback advice.
pub fn hint(word: &str, candidates: &[&str], fallback: &str) -> String {
    match crate::suggest::closest(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => fallback.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::json_tree::parse;

    fn issues(text: &str) -> Vec<String> {
        check_scp(&parse(text).unwrap())
            .into_iter()
            .map(|i| format!("{} @{}", i.message, &text[i.span.clone()]))
            .collect()
    }

    #[test]
    fn a_valid_scp_has_no_issues() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A1", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
           "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}, "ForAnyValue:StringLikeIfExists": {"aws:CalledVia": "x"}}}]}"#;
        assert_eq!(issues(text), Vec::<String>::new());
    }

    #[test]
    fn reports_each_grammar_mistake_at_its_text() {
        let text = r#"{"Version": "2012-10-17", "Statement": [
            {"Sid": "A", "Effect": "deny", "Action": "s3:*", "NotAction": "x:y", "Resource": "*"},
            {"Sid": "A", "Effect": "Allow", "Action": "s3", "Resource": "bucket", "Principal": "*"},
            {"Effect": "Allow", "Resource": "*", "Condition": {"StringEqual": {"aws:x": "y"}}}]}"#;
        let found = issues(text);
        let expect = [
            "`Effect` must be \"Allow\" or \"Deny\", found \"deny\" @\"deny\"",
            "a statement may have `Action` or `NotAction`, not both @\"NotAction\"",
            "duplicate Sid `A` @\"A\"",
            "`s3` is not an action @\"s3\"",
            "`bucket` is not a resource ARN @\"bucket\"",
            "SCPs do not support `Principal` @\"Principal\"",
            "the statement has neither `Action` nor `NotAction` @{",
            "unknown condition operator `StringEqual` @\"StringEqual\"",
        ];
        for e in expect {
            assert!(found.iter().any(|f| f == e), "missing {e}\nin {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
    }

    #[test]
    fn arns_are_checked_as_aws_policy_validation_does() {
        let text = r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Action": "S3:DeleteBucket", "Resource": "arn:aws:iam:*user/x"},
            {"Effect": "Deny", "Action": "sns:Publish", "Resource": "arn:aws:sns:*:${aws:PrincipalAccount}:t"},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${aws:PrincipalTag/team}/*",
             "Condition": {"ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/ok", "role/admin"]},
                           "ArnEquals": {"aws:SourceArn": "${aws:PrincipalArn}"}}}]}"#;
        let found = issues(text);
        let expect = [
            "`S3:DeleteBucket` has an upper-case service prefix @\"S3:DeleteBucket\"",
            "`arn:aws:iam:*user/x` has fewer than six colon-separated parts, so it is not an ARN @\"arn:aws:iam:*user/x\"",
            "`arn:aws:sns:*:${aws:PrincipalAccount}:t` has a policy variable before its resource part, where AWS does not substitute it: it matches nothing @\"arn:aws:sns:*:${aws:PrincipalAccount}:t\"",
            "`role/admin` is not an ARN, so the `ArnNotLike` operator never matches it @\"role/admin\"",
        ];
        for e in expect {
            assert!(found.iter().any(|f| f == e), "missing {e}\nin {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        let doc = parse(text).unwrap();
        let severities: Vec<Severity> = check_scp(&doc).iter().map(|i| i.severity).collect();
        assert_eq!(
            severities
                .iter()
                .filter(|s| **s == Severity::WARNING)
                .count(),
            1
        );
    }

    #[test]
    fn rcps_are_deny_only_for_everyone_on_supported_services() {
        let text = r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*",
             "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}},
            {"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "s3:GetObject", "Resource": "*"},
            {"Effect": "Deny", "Principal": "*", "Action": "ec2:RunInstances", "Resource": "*"}]}"#;
        let found: Vec<String> = check_rcp(&parse(text).unwrap(), &RcpServices::default())
            .into_iter()
            .map(|i| format!("{} @{}", i.message, &text[i.span.clone()]))
            .collect();
        let expect = [
            "RCPs support only \"Effect\": \"Deny\" @\"Allow\"",
            "an RCP's `Principal` must be \"*\" @{\"AWS\": \"111111111111\"}",
            "an RCP action may not be a bare \"*\" @\"*\"",
            "the RCP statement has no `Principal` @{",
            "RCPs do not support `NotPrincipal` @\"NotPrincipal\"",
            "RCPs do not support `NotAction` @\"NotAction\"",
            "RCPs do not apply to the `ec2` service @\"ec2:RunInstances\"",
        ];
        for e in expect {
            assert!(found.iter().any(|f| f == e), "missing {e}\nin {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        // A service AWS added after this release, once the layout names it.
        let added = check_rcp(&parse(text).unwrap(), &RcpServices::adding(["ec2"]));
        assert!(
            added.iter().all(|i| !i.message.contains("`ec2`")),
            "{added:#?}"
        );
        assert_eq!(added.len(), expect.len() - 1);
        // The same first statement is a fine RCP and a wrong SCP.
        let scp = issues(text);
        assert!(
            scp.iter()
                .any(|f| f.starts_with("SCPs do not support `Principal`")),
            "{scp:#?}"
        );
    }
}
