//! OU paths such as `Foundational/Workloads/Production`.

/// Checks the shape of an OU path; the error says what is wrong.
pub fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() || path == "/" {
        return Err(
            "an OU path cannot be empty or \"/\" (that is the root, in [root])".to_string(),
        );
    }
    if path.starts_with('/') || path.ends_with('/') {
        return Err(format!("OU path `{path}` must not start or end with \"/\""));
    }
    for segment in path.split('/') {
        if segment.is_empty() {
            return Err(format!(
                "OU path `{path}` has an empty name between two \"/\""
            ));
        }
        if segment.trim() != segment {
            return Err(format!("OU name `{segment}` starts or ends with a space"));
        }
        if segment.chars().count() > 128 {
            return Err(format!("OU name `{segment}` is longer than 128 characters"));
        }
    }
    Ok(())
}

/// The parent path of an OU path; `None` for a top-level OU.
pub fn parent(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(p, _)| p)
}

/// The OU's own name: the last segment.
pub fn name(path: &str) -> &str {
    path.rsplit_once('/').map(|(_, n)| n).unwrap_or(path)
}
