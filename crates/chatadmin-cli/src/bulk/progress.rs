//! Progress on standard error: an indicatif bar on a terminal, plain lines otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::ProgressMode;

/// Progress on standard error.
pub(super) enum Progress {
    Bar(ProgressBar),
    Plain {
        label: &'static str,
        total: u64,
        start: Instant,
        start_pos: u64,
        last: Option<Instant>,
    },
    Off,
}

impl Progress {
    pub(super) fn new(mode: ProgressMode, label: &'static str, total: u64, pos: u64) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        match mode {
            ProgressMode::Off => Progress::Off,
            ProgressMode::Bar | ProgressMode::Auto if mode == ProgressMode::Bar || terminal => {
                let style = ProgressStyle::with_template(
                    "{prefix} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} items, {per_sec:0}, ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                    .with_style(style)
                    .with_prefix(label)
                    .with_position(pos);
                bar.enable_steady_tick(Duration::from_millis(200));
                Progress::Bar(bar)
            }
            _ => Progress::Plain {
                label,
                total,
                start: Instant::now(),
                start_pos: pos,
                last: None,
            },
        }
    }

    pub(super) fn update(&mut self, pos: u64, failed: u64) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(pos);
                bar.set_message(format!("({failed} failed)"));
            }
            Progress::Plain { last, .. } => {
                if last.map_or(true, |t| t.elapsed() >= Duration::from_secs(1)) {
                    *last = Some(Instant::now());
                    self.line(pos, failed);
                }
            }
            Progress::Off => {}
        }
    }

    pub(super) fn finish(&mut self, pos: u64, failed: u64) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(pos);
                bar.finish_with_message(format!("({failed} failed)"));
            }
            Progress::Plain { .. } => self.line(pos, failed),
            Progress::Off => {}
        }
    }

    pub(super) fn line(&self, pos: u64, failed: u64) {
        let Progress::Plain {
            label,
            total,
            start,
            start_pos,
            ..
        } = self
        else {
            return;
        };
        let secs = start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            (pos - start_pos) as f64 / secs
        } else {
            0.0
        };
        let pct = if *total == 0 {
            100.0
        } else {
            pos as f64 * 100.0 / *total as f64
        };
        let eta = if pos >= *total {
            "0s".to_owned()
        } else if rate > 0.0 {
            format!("{:.0}s", (*total - pos) as f64 / rate)
        } else {
            "unknown".to_owned()
        };
        eprintln!("{label}: {pos}/{total} items ({pct:.1}%), {rate:.0} items/s, ETA {eta}, {failed} failed");
    }
}
