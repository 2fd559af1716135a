//! The platform-neutral heart of memsweep.
//!
//! Nothing here talks to an operating system: backends (one per OS, in `memsweep-backend`)
//! describe their cleanable [`Area`]s and produce [`Snapshot`]s; this crate decides what runs in
//! which order ([`Plan`]), runs it through the [`Backend`] trait ([`execute`]) and describes
//! the result ([`Report`]). Front ends (CLI, TUI, tray) only render what this crate returns.

pub mod advise;
pub mod area;
pub mod backend;
pub mod config;
pub mod exit;
pub mod frag;
pub mod gentle;
pub mod history;
pub mod hotkey;
pub mod metrics;
pub mod plan;
pub mod process;
pub mod report;
pub mod rules;
pub mod run;
pub mod snapshot;
pub mod units;

pub use area::{Area, AreaOp, AreaStatus, Metric, Risk, Stage, Support};
pub use backend::{
    AreaEffect, AreaError, Backend, BackendError, CleanRequest, GentleReclaim, NeedPrivilege, ReclaimAmount, Unrunnable,
};
pub use exit::ExitStatus;
pub use plan::{Plan, PlanError, Selection};
pub use process::{ProcessInfo, ProcessSelector};
pub use report::{AreaReport, Change, Outcome, Report, Unit};
pub use run::{execute, RunError, RunEvent, RunOptions};
pub use snapshot::Snapshot;
