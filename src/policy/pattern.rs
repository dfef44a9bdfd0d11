//! Policy strings: `*`/`?` wildcards and policy variables such as
//! `${aws:PrincipalAccount}`, resolved against one request.

use std::borrow::Cow;

use super::request::Context;

/// One piece of a policy string as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text where `*` and `?` are wildcards (in the operators that allow them).
    Text(String),
    /// `${key}` or `${key, 'default'}`.
    Var {
        key: String,
        default: Option<String>,
    },
    /// `${*}`, `${?}`, `${$}`: a literal character.
    Escape(char),
}

/// A policy value, parsed once when the policy is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
    /// The text when it holds no variable: the common, fast case.
    plain: Option<String>,
    /// Its wildcard tokens, likewise.
    plain_tokens: Option<Vec<Token>>,
    /// Whether a variable stands before the fifth colon, in the partition,
    /// service, region or account of an ARN.
    variable_in_arn_head: bool,
}

/// A resolved value: the text, and which of its characters are wildcards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Char(char),
    Star,
    One,
}

impl Template {
    pub fn parse(text: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            let Some(len) = rest[start + 2..].find('}') else {
                break;
            };
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let inner = rest[start + 2..start + 2 + len].trim();
            parts.push(match inner {
                "*" => Part::Escape('*'),
                "?" => Part::Escape('?'),
                "$" => Part::Escape('$'),
                _ => match inner.split_once(',') {
                    Some((key, default)) => Part::Var {
                        key: key.trim().to_ascii_lowercase(),
                        default: Some(default.trim().trim_matches('\'').to_string()),
                    },
                    None => Part::Var {
                        key: inner.to_ascii_lowercase(),
                        default: None,
                    },
                },
            });
            rest = &rest[start + 3 + len..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        let plain = match parts.as_slice() {
            [] => Some(String::new()),
            [Part::Text(t)] => Some(t.clone()),
            _ => None,
        };
        let plain_tokens = plain.as_deref().map(|t| t.chars().map(wildcard).collect());
        let mut colons = 0;
        let mut variable_in_arn_head = false;
        for part in &parts {
            match part {
                Part::Text(t) => colons += t.matches(':').count(),
                Part::Var { .. } if colons < 5 => variable_in_arn_head = true,
                _ => {}
            }
        }
        Template {
            parts,
            plain,
            plain_tokens,
            variable_in_arn_head,
        }
    }

    /// IAM substitutes policy variables in a `Resource` ARN only in its
    /// resource part, after the fifth colon; an ARN with one elsewhere
    /// matches nothing.
    pub fn variable_in_arn_head(&self) -> bool {
        self.variable_in_arn_head
    }

    /// Whether the value is a lone `*`, which matches even an unknown value.
    pub fn is_any(&self) -> bool {
        self.plain.as_deref() == Some("*")
    }

    /// The value with variables filled in, wildcards kept as written;
    /// `None` when a variable is missing from the request (the value then
    /// matches nothing, as in IAM).
    pub fn resolve_text(&self, ctx: &Context) -> Option<Cow<'_, str>> {
        if let Some(plain) = &self.plain {
            return Some(Cow::Borrowed(plain));
        }
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Escape(c) => out.push(*c),
                Part::Var { key, default } => out.push_str(variable(ctx, key, default.as_deref())?),
            }
        }
        Some(Cow::Owned(out))
    }

    /// The value as wildcard tokens: `*` and `?` written in the policy are
    /// wildcards, those that come from a variable or an escape are not.
    pub fn resolve_pattern(&self, ctx: &Context) -> Option<Cow<'_, [Token]>> {
        if let Some(tokens) = &self.plain_tokens {
            return Some(Cow::Borrowed(tokens));
        }
        let mut out = Vec::new();
        let literal = |out: &mut Vec<Token>, text: &str| out.extend(text.chars().map(Token::Char));
        for part in &self.parts {
            match part {
                Part::Text(t) => out.extend(t.chars().map(wildcard)),
                Part::Escape(c) => out.push(Token::Char(*c)),
                Part::Var { key, default } => {
                    literal(&mut out, variable(ctx, key, default.as_deref())?)
                }
            }
        }
        Some(Cow::Owned(out))
    }
}

fn wildcard(c: char) -> Token {
    match c {
        '*' => Token::Star,
        '?' => Token::One,
        c => Token::Char(c),
    }
}

fn variable<'c>(ctx: &'c Context, key: &str, default: Option<&'c str>) -> Option<&'c str> {
    match ctx.get(key) {
        // A multi-valued key cannot stand in a single string.
        Some([single]) => Some(single.as_str()),
        _ => default,
    }
}

/// Matches `text` against wildcard tokens; `fold` compares without case.
pub fn matches(pattern: &[Token], text: &str, fold: bool) -> bool {
    // ARNs and action names are ASCII: index the bytes, no allocation.
    if text.is_ascii() {
        let bytes = text.as_bytes();
        glob(
            pattern.len(),
            |i| pattern[i],
            bytes.len(),
            |i| char::from(bytes[i]),
            fold,
        )
    } else {
        let chars: Vec<char> = text.chars().collect();
        glob(
            pattern.len(),
            |i| pattern[i],
            chars.len(),
            |i| chars[i],
            fold,
        )
    }
}

