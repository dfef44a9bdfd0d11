//! TOML text pieces with correct quoting: strings and keys are quoted by
//! the `toml` crate, so any name AWS allows reads back unchanged.

use std::collections::BTreeMap;

/// A TOML basic string, quoted and escaped.
pub fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A key: bare when TOML allows it, else quoted.
pub fn key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { text.to_string() } else { string(text) }
}

/// `["a", "b"]`.
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(string).collect();
    format!("[{}]", items.join(", "))
}

/// `{ key = "value", "other key" = "value" }`, or `{}`.
pub fn inline_table(map: &BTreeMap<String, String>) -> String {
    if map.is_empty() {
        return "{}".to_string();
    }
    let pairs: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{} = {}", key(k), string(v)))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}

/// `# text` for each line of `text`.
pub fn comment(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "#\n".to_string()
            } else {
                format!("# {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aws_allows_read_back_unchanged() {
        let tags = BTreeMap::from([
            (
                "cost center".to_string(),
                "a \"quoted\" \\ value".to_string(),
            ),
            ("team".to_string(), "é\ttab".to_string()),
            (String::new(), "empty key".to_string()),
        ]);
        let text = format!(
            "k = {}\nlist = {}\n{} = 1\n",
            inline_table(&tags),
            list(["x\ny", "ok"]),
            key("a.b c")
        );
        let value: toml::Table = toml::from_str(&text).expect(&text);
        let read: BTreeMap<String, String> = value["k"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        assert_eq!(read, tags);
        assert_eq!(value["list"][0].as_str(), Some("x\ny"));
        assert!(value.contains_key("a.b c"), "{text}");
    }
}
