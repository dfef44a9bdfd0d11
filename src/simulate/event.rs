//! One CloudTrail record turned into the request an SCP would have seen.

use std::borrow::Cow;

use serde::Deserialize;

use super::actions::action_for;
use super::shape::Shape;
use crate::policy::request::{Context, Guardrail, Origin, PrincipalKind, Request};

/// A string of the record, borrowed from its text unless it has escapes
/// (a newtype, because serde borrows a `Cow` only as a field of its own).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(transparent)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Str<'_> {
    fn owned(self) -> String {
        self.0.into_owned()
    }
}

impl From<Str<'_>> for String {
    fn from(s: Str<'_>) -> String {
        s.owned()
    }
}

type Text<'a> = Option<Str<'a>>;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvent<'a> {
    #[serde(borrow)]
    event_source: Text<'a>,
    #[serde(borrow)]
    event_name: Text<'a>,
    #[serde(borrow)]
    aws_region: Text<'a>,
    #[serde(rename = "sourceIPAddress")]
    #[serde(borrow)]
    source_ip_address: Text<'a>,
    #[serde(borrow)]
    event_time: Text<'a>,
    #[serde(rename = "eventID")]
    #[serde(borrow)]
    event_id: Text<'a>,
    #[serde(borrow)]
    event_type: Text<'a>,
    #[serde(borrow)]
    recipient_account_id: Text<'a>,
    #[serde(borrow)]
    user_identity: Option<UserIdentity<'a>>,
    #[serde(borrow)]
    resources: Option<Vec<Resource<'a>>>,
    tls_details: Option<serde::de::IgnoredAny>,
    #[serde(borrow)]
    error_message: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserIdentity<'a> {
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    principal_id: Text<'a>,
    #[serde(borrow)]
    arn: Text<'a>,
    #[serde(borrow)]
    account_id: Text<'a>,
    #[serde(borrow)]
    user_name: Text<'a>,
    #[serde(borrow)]
    invoked_by: Text<'a>,
    #[serde(borrow)]
    session_context: Option<SessionContext<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionContext<'a> {
    #[serde(borrow)]
    session_issuer: Option<SessionIssuer<'a>>,
    #[serde(borrow)]
    attributes: Option<Attributes<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionIssuer<'a> {
    #[serde(borrow)]
    arn: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attributes<'a> {
    #[serde(borrow)]
    mfa_authenticated: Text<'a>,
    #[serde(borrow)]
    creation_date: Text<'a>,
}

#[derive(Debug, Deserialize)]
struct Resource<'a> {
    #[serde(rename = "ARN")]
    #[serde(borrow)]
    arn: Text<'a>,
    #[serde(rename = "accountId")]
    #[serde(borrow)]
    account_id: Text<'a>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Text<'a>,
}

/// One record's JSON text reduced to its request shape.
pub fn shape_of_event(text: &str) -> Result<Shape, String> {
    let raw: RawEvent =
        serde_json::from_str(text).map_err(|e| format!("not a CloudTrail event: {e}"))?;
    let identity = raw.user_identity.unwrap_or_default();
    let session = identity.session_context.unwrap_or_default();
    let text = |v: Text| v.map(Str::owned).unwrap_or_default();
    let issuer = session.session_issuer.and_then(|i| i.arn);
    // A session's ARN names the session; its issuer already names the
    // role, which is all that is evaluated, so shapes leave it out.
    let identity_arn = match (identity.kind.as_deref(), &issuer) {
        (Some("AssumedRole"), Some(_)) => None,
        _ => identity.arn,
    };
    Ok(Shape {
        event_source: text(raw.event_source),
        event_name: text(raw.event_name),
        aws_region: text(raw.aws_region),
        event_type: text(raw.event_type),
        recipient_account_id: text(raw.recipient_account_id),
        identity_type: text(identity.kind),
        identity_arn: text(identity_arn),
        identity_account_id: text(identity.account_id),
        user_name: text(identity.user_name),
        invoked_by: text(identity.invoked_by),
        session_issuer_arn: text(issuer),
        mfa_authenticated: text(session.attributes.and_then(|a| a.mfa_authenticated)),
        source_ip: text(raw.source_ip_address),
        tls: if raw.tls_details.is_some() {
            "true".to_string()
        } else {
            String::new()
        },
        resource_account_id: raw
            .resources
            .as_ref()
            .and_then(|listed| listed.iter().find_map(|r| r.account_id.clone()))
            .map(Str::owned)
            .unwrap_or_default(),
        resources: call_resources(raw.resources.unwrap_or_default()),
    })
}