/// Matches `text` against a policy string as [`compile_glob`] reads it,
/// without compiling it: checks that ask one action of every statement
/// of tens of thousands of documents (key policies) would otherwise
/// allocate per pattern.
pub fn matches_glob(pattern: &str, text: &str, fold: bool) -> bool {
    // Only a variable or escape makes the tokens differ from the characters.
    if pattern.contains("${") || !pattern.is_ascii() || !text.is_ascii() {
        return matches(&compile_glob(pattern), text, fold);
    }
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    glob(
        p.len(),
        |i| wildcard(char::from(p[i])),
        t.len(),
        |i| char::from(t[i]),
        fold,
    )
}

/// Iterative glob matching with a single backtrack point: linear in
/// practice, never exponential.
fn glob(
    plen: usize,
    pattern: impl Fn(usize) -> Token,
    len: usize,
    at: impl Fn(usize) -> char,
    fold: bool,
) -> bool {
    let eq = |p: char, t: char| {
        if fold {
            p.eq_ignore_ascii_case(&t)
        } else {
            p == t
        }
    };
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < len {
        match (p < plen).then(|| pattern(p)) {
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Token::One) => {
                p += 1;
                t += 1;
            }
            Some(Token::Char(c)) if eq(c, at(t)) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    (p.min(plen)..plen).all(|i| pattern(i) == Token::Star)
}

/// Compiles a string where only `*` and `?` are special: waiver and
/// severity-rule patterns, catalog lookups.
pub fn wildcards(text: &str) -> Vec<Token> {
    text.chars().map(wildcard).collect()
}

/// Whether `text` holds a `*` or `?` wildcard.
pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// Compiles a plain wildcard string (actions, which have no variables).
pub fn compile_glob(text: &str) -> Vec<Token> {
    Template::parse(text)
        .parts
        .iter()
        .flat_map(|p| match p {
            Part::Text(t) => t.chars().map(wildcard).collect::<Vec<_>>(),
            Part::Escape(c) => vec![Token::Char(*c)],
            Part::Var { .. } => vec![Token::Star],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        let mut c = Context::default();
        c.set("aws:PrincipalAccount", "444444444444");
        c
    }

    #[test]
    fn wildcards_match_and_backtrack() {
        assert!(matches(&compile_glob("s3:Get*"), "s3:GetObject", false));
        assert!(!matches(&compile_glob("s3:Get*"), "s3:PutObject", false));
        assert!(matches(
            &compile_glob("*:role/*-admin"),
            "arn:aws:iam::1:role/x-admin-admin",
            false
        ));
        assert!(matches(&compile_glob("a?c"), "abc", false));
        assert!(!matches(&compile_glob("a?c"), "ac", false));
        assert!(matches(&compile_glob("S3:GETOBJECT"), "s3:GetObject", true));
        assert!(!matches(
            &compile_glob("S3:GETOBJECT"),
            "s3:GetObject",
            false
        ));
    }

    #[test]
    fn uncompiled_patterns_match_as_compiled_ones() {
        let patterns = [
            "kms:*",
            "KMS:Put*",
            "*",
            "kms:PutKeyPolicy",
            "kms:Put?eyPolicy",
            "",
            "k*s:*y",
            "kms:${*}",
            "kms:${aws:x}",
            "kms:Put*Policy*",
        ];
        let texts = ["kms:PutKeyPolicy", "kms:*", "", "kms:Put", "ké:x"];
        for p in patterns {
            for t in texts {
                for fold in [false, true] {
                    assert_eq!(
                        matches_glob(p, t, fold),
                        matches(&compile_glob(p), t, fold),
                        "{p} {t} {fold}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_wildcards_match_empty_text_and_several_stars() {
        assert!(matches(&wildcards("*"), "", false));
        assert!(matches(&wildcards("a*b*c"), "axxbyyc", false));
        assert!(!matches(&wildcards("a*b*c"), "axxbyy", false));
        assert!(matches(
            &wildcards("arn:aws:iam::?????????????:role/*"),
            "arn:aws:iam::1234567890123:role/x",
            false
        ));
        assert!(!matches(&wildcards("s3:Get"), "s3:GetObject", true));
        // `${...}` is text here, not a policy variable.
        assert!(matches(&wildcards("${x}"), "${x}", false));
        assert!(has_wildcard("kms:Put*") && has_wildcard("a?") && !has_wildcard("s3:x"));
    }

    #[test]
    fn variables_resolve_and_escapes_are_literal() {
        let t = Template::parse("arn:aws:iam::${aws:PrincipalAccount}:role/${*}");
        assert_eq!(
            t.resolve_text(&ctx()).as_deref(),
            Some("arn:aws:iam::444444444444:role/*")
        );
        let tokens = t.resolve_pattern(&ctx()).unwrap_or_default();
        assert!(matches(&tokens, "arn:aws:iam::444444444444:role/*", false));
        assert!(!matches(&tokens, "arn:aws:iam::444444444444:role/x", false));
        assert_eq!(
            Template::parse("${aws:username}").resolve_text(&ctx()),
            None
        );
        assert!(
            !Template::parse("arn:aws:s3:::${aws:PrincipalAccount}-logs").variable_in_arn_head()
        );
        assert!(
            Template::parse("arn:aws:iam::${aws:PrincipalAccount}:role/x").variable_in_arn_head()
        );
        assert!(!Template::parse("arn:aws:iam::*:role/${aws:username}").variable_in_arn_head());
        assert_eq!(
            Template::parse("${aws:username, 'nobody'}")
                .resolve_text(&ctx())
                .as_deref(),
            Some("nobody")
        );
    }
}
