//! JSON: lint's own document (lint.rs), and for every other report its own
//! serde shape, pretty-printed.

pub mod lint;
pub mod plan;
pub mod rules;
pub mod validate;

use std::io::{self, Write};

use serde::Serialize;

use super::Json;
use crate::audit::iam_users::IamUsersReport;
use crate::audit::inventory::Inventory;
use crate::render::Render;

/// `value` pretty-printed, with a final newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Reports whose JSON is their serde shape.
macro_rules! serde_shape {
    ($($report:ty),* $(,)?) => {$(
        impl Render<$report> for Json {
            fn render(&self, value: &$report, out: &mut dyn Write) -> io::Result<()> {
                pretty(value, out)
            }
        }
    )*};
}

serde_shape!(
    Inventory,
    IamUsersReport,
    crate::simulate::report::Report,
    crate::simulate::observed::ObservedReport,
    crate::access::check::CheckReport<'_>,
    crate::access::explain::Explanation,
);
