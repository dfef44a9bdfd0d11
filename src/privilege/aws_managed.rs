//! AWS managed policies that grant administrator rights. A snapshot names
//! attached AWS managed policies by ARN only, so the documents of the ones
//! that matter are kept here and go through the same evaluator as any
//! other policy. Any other AWS managed policy is taken to grant none of
//! the paths in `escalation`: AWS's job-function and service policies
//! scope `iam:PassRole` and the `iam:` writes to named resources.

/// ARN → the statements of its default version that matter here.
pub const DOCUMENTS: &[(&str, &str)] = &[
    (
        "arn:aws:iam::aws:policy/AdministratorAccess",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    ),
    (
        "arn:aws:iam::aws:policy/PowerUserAccess",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}"#,
    ),
    (
        "arn:aws:iam::aws:policy/IAMFullAccess",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#,
    ),
];

/// The document of an AWS managed policy this module knows.
/// Any partition: `arn:aws-us-gov:iam::aws:policy/…` is the same policy.
pub fn document(arn: &str) -> Option<&'static str> {
    let name = arn.split_once(":iam::aws:policy/")?.1;
    DOCUMENTS
        .iter()
        .find(|(a, _)| a.split_once(":iam::aws:policy/").map(|(_, n)| n) == Some(name))
        .map(|(_, d)| *d)
}

/// Whether an ARN names an AWS managed policy.
pub fn is_aws_managed(arn: &str) -> bool {
    arn.split(':').nth(4) == Some("aws")
}