/// The request a shape stands for, built as from a record with its fields.
pub fn request_of_shape<'s>(shape: &'s Shape) -> Result<Request, String> {
    let some = |v: &'s str| (!v.is_empty()).then_some(Str(Cow::Borrowed(v)));
    let session_context = (!shape.session_issuer_arn.is_empty()
        || !shape.mfa_authenticated.is_empty())
    .then(|| SessionContext {
        session_issuer: some(&shape.session_issuer_arn).map(|arn| SessionIssuer { arn: Some(arn) }),
        attributes: some(&shape.mfa_authenticated).map(|mfa| Attributes {
            mfa_authenticated: Some(mfa),
            creation_date: None,
        }),
    });
    to_request(RawEvent {
        event_source: some(&shape.event_source),
        event_name: some(&shape.event_name),
        aws_region: some(&shape.aws_region),
        source_ip_address: some(&shape.source_ip),
        event_type: some(&shape.event_type),
        recipient_account_id: some(&shape.recipient_account_id),
        user_identity: Some(UserIdentity {
            kind: some(&shape.identity_type),
            arn: some(&shape.identity_arn),
            account_id: some(&shape.identity_account_id),
            user_name: some(&shape.user_name),
            invoked_by: some(&shape.invoked_by),
            session_context,
            principal_id: None,
        }),
        resources: Some(
            some(&shape.resource_account_id)
                .map(|account| Resource {
                    arn: None,
                    account_id: Some(account),
                    kind: None,
                })
                .into_iter()
                .chain(shape.resources.iter().map(|arn| Resource {
                    arn: Some(Str(Cow::Borrowed(arn))),
                    account_id: None,
                    kind: None,
                }))
                .collect(),
        ),
        tls_details: (shape.tls == "true").then_some(serde::de::IgnoredAny),
        event_time: None,
        event_id: None,
        error_message: None,
    })
}

/// Parses one event's JSON text; the error says what makes it unusable.
pub fn parse_event(text: &str) -> Result<Request, String> {
    let raw: RawEvent =
        serde_json::from_str(text).map_err(|e| format!("not a CloudTrail event: {e}"))?;
    to_request(raw)
}

