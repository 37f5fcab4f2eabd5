//! The case view: a header with the case number, the save indicator and the way back, then one
//! tab per part of the case. Tabs edit the in-memory draft; the session autosaves it.

mod documents;
mod events;
mod export;
mod files;
mod notes;
mod overview;
mod people;
mod referrals;
mod relationships;
mod viewer;

use egui::Ui;

use super::commands::Command;
use super::export::ExportState;
use super::scans::Scans;
use super::session::{CaseEditor, SaveState};
use crate::model::{Day, FixAt, PersonId};
use crate::tr;

/// The parts of a case, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Overview,
    People,
    Relationships,
    Documents,
    Timeline,
    Referrals,
    Notes,
    Custody,
    Export,
}

impl Tab {
    const ALL: [Tab; 9] = [
        Tab::Overview,
        Tab::People,
        Tab::Relationships,
        Tab::Documents,
        Tab::Timeline,
        Tab::Referrals,
        Tab::Notes,
        Tab::Custody,
        Tab::Export,
    ];

    fn label(self) -> String {
        match self {
            Tab::Overview => tr!("tab-overview"),
            Tab::People => tr!("tab-people"),
            Tab::Relationships => tr!("tab-relationships"),
            Tab::Documents => tr!("tab-documents"),
            Tab::Timeline => tr!("tab-timeline"),
            Tab::Referrals => tr!("tab-referrals"),
            Tab::Notes => tr!("tab-notes"),
            Tab::Custody => tr!("tab-custody"),
            Tab::Export => tr!("tab-export"),
        }
    }
}

/// What the case view remembers between frames (which tab, which person is selected).
#[derive(Default)]
pub struct ViewState {
    pub tab: Tab,
    pub person: Option<PersonId>,
    pub document: Option<crate::model::DocumentId>,
    pub status_reason: String,
    /// A status chosen but not yet confirmed with its reason.
    pub pending_status: Option<crate::model::CaseStatus>,
    pub new_note: String,
    /// The scan viewer, when open (on the documents tab).
    pub viewer: Option<viewer::Viewer>,
}

impl ViewState {
    /// Follows a readiness item's "fix" button.
    pub fn go_to(&mut self, place: FixAt) {
        match place {
            FixAt::People => self.tab = Tab::People,
            FixAt::Person(id) => {
                self.tab = Tab::People;
                self.person = Some(id);
            }
            FixAt::Documents => self.tab = Tab::Documents,
            FixAt::Relationships => self.tab = Tab::Relationships,
            FixAt::Overview => self.tab = Tab::Overview,
        }
    }
}

/// The facts every tab may need.
pub struct Context<'a> {
    pub user: &'a str,
    /// The bureau's name from the settings (the export's cover).
    pub bureau: &'a str,
    pub today: Day,
}

/// Draws the open case.
pub fn case_view(
    ui: &mut Ui,
    editor: &mut CaseEditor,
    view: &mut ViewState,
    context: &Context<'_>,
    scans: &mut Scans,
    export: &mut ExportState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let busy = scans.import.is_some() || export.running.is_some();
        let back = ui.add_enabled(!busy, egui::Button::new(tr!("case-back")));
        if back
            .on_disabled_hover_text(tr!("case-back-while-importing"))
            .clicked()
        {
            commands.push(Command::CloseCase);
        }
        ui.heading(&editor.draft.number);
        ui.with_layout(
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| match &editor.save_state {
                SaveState::Saved => {
                    ui.label(tr!("save-saved"));
                }
                SaveState::Pending => {
                    ui.label(tr!("save-pending"));
                }
                SaveState::Failed(message) => {
                    if ui.button(tr!("save-retry")).clicked() {
                        commands.push(Command::RetrySave);
                    }
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        tr!("save-failed", reason = message.clone()),
                    );
                }
            },
        );
    });
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL {
            ui.selectable_value(&mut view.tab, tab, tab.label());
        }
    });
    ui.separator();
    let case = &mut editor.draft;
    if view.tab == Tab::Documents
        && let Some(open) = view.viewer.as_mut()
    {
        if !viewer::show(ui, open, case, scans, context) {
            view.document = Some(open.document);
            view.viewer = None;
        }
        return commands;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match view.tab {
            Tab::Overview => overview::show(ui, case, view, context),
            Tab::People => people::show(ui, case, view),
            Tab::Relationships => relationships::show(ui, case, context),
            Tab::Documents => documents::show(ui, case, view, context, scans, &mut commands),
            Tab::Timeline => events::show(ui, case),
            Tab::Referrals => referrals::show(ui, case, context),
            Tab::Notes => notes::show(ui, case, view, context),
            Tab::Custody => notes::custody(ui, case),
            Tab::Export => export::show(ui, case, view, export, context.bureau, &mut commands),
        });
    commands
}

/// A row of selectable items (people, documents) with an "add" button. Returns the index of the
/// selected item — the first one when none was chosen yet — after adding a new one if asked.
pub fn choose_item<T, Id: Copy + PartialEq>(
    ui: &mut Ui,
    items: &mut Vec<T>,
    labels: Vec<String>,
    selected: &mut Option<Id>,
    id_of: impl Fn(&T) -> Id,
    add_label: &str,
    new_item: impl FnOnce() -> T,
) -> Option<usize> {
    ui.horizontal_wrapped(|ui| {
        for (item, label) in items.iter().zip(labels) {
            let id = id_of(item);
            if ui.selectable_label(*selected == Some(id), label).clicked() {
                *selected = Some(id);
            }
        }
        if ui.button(add_label).clicked() {
            let item = new_item();
            *selected = Some(id_of(&item));
            items.push(item);
        }
    });
    ui.separator();
    if selected.is_none() {
        *selected = items.first().map(&id_of);
    }
    selected.and_then(|id| items.iter().position(|item| id_of(item) == id))
}

/// A small "remove" button; returns true when clicked.
pub fn remove_button(ui: &mut Ui) -> bool {
    ui.small_button(tr!("remove")).clicked()
}
