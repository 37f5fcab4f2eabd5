//! Statistics for advocacy reports: how many cases by status, by region of the missing person's
//! last residence, by year opened and by the outcome of their referrals, as a CSV file a
//! spreadsheet opens. Counts only: no names, numbers or notes leave the vault this way.

use std::collections::BTreeMap;

use crate::i18n::labels::Labelled;
use std::path::Path;

use super::ExportError;
use super::output::write_file_atomically;
use crate::model::{CASE_KIND, Case, CaseStatus, Role};
use crate::tr;
use crate::vault::{RecordId, Vault};

/// One row: which breakdown, the value's stable key, its label in the interface language, and
/// the number of cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub dimension: &'static str,
    pub key: String,
    pub label: String,
    pub cases: usize,
}

/// The rows for `cases`, each breakdown sorted by key (statuses in their workflow order).
pub fn rows(cases: &[Case]) -> Vec<Row> {
    let mut rows = Vec::new();
    for status in CaseStatus::ALL {
        let cases = cases.iter().filter(|c| c.status == status).count();
        rows.push(Row {
            dimension: "status",
            key: status.key().to_string(),
            label: status.label(),
            cases,
        });
    }
    rows.extend(counted("region", cases.iter().map(region)));
    rows.extend(counted("year_opened", cases.iter().map(year_opened)));
    rows.extend(counted(
        "referral_outcome",
        cases.iter().map(referral_outcome),
    ));
    rows
}

/// Counts `(key, label)` pairs into rows of one dimension.
fn counted(dimension: &'static str, values: impl Iterator<Item = (String, String)>) -> Vec<Row> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (key, label) in values {
        counts.entry(key).or_insert((label, 0)).1 += 1;
    }
    counts
        .into_iter()
        .map(|(key, (label, cases))| Row {
            dimension,
            key,
            label,
            cases,
        })
        .collect()
}

/// The prefecture (or, failing that, the country) of the missing person's last residence.
fn region(case: &Case) -> (String, String) {
    let place = case
        .people
        .iter()
        .find(|p| p.has_role(Role::MissingPerson))
        .map(|p| &p.last_residence);
    let named = place.and_then(|place| {
        [&place.prefecture, &place.country]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
    });
    match named {
        Some(name) => (name.to_string(), name.to_string()),
        None => ("unknown".into(), tr!("stats-unknown")),
    }
}

fn year_opened(case: &Case) -> (String, String) {
    match case
        .opened_at
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
    {
        Some(year) => (year.to_string(), year.to_string()),
        None => ("unknown".into(), tr!("stats-unknown")),
    }
}

/// The answer to the latest referral that got one; or that referrals await an answer; or that
/// none was sent.
fn referral_outcome(case: &Case) -> (String, String) {
    let answered = case
        .referrals
        .iter()
        .filter_map(|r| r.response.as_ref())
        .max_by_key(|response| response.date.bounds().map(|(first, _)| first));
    match answered {
        Some(response) => (response.kind.message_id(), response.kind.label()),
        None if case.referrals.is_empty() => ("not_referred".into(), tr!("stats-not-referred")),
        None => ("awaiting_response".into(), tr!("stats-awaiting-response")),
    }
}

/// Writes the statistics of every case of `vault` as CSV into `path` (atomically); returns the
/// number of cases counted. One function for the window and the command line.
pub fn write_csv(vault: &Vault, path: &Path) -> Result<usize, ExportError> {
    let ids: Vec<RecordId> = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .map(|(id, _)| *id)
        .collect();
    let cases = ids
        .iter()
        .map(|id| vault.get_record(id))
        .collect::<Result<Vec<Case>, _>>()?;
    let csv = to_csv(&rows(&cases));
    write_file_atomically(path, |sink| {
        sink.write_all(csv.as_bytes())
            .map_err(|err| super::output::write_error(path, &err))
    })?;
    Ok(cases.len())
}

/// The rows as CSV (RFC 4180, with a header line).
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from("dimension,key,label,cases\r\n");
    for row in rows {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            row.dimension,
            csv_field(&row.key),
            csv_field(&row.label),
            row.cases
        ));
    }
    out
}

/// Quotes a field when needed, and defuses text a spreadsheet would run as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_case;

    #[test]
    fn every_case_is_counted_once_in_each_breakdown() {
        let cases: Vec<Case> = (0..30).map(demo_case).collect();
        let rows = rows(&cases);
        for dimension in ["status", "region", "year_opened", "referral_outcome"] {
            let total: usize = rows
                .iter()
                .filter(|r| r.dimension == dimension)
                .map(|r| r.cases)
                .sum();
            assert_eq!(total, 30, "{dimension}");
        }
        let years: Vec<&str> = rows
            .iter()
            .filter(|r| r.dimension == "year_opened")
            .map(|r| r.key.as_str())
            .collect();
        assert_eq!(years, ["2024", "2025", "2026"]);
    }

    #[test]
    fn csv_quotes_commas_and_defuses_formulas() {
        let rows = [Row {
            dimension: "region",
            key: "=HYPERLINK(\"x\")".into(),
            label: "Ili, Kazakh Autonomous Prefecture".into(),
            cases: 3,
        }];
        assert_eq!(
            to_csv(&rows),
            "dimension,key,label,cases\r\nregion,\"'=HYPERLINK(\"\"x\"\")\",\"Ili, Kazakh Autonomous Prefecture\",3\r\n"
        );
    }
}
