//! The harness's command line: a subcommand, then `--flag value` pairs or positional arguments.

use crate::Res;

pub struct Args {
    /// Everything after the program name; the subcommand first.
    words: Vec<String>,
}

impl Args {
    pub fn new(words: Vec<String>) -> Args {
        Args { words }
    }

    pub fn subcommand(&self) -> Option<String> {
        self.words.first().cloned()
    }

    /// The arguments after the subcommand.
    pub fn rest(&self) -> &[String] {
        self.words.get(1..).unwrap_or_default()
    }

    /// Removes `name VALUE` and returns VALUE (None when `name` is absent).
    pub fn take(&mut self, name: &str) -> Res<Option<String>> {
        let Some(i) = self.words.iter().position(|w| w == name) else { return Ok(None) };
        if i + 1 >= self.words.len() {
            return Err(format!("{name} needs a value"));
        }
        let value = self.words.remove(i + 1);
        self.words.remove(i);
        Ok(Some(value))
    }

    pub fn opt(&self, name: &str) -> Option<&str> {
        self.words.iter().position(|w| w == name).and_then(|i| self.words.get(i + 1)).map(String::as_str)
    }

    pub fn need(&self, name: &str) -> Res<&str> {
        self.opt(name).ok_or_else(|| format!("missing {name}"))
    }

    pub fn num(&self, name: &str, default: u64) -> Res<u64> {
        self.opt(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name}: not a number: {v}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Args {
        Args::new(line.split_whitespace().map(String::from).collect())
    }

    #[test]
    fn flags_and_positionals() {
        let mut a = args("watch --memsweep /bin/m --json out.json --seconds 5");
        assert_eq!(a.take("--json").unwrap().as_deref(), Some("out.json"));
        assert_eq!(a.subcommand().as_deref(), Some("watch"));
        assert_eq!(a.need("--memsweep").unwrap(), "/bin/m");
        assert_eq!(a.num("--seconds", 60).unwrap(), 5);
        assert_eq!(a.num("--pairs", 3).unwrap(), 3);
        assert!(a.need("--scratch").is_err());
        assert_eq!(a.rest(), ["--memsweep", "/bin/m", "--seconds", "5"]);
        assert!(args("cleaners --pairs x").num("--pairs", 3).is_err());
        assert!(args("sizes --json").take("--json").is_err());
    }
}
