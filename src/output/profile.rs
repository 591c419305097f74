//! Rendering a recorded profile: a table of where the time went per operation,
//! then the run's wall and CPU time, parallel efficiency and peak memory.

use crate::sched::monitor::ProfileReport;
use crate::source::SourceMap;
use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use std::io::IsTerminal;
use std::time::Duration;

/// The profile as text: one row per operation, busiest first.
pub fn render(report: &ProfileReport, sources: &SourceMap) -> String {
    let mut table = Table::new();
    table
        .load_style(if fancy() {
            presets::UTF8_FULL_CONDENSED
        } else {
            presets::ASCII_FULL_CONDENSED
        })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "operation",
            "line",
            "tasks",
            "total",
            "mean",
            "share",
            "produced",
        ]);
    let busy_total: f64 = report.ops.iter().map(|(_, s)| s.busy.as_secs_f64()).sum();
    let mut rows: Vec<_> = report.ops.iter().collect();
    // Busiest first; equal times keep the order operations first ran in.
    rows.sort_by_key(|row| std::cmp::Reverse(row.1.busy));
    for ((name, origin), stats) in rows {
        let mean = stats
            .busy
            .checked_div(stats.tasks.max(1) as u32)
            .unwrap_or_default();
        let share = if busy_total > 0.0 {
            format!("{:.1}%", 100.0 * stats.busy.as_secs_f64() / busy_total)
        } else {
            "-".to_string()
        };
        table.add_row([
            name.to_string(),
            sources.place(*origin),
            stats.tasks.to_string(),
            duration(stats.busy),
            duration(mean),
            share,
            bytes(stats.bytes),
        ]);
    }
    for column in 2..7 {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = if report.ops.is_empty() {
        "no tasks ran (nothing was computed)\n".to_string()
    } else {
        format!("{table}\n")
    };
    out.push_str(&summary(report));
    out
}

/// The lines under the table: clocks, efficiency and memory.
fn summary(report: &ProfileReport) -> String {
    let tasks: u64 = report.ops.iter().map(|(_, s)| s.tasks).sum();
    let efficiency = report
        .parallel_efficiency()
        .map_or_else(|| "-".to_string(), |e| format!("{:.0}%", e * 100.0));
    format!(
        "wall {} ({} in {} computation{}, {tasks} tasks) · CPU {} · parallel efficiency {efficiency} on {} thread{} · peak memory {}\n",
        duration(report.wall),
        duration(report.compute_wall),
        report.computes,
        if report.computes == 1 { "" } else { "s" },
        duration(report.cpu),
        report.threads,
        if report.threads == 1 { "" } else { "s" },
        bytes(report.peak_rss),
    )
}

/// Box-drawing lines on a terminal that allows styling; plain ASCII in files, pipes
/// and under `NO_COLOR`.
fn fancy() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// A duration with three significant digits and a unit people read at a glance.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

fn bytes(b: u64) -> String {
    const KIB: f64 = 1024.0;
    let f = b as f64;
    if f >= KIB * KIB * KIB {
        format!("{:.2} GiB", f / (KIB * KIB * KIB))
    } else if f >= KIB * KIB {
        format!("{:.1} MiB", f / (KIB * KIB))
    } else if f >= KIB {
        format!("{:.1} KiB", f / KIB)
    } else {
        format!("{b} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_at_a_glance() {
        assert_eq!(duration(Duration::from_millis(1500)), "1.50 s");
        assert_eq!(duration(Duration::from_micros(2500)), "2.5 ms");
        assert_eq!(duration(Duration::from_micros(42)), "42 µs");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(8 << 20), "8.0 MiB");
    }
}
