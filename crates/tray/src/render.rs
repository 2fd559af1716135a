//! The tray icon: the figure `[tray] icon` chose (used %, available GiB, commit % — swap % on
//! Linux — or cache %) as text in a real TrueType font on a rounded square coloured by level.
//!
//! A pure function of (figure, background, size) -> RGBA pixels. The font (Roboto Condensed Bold
//! cut down to digits, in assets/ with its licence) is embedded and rasterised by ab_glyph in
//! pure Rust with f32 arithmetic, so Linux and Windows compute the same pixels, and the tests
//! (golden images in tests/icons/, the Wine test's screenshot) know exactly what must appear.
//!
//! Sizes: whatever the shell asks for (Windows: the small-icon size of the monitor's DPI, 16 at
//! 100% to 48 at 300%). The digits are 3/4 of the icon tall, their flat tops and baselines on
//! pixel edges; text wider than the room is narrowed (the condensed face keeps its stems), never
//! cut. The square's edge is a darker ring of the fill, so it stands out on light and dark
//! taskbars alike; the text is white or black, whichever contrasts more with the fill.

use ab_glyph::{point, Font, FontRef, Glyph, PxScale};
use memsweep_core::config::{parse_colour, TrayConfig};

/// The embedded font: assets/RobotoCondensed-Bold-digits.ttf (Apache-2.0, see assets/README.md).
pub const FONT: &[u8] = include_bytes!("../assets/RobotoCondensed-Bold-digits.ttf");

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// An opaque colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// What the icon shows, rounded as it is shown (so a redraw happens only when the text changes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// Used physical memory, whole percent.
    Used(u8),
    /// Available memory in tenths of a GiB: one decimal below 10 GiB, whole GiB from there.
    Available(u32),
    /// Commit charge of its limit (Windows) or swap used (Linux), whole percent.
    Commit(u8),
    /// File cache (Windows: the standby lists) of physical memory, whole percent.
    Cache(u8),
}

impl Figure {
    /// Available memory as shown: "7.5" below 10 GiB, "23" from there (at most 9999).
    pub fn available(bytes: u64) -> Figure {
        let gib = bytes as f64 / GIB;
        let tenths = (gib * 10.0).round();
        let tenths = if tenths >= 100.0 { gib.round() * 10.0 } else { tenths };
        Figure::Available(tenths.clamp(0.0, 99_990.0) as u32)
    }

    /// The text drawn.
    pub fn text(self) -> String {
        match self {
            Figure::Used(p) | Figure::Commit(p) | Figure::Cache(p) => p.min(100).to_string(),
            Figure::Available(tenths) if tenths < 100 => format!("{}.{}", tenths / 10, tenths % 10),
            Figure::Available(tenths) => (tenths / 10).to_string(),
        }
    }
}

fn font() -> FontRef<'static> {
    // The embedded file is a valid TrueType font (the renderer's tests parse it on every OS).
    FontRef::try_from_slice(FONT).unwrap_or_else(|e| panic!("the embedded icon font: {e}"))
}

/// Empty columns and rows kept free of text on each side: one pixel per 16.
pub fn margin(size: u32) -> u32 {
    (size / 16).max(1)
}

/// The height of a flat-topped digit ("1", "7"): 3/4 of the icon (12 px of 16, 36 of 48).
pub fn digit_height(size: u32) -> u32 {
    (size * 3 / 4).max(1)
}

