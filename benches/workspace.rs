//! Case-workspace benchmarks (issue figures): one frame of the case list with 10,000 cases
//! (search box empty and with a query) against the same frame with 100 cases, and a search
//! keystroke over 10,000 case summaries. Headless egui context, CPU time; medians printed.

mod common;

use std::cell::RefCell;
use std::time::{Duration, Instant};

use casevault::demo::{DEMO_CASES, demo_case};
use casevault::model::{CaseSummary, Day};
use casevault::search::Query;
use casevault::ui::case_list::{CaseListState, case_list};
use casevault::ui::session::CaseRow;
use casevault::vault::RecordId;
use common::{measure, median, ms};
use criterion::Criterion;

fn rows(count: usize) -> Vec<CaseRow> {
    let templates: Vec<CaseSummary> = (0..DEMO_CASES)
        .map(|n| CaseSummary::of(&demo_case(n)))
        .collect();
    (0..count)
        .map(|n| {
            let mut summary = templates[n % DEMO_CASES].clone();
            summary.number = format!("KZB-{}-{:05}", 2020 + n % 7, n);
            CaseRow::new(RecordId::new_random(), summary)
        })
        .collect()
}

/// Times one frame of the case list; `keystroke` recomputes the filtered list first.
fn frame(
    ctx: &egui::Context,
    rows: &[CaseRow],
    state: &mut CaseListState,
    keystroke: bool,
) -> Duration {
    let today = Day::new(2026, 11, 27).expect("day");
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1200.0, 800.0),
        )),
        ..Default::default()
    };
    let start = Instant::now();
    if keystroke {
        state.invalidate();
    }
    let _ = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            case_list(ui, rows, state, today);
        });
    });
    start.elapsed()
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let mut lines = Vec::new();
    let ctx = egui::Context::default();
    casevault::ui::fonts::install(&ctx);
    let big = rows(10_000);
    let small = rows(100);

    let mut group = criterion.benchmark_group("case_list_frame");
    for (name, rows, query) in [
        ("10000_cases_empty_search", &big, ""),
        ("100_cases_empty_search", &small, ""),
        ("10000_cases_query", &big, "нұрлан"),
    ] {
        let samples = RefCell::new(Vec::new());
        let mut state = CaseListState::default();
        state.query = query.to_string();
        frame(&ctx, rows, &mut state, true);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| measure(iters, &samples, || frame(&ctx, rows, &mut state, false)))
        });
        lines.push((name, median(&samples.borrow())));
    }
    group.finish();

    let keystroke_samples = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("search_keystroke");
    group.bench_function("10000_summaries_frame_with_new_query", |b| {
        let mut state = CaseListState::default();
        let queries = [
            "н",
            "нұ",
            "нұр",
            "нұрл",
            "нұрла",
            "нұрлан",
            "努尔兰",
            "نۇرلان",
            "6540",
        ];
        let mut n = 0;
        b.iter_custom(|iters| {
            measure(iters, &keystroke_samples, || {
                state.query = queries[n % queries.len()].to_string();
                n += 1;
                frame(&ctx, &big, &mut state, true)
            })
        })
    });
    let filter_samples = RefCell::new(Vec::new());
    group.bench_function("10000_summaries_filter_only", |b| {
        b.iter_custom(|iters| {
            measure(iters, &filter_samples, || {
                let start = Instant::now();
                let query = Query::new("нұрлан");
                let hits = big
                    .iter()
                    .filter(|r| query.matches_text(&r.search_text))
                    .count();
                std::hint::black_box(hits);
                start.elapsed()
            })
        })
    });
    group.finish();

    // Start-up: a fresh context, the bundled fonts, and the first frame of the start screen
    // (which lays out and rasterises every glyph on it). The window and GPU set-up are not
    // included: they depend on the desktop, not on Casevault.
    let first_frame_samples = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("start_up");
    group.sample_size(20);
    group.bench_function("fonts_and_first_frame_of_start_screen", |b| {
        b.iter_custom(|iters| {
            measure(iters, &first_frame_samples, || {
                let start = Instant::now();
                let ctx = egui::Context::default();
                casevault::ui::fonts::install(&ctx);
                let mut form = casevault::ui::screens::StartForm::with_default_folder(Vec::new());
                let input = egui::RawInput {
                    screen_rect: Some(egui::Rect::from_min_size(
                        egui::Pos2::ZERO,
                        egui::vec2(1000.0, 700.0),
                    )),
                    ..Default::default()
                };
                let _ = ctx.run_ui(input, |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        casevault::ui::screens::start(ui, &mut form);
                        ui.label("Нұрлан Сейітұлы · 努尔兰·赛依提 · نۇرلان سېيىت");
                    });
                });
                start.elapsed()
            })
        })
    });
    group.finish();
    criterion.final_summary();

    println!("\n== Casevault workspace figures (medians, CPU time of one frame) ==");
    for (name, median) in &lines {
        println!(
            "case list frame, {name}: {:.3} ms (target <= 2 ms)",
            ms(*median)
        );
    }
    println!(
        "ratio 10,000 / 100 cases (empty search): {:.2}",
        ms(lines[0].1) / ms(lines[1].1)
    );
    println!(
        "start-up: fonts + first frame of the start screen: {:.1} ms (target <= 400 ms with the window)",
        ms(median(&first_frame_samples.borrow()))
    );
    println!(
        "search keystroke over 10,000 summaries (filter + sort + frame): {:.3} ms; filter alone {:.3} ms (target <= 5 ms)",
        ms(median(&keystroke_samples.borrow())),
        ms(median(&filter_samples.borrow()))
    );
}
