//! From CloudTrail's event source and name to the IAM action an SCP
//! matches. Most event names are action names; the others come from AWS's
//! service reference data, which lists the actions each API operation
//! authorizes.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

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

/// Operations whose IAM action is named otherwise, from AWS's service
/// reference data (built by scripts/update-event-actions.sh).
const RENAMED_DATA: &[u8] = include_bytes!("../../data/event-actions.tsv.gz");

/// Service prefix → operation → `service:Action`, for the operations whose
/// action is not named like them.
struct Renamed {
    actions: HashMap<String, HashMap<String, String>>,
    /// The data's first line: where it came from.
    source: String,
}

fn renamed() -> &'static Renamed {
    static RENAMED: OnceLock<Renamed> = OnceLock::new();
    RENAMED.get_or_init(|| {
        let mut text = String::new();
        // The data is compiled in and tested; should it not inflate, events
        // keep their own names, as they did before the table existed.
        let _ = flate2::read::GzDecoder::new(RENAMED_DATA).read_to_string(&mut text);
        let mut actions: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut source = String::new();
        for line in text.lines() {
            if let Some(comment) = line.strip_prefix("# ") {
                source = comment.to_string();
                continue;
            }
            let mut fields = line.split('\t');
            if let (Some(prefix), Some(operation), Some(action)) =
                (fields.next(), fields.next(), fields.next())
            {
                actions
                    .entry(prefix.to_string())
                    .or_default()
                    .insert(operation.to_string(), action.to_string());
            }
        }
        Renamed { actions, source }
    })
}

/// Where the operation → action table comes from, for `--help` and docs.
pub fn table_source() -> &'static str {
    &renamed().source
}

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
    match renamed().actions.get(prefix).and_then(|ops| ops.get(name)) {
        Some(action) => action.clone(),
        None => format!("{prefix}:{name}"),
    }
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

    /// Operations AWS authorizes under another action name, from the
    /// service reference data: each case was evaluated under the event's
    /// own name before the generated table.
    #[test]
    fn operations_take_the_action_aws_authorizes_them_as() {
        let cases = [
            (
                "s3.amazonaws.com",
                "DeleteBucketOwnershipControls",
                "s3:PutBucketOwnershipControls",
            ),
            (
                "s3.amazonaws.com",
                "GetBucketAccelerateConfiguration",
                "s3:GetAccelerateConfiguration",
            ),
            (
                "s3.amazonaws.com",
                "GetBucketMetricsConfiguration",
                "s3:GetMetricsConfiguration",
            ),
            (
                "s3.amazonaws.com",
                "GetObjectLockConfiguration",
                "s3:GetBucketObjectLockConfiguration",
            ),
            (
                "s3.amazonaws.com",
                "ListParts",
                "s3:ListMultipartUploadParts",
            ),
            (
                "s3.amazonaws.com",
                "ListMultipartUploads",
                "s3:ListBucketMultipartUploads",
            ),
            ("s3.amazonaws.com", "DeleteObjects", "s3:DeleteObject"),
            ("s3.amazonaws.com", "CopyObject", "s3:PutObject"),
            ("s3.amazonaws.com", "HeadObject", "s3:GetObject"),
            (
                "apigateway.amazonaws.com",
                "CreateRestApi",
                "apigateway:POST",
            ),
            (
                "apigateway.amazonaws.com",
                "DeleteRestApi",
                "apigateway:DELETE",
            ),
            ("kms.amazonaws.com", "ReEncrypt", "kms:ReEncryptTo"),
            (
                "lambda.amazonaws.com",
                "Invoke20150331",
                "lambda:InvokeFunction",
            ),
            ("ec2.amazonaws.com", "RunInstances", "ec2:RunInstances"),
        ];
        for (source, event, action) in cases {
            assert_eq!(action_for(source, event), action, "{source} {event}");
        }
    }

    #[test]
    fn the_generated_table_names_only_real_actions_across_hundreds_of_services() {
        let table = renamed();
        assert!(
            table.source.contains("AWS service reference data"),
            "{}",
            table.source
        );
        // The header counts every service whose operations were read; the
        // table keeps only those with an operation named unlike its action.
        let services: usize = table
            .source
            .split(" services")
            .next()
            .and_then(|head| head.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(services >= 300, "{}", table.source);
        assert!(
            table.actions.len() >= 50,
            "{} services",
            table.actions.len()
        );
        let catalog = crate::checks::iam_actions::catalog();
        let mut unknown = Vec::new();
        for ops in table.actions.values() {
            for action in ops.values() {
                if catalog.check(action).is_err() {
                    unknown.push(action.clone());
                }
            }
        }
        // The two lists come from different snapshots of AWS's data; a
        // handful of very new actions may be missing from the older one.
        assert!(
            unknown.len() < 25,
            "actions the action list lacks: {unknown:?}"
        );
    }
}
