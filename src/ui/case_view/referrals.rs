//! The referrals tab: requests sent to ministries, consulates or the UN on the family's behalf,
//! their responses, and when to follow up (overdue follow-ups show in the case list).

use egui::Ui;

use super::{Context, remove_button};
use crate::model::{
    Addressee, Case, FlexiDate, Referral, ReferralId, ReferralResponse, ResponseKind,
};
use crate::tr;
use crate::ui::labels::picker;
use crate::ui::widgets::{date_field, day_field, text_field};

pub fn show(ui: &mut Ui, case: &mut Case, context: &Context<'_>) {
    let mut remove = None;
    for (n, referral) in case.referrals.iter_mut().enumerate() {
        let salt = referral.id;
        ui.group(|ui| {
            ui.horizontal(|ui| {
                picker(
                    ui,
                    (salt, "to"),
                    &tr!("referrals-addressee"),
                    &mut referral.addressee,
                );
                if remove_button(ui) {
                    remove = Some(n);
                }
            });
            text_field(
                ui,
                &tr!("referrals-addressee-details"),
                &mut referral.addressee_details,
            );
            date_field(
                ui,
                (salt, "sent"),
                &tr!("referrals-sent-on"),
                &mut referral.sent_on,
            );
            text_field(
                ui,
                &tr!("referrals-letter-number"),
                &mut referral.letter_number,
            );
            day_field(
                ui,
                (salt, "due"),
                &tr!("referrals-follow-up"),
                &mut referral.follow_up_due,
            );
            if referral.follow_up_overdue(context.today) {
                ui.colored_label(ui.visuals().warn_fg_color, tr!("referrals-overdue"));
            }
            match referral.response.as_mut() {
                Some(response) => {
                    picker(
                        ui,
                        (salt, "response"),
                        &tr!("referrals-response"),
                        &mut response.kind,
                    );
                    date_field(
                        ui,
                        (salt, "response_date"),
                        &tr!("referrals-response-date"),
                        &mut response.date,
                    );
                    text_field(
                        ui,
                        &tr!("referrals-response-summary"),
                        &mut response.summary,
                    );
                }
                None => {
                    if ui.button(tr!("referrals-record-response")).clicked() {
                        referral.response = Some(ReferralResponse {
                            date: FlexiDate::Exact(context.today),
                            kind: ResponseKind::Acknowledged,
                            summary: String::new(),
                            document: None,
                        });
                    }
                }
            }
        });
    }
    if let Some(n) = remove {
        case.referrals.remove(n);
    }
    if ui.button(tr!("referrals-add")).clicked() {
        case.referrals.push(Referral {
            id: ReferralId::new_random(),
            addressee: Addressee::MfaKazakhstan,
            addressee_details: String::new(),
            sent_on: FlexiDate::Exact(context.today),
            letter_number: String::new(),
            export_id: String::new(),
            response: None,
            follow_up_due: None,
        });
    }
}
