//! Writing to stdout, shared by the commands and the terminal view.

use std::io::{self, Write};

use memsweep_core::ExitStatus;
use serde::Serialize;

use crate::Failure;

pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`memsweep status | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::new(ExitStatus::Error, format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}

pub fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    print(&(text + "\n"))
}