fn to_request(raw: RawEvent) -> Result<Request, String> {
    let source = raw.event_source.ok_or("the event has no eventSource")?;
    let name = raw.event_name.ok_or("the event has no eventName")?;
    let identity = raw.user_identity.ok_or("the event has no userIdentity")?;
    let region = raw.aws_region.unwrap_or_default();
    let kind = match identity.kind.as_deref() {
        Some("Root") => PrincipalKind::Root,
        Some("IAMUser") => PrincipalKind::IamUser,
        Some("AssumedRole") => PrincipalKind::AssumedRole,
        Some("FederatedUser") => PrincipalKind::FederatedUser,
        Some("AWSService") => PrincipalKind::AwsService,
        Some("AWSAccount") => PrincipalKind::AwsAccount,
        _ => PrincipalKind::External,
    };
    let listed = raw.resources.unwrap_or_default();
    let resource_account = listed
        .iter()
        .find_map(|r| r.account_id.clone())
        .or_else(|| raw.recipient_account_id.clone());
    let account = identity
        .account_id
        .clone()
        .or(raw.recipient_account_id)
        .ok_or("the event names no account (userIdentity.accountId or recipientAccountId)")?;
    let issuer_arn = identity
        .session_context
        .as_ref()
        .and_then(|s| s.session_issuer.as_ref())
        .and_then(|i| i.arn.clone());
    let principal_arn = match kind {
        PrincipalKind::AssumedRole => issuer_arn
            .map(Str::owned)
            .or_else(|| identity.arn.as_deref().and_then(role_of_session)),
        PrincipalKind::Root | PrincipalKind::IamUser | PrincipalKind::FederatedUser => {
            identity.arn.clone().map(Str::owned)
        }
        _ => None,
    };
    let service_linked = principal_arn.as_deref().is_some_and(is_service_linked);

    let mut context = Context::for_call();
    if !region.is_empty() {
        context.set("aws:RequestedRegion", region.clone());
    }
    if let Some(arn) = &principal_arn {
        context.set("aws:PrincipalArn", arn.clone());
    }
    let invoked_by = identity
        .invoked_by
        .as_deref()
        .filter(|s| s.ends_with(".amazonaws.com"));
    if kind == PrincipalKind::AwsService {
        // A service principal has no account; it is named by its service.
        if let Some(service) = invoked_by {
            context.set("aws:PrincipalServiceName", service);
        }
    } else {
        context.set("aws:PrincipalAccount", account.clone());
    }
    let principal_type = match kind {
        PrincipalKind::Root => Some("Account"),
        PrincipalKind::IamUser => Some("User"),
        PrincipalKind::AssumedRole => Some("AssumedRole"),
        PrincipalKind::FederatedUser => Some("FederatedUser"),
        _ => None,
    };
    if let Some(t) = principal_type {
        context.set("aws:PrincipalType", t);
    }
    match kind {
        PrincipalKind::Root => context.set("aws:userid", account.clone()),
        _ => {
            if let Some(id) = &identity.principal_id {
                context.set("aws:userid", id.clone());
            }
        }
    }
    if let (PrincipalKind::IamUser, Some(user)) = (kind, &identity.user_name) {
        context.set("aws:username", user.clone());
    }
    let via_service = invoked_by.filter(|_| kind != PrincipalKind::AwsService);
    context.set("aws:ViaAWSService", via_service.is_some().to_string());
    if let Some(service) = via_service {
        context.set_all("aws:CalledVia", vec![service.to_string()]);
        context.set("aws:CalledViaFirst", service);
        context.set("aws:CalledViaLast", service);
    }
    // CloudTrail records a service name, not an address, when a service
    // called on the principal's behalf; aws:SourceIp is then absent.
    if let Some(ip) = raw
        .source_ip_address
        .as_deref()
        .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok())
    {
        context.set("aws:SourceIp", ip);
    }
    let attributes = identity
        .session_context
        .as_ref()
        .and_then(|s| s.attributes.as_ref());
    if let Some(mfa) = attributes.and_then(|a| a.mfa_authenticated.clone()) {
        context.set("aws:MultiFactorAuthPresent", mfa);
    }
    // Temporary credentials carry the time their session was created.
    if let Some(issued) = attributes.and_then(|a| a.creation_date.clone()) {
        context.set("aws:TokenIssueTime", issued);
    }
    context.set(
        "aws:PrincipalIsAWSService",
        (kind == PrincipalKind::AwsService).to_string(),
    );
    if let Some(time) = &raw.event_time {
        context.set("aws:CurrentTime", time.clone());
        if let Ok(t) =
            time::OffsetDateTime::parse(time, &time::format_description::well_known::Rfc3339)
        {
            context.set("aws:EpochTime", t.unix_timestamp().to_string());
        }
    }
    if raw.tls_details.is_some() {
        context.set("aws:SecureTransport", "true");
    }
    let resources = call_resources(listed);
    let denied_by = raw.error_message.as_deref().and_then(Guardrail::of_message);
    let not_a_call = matches!(
        raw.event_type.as_deref(),
        Some("AwsConsoleSignIn" | "AwsServiceEvent")
    );
    Ok(Request {
        account: account.owned(),
        resource_account: resource_account.map(Str::owned),
        action: action_for(&source, &name),
        region: region.owned(),
        principal_kind: kind,
        principal_arn,
        service_linked,
        resources,
        context,
        origin: Origin {
            event_id: raw.event_id.map(Str::owned).unwrap_or_default(),
            event_time: raw.event_time.map(Str::owned).unwrap_or_default(),
            event_name: name.owned(),
        },
        not_a_call,
        denied_by,
    })
}

