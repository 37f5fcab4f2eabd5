//! How a case is stored as a vault record: its record id, its list summary and the blobs its
//! files use. One place for the session, the demo and the command line.

use super::case::Case;
use super::ids::CaseId;
use super::summary::{CASE_KIND, CaseSummary};
use crate::vault::{ObjectId, RecordId, RecordWrite};

/// A case's vault record id.
pub fn record_id(case: CaseId) -> RecordId {
    RecordId(case.0)
}

/// The record write that stores `case`, with its summary and the objects its files use.
pub fn case_write(case: &Case) -> RecordWrite<'_, Case> {
    case_write_summarised(case, &CaseSummary::of(case))
}

/// The same, with the summary already made (the session keeps it for the case list).
pub fn case_write_summarised<'a>(case: &'a Case, summary: &CaseSummary) -> RecordWrite<'a, Case> {
    RecordWrite {
        id: record_id(case.id),
        kind: CASE_KIND,
        value: case,
        summary: Some(summary.to_stored()),
        blobs: case
            .file_objects()
            .into_iter()
            .filter_map(ObjectId::parse)
            .collect(),
    }
}
