//! Stable finding ids: a hash of the rule, the account, the resource (or
//! file) and the detail a rule gives to tell its findings on one resource
//! apart. Messages and line numbers stay out, so rewording a message or
//! editing a file above a finding keeps its id.

use sha2::{Digest, Sha256};

use crate::diagnostics::Finding;

/// Hex characters of an id: 64 bits, plenty for one organization's findings.
const LEN: usize = 16;

fn hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    // The first LEN hex characters are the first LEN / 2 bytes.
    hex::encode(&h.finalize()[..LEN / 2])
}

/// What tells each finding apart from its rule's others on one resource,
/// by the finding's index (see `Out::detail`).
pub type Details = foldhash::HashMap<usize, String>;

/// Sets the fingerprint of each of one rule's findings. `details` maps a
/// finding's index to its detail. Findings that would still share an id
/// (a rule that gives no detail) are told apart by their place in the
/// repository, else by their order.
pub fn assign(findings: &mut [Finding], details: &Details) {
    let base: Vec<String> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let s = &f.subject;
            hash(&[
                &f.code,
                s.account_id.as_deref().unwrap_or(""),
                s.resource.as_deref().or(s.file.as_deref()).unwrap_or(""),
                s.region.as_deref().unwrap_or(""),
                details.get(&i).map(String::as_str).unwrap_or(""),
            ])
        })
        .collect();
    let mut seen: foldhash::HashMap<&str, usize> = Default::default();
    for b in &base {
        *seen.entry(b.as_str()).or_default() += 1;
    }
    let mut nth: foldhash::HashMap<&str, usize> = Default::default();
    for (i, f) in findings.iter_mut().enumerate() {
        let b = base[i].as_str();
        f.fingerprint = Some(if seen[b] == 1 {
            b.to_string()
        } else {
            let n = nth.entry(b).or_default();
            *n += 1;
            let place = match (f.subject.line, f.subject.column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                _ => format!("#{n}"),
            };
            hash(&[b, &place])
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Severity, Subject};

    fn finding(code: &str, resource: &str, message: &str) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::High,
            message: message.into(),
            subject: Subject {
                resource: Some(resource.into()),
                account_id: Some("222222222222".into()),
                ..Subject::default()
            },
            help: String::new(),
            fingerprint: None,
        }
    }

    #[test]
    fn ids_ignore_the_message_and_tell_details_apart() {
        let mut a = vec![finding(
            "IAM005",
            "arn:aws:iam::2:user/u",
            "created 3 days ago",
        )];
        let mut b = vec![finding(
            "IAM005",
            "arn:aws:iam::2:user/u",
            "created 4 days ago",
        )];
        assign(&mut a, &Details::default());
        assign(&mut b, &Details::default());
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[0].fingerprint.as_deref().map(str::len), Some(16));

        let mut two = vec![
            finding("IAM005", "arn:aws:iam::2:user/u", "key 1"),
            finding("IAM005", "arn:aws:iam::2:user/u", "key 2"),
        ];
        let details = Details::from_iter([(0, "AKIA1".to_string()), (1, "AKIA2".to_string())]);
        assign(&mut two, &details);
        assert_ne!(two[0].fingerprint, two[1].fingerprint);
        let mut other = vec![finding("IAM004", "arn:aws:iam::2:user/u", "key 1")];
        assign(&mut other, &Details::default());
        assert_ne!(other[0].fingerprint, a[0].fingerprint);
    }
}
