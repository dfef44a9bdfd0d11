//! The evaluator's case table: every operator, qualifier and element with
//! both outcomes, and the organization's level-by-level rule.

use std::sync::Arc;

use serde_json::{Value, json};

use super::eval::{CompiledPolicy, Decision, Level, evaluate, evaluate_noting};
use super::request::Request;

fn policy(name: &str, statements: Value) -> Arc<CompiledPolicy> {
    let doc = json!({"Version": "2012-10-17", "Statement": statements});
    Arc::new(
        CompiledPolicy::compile(name, &doc.to_string()).unwrap_or_else(|e| panic!("{name}: {e}")),
    )
}

fn request(ctx: &[(&str, &[&str])]) -> Request {
    let mut req = Request::new(
        "444444444444",
        "s3:GetObject",
        "arn:aws:iam::444444444444:role/app",
    );
    for (key, values) in ctx {
        req.context
            .set_all(key, values.iter().map(|v| v.to_string()).collect());
    }
    req
}

/// Whether an Allow statement with this condition lets the request through.
fn holds(condition: Value, ctx: &[(&str, &[&str])]) -> bool {
    let p = policy(
        "t",
        json!([{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": condition}]),
    );
    let levels = [Level {
        label: "root".into(),
        policies: vec![p],
    }];
    evaluate(&levels, &request(ctx)).is_allowed()
}

type Case = (
    &'static str,
    Value,
    &'static [(&'static str, &'static [&'static str])],
    bool,
);

