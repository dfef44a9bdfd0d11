//! The plan as JSON. The schema is stable and documented in docs/plan.md;
//! `format_version` changes when a field changes meaning or disappears.

use std::io::{self, Write};

use serde::Serialize;

use crate::plan::change::Change;
use crate::plan::model::{Action, Plan, Summary, UnmanagedObject};
use crate::render::Render;
use crate::render::formats::Json;

pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    organization_id: &'a str,
    summary: Summary,
    changes: Vec<Step<'a>>,
    unmanaged: &'a [UnmanagedObject],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Step<'a> {
    step: usize,
    /// The resource, as `Change::address` names it.
    address: String,
    action: Action,
    title: String,
    #[serde(flatten)]
    change: &'a Change,
}

impl Render<Plan> for Json {
    fn render(&self, plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
        super::pretty(&document(plan), out)
    }
}

fn document(plan: &Plan) -> Document<'_> {
    Document {
        format_version: JSON_FORMAT_VERSION,
        organization_id: &plan.organization_id,
        summary: plan.summary(),
        changes: plan
            .changes
            .iter()
            .enumerate()
            .map(|(i, change)| Step {
                step: i + 1,
                address: change.address(),
                action: change.action(),
                title: change.describe(),
                change,
            })
            .collect(),
        unmanaged: &plan.unmanaged,
        warnings: &plan.warnings,
    }
}
