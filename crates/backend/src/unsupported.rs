//! A backend for operating systems memsweep does not know: every call says so. It keeps the
//! common API compiling on every target, so the core cannot drift towards one OS.

use memsweep_core::{
    Area, AreaEffect, AreaError, AreaStatus, Backend, BackendError, CleanRequest, NeedPrivilege, ProcessInfo, Snapshot,
};

pub struct UnsupportedBackend;

const WHY: &str = "memsweep does not support this operating system";

impl Backend for UnsupportedBackend {
    fn os(&self) -> &'static str {
        std::env::consts::OS
    }

    fn snapshot(&self) -> Result<Snapshot, BackendError> {
        Err(BackendError::Unsupported(WHY.into()))
    }

    fn areas(&self) -> Vec<AreaStatus> {
        Vec::new()
    }

    /// Nothing is missing: there is no area to run, so every clean ends with "nothing done".
    fn check_privilege(&self) -> Result<(), NeedPrivilege> {
        Ok(())
    }

    fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
        Err(BackendError::Unsupported(WHY.into()))
    }

    fn clean(&self, _area: &Area, _request: &CleanRequest) -> Result<AreaEffect, AreaError> {
        Err(AreaError::Unsupported(WHY.into()))
    }
}
