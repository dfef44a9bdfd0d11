//! SDK timestamps as the snapshot stores them.

use aws_smithy_types::date_time::Format;

/// RFC 3339 text of an SDK timestamp.
pub fn timestamp(dt: &aws_smithy_types::DateTime) -> String {
    dt.fmt(Format::DateTime).unwrap_or_default()
}
