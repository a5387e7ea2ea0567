//! `cargo bench -p chatadmin-core --bench archive`: reading an hourly message archive
//! (`open_msg_svc/get_history`'s file) with core's streaming reader, next to baselines
//! measured in the same run, so the figures read as ratios on any machine.
//!
//! The file: 20,000 one-to-one text messages in the documented layout, gzip-compressed.
//!
//! - baseline 1: gunzip alone (to a sink): the floor any reader pays;
//! - baseline 2: what the page's Python sample does, in Rust: gunzip, split lines, parse
//!   each line into a `serde_json::Value`;
//! - `open_gzip` + iteration, typed `ArchivedMsg`s, without and with the four size/MD5
//!   checks.
//!
//! No assertions: these are measurements. `BENCH_ITERS=N` runs each case exactly N times.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use chatadmin_core::api::msg_body::MsgElement;
use chatadmin_core::archive::{self, ArchiveHeader, ArchivedMsg};

fn measure(budget: Duration, mut f: impl FnMut()) -> f64 {
    if let Some(n) = std::env::var("BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        return start.elapsed().as_nanos() as f64 / n.max(1) as f64;
    }
    f();
    let mut n = 0u64;
    let start = Instant::now();
    while start.elapsed() < budget {
        f();
        n += 1;
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

fn main() {
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000),
    );
    const N: u64 = 20_000;
    let header = ArchiveHeader::new(1_400_000_000, "C2C", "2024010112");
    let msgs: Vec<ArchivedMsg> = (0..N)
        .map(|i| {
            ArchivedMsg::c2c(
                format!("user{}", i % 97),
                format!("user{}", i % 89),
                1_704_081_600 + i % 3600,
                i * 7919 % 4_294_967_291,
                i * 104_729 % 4_294_967_291,
                vec![MsgElement::text(format!(
                    "message number {i}, a line of ordinary chat text"
                ))],
            )
        })
        .collect();
    let (gz, file) = archive::build_gzip(&header, &msgs).unwrap();
    println!(
        "archive: {N} messages, {} bytes of JSON, {} bytes gzip",
        file.file_size, file.gzip_size
    );

    let gunzip = measure(budget, || {
        let mut d = flate2::read::MultiGzDecoder::new(black_box(&gz[..]));
        black_box(std::io::copy(&mut d, &mut std::io::sink()).unwrap());
    });
    let per = |ns: f64| ns / N as f64;
    println!(
        "{:<52} {:>9.0} ns/msg   (baseline 1)",
        "gunzip only",
        per(gunzip)
    );
    let values = measure(budget, || {
        let d = BufReader::new(flate2::read::MultiGzDecoder::new(black_box(&gz[..])));
        let mut n = 0u64;
        for line in d.split(b'\n') {
            let line = line.unwrap();
            let t = line.trim_ascii();
            let t = t.strip_suffix(b",").unwrap_or(t);
            if t == b"]}" || t.ends_with(b"[") {
                continue;
            }
            let v: serde_json::Value = serde_json::from_slice(t).unwrap();
            black_box(&v);
            n += 1;
        }
        assert_eq!(n, N);
    });
    println!(
        "{:<52} {:>9.0} ns/msg   {:>6.2}x baseline 1   (baseline 2)",
        "gunzip + lines + serde_json::Value",
        per(values),
        values / gunzip
    );
    for (name, check) in [
        ("open_gzip, typed ArchivedMsg, no checks", None),
        (
            "open_gzip, typed ArchivedMsg, 4 size/MD5 checks",
            Some(&file),
        ),
    ] {
        let ns = measure(budget, || {
            let r = archive::open_gzip(black_box(&gz[..]), check).unwrap();
            let mut n = 0u64;
            for m in r {
                black_box(m.unwrap());
                n += 1;
            }
            assert_eq!(n, N);
        });
        println!(
            "{name:<52} {:>9.0} ns/msg   {:>6.2}x baseline 1   {:>6.2}x baseline 2",
            per(ns),
            ns / gunzip,
            ns / values
        );
    }
    // The reader's own read of the decompressed bytes, as a cross-check of the MD5 cost.
    let mut json = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut json)
        .unwrap();
    let md5 = measure(budget, || {
        black_box(archive::md5_hex(black_box(&json)));
        black_box(archive::md5_hex(black_box(&gz)));
    });
    println!(
        "{:<52} {:>9.0} ns/msg   {:>6.2}x baseline 1",
        "MD5 of both layers alone",
        per(md5),
        md5 / gunzip
    );
}
