//! The `Condition` element: operators, `...IfExists`, and the
//! `ForAnyValue:` / `ForAllValues:` set qualifiers.

use std::net::IpAddr;

use ipnet::IpNet;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::pattern::{Template, matches};
use super::request::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Numeric(Ordering),
    Date(Ordering),
    Bool,
    Binary,
    Ip,
    ArnLike,
    Null,
}

/// Numeric and date comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ordering {
    Equals,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qualifier {
    None,
    AnyValue,
    AllValues,
}

/// One `"Operator": {"key": values}` pair.
#[derive(Debug, Clone)]
pub struct Condition {
    kind: Kind,
    /// StringNotEquals, ArnNotLike, NotIpAddress, …: true when no value matches.
    negated: bool,
    if_exists: bool,
    qualifier: Qualifier,
    /// Lowercase, as context keys compare.
    key: String,
    /// As the policy spells it, for reports.
    written_key: String,
    values: Vec<Template>,
}

/// Compiles a `Condition` element into its (operator, key) pairs.
pub fn compile(element: &Value) -> Result<Vec<Condition>, String> {
    let Some(operators) = element.as_object() else {
        return Err("`Condition` must be an object".to_string());
    };
    let mut out = Vec::new();
    for (operator, keys) in operators {
        let (qualifier, base, if_exists) = parse_operator(operator)
            .map_err(|help| format!("unknown condition operator `{operator}`: {help}"))?;
        let (kind, negated) = operator_kind(base)
            .ok_or_else(|| format!("unknown condition operator `{operator}`"))?;
        let qualifier = match qualifier {
            Some("ForAnyValue") => Qualifier::AnyValue,
            Some(_) => Qualifier::AllValues,
            None => Qualifier::None,
        };
        let Some(keys) = keys.as_object() else {
            return Err(format!(
                "the `{operator}` operator must map condition keys to values"
            ));
        };
        for (key, values) in keys {
            let list: Vec<&Value> = match values {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            let values = list
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(Template::parse(s)),
                    Value::Bool(b) => Ok(Template::parse(&b.to_string())),
                    Value::Number(n) => Ok(Template::parse(&n.to_string())),
                    _ => Err(format!(
                        "the value of `{key}` must be a string, number or boolean"
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Condition {
                kind,
                negated,
                if_exists,
                qualifier,
                key: key.to_ascii_lowercase(),
                written_key: key.clone(),
                values,
            });
        }
    }
    Ok(out)
}

use Ordering::*;

/// Every condition operator, without the `ForAnyValue:`/`ForAllValues:`
/// qualifier or the `IfExists` suffix: what it compares, and whether it
/// holds when no value matches (StringNotEquals, ArnNotLike, NotIpAddress, …).
/// `validate` accepts these names and the evaluator gives them meaning.
const OPERATORS: [(&str, Kind, bool); 27] = [
    ("StringEquals", Kind::StringEquals, false),
    ("StringNotEquals", Kind::StringEquals, true),
    (
        "StringEqualsIgnoreCase",
        Kind::StringEqualsIgnoreCase,
        false,
    ),
    (
        "StringNotEqualsIgnoreCase",
        Kind::StringEqualsIgnoreCase,
        true,
    ),
    ("StringLike", Kind::StringLike, false),
    ("StringNotLike", Kind::StringLike, true),
    ("NumericEquals", Kind::Numeric(Equals), false),
    ("NumericNotEquals", Kind::Numeric(Equals), true),
    ("NumericLessThan", Kind::Numeric(LessThan), false),
    (
        "NumericLessThanEquals",
        Kind::Numeric(LessThanEquals),
        false,
    ),
    ("NumericGreaterThan", Kind::Numeric(GreaterThan), false),
    (
        "NumericGreaterThanEquals",
        Kind::Numeric(GreaterThanEquals),
        false,
    ),
    ("DateEquals", Kind::Date(Equals), false),
    ("DateNotEquals", Kind::Date(Equals), true),
    ("DateLessThan", Kind::Date(LessThan), false),
    ("DateLessThanEquals", Kind::Date(LessThanEquals), false),
    ("DateGreaterThan", Kind::Date(GreaterThan), false),
    (
        "DateGreaterThanEquals",
        Kind::Date(GreaterThanEquals),
        false,
    ),
    ("Bool", Kind::Bool, false),
    ("BinaryEquals", Kind::Binary, false),
    ("IpAddress", Kind::Ip, false),
    ("NotIpAddress", Kind::Ip, true),
    // IAM gives ArnEquals the same wildcard semantics as ArnLike.
    ("ArnEquals", Kind::ArnLike, false),
    ("ArnLike", Kind::ArnLike, false),
    ("ArnNotEquals", Kind::ArnLike, true),
    ("ArnNotLike", Kind::ArnLike, true),
    ("Null", Kind::Null, false),
];

fn operator_kind(base: &str) -> Option<(Kind, bool)> {
    OPERATORS
        .iter()
        .find(|(name, _, _)| *name == base)
        .map(|(_, kind, negated)| (*kind, *negated))
}

/// Splits `ForAnyValue:StringLikeIfExists` into its parts; the error is a hint.
pub fn parse_operator(name: &str) -> Result<(Option<&str>, &str, bool), String> {
    let (qualifier, rest) = match name.split_once(':') {
        Some((q @ ("ForAnyValue" | "ForAllValues"), rest)) => (Some(q), rest),
        Some((q, _)) => {
            return Err(format!(
                "`{q}` is not a set qualifier; use ForAnyValue: or ForAllValues:"
            ));
        }
        None => (None, name),
    };
    let (base, if_exists) = match rest.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (rest, false),
    };
    if operator_kind(base).is_some() && !(if_exists && base == "Null") {
        return Ok((qualifier, base, if_exists));
    }
    match crate::suggest::closest(base, OPERATORS.iter().map(|(name, _, _)| *name)) {
        Some(best) => Err(format!("did you mean `{best}`?")),
        None => Err("see the IAM condition operators".to_string()),
    }
}

impl Condition {
    /// The condition key, lowercase, as keys compare.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The condition key as the policy spells it.
    pub fn written_key(&self) -> &str {
        &self.written_key
    }

    /// Whether the request lacks the key: the condition is then decided by
    /// its operator's rule for a missing key, not by a value.
    pub fn key_absent(&self, ctx: &Context) -> bool {
        ctx.get(&self.key).is_none_or(<[String]>::is_empty)
    }

    /// Whether the condition holds for a request with these keys.
    pub fn holds(&self, ctx: &Context) -> bool {
        let present = ctx.get(&self.key).filter(|v| !v.is_empty());
        if self.kind == Kind::Null {
            // "true" asks for the key to be absent.
            let absent = present.is_none();
            return self.values.iter().any(|v| {
                v.resolve_text(ctx)
                    .is_some_and(|t| t.eq_ignore_ascii_case("true") == absent)
            });
        }
        let Some(request_values) = present else {
            return match self.qualifier {
                // ForAllValues over an empty set is vacuously true.
                Qualifier::AllValues => true,
                Qualifier::AnyValue => self.if_exists,
                Qualifier::None => self.if_exists || self.negated,
            };
        };
        let matches_one = |value: &str| -> bool {
            let hit = self
                .values
                .iter()
                .any(|v| self.value_matches(v, value, ctx));
            hit != self.negated
        };
        match self.qualifier {
            Qualifier::AllValues => request_values.iter().all(|v| matches_one(v)),
            Qualifier::AnyValue => request_values.iter().any(|v| matches_one(v)),
            // A negated operator on a multi-valued key holds when no
            // request value matches any policy value.
            Qualifier::None if self.negated => request_values.iter().all(|v| matches_one(v)),
            Qualifier::None => request_values.iter().any(|v| matches_one(v)),
        }
    }

    /// Whether one request value matches one policy value (before negation).
    fn value_matches(&self, policy: &Template, value: &str, ctx: &Context) -> bool {
        match self.kind {
            Kind::StringLike => policy
                .resolve_pattern(ctx)
                .is_some_and(|p| matches(&p, value, false)),
            Kind::ArnLike => policy
                .resolve_pattern(ctx)
                .is_some_and(|p| arn_like(&p, value)),
            kind => {
                let Some(expected) = policy.resolve_text(ctx) else {
                    return false;
                };
                match kind {
                    Kind::StringEquals | Kind::Binary => expected == value,
                    Kind::StringEqualsIgnoreCase => expected.eq_ignore_ascii_case(value),
                    Kind::Bool => expected.eq_ignore_ascii_case(value),
                    Kind::Numeric(order) => {
                        match (value.trim().parse::<f64>(), expected.trim().parse::<f64>()) {
                            (Ok(a), Ok(b)) => compare(order, a.partial_cmp(&b)),
                            _ => false,
                        }
                    }
                    Kind::Date(order) => match (parse_date(value), parse_date(&expected)) {
                        (Some(a), Some(b)) => compare(order, Some(a.cmp(&b))),
                        _ => false,
                    },
                    Kind::Ip => match (value.parse::<IpAddr>(), parse_net(&expected)) {
                        (Ok(ip), Some(net)) => net.contains(&ip),
                        _ => false,
                    },
                    Kind::StringLike | Kind::ArnLike | Kind::Null => false,
                }
            }
        }
    }
}

fn compare(order: Ordering, result: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering as O;
    matches!(
        (order, result),
        (Ordering::Equals, Some(O::Equal))
            | (Ordering::LessThan, Some(O::Less))
            | (Ordering::LessThanEquals, Some(O::Less | O::Equal))
            | (Ordering::GreaterThan, Some(O::Greater))
            | (Ordering::GreaterThanEquals, Some(O::Greater | O::Equal))
    )
}

/// Dates as IAM accepts them: ISO 8601 / RFC 3339, or epoch seconds.
fn parse_date(text: &str) -> Option<i128> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Some(i128::from(secs) * 1_000_000_000);
    }
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t.unix_timestamp_nanos());
    }
    // A bare date such as 2026-11-01 means its midnight, UTC.
    OffsetDateTime::parse(&format!("{text}T00:00:00Z"), &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp_nanos())
}

