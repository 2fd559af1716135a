//! Asking the endpoint: the one place clients (the CLI, `top`, the trays) decide whether a clean
//! runs in-process or through the service.

use std::path::Path;
use std::time::Duration;

use memsweep_core::{CleanRequest, ExitStatus, Plan, Report, RunOptions};

pub use super::ClientError;
use super::{Answer, CleanParams, Request, ServiceInfo};
use crate::{perform, Failure, Origin, Reason};

/// How long a client waits for a clean's answer (a gentle reclaim can take a minute or more).
pub const CLEAN_TIMEOUT: Duration = Duration::from_secs(600);
/// How long it waits for any other answer.
pub const QUICK_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends one request.
pub fn ask(endpoint: &Path, request: &Request, timeout: Duration) -> Result<Answer, ClientError> {
    #[cfg(unix)]
    return super::unix::ask(endpoint, request, timeout);
    #[cfg(windows)]
    return super::windows::ask(endpoint, request, timeout);
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (endpoint, request, timeout);
        Err(ClientError::Unreachable(std::io::Error::from(std::io::ErrorKind::Unsupported)))
    }
}

/// What the service at `endpoint` says of this caller, or why it says nothing.
pub fn service_info(endpoint: &Path) -> Result<ServiceInfo, ClientError> {
    match ask(endpoint, &Request::Status, QUICK_TIMEOUT)? {
        Answer::Status { service, .. } => Ok(service),
        other => Err(ClientError::Broken(format!("unexpected answer {other:?}"))),
    }
}

/// A clean through the service: its report, or the failure a local clean would have given.
pub fn clean_remote(endpoint: &Path, params: CleanParams) -> Result<Report, Failure> {
    match ask(endpoint, &Request::Clean(params), CLEAN_TIMEOUT) {
        Ok(Answer::Report { report }) => Ok(report),
        Ok(Answer::Error { kind, message }) => Err(Failure::new(kind.exit_status(), message)),
        Ok(_) => Err(Failure::new(ExitStatus::Error, "the service answered something else than a report")),
        Err(ClientError::Unreachable(_)) => {
            Err(Failure { status: ExitStatus::NoPermission, reason: Reason::NoService })
        }
        Err(ClientError::Denied(_)) => Err(Failure {
            status: ExitStatus::NoPermission,
            reason: Reason::ServiceDenied(endpoint.display().to_string()),
        }),
        Err(ClientError::Broken(why)) => Err(Failure::new(ExitStatus::Error, format!("the service failed: {why}"))),
    }
}

/// Cleans in-process when this process may (or only plans: a dry run needs no privilege and
/// the endpoint is not there), else through the service at `endpoint`.
pub fn clean_anywhere(
    backend: &dyn memsweep_core::Backend,
    endpoint: Option<&Path>,
    plan: &Plan,
    request: &CleanRequest,
    options: RunOptions<'_>,
    origin: &Origin,
    history: &Path,
) -> Result<(Report, Option<String>), Failure> {
    let Some(endpoint) = endpoint.filter(|_| backend.check_privilege().is_err()) else {
        return perform(backend, plan, request, options, origin, history);
    };
    match clean_remote(endpoint, CleanParams::of(plan, request, options.dry_run)) {
        Err(Failure { reason: Reason::NoService | Reason::ServiceDenied(_), .. }) if options.dry_run => {
            perform(backend, plan, request, options, origin, history)
        }
        other => other.map(|report| (report, None)),
    }
}
