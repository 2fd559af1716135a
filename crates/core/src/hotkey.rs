//! A global hotkey as the config spells it ("Ctrl+Alt+F1"): modifiers and one key, checked when
//! the config is read so a typo is a located config error, not a hotkey that silently never
//! fires.

use std::fmt;

/// Modifier keys, as bits (the same bits Windows' RegisterHotKey takes: MOD_ALT 1, MOD_CONTROL
/// 2, MOD_SHIFT 4, MOD_WIN 8).
pub mod modifier {
    pub const ALT: u32 = 0x1;
    pub const CONTROL: u32 = 0x2;
    pub const SHIFT: u32 = 0x4;
    pub const WIN: u32 = 0x8;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hotkey {
    /// [`modifier`] bits.
    pub modifiers: u32,
    /// The Windows virtual-key code of the key (letters and digits are their ASCII upper case).
    pub key: u32,
}

/// Named keys and their virtual-key codes.
const NAMED: [(&str, u32); 16] = [
    ("Space", 0x20),
    ("PageUp", 0x21),
    ("PageDown", 0x22),
    ("End", 0x23),
    ("Home", 0x24),
    ("Left", 0x25),
    ("Up", 0x26),
    ("Right", 0x27),
    ("Down", 0x28),
    ("Insert", 0x2D),
    ("Delete", 0x2E),
    ("Pause", 0x13),
    ("ScrollLock", 0x91),
    ("PrintScreen", 0x2C),
    ("Tab", 0x09),
    ("Backspace", 0x08),
];

fn key_code(name: &str) -> Option<u32> {
    if let Some(number) = name.strip_prefix(['F', 'f']).and_then(|n| n.parse::<u32>().ok()) {
        return (1..=24).contains(&number).then_some(0x70 + number - 1);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphanumeric() {
            return Some(u32::from(c.to_ascii_uppercase()));
        }
    }
    NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, code)| code)
}

fn key_name(code: u32) -> String {
    match code {
        0x70..=0x87 => format!("F{}", code - 0x70 + 1),
        0x30..=0x39 | 0x41..=0x5A => char::from_u32(code).map_or_else(String::new, String::from),
        _ => NAMED.iter().find(|&&(_, c)| c == code).map_or_else(|| format!("key {code:#x}"), |(n, _)| n.to_string()),
    }
}

impl std::str::FromStr for Hotkey {
    type Err = String;

    /// "Ctrl+Alt+F1", "Ctrl+Shift+M", "Win+Alt+Delete"; case-insensitive modifiers.
    fn from_str(text: &str) -> Result<Hotkey, String> {
        let parts: Vec<&str> = text.split('+').map(str::trim).collect();
        let Some((key, mods)) = parts.split_last() else { return Err("an empty hotkey".into()) };
        let mut modifiers = 0;
        for part in mods {
            modifiers |= match part.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => modifier::CONTROL,
                "alt" => modifier::ALT,
                "shift" => modifier::SHIFT,
                "win" | "super" => modifier::WIN,
                other => return Err(format!("'{other}' is not a modifier (use Ctrl, Alt, Shift, Win)")),
            };
        }
        let code = key_code(key).ok_or_else(|| {
            format!("'{key}' is not a key (use A-Z, 0-9, F1-F24 or one of {})", NAMED.map(|(n, _)| n).join(", "))
        })?;
        if modifiers == 0 || modifiers == modifier::SHIFT {
            return Err(format!("'{text}' needs Ctrl, Alt or Win: a plain key would be taken from every program"));
        }
        Ok(Hotkey { modifiers, key: code })
    }
}

impl fmt::Display for Hotkey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (bit, name) in
            [(modifier::CONTROL, "Ctrl"), (modifier::ALT, "Alt"), (modifier::SHIFT, "Shift"), (modifier::WIN, "Win")]
        {
            if self.modifiers & bit != 0 {
                write!(f, "{name}+")?;
            }
        }
        f.write_str(&key_name(self.key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotkeys_parse_and_print_back() {
        let hotkey: Hotkey = "Ctrl+Alt+F1".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(hotkey, Hotkey { modifiers: modifier::CONTROL | modifier::ALT, key: 0x70 });
        assert_eq!(hotkey.to_string(), "Ctrl+Alt+F1");
        let m: Hotkey = "ctrl + shift + m".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((m.modifiers, m.key), (modifier::CONTROL | modifier::SHIFT, u32::from(b'M')));
        assert_eq!("Win+Alt+Delete".parse::<Hotkey>().map(|h| h.to_string()), Ok("Alt+Win+Delete".into()));
        assert_eq!("Alt+F24".parse::<Hotkey>().map(|h| h.key), Ok(0x87));
    }

    #[test]
    fn bad_hotkeys_say_what_is_wrong() {
        assert!("Ctrl+Alt+F25".parse::<Hotkey>().unwrap_err().contains("not a key"));
        assert!("Hyper+M".parse::<Hotkey>().unwrap_err().contains("not a modifier"));
        assert!("F1".parse::<Hotkey>().unwrap_err().contains("needs Ctrl, Alt or Win"));
        assert!("Shift+A".parse::<Hotkey>().unwrap_err().contains("needs Ctrl, Alt or Win"));
        assert!("".parse::<Hotkey>().is_err());
    }
}
