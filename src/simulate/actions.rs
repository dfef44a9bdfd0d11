//! From CloudTrail's event source and name to the IAM action an SCP
//! matches. Most event names are action names; this table holds the known
//! differences.

/// Event sources whose IAM service prefix is not the host's first label.
const SERVICE_PREFIXES: &[(&str, &str)] = &[
    ("monitoring.amazonaws.com", "cloudwatch"),
    ("email.amazonaws.com", "ses"),
    ("streams.dynamodb.amazonaws.com", "dynamodb"),
    ("es.amazonaws.com", "es"),
    ("elasticloadbalancing.amazonaws.com", "elasticloadbalancing"),
    ("s3-control.amazonaws.com", "s3"),
    ("sso-directory.amazonaws.com", "sso-directory"),
    ("identitystore.amazonaws.com", "identitystore"),
    ("tagging.amazonaws.com", "tag"),
    ("execute-api.amazonaws.com", "execute-api"),
    ("apigateway.amazonaws.com", "apigateway"),
    ("api.ecr.amazonaws.com", "ecr"),
    ("ecr-public.amazonaws.com", "ecr-public"),
    ("access-analyzer.amazonaws.com", "access-analyzer"),
    ("health.amazonaws.com", "health"),
    ("billingconsole.amazonaws.com", "aws-portal"),
    ("signin.amazonaws.com", "signin"),
];

/// `(service prefix, event name, action name)` where they differ.
const RENAMED: &[(&str, &str, &str)] = &[
    ("s3", "ListBuckets", "ListAllMyBuckets"),
    ("s3", "ListObjects", "ListBucket"),
    ("s3", "ListObjectsV2", "ListBucket"),
    ("s3", "ListObjectVersions", "ListBucketVersions"),
    ("s3", "HeadBucket", "ListBucket"),
    ("s3", "HeadObject", "GetObject"),
    ("s3", "CopyObject", "PutObject"),
    ("s3", "CreateMultipartUpload", "PutObject"),
    ("s3", "UploadPart", "PutObject"),
    ("s3", "UploadPartCopy", "PutObject"),
    ("s3", "CompleteMultipartUpload", "PutObject"),
    ("s3", "DeleteObjects", "DeleteObject"),
    ("s3", "GetBucketLifecycle", "GetLifecycleConfiguration"),
    (
        "s3",
        "GetBucketLifecycleConfiguration",
        "GetLifecycleConfiguration",
    ),
    ("s3", "PutBucketLifecycle", "PutLifecycleConfiguration"),
    (
        "s3",
        "PutBucketLifecycleConfiguration",
        "PutLifecycleConfiguration",
    ),
    ("s3", "DeleteBucketLifecycle", "PutLifecycleConfiguration"),
    ("s3", "GetBucketEncryption", "GetEncryptionConfiguration"),
    ("s3", "PutBucketEncryption", "PutEncryptionConfiguration"),
    ("s3", "DeleteBucketEncryption", "PutEncryptionConfiguration"),
    ("s3", "GetBucketReplication", "GetReplicationConfiguration"),
    ("s3", "PutBucketReplication", "PutReplicationConfiguration"),
    (
        "s3",
        "DeleteBucketReplication",
        "PutReplicationConfiguration",
    ),
    (
        "s3",
        "DeleteBucketPublicAccessBlock",
        "PutBucketPublicAccessBlock",
    ),
    (
        "s3",
        "DeleteAccountPublicAccessBlock",
        "PutAccountPublicAccessBlock",
    ),
    ("s3", "DeleteBucketCors", "PutBucketCORS"),
    ("s3", "PutBucketCors", "PutBucketCORS"),
    ("s3", "GetBucketCors", "GetBucketCORS"),
    ("s3", "DeleteBucketTagging", "PutBucketTagging"),
    (
        "s3",
        "GetBucketNotificationConfiguration",
        "GetBucketNotification",
    ),
    (
        "s3",
        "PutBucketNotificationConfiguration",
        "PutBucketNotification",
    ),
    ("s3", "SelectObjectContent", "GetObject"),
    ("kms", "ReEncrypt", "ReEncryptFrom"),
    ("lambda", "Invoke", "InvokeFunction"),
];

/// The IAM service prefix of an event source such as `s3.amazonaws.com`.
pub fn service_prefix(event_source: &str) -> &str {
    if let Some((_, prefix)) = SERVICE_PREFIXES.iter().find(|(s, _)| *s == event_source) {
        return prefix;
    }
    event_source.split('.').next().unwrap_or(event_source)
}

/// The IAM action for a CloudTrail event, as `service:Action`.
pub fn action_for(event_source: &str, event_name: &str) -> String {
    let prefix = service_prefix(event_source);
    let name = strip_api_version(prefix, event_name);
    let name = RENAMED
        .iter()
        .find(|(svc, event, _)| *svc == prefix && *event == name)
        .map(|(_, _, action)| *action)
        .unwrap_or(name);
    format!("{prefix}:{name}")
}

/// Lambda and CloudFront log event names with the API version appended,
/// such as `UpdateFunctionCode20150331v2` or `CreateDistribution2020_05_31`.
fn strip_api_version<'a>(prefix: &str, name: &'a str) -> &'a str {
    if !matches!(prefix, "lambda" | "cloudfront") {
        return name;
    }
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_' || c == 'v');
    // Only strip a real version: at least a year's worth of digits.
    let removed = &name[trimmed.len()..];
    if removed.chars().filter(char::is_ascii_digit).count() >= 8 && !trimmed.is_empty() {
        trimmed
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_become_action_names() {
        assert_eq!(
            action_for("ec2.amazonaws.com", "RunInstances"),
            "ec2:RunInstances"
        );
        assert_eq!(
            action_for("s3.amazonaws.com", "ListObjectsV2"),
            "s3:ListBucket"
        );
        assert_eq!(
            action_for("s3.amazonaws.com", "ListBuckets"),
            "s3:ListAllMyBuckets"
        );
        assert_eq!(
            action_for("monitoring.amazonaws.com", "PutMetricAlarm"),
            "cloudwatch:PutMetricAlarm"
        );
        assert_eq!(
            action_for("lambda.amazonaws.com", "UpdateFunctionCode20150331v2"),
            "lambda:UpdateFunctionCode"
        );
        assert_eq!(
            action_for("lambda.amazonaws.com", "Invoke"),
            "lambda:InvokeFunction"
        );
        assert_eq!(
            action_for("cloudfront.amazonaws.com", "CreateDistribution2020_05_31"),
            "cloudfront:CreateDistribution"
        );
        assert_eq!(
            action_for("lambda.amazonaws.com", "ListFunctions"),
            "lambda:ListFunctions"
        );
    }
}