/// The text's coverage, 0-255 per pixel (row-major, top row first), `size` x `size`: what the
/// font draws, before any colour. Centred; narrowed to fit between the margins, never cut; each
/// glyph nudged (at most half a pixel) so its stems are crisp.
pub fn text_mask(text: &str, size: u32) -> Vec<u8> {
    let font = font();
    let mut mask = vec![0f32; (size * size) as usize];
    let ids: Vec<_> = text.chars().map(|c| font.glyph_id(c)).collect();
    // The digit height from "1" (flat top, on the baseline): font units to pixels.
    let one = font.outline(font.glyph_id('1'));
    let cap_units = one.map_or(font.ascent_unscaled(), |o| o.bounds.min.y - o.bounds.max.y.min(0.0));
    if ids.is_empty() || cap_units <= 0.0 || size < 4 {
        return vec![0; (size * size) as usize];
    }
    let height = digit_height(size) as f32;
    let factor_y = height / cap_units;
    let margin = margin(size) as f32;
    let room = size as f32 - 2.0 * margin;
    // Where the ink of the whole string goes at a horizontal factor, from pen 0: (left, right).
    let ink = |factor_x: f32| -> (f32, f32) {
        let mut pen = 0.0;
        let (mut left, mut right) = (f32::MAX, f32::MIN);
        for &id in &ids {
            if let Some(outline) = font.outline(id) {
                left = left.min(pen + outline.bounds.min.x * factor_x);
                right = right.max(pen + outline.bounds.max.x * factor_x);
            }
            pen += font.h_advance_unscaled(id) * factor_x;
        }
        (left, right)
    };
    let (left, right) = ink(factor_y);
    let width = right - left;
    if width <= 0.0 {
        return vec![0; (size * size) as usize];
    }
    let factor_x = if width > room { factor_y * room / width } else { factor_y };
    let (left, right) = ink(factor_x);
    let width = right - left;
    // The ink's left edge on a pixel edge, centred; the baseline on a pixel edge, centred.
    let start = (margin + ((room - width) / 2.0).max(0.0)).floor();
    let top = ((size as f32 - height) / 2.0).floor();
    let baseline = top + height;
    let unit_height = font.height_unscaled();
    let scale = PxScale { x: factor_x * unit_height, y: factor_y * unit_height };
    // Each glyph's coverage at a pen position, as (x, y, coverage) pixels.
    let draw = |id, pen: f32| -> Vec<(i64, i64, f32)> {
        let mut out = Vec::new();
        if let Some(outlined) = font.outline_glyph(Glyph { id, scale, position: point(pen, baseline) }) {
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                out.push((bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy), coverage))
            });
        }
        out
    };
    let (low, high) = (margin, size as f32 - margin);
    let mut pen = start - left;
    for &id in &ids {
        // A light grid fit, as a hinter would: the glyph moves by at most half a pixel to where
        // its stems fall on whole pixels (most coverage squared: crisp, not smeared over two
        // columns), never past the margins.
        let (ink_left, ink_right) =
            font.outline(id).map_or((pen, pen), |o| (pen + o.bounds.min.x * factor_x, pen + o.bounds.max.x * factor_x));
        let (lo, hi) = ((low - ink_left).max(-0.5), (high - ink_right).min(0.5));
        let mut best = (f32::MIN, 0.0);
        for step in -4..=4 {
            let shift = step as f32 / 8.0;
            if shift < lo || shift > hi {
                continue;
            }
            let sharpness: f32 = draw(id, pen + shift).iter().map(|&(_, _, c)| c * c).sum();
            if sharpness > best.0 + 1e-4 {
                best = (sharpness, shift);
            }
        }
        for (x, y, coverage) in draw(id, pen + best.1) {
            if (0..i64::from(size)).contains(&x) && (0..i64::from(size)).contains(&y) {
                let at = (y as u32 * size + x as u32) as usize;
                mask[at] = (mask[at] + coverage).min(1.0);
            }
        }
        pen += font.h_advance_unscaled(id) * factor_x;
    }
    mask.iter().map(|&c| (c * 255.0).round().clamp(0.0, 255.0) as u8).collect()
}

/// sRGB channel to linear light (WCAG 2).
fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance, 0 (black) to 1 (white).
pub fn luminance(Rgb(r, g, b): Rgb) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// White or black, whichever contrasts more with the background.
pub fn foreground(background: Rgb) -> Rgb {
    let (white, black) = (Rgb(255, 255, 255), Rgb(0, 0, 0));
    if contrast(background, white) >= contrast(background, black) {
        white
    } else {
        black
    }
}

/// The square's edge: the fill darkened by a third.
pub fn ring(background: Rgb) -> Rgb {
    let dark = |c: u8| (u16::from(c) * 2 / 3) as u8;
    Rgb(dark(background.0), dark(background.1), dark(background.2))
}

/// How much of pixel (x, y) the rounded square covers (corner radius 3/16 of the side), and how
/// much of it is the ring (its outer `margin` pixels).
fn square(size: u32, x: u32, y: u32) -> (f32, f32) {
    let side = size as f32;
    let radius = side * 3.0 / 16.0;
    let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
    let dx = (radius - cx).max(cx - (side - radius)).max(0.0);
    let dy = (radius - cy).max(cy - (side - radius)).max(0.0);
    let width = margin(size) as f32;
    if dx > 0.0 && dy > 0.0 {
        // In a corner: the distance from the corner circle's centre.
        let d = (dx * dx + dy * dy).sqrt();
        let cover = (radius - d + 0.5).clamp(0.0, 1.0);
        let inner = (radius - width - d + 0.5).clamp(0.0, 1.0);
        (cover, 1.0 - inner)
    } else {
        let edge = cx.min(cy).min(side - cx).min(side - cy);
        (1.0, if edge < width { 1.0 } else { 0.0 })
    }
}

