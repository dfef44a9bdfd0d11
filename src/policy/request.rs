//! A request as SCPs and RCPs see it: who, which action, on what, whose
//! resource, where, and the condition keys the call carried.

use std::borrow::Cow;

use serde::Serialize;

/// Condition keys of one request. Keys compare without case, as in IAM;
/// a request carries a dozen keys, so a list beats a map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(Cow<'static, str>, Values)>,
}

/// A key's values. Almost every key has one, kept without a list of its
/// own: a request per CloudTrail event sets a dozen keys.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Values {
    One(String),
    Many(Vec<String>),
}

impl Values {
    fn as_slice(&self) -> &[String] {
        match self {
            Values::One(v) => std::slice::from_ref(v),
            Values::Many(v) => v,
        }
    }
}

/// The global keys every recorded call sets, lowercase: one request per
/// CloudTrail event sets a dozen of them, and a key found here costs no
/// allocation.
const KNOWN_KEYS: &[&str] = &[
    "aws:calledvia",
    "aws:calledviafirst",
    "aws:calledvialast",
    "aws:currenttime",
    "aws:epochtime",
    "aws:multifactorauthpresent",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalisawsservice",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalservicename",
    "aws:principaltype",
    "aws:requestedregion",
    "aws:securetransport",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:tokenissuetime",
    "aws:viaawsservice",
    "aws:userid",
    "aws:username",
];

fn lowercase_key(key: &str) -> Cow<'static, str> {
    match KNOWN_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(key.to_ascii_lowercase()),
    }
}

impl Context {
    /// An empty context with room for the keys a recorded call sets.
    pub fn for_call() -> Self {
        Context {
            entries: Vec::with_capacity(20),
        }
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.put(key, Values::One(value.into()));
    }

    pub fn set_all(&mut self, key: &str, values: Vec<String>) {
        self.put(key, Values::Many(values));
    }

    fn put(&mut self, key: &str, values: Values) {
        let key = lowercase_key(key);
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = values,
            None => self.entries.push((key, values)),
        }
    }

    /// The values of a key; `key` must already be lowercase.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_slice())
    }
}

/// What kind of identity made the call (CloudTrail's `userIdentity.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PrincipalKind {
    Root,
    IamUser,
    AssumedRole,
    FederatedUser,
    /// A call AWS made itself, or a service acting for the account.
    AwsService,
    /// A cross-account call as the resource owner's trail records it.
    AwsAccount,
    /// Identity Center, SAML and web-identity callers before they hold an
    /// IAM session, and anything CloudTrail leaves unnamed.
    External,
}

/// Where an event came from, for examples in the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    pub event_id: String,
    pub event_time: String,
    pub event_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The account of the calling principal: the SCPs of its OU path apply.
    pub account: String,
    /// The account that owns the resource (CloudTrail's resources[].accountId,
    /// else the recipient account): the RCPs of its OU path apply.
    pub resource_account: Option<String>,
    /// `service:Action`, as IAM names it.
    pub action: String,
    pub region: String,
    pub principal_kind: PrincipalKind,
    /// The IAM ARN of the principal (an assumed-role session maps to its
    /// role), when CloudTrail names one.
    pub principal_arn: Option<String>,
    pub service_linked: bool,
    /// ARNs CloudTrail lists for the call; empty when it lists none.
    pub resources: Vec<String>,
    pub context: Context,
    pub origin: Origin,
    /// Events that are not calls a principal made (console sign-in, AWS
    /// service events): SCPs never see them.
    pub not_a_call: bool,
    /// The organization guardrail that denied the call, as CloudTrail's
    /// error message says, when one did.
    pub denied_by: Option<Guardrail>,
}

/// Which kind of organization policy denied a recorded call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Guardrail {
    /// "… with an explicit deny in a service control policy"
    ScpExplicitDeny,
    /// "… because no service control policy allows …"
    ScpNoAllow,
    /// "… in a resource control policy"
    Rcp,
}

impl Guardrail {
    /// The guardrail an AccessDenied message names, if any.
    pub fn of_message(message: &str) -> Option<Self> {
        if message.contains("resource control policy") {
            Some(Guardrail::Rcp)
        } else if message.contains("no service control policy allows") {
            Some(Guardrail::ScpNoAllow)
        } else if message.contains("service control policy") {
            Some(Guardrail::ScpExplicitDeny)
        } else {
            None
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Guardrail::ScpExplicitDeny => "explicit deny in an SCP",
            Guardrail::ScpNoAllow => "no SCP allows it",
            Guardrail::Rcp => "denied by an RCP",
        }
    }
}

impl Request {
    /// A request with just what the evaluator needs, for tests and tools.
    pub fn new(account: &str, action: &str, principal_arn: &str) -> Self {
        let mut context = Context::default();
        context.set("aws:PrincipalArn", principal_arn);
        context.set("aws:PrincipalAccount", account);
        Request {
            account: account.to_string(),
            resource_account: Some(account.to_string()),
            action: action.to_string(),
            region: String::new(),
            principal_kind: PrincipalKind::AssumedRole,
            principal_arn: Some(principal_arn.to_string()),
            service_linked: false,
            resources: Vec::new(),
            context,
            origin: Origin::default(),
            not_a_call: false,
            denied_by: None,
        }
    }

    /// The same request against a resource of another account.
    pub fn on_resource_of(mut self, account: &str) -> Self {
        self.resource_account = Some(account.to_string());
        self
    }

    /// Who made the call, as reports name it: the IAM ARN, the service
    /// principal, or the calling account of a cross-account record.
    pub fn principal_label(&self) -> String {
        if let Some(arn) = &self.principal_arn {
            return arn.clone();
        }
        match self.principal_kind {
            PrincipalKind::AwsService => self
                .context
                .get("aws:principalservicename")
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_else(|| "(an AWS service)".to_string()),
            PrincipalKind::AwsAccount => format!("(a principal of account {})", self.account),
            _ => "(unnamed)".to_string(),
        }
    }

    pub fn in_region(mut self, region: &str) -> Self {
        self.region = region.to_string();
        self.context.set("aws:RequestedRegion", region);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_without_case_known_or_not() {
        let mut c = Context::default();
        c.set("aws:SourceIp", "10.0.0.1");
        c.set("AWS:SOURCEIP", "10.0.0.2");
        c.set("s3:Prefix", "home/");
        assert_eq!(c.get("aws:sourceip"), Some(&["10.0.0.2".to_string()][..]));
        assert_eq!(c.get("s3:prefix"), Some(&["home/".to_string()][..]));
        assert_eq!(c.get("s3:delimiter"), None);
    }
}
