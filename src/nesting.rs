//! The bound on how deeply any input may nest, checked before text reaches
//! a recursive parser. The JSON, TOML and Cedar parsers orgguard uses
//! recurse once per level, so a file of 100,000 nested brackets would
//! overflow the stack and abort the process; a scan that only counts
//! brackets cannot. Real policies, layouts, Cedar files, snapshots, saved
//! plans and CloudTrail records nest a few dozen levels at most.

use std::ops::Range;

/// The words every refusal starts with, so a reader that only collects
/// messages can still tell this refusal from other damage.
pub const TOO_DEEP: &str = "nested deeper than";

/// The deepest nesting any input may have. serde_json stops at 128 on its
/// own; this is lower so every reader says the same thing at the same depth.
pub const MAX_NESTING: usize = 64;

/// The text's syntax, which decides what opens a level and what hides
/// brackets (strings, comments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON: `[` and `{`; strings in double quotes.
    Json,
    /// Cedar: `(`, `[` and `{`; strings in double quotes, `//` comments.
    Cedar,
}

/// Where the input went deeper than [`MAX_NESTING`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// The bracket that opened the level past the limit.
    pub span: Range<usize>,
    pub limit: usize,
}

impl TooDeep {
    pub fn message(&self) -> String {
        format!(
            "{TOO_DEEP} {} levels of brackets, the most orgguard reads",
            self.limit
        )
    }

    pub fn help(&self) -> &'static str {
        "no real policy, layout, snapshot or CloudTrail record nests this deep (docs/layout.md, \"Limits on input\"); check that this is the file you meant and that it is not damaged"
    }

    /// The error that stops a command reading file `name`.
    pub fn into_error(self, name: &str, text: &str) -> crate::error::Error {
        let (line, col) = self.line_col(text);
        crate::error::Error::Input {
            message: format!("{name}:{line}:{col}: {}", self.message()),
            src: miette::NamedSource::new(name, text.to_string()),
            span: (self.span.start, 1).into(),
            label: format!("level {} starts here", self.limit + 1),
            help: Some(self.help().to_string()),
        }
    }

    /// 1-based line and column of the offending bracket in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let before = &text.as_bytes()[..self.span.start.min(text.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        (line, col)
    }
}

/// Refuses text that nests deeper than [`MAX_NESTING`]. Unbalanced or
/// otherwise malformed text passes: the real parser reports that.
pub fn check(text: &str, syntax: Syntax) -> Result<(), TooDeep> {
    check_to(text, syntax, MAX_NESTING)
}

fn check_to(text: &str, syntax: Syntax, limit: usize) -> Result<(), TooDeep> {
    let bytes = text.as_bytes();
    // Text with no more opening brackets than the limit cannot nest past
    // it. Counting is one vectorised pass, several times cheaper than the
    // walk below, and almost every input (each CloudTrail record of a
    // trail) is answered by it.
    if opening_brackets(bytes, syntax == Syntax::Cedar) <= limit {
        return Ok(());
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            b'/' if syntax == Syntax::Cedar && bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'[' | b'{' => depth = open(depth, i, limit)?,
            b'(' if syntax == Syntax::Cedar => depth = open(depth, i, limit)?,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b')' if syntax == Syntax::Cedar => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// How many bytes open a level. Summed in byte-wide lanes over blocks of
/// 255 (no lane can overflow), which the compiler turns into vector code.
fn opening_brackets(bytes: &[u8], cedar: bool) -> usize {
    let paren = if cedar { b'(' } else { b'[' };
    bytes
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .map(|&b| u8::from(b == b'[') | u8::from(b == b'{') | u8::from(b == paren))
                .fold(0u8, u8::wrapping_add) as usize
        })
        .sum()
}

fn open(depth: usize, at: usize, limit: usize) -> Result<usize, TooDeep> {
    let depth = depth + 1;
    if depth > limit {
        return Err(TooDeep {
            span: at..at + 1,
            limit,
        });
    }
    Ok(depth)
}

/// The index of the closing quote of a string whose text starts at `i`
/// (or the end of the input when it is never closed).
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_input_passes_and_deep_input_is_refused_at_the_bracket() {
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert_eq!(check(&ok, Syntax::Json), Ok(()));
        let deep = format!(" {}", "[".repeat(100_000));
        let err = check(&deep, Syntax::Json).expect_err("too deep");
        assert_eq!(err.span, 65..66);
        assert_eq!(err.line_col(&deep), (1, 66));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let json = format!("{{\"a\": \"{}\\\"{}\"}}", "[".repeat(200), "{".repeat(200));
        assert_eq!(check(&json, Syntax::Json), Ok(()));
        let cedar = format!(
            "// {}\npermit(principal, action, resource);",
            "(".repeat(500)
        );
        assert_eq!(check(&cedar, Syntax::Cedar), Ok(()));
        let cedar = format!(
            "permit(principal, action, resource) when {{ {} }};",
            "(".repeat(100)
        );
        assert!(check(&cedar, Syntax::Cedar).is_err());
        // Parentheses are not JSON nesting.
        assert_eq!(check(&"(".repeat(1000), Syntax::Json), Ok(()));
    }

    #[test]
    fn many_brackets_side_by_side_are_not_depth() {
        // More opening brackets than the limit, none deeper than two.
        let wide = format!("[{}]", "[1],".repeat(500) + "[2]");
        assert_eq!(check(&wide, Syntax::Json), Ok(()));
        // Exactly at the limit passes, one more is refused.
        let at = format!(
            "{}{}",
            "{\"a\":".repeat(64),
            "1".to_string() + &"}".repeat(64)
        );
        assert_eq!(check(&at, Syntax::Json), Ok(()));
        let past = format!(
            "{}{}",
            "{\"a\":".repeat(65),
            "1".to_string() + &"}".repeat(65)
        );
        assert!(check(&past, Syntax::Json).is_err());
    }
}
