//! AWS managed policies that grant administrator rights. A snapshot names
//! attached AWS managed policies by ARN only, so the documents of the ones
//! that matter are kept here and go through the same evaluator as any
//! other policy. Any other AWS managed policy is taken to grant none of
//! the paths in `escalation`: AWS's job-function and service policies
//! scope `iam:PassRole` and the `iam:` writes to named resources.

use std::sync::{Arc, OnceLock};

use crate::policy::eval::CompiledPolicy;

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

/// The compiled form of a document of this table under its own name, so
/// that the roles holding it share one; `None` for any other policy.
pub fn compiled(label: &str, document: &str) -> Option<Arc<CompiledPolicy>> {
    static COMPILED: OnceLock<Vec<Option<Arc<CompiledPolicy>>>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        DOCUMENTS
            .iter()
            .map(|(arn, text)| {
                let name = arn.rsplit('/').next().unwrap_or(arn);
                CompiledPolicy::compile(name, text).ok().map(Arc::new)
            })
            .collect()
    });
    DOCUMENTS
        .iter()
        .zip(compiled)
        .find(|((arn, text), _)| *text == document && arn.rsplit('/').next() == Some(label))
        .and_then(|(_, policy)| policy.clone())
}

/// Whether an ARN names an AWS managed policy.
pub fn is_aws_managed(arn: &str) -> bool {
    arn.split(':').nth(4) == Some("aws")
}
