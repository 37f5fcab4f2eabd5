//! The case list: search as you type over names in every script, case numbers and ID numbers;
//! filters by status and overdue follow-up; sortable columns; "New case". A virtualised table, so
//! 10,000 cases scroll smoothly; the filtered order is cached and recomputed only on change.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use super::commands::Command;
use super::labels::Labelled;
use super::session::CaseRow;
use crate::model::{CaseStatus, Day};
use crate::search::Query;
use crate::tr;

/// Columns the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Number,
    Status,
    Readiness,
    FollowUp,
}

/// What the user set in the list, and the cached result.
#[derive(Default)]
pub struct CaseListState {
    pub query: String,
    pub status: Option<CaseStatus>,
    pub overdue_only: bool,
    pub sort: SortBy,
    pub descending: bool,
    /// Indices into the rows, filtered and sorted; `None` when it must be recomputed.
    visible: Option<Vec<usize>>,
}

impl CaseListState {
    /// Forces the filtered order to be recomputed (after the rows changed).
    pub fn invalidate(&mut self) {
        self.visible = None;
    }

    /// The rows to show, in order.
    pub fn visible(&mut self, rows: &[CaseRow], today: Day) -> &[usize] {
        if self.visible.is_none() {
            let query = Query::new(&self.query);
            let status_key = self.status.map(CaseStatus::key);
            let mut indices: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, row)| status_key.is_none_or(|key| row.summary.status == key))
                .filter(|(_, row)| !self.overdue_only || row.summary.follow_up_overdue(today))
                .filter(|(_, row)| query.matches_text(&row.search_text))
                .map(|(i, _)| i)
                .collect();
            let status_rank = |row: &CaseRow| {
                CaseStatus::from_key(&row.summary.status).map_or(usize::MAX, |s| s as usize)
            };
            indices.sort_by(|&a, &b| {
                let (a, b) = (&rows[a], &rows[b]);
                let order = match self.sort {
                    SortBy::Number => a.summary.number.cmp(&b.summary.number),
                    SortBy::Status => status_rank(a).cmp(&status_rank(b)),
                    SortBy::Readiness => a.summary.readiness_met.cmp(&b.summary.readiness_met),
                    SortBy::FollowUp => a.summary.follow_up_due.cmp(&b.summary.follow_up_due),
                };
                order.then_with(|| a.summary.number.cmp(&b.summary.number))
            });
            if self.descending {
                indices.reverse();
            }
            self.visible = Some(indices);
        }
        self.visible.as_deref().unwrap_or_default()
    }
}

/// Draws the list; returns what the user asked for.
pub fn case_list(
    ui: &mut Ui,
    rows: &[CaseRow],
    state: &mut CaseListState,
    today: Day,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label(tr!("cases-search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text(tr!("cases-search-hint"))
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        if search.changed() {
            state.invalidate();
        }
        let status_label = ui.label(tr!("cases-filter-status"));
        let selected = state
            .status
            .map_or_else(|| tr!("cases-filter-all"), Labelled::label);
        egui::ComboBox::from_id_salt("status_filter")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_value(&mut state.status, None, tr!("cases-filter-all"))
                    .changed()
                {
                    state.invalidate();
                }
                for status in <CaseStatus as Labelled>::ALL {
                    if ui
                        .selectable_value(&mut state.status, Some(*status), status.label())
                        .changed()
                    {
                        state.invalidate();
                    }
                }
            })
            .response
            .labelled_by(status_label.id);
        if ui
            .checkbox(&mut state.overdue_only, tr!("cases-filter-overdue"))
            .changed()
        {
            state.invalidate();
        }
        if ui.button(tr!("cases-new")).clicked() {
            commands.push(Command::NewCase);
        }
    });
    ui.separator();

    if rows.is_empty() {
        ui.add_space(20.0);
        ui.label(egui::RichText::new(tr!("cases-empty")).size(18.0));
        ui.label(tr!("cases-empty-hint"));
        return commands;
    }
    let visible = state.visible(rows, today).to_vec();
    ui.label(tr!(
        "cases-count",
        shown = crate::i18n::num(visible.len()),
        total = crate::i18n::num(rows.len())
    ));
    let mut sort_clicked = None;
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::initial(150.0).resizable(true))
        .column(Column::initial(170.0).resizable(true))
        .column(Column::initial(210.0).resizable(true).clip(true))
        .column(Column::initial(190.0).resizable(true).clip(true))
        .column(Column::initial(70.0))
        .column(Column::remainder())
        .header(24.0, |mut header| {
            for (column, text) in [
                (Some(SortBy::Number), tr!("cases-column-number")),
                (Some(SortBy::Status), tr!("cases-column-status")),
                (None, tr!("cases-column-missing")),
                (None, tr!("cases-column-applicant")),
                (Some(SortBy::Readiness), tr!("cases-column-readiness")),
                (Some(SortBy::FollowUp), tr!("cases-column-follow-up")),
            ] {
                header.col(|ui| match column {
                    Some(sort) => {
                        let order = match (state.sort == sort, state.descending) {
                            (false, _) => String::new(),
                            (true, false) => format!(" {}", tr!("sort-ascending")),
                            (true, true) => format!(" {}", tr!("sort-descending")),
                        };
                        if ui.button(format!("{text}{order}")).clicked() {
                            sort_clicked = Some(sort);
                        }
                    }
                    None => {
                        ui.strong(text);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(24.0, visible.len(), |mut table_row| {
                let row = &rows[visible[table_row.index()]];
                let summary = &row.summary;
                table_row.col(|ui| {
                    if ui.link(&summary.number).clicked() {
                        commands.push(Command::OpenCase(row.id));
                    }
                });
                table_row.col(|ui| {
                    let status = CaseStatus::from_key(&summary.status)
                        .map_or_else(String::new, Labelled::label);
                    ui.label(status);
                });
                table_row.col(|ui| {
                    ui.add(egui::Label::new(&summary.missing_person).truncate());
                });
                table_row.col(|ui| {
                    ui.add(egui::Label::new(&summary.applicant).truncate());
                });
                table_row.col(|ui| {
                    ui.label(format!(
                        "{}/{}",
                        summary.readiness_met, summary.readiness_total
                    ));
                });
                table_row.col(|ui| {
                    if let Some(due) = summary.follow_up_due {
                        if summary.follow_up_overdue(today) {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                tr!("cases-overdue", date = due.to_string()),
                            );
                        } else {
                            ui.label(due.to_string());
                        }
                    }
                });
            });
        });
    if let Some(sort) = sort_clicked {
        if state.sort == sort {
            state.descending = !state.descending;
        } else {
            state.sort = sort;
            state.descending = false;
        }
        state.invalidate();
    }
    commands
}
