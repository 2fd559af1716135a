//! The tray icon: the used-memory percentage as digits on a background coloured by level.
//!
//! A pure function of (percent, background, size) -> RGBA pixels, drawn with its own 3x5 bitmap
//! digit font scaled by whole pixels: no font files, the same pixels on every OS, so tests (and
//! the Wine end-to-end test, which compares a screenshot) can compute exactly what must appear.

use memsweep_core::config::{parse_colour, TrayConfig};

/// An opaque colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The digits 0-9, five rows of three pixels each (bit 2 = left column).
pub const GLYPHS: [[u8; 5]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111], // 0
    [0b010, 0b110, 0b010, 0b010, 0b111], // 1
    [0b111, 0b001, 0b111, 0b100, 0b111], // 2
    [0b111, 0b001, 0b111, 0b001, 0b111], // 3
    [0b101, 0b101, 0b111, 0b001, 0b001], // 4
    [0b111, 0b100, 0b111, 0b001, 0b111], // 5
    [0b111, 0b100, 0b111, 0b101, 0b111], // 6
    [0b111, 0b001, 0b001, 0b001, 0b001], // 7
    [0b111, 0b101, 0b111, 0b101, 0b111], // 8
    [0b111, 0b101, 0b111, 0b001, 0b111], // 9
];

pub const GLYPH_WIDTH: u32 = 3;
pub const GLYPH_HEIGHT: u32 = 5;

/// Whether a glyph pixel is set.
pub fn glyph_pixel(digit: u8, column: u32, row: u32) -> bool {
    let bits = GLYPHS[usize::from(digit % 10)][row as usize];
    bits & (1 << (GLYPH_WIDTH - 1 - column)) != 0
}

/// Where the digits go in an icon of `size` x `size` pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub digits: Vec<u8>,
    /// Width and height of one font pixel, in icon pixels.
    pub scale_x: u32,
    pub scale_y: u32,
    /// Top-left corner of the first digit.
    pub left: u32,
    pub top: u32,
    /// From one digit's left edge to the next one's (glyph plus one font column of gap).
    pub advance: u32,
}

impl Layout {
    /// The top-left corner of digit `index`, and its cell's width and height.
    pub fn cell(&self, index: usize) -> (u32, u32, u32, u32) {
        (self.left + index as u32 * self.advance, self.top, GLYPH_WIDTH * self.scale_x, GLYPH_HEIGHT * self.scale_y)
    }
}

/// The digits of a whole percentage (0-100; more is shown as 100).
pub fn digits(percent: u8) -> Vec<u8> {
    percent.min(100).to_string().bytes().map(|b| b - b'0').collect()
}

/// The biggest whole-pixel scale at which the digits fit with a margin of size/16 (at least 1)
/// on every side: as tall as possible, as wide as fits, never wider than tall.
pub fn layout(percent: u8, size: u32) -> Layout {
    let digits = digits(percent);
    let n = digits.len() as u32;
    let margin = (size / 16).max(1);
    let room = size.saturating_sub(2 * margin);
    let scale_y = (room / GLYPH_HEIGHT).max(1);
    // n glyphs and n-1 gaps of one font column: (4n - 1) columns.
    let scale_x = (room / (4 * n - 1)).clamp(1, scale_y);
    let width = (4 * n - 1) * scale_x;
    let height = GLYPH_HEIGHT * scale_y;
    Layout {
        digits,
        scale_x,
        scale_y,
        left: size.saturating_sub(width) / 2,
        top: size.saturating_sub(height) / 2,
        advance: 4 * scale_x,
    }
}

/// White on dark backgrounds, black on light ones (relative luminance, sRGB weights).
pub fn foreground(background: Rgb) -> Rgb {
    let Rgb(r, g, b) = background;
    let luminance = 0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b);
    if luminance > 150.0 {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    }
}

