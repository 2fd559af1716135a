//! Why a command ends: the exit status and a typed reason, worded in the user's language only at
//! the edge (the CLI's stderr line, the tray's balloon), never recognised by its text.

use memsweep_core::{ExitStatus, NeedPrivilege, PlanError, Unrunnable};
use memsweep_i18n::{Arg, Messages};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: ExitStatus,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A line worded where it was made: a file and the OS's error, a lock's holder, a config
    /// problem with its location.
    Text(String),
    /// Cleaning needs root / Administrator.
    NeedPrivilege(NeedPrivilege),
    /// What the user asked for does not make a plan: an unknown area, no such process.
    Plan(PlanError),
    /// This process may not clean and no service answers at the endpoint.
    NoService,
    /// A service answers, but this user may not use it (the endpoint, shown).
    ServiceDenied(String),
    /// This build cannot run here (a 32-bit memsweep on 64-bit Windows).
    Unrunnable(Unrunnable),
}

impl Failure {
    pub fn new(status: ExitStatus, message: impl Into<String>) -> Failure {
        Failure { status, reason: Reason::Text(message.into()) }
    }

    /// The failure's line in `messages`' language.
    pub fn localized(&self, messages: &Messages) -> String {
        match &self.reason {
            Reason::Text(text) => text.clone(),
            Reason::NeedPrivilege(need) => need_privilege_text(messages, *need),
            Reason::Plan(error) => plan_error_text(messages, error),
            Reason::NoService => messages
                .get(if cfg!(windows) { "error-needs-admin-or-service" } else { "error-needs-root-or-service" }, &[]),
            Reason::ServiceDenied(endpoint) => messages.get(
                if cfg!(windows) { "error-service-denied-windows" } else { "error-service-denied" },
                &[("endpoint", Arg::Text(endpoint))],
            ),
            Reason::Unrunnable(why) => unrunnable_text(messages, *why),
        }
    }
}

impl From<Unrunnable> for Failure {
    fn from(why: Unrunnable) -> Failure {
        Failure { status: ExitStatus::Unsupported, reason: Reason::Unrunnable(why) }
    }
}

impl From<NeedPrivilege> for Failure {
    fn from(need: NeedPrivilege) -> Failure {
        Failure { status: ExitStatus::NoPermission, reason: Reason::NeedPrivilege(need) }
    }
}

impl From<PlanError> for Failure {
    fn from(error: PlanError) -> Failure {
        Failure { status: ExitStatus::Usage, reason: Reason::Plan(error) }
    }
}

/// English, for logs and tests.
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            Reason::Text(text) => f.write_str(text),
            Reason::NeedPrivilege(need) => need.fmt(f),
            Reason::Plan(error) => error.fmt(f),
            Reason::NoService => f.write_str(&self.localized(&Messages::new(memsweep_i18n::Lang::English))),
            Reason::ServiceDenied(_) => f.write_str(&self.localized(&Messages::new(memsweep_i18n::Lang::English))),
            Reason::Unrunnable(why) => why.fmt(f),
        }
    }
}

pub fn need_privilege_text(messages: &Messages, need: NeedPrivilege) -> String {
    messages.get(
        match need {
            NeedPrivilege::Root => "error-needs-root",
            NeedPrivilege::Administrator => "error-needs-admin",
        },
        &[],
    )
}

pub fn unrunnable_text(messages: &Messages, why: Unrunnable) -> String {
    messages.get(
        match why {
            Unrunnable::Wow64 => "error-wow64",
        },
        &[],
    )
}

pub fn plan_error_text(messages: &Messages, error: &PlanError) -> String {
    match error {
        PlanError::UnknownArea { id, known } => {
            messages.get("error-unknown-area", &[("id", Arg::Text(id)), ("known", Arg::Text(known))])
        }
        PlanError::NoSuchProcess(pid) => messages.get("error-no-such-pid", &[("pid", Arg::Text(&pid.to_string()))]),
        PlanError::NoProcessNamed(name) => messages.get("error-no-process-named", &[("name", Arg::Text(name))]),
        PlanError::NoProcessChosen => messages.get("error-no-process-chosen", &[]),
        PlanError::ProcessOptionWithoutProcessArea(flag) => {
            messages.get("error-process-option", &[("flag", Arg::Text(flag))])
        }
        PlanError::ReclaimOptionWithoutReclaimArea(flag) => {
            messages.get("error-reclaim-option", &[("flag", Arg::Text(flag))])
        }
        PlanError::GentleWithoutArea => messages.get("error-gentle-option", &[]),
    }
}

#[cfg(test)]
mod tests {
    use memsweep_i18n::Lang;

    use super::*;

    #[test]
    fn typed_reasons_are_worded_by_variant_in_each_language() {
        let root = Failure::from(NeedPrivilege::Root);
        assert_eq!(root.status, ExitStatus::NoPermission);
        assert_eq!(root.to_string(), "cleaning needs root: run it with sudo (status and areas work without)");
        assert_eq!(root.localized(&Messages::new(Lang::English)), root.to_string());
        let chinese = root.localized(&Messages::new(Lang::SimplifiedChinese));
        assert!(chinese.contains("root") && chinese != root.to_string(), "{chinese}");
        let admin = Failure::from(NeedPrivilege::Administrator).localized(&Messages::new(Lang::English));
        assert!(admin.contains("Administrator"), "{admin}");
        let plan = Failure::from(PlanError::NoSuchProcess(42));
        assert_eq!(plan.status, ExitStatus::Usage);
        assert_eq!(plan.localized(&Messages::new(Lang::English)), "no process with pid 42");
        let wow64 = Failure::from(Unrunnable::Wow64);
        assert_eq!(wow64.status, ExitStatus::Unsupported);
        assert_eq!(wow64.status.code(), 69);
        assert_eq!(wow64.localized(&Messages::new(Lang::English)), wow64.to_string());
        let chinese = wow64.localized(&Messages::new(Lang::SimplifiedChinese));
        assert!(chinese.contains("WoW64") && chinese.contains("memsweep.exe"), "{chinese}");
        assert!(!wow64.to_string().contains('\n'), "one line");
    }
}
