//! The services whose resources RCPs apply to. AWS adds services to RCPs
//! more often than orgguard is released, so the list that ships
//! (data/rcp-services.txt, each entry with its source) can be extended by
//! a layout: `rcp_services` under `[settings]` names the services AWS has
//! added since, and validate, lint and simulate all read the same list.

/// The service prefixes orgguard ships, lower case.
fn shipped() -> impl Iterator<Item = &'static str> {
    include_str!("../../data/rcp-services.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The services RCPs apply to, for one layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RcpServices {
    /// What `[settings] rcp_services` adds, lower case.
    added: Vec<String>,
}

impl RcpServices {
    /// The shipped list and the services a layout adds.
    pub fn adding<S: AsRef<str>>(added: impl IntoIterator<Item = S>) -> Self {
        RcpServices {
            added: added
                .into_iter()
                .map(|s| s.as_ref().to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether orgguard's own list has `service`, so a layout need not add it.
    pub fn ships(service: &str) -> bool {
        shipped().any(|s| s.eq_ignore_ascii_case(service))
    }

    /// Whether RCPs apply to the resources of `service` (a prefix such as
    /// `s3`, matched as AWS does, case-insensitively).
    pub fn supports(&self, service: &str) -> bool {
        Self::ships(service) || self.added.iter().any(|s| s.eq_ignore_ascii_case(service))
    }

    /// Every service, shipped first, for messages.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = shipped().collect();
        names.extend(self.added.iter().map(String::as_str));
        names
    }
}

/// Whether `text` has the form of a service prefix (`s3`,
/// `bedrock-agentcore`): lower-case letters, digits and hyphens.
pub fn is_service_prefix(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_adds_services_to_the_shipped_list() {
        let shipped = RcpServices::default();
        assert!(shipped.supports("s3") && shipped.supports("S3"));
        assert!(shipped.supports("signin") && shipped.supports("bedrock-agentcore"));
        assert!(!shipped.supports("ec2"));
        let added = RcpServices::adding(["Ec2"]);
        assert!(added.supports("ec2") && added.supports("s3"));
        assert_eq!(added.names().last(), Some(&"ec2"));
        assert!(RcpServices::ships("kms") && !RcpServices::ships("ec2"));
        assert!(is_service_prefix("bedrock-agentcore") && is_service_prefix("s3"));
        assert!(!is_service_prefix("S3") && !is_service_prefix("s3:") && !is_service_prefix(""));
    }
}