/// The ARNs a call is authorized against. CloudTrail lists an S3 object
/// call's bucket next to its object, but AWS authorizes object actions
/// against the object alone: a statement about the bucket must not decide
/// it.
fn call_resources(listed: Vec<Resource>) -> Vec<String> {
    let object = |r: &Resource| r.kind.as_deref() == Some("AWS::S3::Object");
    let on_object = listed.iter().any(object);
    listed
        .into_iter()
        .filter(|r| !on_object || object(r) || r.kind.as_deref() != Some("AWS::S3::Bucket"))
        .filter_map(|r| r.arn.map(Str::owned))
        .collect()
}

/// `arn:aws:sts::123:assumed-role/Name/session` → `arn:aws:iam::123:role/Name`.
/// The role's path is not in the session ARN; the session issuer has it.
fn role_of_session(arn: &str) -> Option<String> {
    let (head, resource) = arn.split_once(":assumed-role/")?;
    let partition_account = head.strip_prefix("arn:")?;
    let (partition, rest) = partition_account.split_once(':')?;
    let account = rest.rsplit(':').next()?;
    let role = resource.split('/').next()?;
    Some(format!("arn:{partition}:iam::{account}:role/{role}"))
}

fn is_service_linked(arn: &str) -> bool {
    arn.contains(":role/aws-service-role/")
        || arn
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with("AWSServiceRoleFor"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASSUMED: &str = r#"{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole",
      "principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::444444444444:assumed-role/data-pipeline/alice",
      "accountId":"444444444444","sessionContext":{"sessionIssuer":{"type":"Role",
      "arn":"arn:aws:iam::444444444444:role/etl/data-pipeline","accountId":"444444444444"},
      "attributes":{"mfaAuthenticated":"false"}},"invokedBy":"cloudformation.amazonaws.com"},
      "eventTime":"2026-11-15T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListObjectsV2",
      "awsRegion":"us-west-2","sourceIPAddress":"cloudformation.amazonaws.com","eventID":"e-1",
      "eventType":"AwsApiCall","recipientAccountId":"444444444444",
      "resources":[{"ARN":"arn:aws:s3:::bucket","type":"AWS::S3::Bucket"}]}"#;

    #[test]
    fn an_assumed_role_session_becomes_its_role_with_context_keys() {
        let req = parse_event(ASSUMED).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(req.action, "s3:ListBucket");
        assert_eq!(req.account, "444444444444");
        assert_eq!(
            req.principal_arn.as_deref(),
            Some("arn:aws:iam::444444444444:role/etl/data-pipeline")
        );
        assert_eq!(req.resources, vec!["arn:aws:s3:::bucket".to_string()]);
        let get = |k: &str| {
            req.context
                .get(&k.to_ascii_lowercase())
                .map(|v| v.join(","))
        };
        assert_eq!(get("aws:RequestedRegion").as_deref(), Some("us-west-2"));
        assert_eq!(get("aws:PrincipalType").as_deref(), Some("AssumedRole"));
        assert_eq!(get("aws:userid").as_deref(), Some("AROAEXAMPLE:alice"));
        assert_eq!(get("aws:ViaAWSService").as_deref(), Some("true"));
        assert_eq!(
            get("aws:CalledVia").as_deref(),
            Some("cloudformation.amazonaws.com")
        );
        assert_eq!(get("aws:MultiFactorAuthPresent").as_deref(), Some("false"));
        assert_eq!(get("aws:SourceIp"), None);
    }

    #[test]
    fn a_session_arn_maps_to_its_role_and_service_linked_roles_are_recognised() {
        assert_eq!(
            role_of_session("arn:aws:sts::123456789012:assumed-role/Admin/bob").as_deref(),
            Some("arn:aws:iam::123456789012:role/Admin")
        );
        assert!(is_service_linked(
            "arn:aws:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
        ));
        assert!(is_service_linked(
            "arn:aws:iam::1:role/AWSServiceRoleForECS"
        ));
        assert!(!is_service_linked("arn:aws:iam::1:role/Admin"));
    }

    const DELETE_OBJECT: &str = r#"{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole",
      "principalId":"AROAEXAMPLE:bob","arn":"arn:aws:sts::444444444444:assumed-role/app/bob",
      "accountId":"444444444444","sessionContext":{"sessionIssuer":{"type":"Role",
      "arn":"arn:aws:iam::444444444444:role/app"},"attributes":{"creationDate":"2026-11-15T09:30:00Z",
      "mfaAuthenticated":"false"}}},"eventTime":"2026-11-15T10:00:00Z","eventSource":"s3.amazonaws.com",
      "eventName":"DeleteObject","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","eventID":"e-2",
      "eventType":"AwsApiCall","recipientAccountId":"444444444444",
      "resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::payroll/2026.csv"},
      {"accountId":"444444444444","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::payroll"}]}"#;

    #[test]
    fn an_object_call_is_authorized_against_the_object_alone() {
        let req = parse_event(DELETE_OBJECT).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(req.action, "s3:DeleteObject");
        assert_eq!(
            req.resources,
            vec!["arn:aws:s3:::payroll/2026.csv".to_string()]
        );
        // A bucket call keeps its bucket.
        let bucket = parse_event(ASSUMED).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bucket.resources, vec!["arn:aws:s3:::bucket".to_string()]);
    }

    #[test]
    fn session_time_event_time_and_service_principal_keys_are_derived() {
        let req = parse_event(DELETE_OBJECT).unwrap_or_else(|e| panic!("{e}"));
        let get = |k: &str| {
            req.context
                .get(&k.to_ascii_lowercase())
                .map(|v| v.join(","))
        };
        assert_eq!(
            get("aws:TokenIssueTime").as_deref(),
            Some("2026-11-15T09:30:00Z")
        );
        assert_eq!(
            get("aws:CurrentTime").as_deref(),
            Some("2026-11-15T10:00:00Z")
        );
        assert_eq!(get("aws:EpochTime").as_deref(), Some("1794736800"));
        assert_eq!(get("aws:PrincipalIsAWSService").as_deref(), Some("false"));
        assert_eq!(get("aws:SourceIp").as_deref(), Some("203.0.113.7"));
        // Long-term credentials have no session, so no issue time.
        let user = r#"{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::444444444444:user/u",
          "accountId":"444444444444","userName":"u"},"eventSource":"ec2.amazonaws.com",
          "eventName":"DescribeInstances","eventTime":"2026-11-15T10:00:00Z"}"#;
        let req = parse_event(user).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(req.context.get("aws:tokenissuetime"), None);
    }

    #[test]
    fn access_denied_messages_name_the_guardrail_that_denied() {
        let denied = |message: &str| {
            let text = DELETE_OBJECT.replace(
                r#""eventID":"e-2","#,
                &format!(
                    r#""eventID":"e-2","errorCode":"AccessDenied","errorMessage":"{message}","#
                ),
            );
            parse_event(&text)
                .unwrap_or_else(|e| panic!("{e}"))
                .denied_by
        };
        assert_eq!(
            denied(
                "User: arn:aws:sts::444444444444:assumed-role/app/bob is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::payroll/2026.csv with an explicit deny in a service control policy"
            ),
            Some(Guardrail::ScpExplicitDeny)
        );
        assert_eq!(
            denied(
                "User: arn:aws:sts::444444444444:assumed-role/app/bob is not authorized to perform: s3:DeleteObject because no service control policy allows the s3:DeleteObject action"
            ),
            Some(Guardrail::ScpNoAllow)
        );
        assert_eq!(
            denied(
                "User: x is not authorized to perform: s3:DeleteObject on resource: y with an explicit deny in a resource control policy"
            ),
            Some(Guardrail::Rcp)
        );
        assert_eq!(denied("Access Denied"), None);
        assert_eq!(parse_event(DELETE_OBJECT).map(|r| r.denied_by), Ok(None));
    }

    #[test]
    fn events_without_an_action_are_malformed() {
        let err =
            parse_event(r#"{"eventSource":"s3.amazonaws.com","userIdentity":{"type":"Root"}}"#);
        assert_eq!(err, Err("the event has no eventName".to_string()));
        assert!(parse_event(r#"{"eventName": 5}"#).is_err());
    }
}
