//! The icon renderer, checked two ways:
//!
//! - golden images: every figure type at 16, 20, 24, 32 and 48 px is rendered and compared, pixel
//!   for pixel, with the PNG committed in tests/icons/ (NAME-SIZE.png). The same test runs on
//!   Linux and, in scripts/test.sh, under Wine for the Windows build: both must draw the same
//!   pixels. After a deliberate change of the drawing, refresh them with
//!   `MEMSWEEP_BLESS_ICONS=1 cargo test -p memsweep-tray --test icons` and look at them;
//!   a mismatch leaves the drawn image in target/icon-diffs/ to compare.
//! - legibility: every digit 0-9 alone at 16 px keeps its ink off the icon's border and inside
//!   the margins, is full height, has strokes of real contrast (not a blur), and differs from
//!   every other digit by a clear margin. The checks are shown to fail for a blurred and for a
//!   clipped digit.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};

use memsweep_core::config::TrayConfig;
use memsweep_tray::render::{digit_height, margin, text_mask, Figure, Level, Palette};

const SIZES: [u32; 5] = [16, 20, 24, 32, 48];

/// One per figure type, each at a level of its own (3 digits, a decimal point, both text colours).
const CASES: [(&str, Figure, Level); 4] = [
    ("used-42", Figure::Used(42), Level::Normal),
    ("available-7.5", Figure::Available(75), Level::Warning),
    ("commit-88", Figure::Commit(88), Level::Danger),
    ("cache-100", Figure::Cache(100), Level::Normal),
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("icons")
}

fn encode(path: &Path, size: u32, rgba: &[u8]) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().unwrap().write_image_data(rgba).unwrap();
}

fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path)
        .unwrap_or_else(|e| panic!("{}: {e} (MEMSWEEP_BLESS_ICONS=1 writes the golden images)", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Rgba, png::BitDepth::Eight), "{}", path.display());
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn every_figure_at_every_size_matches_its_golden_image() {
    let palette = Palette::from_config(&TrayConfig::default());
    let bless = std::env::var_os("MEMSWEEP_BLESS_ICONS").is_some_and(|v| !v.is_empty() && v != "0");
    let mut failures = Vec::new();
    for (name, figure, level) in CASES {
        for size in SIZES {
            let drawn = palette.icon(figure, level, size);
            let path = golden_dir().join(format!("{name}-{size}.png"));
            if bless {
                encode(&path, size, &drawn);
                continue;
            }
            let (width, height, golden) = decode(&path);
            assert_eq!((width, height), (size, size), "{}", path.display());
            if golden != drawn {
                let differ = golden.chunks(4).zip(drawn.chunks(4)).filter(|(a, b)| a != b).count();
                let diffs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/icon-diffs");
                std::fs::create_dir_all(&diffs).unwrap();
                encode(&diffs.join(format!("{name}-{size}.png")), size, &drawn);
                failures.push(format!("{name}-{size}.png: {differ} pixels differ"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}\nthe drawn images are in target/icon-diffs/");
}

/// The checks of one digit's coverage mask at `size`; `Err` says which failed.
fn legible(mask: &[u8], size: u32) -> Result<(), String> {
    let at = |x: u32, y: u32| mask[(y * size + x) as usize];
    // 1. Nothing touches the border, nothing is drawn in the margins (a cut digit would).
    let m = margin(size);
    for y in 0..size {
        for x in 0..size {
            let inside = (m..size - m).contains(&x) && (m..size - m).contains(&y);
            if !inside && at(x, y) > 0 {
                return Err(format!("ink at ({x}, {y}), outside the margins"));
            }
        }
    }
    // 2. Full height: the rows with ink span the digit height (a clipped digit is shorter).
    let rows: Vec<u32> = (0..size).filter(|&y| (0..size).any(|x| at(x, y) >= 128)).collect();
    let span = rows.last().zip(rows.first()).map_or(0, |(last, first)| last - first + 1);
    if span < digit_height(size) {
        return Err(format!("ink rows span {span} px, the digit height is {}", digit_height(size)));
    }
    // 3. Stroke contrast: full-strength pixels exist, and most of the ink is strong, not grey.
    let ink: Vec<u8> = mask.iter().copied().filter(|&c| c >= 32).collect();
    let strong = ink.iter().filter(|&&c| c >= 192).count();
    let share = strong as f64 / ink.len().max(1) as f64;
    if ink.iter().copied().max().unwrap_or(0) < 250 {
        return Err("no pixel of full ink".into());
    }
    if share < STRONG_SHARE {
        return Err(format!("only {:.0}% of the ink is strong (>= 75%)", share * 100.0));
    }
    Ok(())
}

/// At least this share of the ink pixels must be strong.
const STRONG_SHARE: f64 = 0.5;
/// Two digits must differ by at least this many pixels' worth of full ink.
const DISTINCT_PIXELS: f64 = 12.0;

fn distance(a: &[u8], b: &[u8]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| f64::from(x.abs_diff(y))).sum::<f64>() / 255.0
}

#[test]
fn every_digit_alone_at_16_px_is_legible() {
    let masks: Vec<Vec<u8>> = (0..10).map(|d| text_mask(&d.to_string(), 16)).collect();
    for (digit, mask) in masks.iter().enumerate() {
        legible(mask, 16).unwrap_or_else(|why| panic!("digit {digit} at 16 px: {why}"));
        let ink = mask.iter().filter(|&&c| c >= 32).count();
        let strong = mask.iter().filter(|&&c| c >= 192).count();
        eprintln!("{digit}: {strong}/{ink} strong");
    }
    let mut closest = f64::MAX;
    for a in 0..10 {
        for b in a + 1..10 {
            let d = distance(&masks[a], &masks[b]);
            eprintln!("{a}-{b}: {d:.1}");
            closest = closest.min(d);
            assert!(d >= DISTINCT_PIXELS, "digits {a} and {b} differ by only {d:.1} pixels of ink at 16 px");
        }
    }
    eprintln!("closest pair: {closest:.1} pixels");
}

/// The checks fail for what they are meant to catch: a blurred digit and a clipped one.
#[test]
fn the_legibility_checks_catch_a_blurred_or_clipped_digit() {
    let size = 16;
    let eight = text_mask("8", size);
    // a 3x3 box blur
    let blurred: Vec<u8> = (0..size * size)
        .map(|i| {
            let (x, y) = ((i % size) as i64, (i / size) as i64);
            let mut sum = 0u32;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (nx, ny) = (x + dx, y + dy);
                    if (0..size as i64).contains(&nx) && (0..size as i64).contains(&ny) {
                        sum += u32::from(eight[(ny * size as i64 + nx) as usize]);
                    }
                }
            }
            (sum / 9) as u8
        })
        .collect();
    let why = legible(&blurred, size).unwrap_err();
    assert!(why.contains("strong") || why.contains("full ink") || why.contains("outside"), "{why}");
    // shifted up by three rows: its top is cut off and it reaches the border
    let mut clipped = vec![0u8; (size * size) as usize];
    clipped[..((size - 3) * size) as usize].copy_from_slice(&eight[(3 * size) as usize..]);
    assert!(legible(&clipped, size).is_err());
    // the bottom half cut away
    let mut halved = eight.clone();
    halved[(8 * size) as usize..].fill(0);
    assert!(legible(&halved, size).unwrap_err().contains("span"));
    // two digits that are one
    assert!(distance(&eight, &eight) < DISTINCT_PIXELS);
}