#[test]
fn every_operator_with_both_outcomes() {
    let region: &[(&str, &[&str])] = &[("aws:RequestedRegion", &["eu-west-1"])];
    let arn: &[(&str, &[&str])] = &[(
        "aws:PrincipalArn",
        &["arn:aws:iam::444444444444:role/BreakGlass"],
    )];
    let num: &[(&str, &[&str])] = &[("s3:max-keys", &["10"])];
    let date: &[(&str, &[&str])] = &[("aws:CurrentTime", &["2026-11-15T10:00:00Z"])];
    let mfa: &[(&str, &[&str])] = &[("aws:MultiFactorAuthPresent", &["true"])];
    let ip4: &[(&str, &[&str])] = &[("aws:SourceIp", &["203.0.113.7"])];
    let ip6: &[(&str, &[&str])] = &[("aws:SourceIp", &["2001:db8::1"])];
    let cases: Vec<Case> = vec![
        (
            "StringEquals hit",
            json!({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}),
            region,
            true,
        ),
        (
            "StringEquals miss",
            json!({"StringEquals": {"aws:RequestedRegion": "us-east-1"}}),
            region,
            false,
        ),
        (
            "StringEquals is case-sensitive",
            json!({"StringEquals": {"aws:RequestedRegion": "EU-WEST-1"}}),
            region,
            false,
        ),
        (
            "StringNotEquals hit",
            json!({"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}),
            region,
            true,
        ),
        (
            "StringNotEquals miss",
            json!({"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}),
            region,
            false,
        ),
        (
            "StringEqualsIgnoreCase hit",
            json!({"StringEqualsIgnoreCase": {"aws:RequestedRegion": "EU-West-1"}}),
            region,
            true,
        ),
        (
            "StringEqualsIgnoreCase miss",
            json!({"StringEqualsIgnoreCase": {"aws:RequestedRegion": "EU-West-2"}}),
            region,
            false,
        ),
        (
            "StringNotEqualsIgnoreCase hit",
            json!({"StringNotEqualsIgnoreCase": {"aws:RequestedRegion": "EU-West-2"}}),
            region,
            true,
        ),
        (
            "StringNotEqualsIgnoreCase miss",
            json!({"StringNotEqualsIgnoreCase": {"aws:RequestedRegion": "EU-WEST-1"}}),
            region,
            false,
        ),
        (
            "StringLike hit",
            json!({"StringLike": {"aws:RequestedRegion": "eu-*"}}),
            region,
            true,
        ),
        (
            "StringLike ? hit",
            json!({"StringLike": {"aws:RequestedRegion": "eu-west-?"}}),
            region,
            true,
        ),
        (
            "StringLike miss",
            json!({"StringLike": {"aws:RequestedRegion": "us-*"}}),
            region,
            false,
        ),
        (
            "StringNotLike hit",
            json!({"StringNotLike": {"aws:RequestedRegion": "us-*"}}),
            region,
            true,
        ),
        (
            "StringNotLike miss",
            json!({"StringNotLike": {"aws:RequestedRegion": "eu-*"}}),
            region,
            false,
        ),
        (
            "NumericEquals hit",
            json!({"NumericEquals": {"s3:max-keys": "10"}}),
            num,
            true,
        ),
        (
            "NumericEquals miss",
            json!({"NumericEquals": {"s3:max-keys": 11}}),
            num,
            false,
        ),
        (
            "NumericNotEquals hit",
            json!({"NumericNotEquals": {"s3:max-keys": "11"}}),
            num,
            true,
        ),
        (
            "NumericNotEquals miss",
            json!({"NumericNotEquals": {"s3:max-keys": "10.0"}}),
            num,
            false,
        ),
        (
            "NumericLessThan hit",
            json!({"NumericLessThan": {"s3:max-keys": "11"}}),
            num,
            true,
        ),
        (
            "NumericLessThan miss",
            json!({"NumericLessThan": {"s3:max-keys": "10"}}),
            num,
            false,
        ),
        (
            "NumericLessThanEquals hit",
            json!({"NumericLessThanEquals": {"s3:max-keys": "10"}}),
            num,
            true,
        ),
        (
            "NumericLessThanEquals miss",
            json!({"NumericLessThanEquals": {"s3:max-keys": "9"}}),
            num,
            false,
        ),
        (
            "NumericGreaterThan hit",
            json!({"NumericGreaterThan": {"s3:max-keys": "9"}}),
            num,
            true,
        ),
        (
            "NumericGreaterThan miss",
            json!({"NumericGreaterThan": {"s3:max-keys": "10"}}),
            num,
            false,
        ),
        (
            "NumericGreaterThanEquals hit",
            json!({"NumericGreaterThanEquals": {"s3:max-keys": "10"}}),
            num,
            true,
        ),
        (
            "NumericGreaterThanEquals miss",
            json!({"NumericGreaterThanEquals": {"s3:max-keys": "11"}}),
            num,
            false,
        ),
        (
            "Numeric with a non-number never matches",
            json!({"NumericLessThan": {"s3:max-keys": "ten"}}),
            num,
            false,
        ),
        (
            "DateEquals hit",
            json!({"DateEquals": {"aws:CurrentTime": "2026-11-15T10:00:00+00:00"}}),
            date,
            true,
        ),
        (
            "DateEquals miss",
            json!({"DateEquals": {"aws:CurrentTime": "2026-11-15T10:00:01Z"}}),
            date,
            false,
        ),
        (
            "DateNotEquals hit",
            json!({"DateNotEquals": {"aws:CurrentTime": "2026-11-16"}}),
            date,
            true,
        ),
        (
            "DateNotEquals miss",
            json!({"DateNotEquals": {"aws:CurrentTime": "2026-11-15T10:00:00Z"}}),
            date,
            false,
        ),
        (
            "DateLessThan hit",
            json!({"DateLessThan": {"aws:CurrentTime": "2026-12-01T00:00:00Z"}}),
            date,
            true,
        ),
        (
            "DateLessThan miss",
            json!({"DateLessThan": {"aws:CurrentTime": "2026-11-01"}}),
            date,
            false,
        ),
        (
            "DateLessThanEquals hit",
            json!({"DateLessThanEquals": {"aws:CurrentTime": "2026-11-15T10:00:00Z"}}),
            date,
            true,
        ),
        (
            "DateLessThanEquals miss",
            json!({"DateLessThanEquals": {"aws:CurrentTime": "2026-11-15T09:59:59Z"}}),
            date,
            false,
        ),
        (
            "DateGreaterThan hit (epoch seconds)",
            json!({"DateGreaterThan": {"aws:CurrentTime": "1700000000"}}),
            date,
            true,
        ),
        (
            "DateGreaterThan miss",
            json!({"DateGreaterThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}),
            date,
            false,
        ),
        (
            "DateGreaterThanEquals hit",
            json!({"DateGreaterThanEquals": {"aws:CurrentTime": "2026-11-15T10:00:00Z"}}),
            date,
            true,
        ),
        (
            "DateGreaterThanEquals miss",
            json!({"DateGreaterThanEquals": {"aws:CurrentTime": "2026-11-15T10:00:01Z"}}),
            date,
            false,
        ),
        (
            "Bool hit",
            json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
            mfa,
            true,
        ),
        (
            "Bool hit (JSON boolean)",
            json!({"Bool": {"aws:MultiFactorAuthPresent": true}}),
            mfa,
            true,
        ),
        (
            "Bool miss",
            json!({"Bool": {"aws:MultiFactorAuthPresent": "false"}}),
            mfa,
            false,
        ),
        (
            "BinaryEquals hit",
            json!({"BinaryEquals": {"aws:MultiFactorAuthPresent": "true"}}),
            mfa,
            true,
        ),
        (
            "BinaryEquals miss",
            json!({"BinaryEquals": {"aws:MultiFactorAuthPresent": "dHJ1ZQ=="}}),
            mfa,
            false,
        ),
        (
            "IpAddress hit",
            json!({"IpAddress": {"aws:SourceIp": ["198.51.100.0/24", "203.0.113.0/24"]}}),
            ip4,
            true,
        ),
        (
            "IpAddress single address hit",
            json!({"IpAddress": {"aws:SourceIp": "203.0.113.7"}}),
            ip4,
            true,
        ),
        (
            "IpAddress miss",
            json!({"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}),
            ip4,
            false,
        ),
        (
            "IpAddress IPv6 hit",
            json!({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}),
            ip6,
            true,
        ),
        (
            "IpAddress IPv6 miss",
            json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
            ip6,
            false,
        ),
        (
            "NotIpAddress hit",
            json!({"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}),
            ip4,
            true,
        ),
        (
            "NotIpAddress miss",
            json!({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
            ip4,
            false,
        ),
        (
            "ArnEquals hit",
            json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::444444444444:role/BreakGlass"}}),
            arn,
            true,
        ),
        (
            "ArnEquals miss",
            json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::444444444444:role/Admin"}}),
            arn,
            false,
        ),
        (
            "ArnLike hit",
            json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}}),
            arn,
            true,
        ),
        (
            "ArnLike miss",
            json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin*"}}),
            arn,
            false,
        ),
        (
            "ArnLike wildcard does not cross parts",
            json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:*:role/BreakGlass"}}),
            arn,
            false,
        ),
        (
            "ArnNotEquals hit",
            json!({"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::444444444444:role/Admin"}}),
            arn,
            true,
        ),
        (
            "ArnNotEquals miss",
            json!({"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::444444444444:role/BreakGlass"}}),
            arn,
            false,
        ),
        (
            "ArnNotLike hit",
            json!({"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}),
            arn,
            true,
        ),
        (
            "ArnNotLike miss",
            json!({"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Break*"}}),
            arn,
            false,
        ),
        (
            "Null true, key absent",
            json!({"Null": {"aws:SourceIp": "true"}}),
            region,
            true,
        ),
        (
            "Null true, key present",
            json!({"Null": {"aws:SourceIp": "true"}}),
            ip4,
            false,
        ),
        (
            "Null false, key present",
            json!({"Null": {"aws:SourceIp": "false"}}),
            ip4,
            true,
        ),
        (
            "Null false, key absent",
            json!({"Null": {"aws:SourceIp": "false"}}),
            region,
            false,
        ),
    ];
    for (name, condition, ctx, expected) in cases {
        assert_eq!(holds(condition, ctx), expected, "{name}");
    }
}

#[test]
fn condition_keys_compare_without_case_and_blocks_are_and_of_or() {
    let ctx: &[(&str, &[&str])] = &[
        ("aws:RequestedRegion", &["eu-west-1"]),
        ("aws:PrincipalType", &["AssumedRole"]),
    ];
    assert!(holds(
        json!({"StringEquals": {"AWS:REQUESTEDREGION": "eu-west-1"}}),
        ctx
    ));
    let both = json!({"StringEquals": {"aws:RequestedRegion": ["x", "eu-west-1"], "aws:PrincipalType": "AssumedRole"}});
    assert!(holds(both, ctx));
    let one_fails = json!({"StringEquals": {"aws:RequestedRegion": "eu-west-1"}, "StringLike": {"aws:PrincipalType": "User"}});
    assert!(!holds(one_fails, ctx));
}

#[test]
fn missing_keys_and_if_exists() {
    let none: &[(&str, &[&str])] = &[];
    let present: &[(&str, &[&str])] = &[("ec2:InstanceType", &["m5.large"])];
    // A missing key makes a positive operator false and a negated one true.
    assert!(!holds(
        json!({"StringEquals": {"ec2:InstanceType": "t3.micro"}}),
        none
    ));
    assert!(!holds(
        json!({"StringLike": {"ec2:InstanceType": "*"}}),
        none
    ));
    assert!(holds(
        json!({"StringNotEquals": {"ec2:InstanceType": "t3.micro"}}),
        none
    ));
    assert!(holds(
        json!({"ArnNotLike": {"aws:SourceArn": "arn:*"}}),
        none
    ));
    // IfExists: true when the key is absent, the operator otherwise.
    assert!(holds(
        json!({"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}),
        none
    ));
    assert!(!holds(
        json!({"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}),
        present
    ));
    assert!(holds(
        json!({"StringEqualsIfExists": {"ec2:InstanceType": "m5.*"}}),
        none
    ));
    assert!(holds(
        json!({"StringLikeIfExists": {"ec2:InstanceType": "m5.*"}}),
        present
    ));
    assert!(!holds(
        json!({"NumericLessThanIfExists": {"s3:max-keys": "5"}}),
        &[("s3:max-keys", &["10"])]
    ));
    assert!(holds(
        json!({"NumericLessThanIfExists": {"s3:max-keys": "5"}}),
        none
    ));
}

#[test]
fn set_qualifiers() {
    let tags: &[(&str, &[&str])] = &[("aws:TagKeys", &["team", "env"])];
    let empty: &[(&str, &[&str])] = &[];
    let any = |values: Value, ctx| {
        holds(
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": values}}),
            ctx,
        )
    };
    let all = |values: Value, ctx| {
        holds(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": values}}),
            ctx,
        )
    };
    assert!(any(json!(["env"]), tags));
    assert!(!any(json!(["owner"]), tags));
    assert!(
        !any(json!(["env"]), empty),
        "ForAnyValue with no values is false"
    );
    assert!(all(json!(["team", "env", "owner"]), tags));
    assert!(!all(json!(["team"]), tags));
    assert!(
        all(json!(["team"]), empty),
        "ForAllValues with no values is true"
    );
    // Negated operators under a qualifier apply per request value.
    assert!(holds(
        json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "team"}}),
        tags
    ));
    assert!(!holds(
        json!({"ForAllValues:StringNotEquals": {"aws:TagKeys": "team"}}),
        tags
    ));
    assert!(holds(
        json!({"ForAllValues:StringLike": {"aws:TagKeys": ["t*", "e*"]}}),
        tags
    ));
    assert!(!holds(
        json!({"ForAnyValue:StringLike": {"aws:TagKeys": "x*"}}),
        tags
    ));
}

#[test]
fn policy_variables() {
    let ctx: &[(&str, &[&str])] = &[("aws:PrincipalArn", &["arn:aws:iam::444444444444:role/app"])];
    let own =
        json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}});
    assert!(holds(own, ctx));
    let other =
        json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}0:role/*"}});
    assert!(!holds(other, ctx));
    // A variable the request does not carry matches nothing.
    assert!(!holds(
        json!({"StringLike": {"aws:PrincipalArn": "*${aws:username}*"}}),
        ctx
    ));
    assert!(holds(
        json!({"StringLike": {"aws:PrincipalArn": "*${aws:username, 'app'}"}}),
        ctx
    ));
}

fn full_aws_access() -> Arc<CompiledPolicy> {
    Arc::new(
        CompiledPolicy::compile(
            "FullAWSAccess",
            crate::policy::kinds::PolicyKind::Scp.full_access_document(),
        )
        .unwrap_or_else(|e| panic!("{e}")),
    )
}

fn one_level(statements: Value) -> Vec<Level> {
    vec![Level {
        label: "root".into(),
        policies: vec![full_aws_access(), policy("p", statements)],
    }]
}

#[test]
fn not_action_with_deny_and_action_wildcards() {
    let levels = one_level(
        json!([{"Sid": "OutsideRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"],
        "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}]),
    );
    let ec2 = Request::new(
        "444444444444",
        "ec2:RunInstances",
        "arn:aws:iam::444444444444:role/app",
    );
    assert!(evaluate(&levels, &ec2.clone().in_region("eu-west-1")).is_allowed());
    assert_eq!(
        evaluate(&levels, &ec2.in_region("us-east-1")),
        Decision::Denied {
            policy: "p",
            sid: Some("OutsideRegions"),
            level: "root"
        }
    );
    // Actions listed in NotAction escape the deny; matching ignores case.
    let iam = Request::new(
        "444444444444",
        "IAM:CreateRole",
        "arn:aws:iam::444444444444:role/app",
    )
    .in_region("us-east-1");
    assert!(evaluate(&levels, &iam).is_allowed());
    let levels = one_level(json!([{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]));
    let delete = Request::new(
        "444444444444",
        "s3:DeleteBucket",
        "arn:aws:iam::444444444444:role/app",
    );
    assert!(!evaluate(&levels, &delete).is_allowed());
    let get = Request::new(
        "444444444444",
        "s3:GetObject",
        "arn:aws:iam::444444444444:role/app",
    );
    assert!(evaluate(&levels, &get).is_allowed());
}

#[test]
fn resources_and_not_resource() {
    let levels = one_level(
        json!([{"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::public-*", "arn:aws:s3:::public-*/*"]}]),
    );
    let mut public = Request::new(
        "444444444444",
        "s3:GetObject",
        "arn:aws:iam::444444444444:role/app",
    );
    public.resources = vec!["arn:aws:s3:::public-assets/logo.png".into()];
    assert!(evaluate(&levels, &public).is_allowed());
    let mut private = public.clone();
    private.resources = vec!["arn:aws:s3:::payroll/2026.csv".into()];
    assert!(!evaluate(&levels, &private).is_allowed());

    let levels = one_level(
        json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:PrincipalAccount}-*"}]),
    );
    let mut own = public.clone();
    own.resources = vec!["arn:aws:s3:::444444444444-logs".into()];
    assert!(!evaluate(&levels, &own).is_allowed());
    // A statement naming resources does not apply when CloudTrail lists none.
    let unknown = Request::new(
        "444444444444",
        "s3:GetObject",
        "arn:aws:iam::444444444444:role/app",
    );
    assert!(evaluate(&levels, &unknown).is_allowed());
}

#[test]
fn an_allow_is_needed_at_every_level_and_any_deny_wins() {
    let full = full_aws_access;
    let allow_list = policy(
        "allow-s3",
        json!([{"Effect": "Allow", "Action": ["s3:*", "sts:*"], "Resource": "*"}]),
    );
    let deny_delete = policy(
        "deny-delete",
        json!([{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]),
    );
    let level = |label: &str, policies: Vec<Arc<CompiledPolicy>>| Level {
        label: label.into(),
        policies,
    };
    let levels = vec![
        level("root", vec![full()]),
        level("OU Workloads", vec![allow_list.clone()]),
        level("account 444444444444", vec![full(), deny_delete.clone()]),
    ];
    let req =
        |action: &str| Request::new("444444444444", action, "arn:aws:iam::444444444444:role/app");
    assert_eq!(evaluate(&levels, &req("s3:GetObject")), Decision::Allowed);
    // FullAWSAccess at the root and the account does not make up for the
    // OU's allow-list.
    assert_eq!(
        evaluate(&levels, &req("ec2:RunInstances")),
        Decision::NotAllowed {
            level: "OU Workloads"
        }
    );
    // The OU allows s3:*, yet the account's deny wins.
    assert_eq!(
        evaluate(&levels, &req("s3:DeleteBucket")),
        Decision::Denied {
            policy: "deny-delete",
            sid: Some("NoDelete"),
            level: "account 444444444444"
        }
    );
    // A level with nothing attached allows nothing.
    let bare = vec![level("root", vec![full()]), level("OU Empty", vec![])];
    assert_eq!(
        evaluate(&bare, &req("s3:GetObject")),
        Decision::NotAllowed { level: "OU Empty" }
    );
    // An Allow with a condition only allows when the condition holds.
    let conditional = policy(
        "eu-only",
        json!([{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]),
    );
    let levels = vec![
        level("root", vec![full()]),
        level("OU Eu", vec![conditional]),
    ];
    assert!(evaluate(&levels, &req("s3:GetObject").in_region("eu-west-1")).is_allowed());
    assert!(!evaluate(&levels, &req("s3:GetObject").in_region("us-east-1")).is_allowed());
}

#[test]
fn a_variable_outside_the_resource_part_of_an_arn_matches_nothing() {
    let mut req = Request::new(
        "444444444444",
        "iam:DeleteRole",
        "arn:aws:iam::444444444444:role/app",
    );
    req.resources = vec!["arn:aws:iam::444444444444:role/app".into()];
    // In the account field: IAM does not substitute it, the ARN matches
    // nothing and the deny does not apply.
    let head = one_level(
        json!([{"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}]),
    );
    assert!(evaluate(&head, &req).is_allowed());
    // After the fifth colon it is substituted.
    let tail = one_level(
        json!([{"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::*:role/${aws:PrincipalAccount}*"}]),
    );
    assert!(evaluate(&tail, &req).is_allowed());
    req.resources = vec!["arn:aws:iam::444444444444:role/444444444444-app".into()];
    assert!(!evaluate(&tail, &req).is_allowed());
    // The same ARN under NotResource excludes nothing: the deny applies.
    let not_head = one_level(
        json!([{"Effect": "Deny", "Action": "iam:*", "NotResource": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}]),
    );
    assert!(!evaluate(&not_head, &req).is_allowed());
}

#[test]
fn decisions_that_rest_on_a_missing_key_name_it() {
    let req = || {
        Request::new(
            "444444444444",
            "ec2:RunInstances",
            "arn:aws:iam::444444444444:role/app",
        )
    };
    let noted = |levels: &[Level], req: &Request| {
        let mut missing = Vec::new();
        let decision = evaluate_noting(levels, req, &mut missing);
        (
            decision.is_allowed(),
            missing.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
        )
    };
    // A deny on an absent key with a negated operator applies only
    // because the record lacks the key.
    let deny_not = one_level(json!([{"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}]));
    assert_eq!(
        noted(&deny_not, &req()),
        (false, vec!["aws:SourceVpc".to_string()])
    );
    // A deny that would apply to the key's value is skipped when it is
    // absent: the call is allowed without it.
    let deny_eq = one_level(json!([{"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}]));
    assert_eq!(
        noted(&deny_eq, &req()),
        (true, vec!["aws:SourceVpc".to_string()])
    );
    // With the key present the decision rests on its value alone.
    let mut with_vpc = req();
    with_vpc.context.set("aws:SourceVpc", "vpc-2");
    assert_eq!(noted(&deny_eq, &with_vpc), (true, vec![]));
    assert_eq!(noted(&deny_not, &with_vpc), (false, vec![]));
    // An allow-list level skipped for want of a key says so too.
    let allow_only = vec![Level {
        label: "root".into(),
        policies: vec![policy(
            "allow-tagged",
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}}]),
        )],
    }];
    assert_eq!(
        noted(&allow_only, &req()),
        (false, vec!["aws:ResourceTag/team".to_string()])
    );
    // A condition failing on a value the record has decides alone.
    let both = one_level(json!([{"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:PrincipalAccount": "1"}}}]));
    assert_eq!(noted(&both, &req()), (true, vec![]));
}