/// The icon: `size` x `size` RGBA pixels (row-major, top row first, straight alpha): `figure`'s
/// text on a rounded square of `background`. Opaque inside the square, transparent around its
/// corners.
pub fn render(figure: Figure, background: Rgb, size: u32) -> Vec<u8> {
    let fg = foreground(background);
    let edge = ring(background);
    let mask = text_mask(&figure.text(), size);
    let mix = |a: u8, b: u8, t: f32| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let (cover, ring_share) = square(size, x, y);
            let fill = Rgb(
                mix(background.0, edge.0, ring_share),
                mix(background.1, edge.1, ring_share),
                mix(background.2, edge.2, ring_share),
            );
            let ink = f32::from(mask[(y * size + x) as usize]) / 255.0;
            pixels.extend_from_slice(&[
                mix(fill.0, fg.0, ink),
                mix(fill.1, fg.1, ink),
                mix(fill.2, fg.2, ink),
                (cover * 255.0).round() as u8,
            ]);
        }
    }
    pixels
}

/// How full memory is, by the configured levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Normal,
    Warning,
    Danger,
}

/// The three background colours and the levels where they start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub warning_percent: f64,
    pub danger_percent: f64,
    pub normal: Rgb,
    pub warning: Rgb,
    pub danger: Rgb,
}

impl Palette {
    /// From `[tray]` of the config (checked when it was loaded; an unparsable colour, which
    /// `config check` refuses, falls back to the default).
    pub fn from_config(tray: &TrayConfig) -> Palette {
        let defaults = TrayConfig::default();
        let colour = |text: &str, default: &str| {
            let (r, g, b) = parse_colour(text).or_else(|| parse_colour(default)).unwrap_or((0, 0, 0));
            Rgb(r, g, b)
        };
        Palette {
            warning_percent: tray.warning_percent.0,
            danger_percent: tray.danger_percent.0,
            normal: colour(&tray.normal_color, &defaults.normal_color),
            warning: colour(&tray.warning_color, &defaults.warning_color),
            danger: colour(&tray.danger_color, &defaults.danger_color),
        }
    }

    /// The level of a whole used percentage (the colour always follows used memory, whatever
    /// figure the icon shows).
    pub fn level(&self, used_percent: u8) -> Level {
        let p = f64::from(used_percent);
        if p >= self.danger_percent {
            Level::Danger
        } else if p >= self.warning_percent {
            Level::Warning
        } else {
            Level::Normal
        }
    }

    pub fn colour(&self, level: Level) -> Rgb {
        match level {
            Level::Normal => self.normal,
            Level::Warning => self.warning,
            Level::Danger => self.danger,
        }
    }

    /// The icon for `figure` at `level`'s colour.
    pub fn icon(&self, figure: Figure, level: Level, size: u32) -> Vec<u8> {
        render(figure, self.colour(level), size)
    }
}

