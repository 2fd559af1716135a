//! Part 5: the size of memsweep's binaries, on disk and of a copy stripped again.

use crate::args::Args;
use crate::Res;
use memsweep_bench::{mib, MIB};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const TARGET_BYTES: f64 = 3.0 * MIB;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct SizesResults {
    /// The binaries asked for, Linux first.
    pub binaries: Vec<Binary>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Binary {
    /// "Linux x86-64", "Windows x86_64-pc-windows-gnu".
    pub label: String,
    pub path: String,
    /// The strip that fits the binary's format.
    pub strip_tool: String,
    /// None when the file does not exist.
    pub size: Option<BinarySize>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct BinarySize {
    /// The file's modification time, "YYYY-MM-DD HH:MM:SS UTC" ("?" when unknown).
    pub built: String,
    pub bytes: u64,
    /// None when the strip tool failed.
    pub stripped_bytes: Option<u64>,
}

/// `sizes [--linux P] [--windows P] [--scratch DIR]`
pub fn measure(args: &Args) -> Res<SizesResults> {
    let scratch = PathBuf::from(args.opt("--scratch").unwrap_or("/tmp"));
    fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let mut binaries = Vec::new();
    for (flag, strip_tool, label) in [
        ("--linux", "strip", "Linux x86-64"),
        ("--windows", "x86_64-w64-mingw32-strip", "Windows x86_64-pc-windows-gnu"),
    ] {
        let Some(path) = args.opt(flag) else { continue };
        let size = match fs::metadata(path) {
            Ok(meta) => Some(size_of(path, &meta, strip_tool, &scratch)?),
            Err(_) => None,
        };
        binaries.push(Binary { label: label.into(), path: path.into(), strip_tool: strip_tool.into(), size });
    }
    Ok(SizesResults { binaries })
}

fn size_of(path: &str, meta: &fs::Metadata, strip_tool: &str, scratch: &Path) -> Res<BinarySize> {
    let built = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .and_then(|d| Command::new("date").args(["-u", "-d", &format!("@{}", d.as_secs()), "+%F %T UTC"]).output().ok())
        .map_or("?".into(), |o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let copy =
        scratch.join(format!("{}.stripped", Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("bin")));
    fs::copy(path, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    let stripped_bytes = match Command::new(strip_tool).arg(&copy).status() {
        Ok(s) if s.success() => fs::metadata(&copy).map(|m| m.len()).ok(),
        _ => None,
    };
    let _ = fs::remove_file(&copy);
    Ok(BinarySize { built, bytes: meta.len(), stripped_bytes })
}

pub fn render(results: &SizesResults) -> String {
    let mut md = String::from(
        "## 5. Binary size\n\n| binary | built | on disk | stripped copy | target ≤ 3 MiB |\n|---|---|---|---|---|\n",
    );
    for Binary { label, path, strip_tool, size } in &results.binaries {
        let Some(BinarySize { built, bytes, stripped_bytes }) = size else {
            let _ = writeln!(md, "| {label} `{path}` | not built | | | not measured |");
            continue;
        };
        let verdict = match *stripped_bytes {
            Some(b) if b as f64 <= TARGET_BYTES => "met".to_string(),
            Some(b) => format!("**missed by {}**", mib(b as f64 - TARGET_BYTES)),
            None => format!("not measured (`{strip_tool}` failed)"),
        };
        let _ = writeln!(
            md,
            "| {label} `{path}` | {built} | {} ({bytes} B) | {} | {verdict} |",
            mib(*bytes as f64),
            stripped_bytes.map_or("n/a".into(), |b| format!("{} ({b} B)", mib(b as f64))),
        );
    }
    md += "\n`[profile.release]` already has `strip = true`, so the copy stripped again by binutils \
           should be the same size (it checks that the shipped binary carries no symbols).\n\n";
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_for_met_missed_and_missing() {
        let binary = |label: &str, path: &str, size| Binary {
            label: label.into(),
            path: path.into(),
            strip_tool: "strip".into(),
            size,
        };
        let results = SizesResults {
            binaries: vec![
                binary(
                    "Linux x86-64",
                    "/t/memsweep",
                    Some(BinarySize {
                        built: "2026-11-26 13:26:12 UTC".into(),
                        bytes: 2377848,
                        stripped_bytes: Some(2377840),
                    }),
                ),
                binary(
                    "big",
                    "/t/big",
                    Some(BinarySize { built: "?".into(), bytes: 4 << 20, stripped_bytes: Some(4 << 20) }),
                ),
                binary("odd", "/t/odd", Some(BinarySize { built: "?".into(), bytes: 10, stripped_bytes: None })),
                binary("Windows x86_64-pc-windows-gnu", "/t/memsweep.exe", None),
            ],
        };
        let md = render(&results);
        assert!(md.contains(
            "| Linux x86-64 `/t/memsweep` | 2026-11-26 13:26:12 UTC | 2.27 MiB (2377848 B) | 2.27 MiB (2377840 B) | met |\n"
        ));
        assert!(md
            .contains("| big `/t/big` | ? | 4.00 MiB (4194304 B) | 4.00 MiB (4194304 B) | **missed by 1.00 MiB** |\n"));
        assert!(md.contains("| odd `/t/odd` | ? | 0.00 MiB (10 B) | n/a | not measured (`strip` failed) |\n"));
        assert!(md.contains("| Windows x86_64-pc-windows-gnu `/t/memsweep.exe` | not built | | | not measured |\n"));
    }
}
