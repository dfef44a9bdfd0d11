//! "Did you mean" suggestions for misspelled names.

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("scsp", ["scps", "tags", "path"]), Some("scps"));
        assert_eq!(
            closest("deny-root-usr", ["deny-root-user"]),
            Some("deny-root-user")
        );
        assert_eq!(closest("zzz", ["scps", "tags"]), None);
    }
}
