//! IAM-style wildcards: `*` matches any run of characters, `?` exactly one.

/// Whether `pattern` matches all of `text`. IAM compares action names
/// case-insensitively and ARNs case-sensitively, hence the flag.
pub fn matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let eq = |a: char, b: char| {
        if ignore_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    // Where the last `*` was and which text position it has swallowed up to,
    // so a mismatch can backtrack by letting that `*` take one more char.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], t[ti]))) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn stars_and_question_marks() {
        assert!(matches("kms:Put*", "kms:PutKeyPolicy", false));
        assert!(matches("KMS:put*", "kms:PutKeyPolicy", true));
        assert!(!matches("KMS:put*", "kms:PutKeyPolicy", false));
        assert!(matches("*", "", false));
        assert!(matches("a*b*c", "axxbyyc", false));
        assert!(!matches("a*b*c", "axxbyy", false));
        assert!(matches(
            "arn:aws:iam::?????????????:role/*",
            "arn:aws:iam::1234567890123:role/x",
            false
        ));
        assert!(!matches("s3:Get", "s3:GetObject", true));
    }
}
