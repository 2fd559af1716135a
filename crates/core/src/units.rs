//! Binary-unit sizes for people, the size syntax accepted on the command line, amounts (a size
//! or a share of memory) and percentages.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/// 0 B, 512 B, 4.0 KiB, 1.50 GiB: three significant digits, binary units.
pub fn format_bytes(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    };
    format!("{text} {}", UNITS[unit])
}

/// A signed change: "+1.20 GiB", "-512 MiB", "0 B".
pub fn format_signed_bytes(delta: i64) -> String {
    let magnitude = format_bytes(delta.unsigned_abs());
    match delta.signum() {
        1 => format!("+{magnitude}"),
        -1 => format!("-{magnitude}"),
        _ => magnitude,
    }
}

/// "4096", "512K", "512M", "2G", "1.5G", "512MiB" (binary multiples, case-insensitive).
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(trimmed.len());
    let (number, suffix) = trimmed.split_at(split);
    let number: f64 = number.parse().map_err(|_| format!("'{text}' is not a size (try 512M or 2G)"))?;
    let shift = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("'{text}': unknown size unit '{suffix}' (use K, M, G or T)")),
    };
    let bytes = number * (1u64 << shift) as f64;
    if !(bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64) {
        return Err(format!("'{text}' is not a usable size"));
    }
    Ok(bytes as u64)
}

/// How much proactive reclaim should take.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReclaimAmount {
    Bytes(u64),
    /// Percent of physical memory.
    Percent(f64),
}

impl ReclaimAmount {
    pub fn to_bytes(self, total_bytes: u64) -> u64 {
        match self {
            ReclaimAmount::Bytes(b) => b,
            ReclaimAmount::Percent(p) => (total_bytes as f64 * p / 100.0) as u64,
        }
    }
}

impl Default for ReclaimAmount {
    fn default() -> Self {
        ReclaimAmount::Percent(10.0)
    }
}

impl fmt::Display for ReclaimAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReclaimAmount::Bytes(b) => write!(f, "{}", format_bytes(*b)),
            ReclaimAmount::Percent(p) => write!(f, "{p}% of memory"),
        }
    }
}

impl std::str::FromStr for ReclaimAmount {
    type Err = String;

    /// "512M", "2G", "1048576", "10%".
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(p) = s.strip_suffix('%') {
            let p: f64 = p.trim().parse().map_err(|_| format!("'{s}' is not a percentage"))?;
            if !(p > 0.0 && p <= 100.0) {
                return Err(format!("'{s}': a percentage must be above 0 and at most 100"));
            }
            return Ok(ReclaimAmount::Percent(p));
        }
        parse_bytes(s).map(ReclaimAmount::Bytes)
    }
}

/// A share of memory or of time: above 0, at most 100.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Percent(pub f64);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if value.is_finite() && value > 0.0 && value <= 100.0 {
            Ok(Percent(value))
        } else {
            Err(serde::de::Error::custom(format!("{value} is not a percentage: use a number above 0 and at most 100")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_binary_units() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(1023), "1023 B");
        assert_eq!(format_bytes(4096), "4.00 KiB");
        assert_eq!(format_bytes(512 << 20), "512 MiB");
        assert_eq!(format_bytes(3 << 29), "1.50 GiB");
        assert_eq!(format_bytes(24_731_708 * 1024), "23.6 GiB");
        assert_eq!(format_signed_bytes(-(1 << 30)), "-1.00 GiB");
        assert_eq!(format_signed_bytes(2048), "+2.00 KiB");
    }

    #[test]
    fn parses_sizes() {
        assert_eq!(parse_bytes("4096"), Ok(4096));
        assert_eq!(parse_bytes("512M"), Ok(512 << 20));
        assert_eq!(parse_bytes("2g"), Ok(2 << 30));
        assert_eq!(parse_bytes("1.5GiB"), Ok(3 << 29));
        assert!(parse_bytes("12X").is_err());
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("-5M").is_err());
    }
}