/// A CIDR block, or a single address.
fn parse_net(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>()
        .ok()
        .or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

/// ARN matching: the six colon-separated parts are matched one by one, so a
/// wildcard never spans a colon it should not.
fn arn_like(pattern: &[super::pattern::Token], value: &str) -> bool {
    use super::pattern::Token;
    let colon = Token::Char(':');
    let mut parts: Vec<&[Token]> = Vec::with_capacity(6);
    let mut rest = pattern;
    for _ in 0..5 {
        match rest.iter().position(|t| *t == colon) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + 1..];
            }
            // Only a lone `*` matches without the six parts.
            None => return pattern == [Token::Star],
        }
    }
    parts.push(rest);
    let values: Vec<&str> = value.splitn(6, ':').collect();
    values.len() == 6 && parts.iter().zip(values).all(|(p, v)| matches(p, v, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_parsing_knows_qualifiers_and_if_exists() {
        assert_eq!(
            parse_operator("ForAllValues:StringEqualsIfExists"),
            Ok((Some("ForAllValues"), "StringEquals", true))
        );
        assert!(parse_operator("NullIfExists").is_err());
        assert!(parse_operator("ForSome:StringEquals").is_err());
        assert_eq!(
            parse_operator("StringEqual").unwrap_err(),
            "did you mean `StringEquals`?"
        );
    }
}