/// The icon: `size` x `size` RGBA pixels (row-major, top row first, opaque), the digits of
/// `percent` in the foreground colour for `background`.
pub fn render(percent: u8, background: Rgb, size: u32) -> Vec<u8> {
    let fg = foreground(background);
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for _ in 0..size * size {
        pixels.extend_from_slice(&[background.0, background.1, background.2, 255]);
    }
    let layout = layout(percent, size);
    for (index, &digit) in layout.digits.iter().enumerate() {
        let (x0, y0, _, _) = layout.cell(index);
        for row in 0..GLYPH_HEIGHT {
            for column in 0..GLYPH_WIDTH {
                if !glyph_pixel(digit, column, row) {
                    continue;
                }
                for dy in 0..layout.scale_y {
                    for dx in 0..layout.scale_x {
                        let x = x0 + column * layout.scale_x + dx;
                        let y = y0 + row * layout.scale_y + dy;
                        if x < size && y < size {
                            let at = ((y * size + x) * 4) as usize;
                            pixels[at..at + 3].copy_from_slice(&[fg.0, fg.1, fg.2]);
                        }
                    }
                }
            }
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

    /// The level of the whole percentage shown (so colour and digits always agree).
    pub fn level(&self, percent: u8) -> Level {
        let p = f64::from(percent);
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

    /// The icon for `percent` at its level's colour.
    pub fn icon(&self, percent: u8, size: u32) -> Vec<u8> {
        render(percent, self.colour(self.level(percent)), size)
    }
}

/// Used percent as shown: rounded to a whole number, clamped to 0-100.
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

    fn at(pixels: &[u8], size: u32, x: u32, y: u32) -> Rgb {
        let i = ((y * size + x) * 4) as usize;
        assert_eq!(pixels[i + 3], 255, "opaque");
        Rgb(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The image as text: '#' foreground, '.' background.
    fn ascii(pixels: &[u8], size: u32, fg: Rgb) -> Vec<String> {
        (0..size).map(|y| (0..size).map(|x| if at(pixels, size, x, y) == fg { '#' } else { '.' }).collect()).collect()
    }

    const GREEN: Rgb = Rgb(0x2e, 0x7d, 0x32);

    #[test]
    fn forty_two_at_16_pixels_is_exactly_this() {
        let pixels = render(42, GREEN, 16);
        assert_eq!(pixels.len(), 16 * 16 * 4);
        let expected = [
            "................",
            "................",
            "................",
            ".##..##..######.",
            ".##..##..######.",
            ".##..##......##.",
            ".##..##......##.",
            ".######..######.",
            ".######..######.",
            ".....##..##.....",
            ".....##..##.....",
            ".....##..######.",
            ".....##..######.",
            "................",
            "................",
            "................",
        ];
        assert_eq!(ascii(&pixels, 16, Rgb(255, 255, 255)), expected);
    }

    /// Every digit cell holds exactly its glyph, scaled; everything else is background.
    fn check(percent: u8, background: Rgb, size: u32) {
        let pixels = render(percent, background, size);
        let fg = foreground(background);
        let layout = layout(percent, size);
        assert_eq!(layout.digits, digits(percent));
        let mut expected_fg = 0;
        for (index, &digit) in layout.digits.iter().enumerate() {
            let (x0, y0, w, h) = layout.cell(index);
            assert!(x0 + w <= size && y0 + h <= size, "{percent} fits in {size}");
            let mut count = 0;
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    let on = glyph_pixel(digit, (x - x0) / layout.scale_x, (y - y0) / layout.scale_y);
                    let colour = at(&pixels, size, x, y);
                    assert_eq!(colour, if on { fg } else { background }, "{percent}: digit {digit} at {x},{y}");
                    count += usize::from(on);
                }
            }
            let ones: u32 = GLYPHS[digit as usize].iter().map(|r| r.count_ones()).sum();
            assert_eq!(count as u32, ones * layout.scale_x * layout.scale_y, "foreground pixels of {digit}");
            expected_fg += count;
        }
        let total = pixels.chunks(4).filter(|p| Rgb(p[0], p[1], p[2]) == fg).count();
        assert_eq!(total, expected_fg, "{percent}: nothing drawn outside the digit cells");
    }

    #[test]
    fn zero_seven_forty_two_and_a_hundred_at_every_size() {
        for size in [16, 20, 24, 32, 48, 64] {
            for percent in [0, 7, 42, 100] {
                check(percent, GREEN, size);
            }
        }
        // one digit is centred, three digits are narrower than two
        let one = layout(7, 16);
        assert_eq!((one.digits.clone(), one.scale_x, one.scale_y), (vec![7], 2, 2));
        assert_eq!(one.left, 5);
        let three = layout(100, 16);
        assert_eq!((three.scale_x, three.scale_y, three.left, three.advance), (1, 2, 2, 4));
        assert_eq!(layout(42, 32).scale_x, 4);
        assert_eq!(digits(250), vec![1, 0, 0]);
    }

    #[test]
    fn glyphs_are_distinct_and_have_the_expected_pixel_counts() {
        let counts: Vec<u32> = GLYPHS.iter().map(|g| g.iter().map(|r| r.count_ones()).sum()).collect();
        assert_eq!(counts, [12, 8, 11, 11, 9, 11, 12, 7, 13, 12]);
        for (a, first) in GLYPHS.iter().enumerate() {
            assert!(GLYPHS[a + 1..].iter().all(|other| other != first), "glyph {a} is not unique");
        }
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
        for (percent, background, fg) in [
            (42, Rgb(0x2e, 0x7d, 0x32), Rgb(255, 255, 255)),
            (75, Rgb(0xf9, 0xa8, 0x25), Rgb(0, 0, 0)),
            (95, Rgb(0xc6, 0x28, 0x28), Rgb(255, 255, 255)),
        ] {
            let pixels = palette.icon(percent, 16);
            assert_eq!(at(&pixels, 16, 0, 0), background, "{percent}% background");
            assert_eq!(foreground(background), fg);
            check(percent, background, 16);
        }
        // levels and colours come from the config
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
        let white = palette.icon(55, 16);
        assert_eq!(at(&white, 16, 0, 0), Rgb(255, 255, 255));
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