/// A percentage as shown: rounded to a whole number, clamped to 0-100.
pub fn whole_percent(used_percent: f64) -> u8 {
    if used_percent.is_nan() {
        return 0;
    }
    used_percent.round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const GREEN: Rgb = Rgb(0x2e, 0x7d, 0x32);

    fn at(pixels: &[u8], size: u32, x: u32, y: u32) -> (Rgb, u8) {
        let i = ((y * size + x) * 4) as usize;
        (Rgb(pixels[i], pixels[i + 1], pixels[i + 2]), pixels[i + 3])
    }

    #[test]
    fn figures_are_shown_as_they_round() {
        assert_eq!(Figure::Used(42).text(), "42");
        assert_eq!(Figure::Used(100).text(), "100");
        assert_eq!(Figure::Commit(250).text(), "100");
        assert_eq!(Figure::available(7 * (1 << 30) + (1 << 29)), Figure::Available(75));
        assert_eq!(Figure::available(7 * (1 << 30) + (1 << 29)).text(), "7.5");
        assert_eq!(Figure::available(0).text(), "0.0");
        assert_eq!(Figure::available((9.96 * GIB) as u64).text(), "10");
        assert_eq!(Figure::available(23 * (1 << 30) + (1 << 28)), Figure::Available(230));
        assert_eq!(Figure::available(1 << 50).text(), "9999");
    }

    #[test]
    fn the_square_is_opaque_with_transparent_rounded_corners_and_a_darker_ring() {
        for size in [16, 20, 24, 32, 48] {
            let pixels = render(Figure::Used(0), GREEN, size);
            assert_eq!(pixels.len(), (size * size * 4) as usize);
            assert_eq!(at(&pixels, size, 0, 0).1, 0, "{size}: corner transparent");
            assert_eq!(at(&pixels, size, size - 1, size - 1).1, 0, "{size}: corner transparent");
            assert_eq!(at(&pixels, size, size / 2, 0), (ring(GREEN), 255), "{size}: the ring at the top edge");
            assert_eq!(at(&pixels, size, 0, size / 2), (ring(GREEN), 255), "{size}: the ring at the left edge");
            let inner = margin(size) + 1;
            assert_eq!(at(&pixels, size, inner, size / 2).0, GREEN, "{size}: the fill inside");
        }
    }

    #[test]
    fn the_text_is_inside_the_margins_at_every_size_and_length() {
        for size in [16, 20, 24, 28, 32, 40, 48, 64] {
            for figure in
                [Figure::Used(7), Figure::Used(42), Figure::Used(100), Figure::Available(75), Figure::Available(12_340)]
            {
                let mask = text_mask(&figure.text(), size);
                let m = margin(size);
                let ink: Vec<(u32, u32)> =
                    (0..size * size).filter(|&i| mask[i as usize] > 0).map(|i| (i % size, i / size)).collect();
                assert!(!ink.is_empty());
                let (left, right) = (ink.iter().map(|p| p.0).min().unwrap(), ink.iter().map(|p| p.0).max().unwrap());
                let (top, bottom) = (ink.iter().map(|p| p.1).min().unwrap(), ink.iter().map(|p| p.1).max().unwrap());
                assert!(left >= m && right < size - m, "{figure:?} at {size}: columns {left}..={right}");
                assert!(top >= m && bottom < size - m, "{figure:?} at {size}: rows {top}..={bottom}");
                // as tall as asked (overshoot of round digits aside)
                assert!(bottom - top + 1 >= digit_height(size), "{figure:?} at {size}: {top}..={bottom}");
            }
        }
    }

    #[test]
    fn the_text_is_white_or_black_whichever_contrasts_more() {
        assert_eq!(foreground(GREEN), Rgb(255, 255, 255));
        assert_eq!(foreground(Rgb(0xf9, 0xa8, 0x25)), Rgb(0, 0, 0));
        assert_eq!(foreground(Rgb(0xc6, 0x28, 0x28)), Rgb(255, 255, 255));
        assert_eq!(foreground(Rgb(255, 255, 255)), Rgb(0, 0, 0));
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        // the default colours all reach WCAG's 4.5:1 for text
        let palette = Palette::from_config(&TrayConfig::default());
        for level in [Level::Normal, Level::Warning, Level::Danger] {
            let fill = palette.colour(level);
            assert!(contrast(fill, foreground(fill)) >= 4.5, "{level:?}: {:.2}", contrast(fill, foreground(fill)));
        }
        // full ink is exactly the text colour
        let pixels = render(Figure::Used(8), GREEN, 32);
        let mask = text_mask("8", 32);
        let full = (0..32 * 32).find(|&i| mask[i as usize] == 255).unwrap();
        assert_eq!(at(&pixels, 32, full % 32, full / 32), (Rgb(255, 255, 255), 255));
    }

    #[test]
    fn levels_pick_the_configured_colours() {
        let palette = Palette::from_config(&TrayConfig::default());
        assert_eq!(palette.normal, GREEN);
        assert_eq!(palette.level(0), Level::Normal);
        assert_eq!(palette.level(69), Level::Normal);
        assert_eq!(palette.level(70), Level::Warning);
        assert_eq!(palette.level(89), Level::Warning);
        assert_eq!(palette.level(90), Level::Danger);
        assert_eq!(palette.level(100), Level::Danger);
        let custom = TrayConfig {
            warning_percent: memsweep_core::config::Percent(50.0),
            danger_percent: memsweep_core::config::Percent(60.0),
            normal_color: "#000080".into(),
            warning_color: "#ffffff".into(),
            danger_color: "#ff00ff".into(),
            ..TrayConfig::default()
        };
        let palette = Palette::from_config(&custom);
        assert_eq!(palette.colour(palette.level(49)), Rgb(0, 0, 0x80));
        assert_eq!(palette.colour(palette.level(50)), Rgb(255, 255, 255));
        assert_eq!(palette.colour(palette.level(60)), Rgb(255, 0, 255));
        let white = palette.icon(Figure::Used(55), Level::Warning, 16);
        let mask = text_mask("55", 16);
        let blank = (16..16 * 15).find(|&i| i % 16 > 2 && i % 16 < 13 && mask[i as usize] == 0).unwrap();
        assert_eq!(at(&white, 16, blank % 16, blank / 16), (Rgb(255, 255, 255), 255));
        assert!(white.chunks(4).any(|p| p[..3] == [0, 0, 0]), "black digits on white");
    }

    #[test]
    fn whole_percent_rounds_and_clamps() {
        assert_eq!(whole_percent(41.5), 42);
        assert_eq!(whole_percent(41.49), 41);
        assert_eq!(whole_percent(-3.0), 0);
        assert_eq!(whole_percent(100.4), 100);
        assert_eq!(whole_percent(f64::NAN), 0);
    }
}
