//! Autostart: `memsweep service` (Linux, systemd) and `memsweep autostart` (Windows, Task
//! Scheduler). Each refuses on the other OS with a line saying which one to use.

use std::path::{Path, PathBuf};
use std::process::Command;

use memsweep_app::Session;
use memsweep_core::ExitStatus;

use crate::args::{AutostartCommand, ServiceCommand};
use crate::output::print;
use crate::Failure;

/// The unit shipped in the repository; `install` substitutes the real executable path.
pub const UNIT_TEMPLATE: &str = include_str!("../../../../dist/memsweep.service");
const UNIT_PATH: &str = "/etc/systemd/system/memsweep.service";
const SYSTEM_CONFIG: &str = "/etc/memsweep/memsweep.toml";
const TEMPLATE_EXE: &str = "/usr/local/bin/memsweep";
/// The group the unit runs the daemon with, whose members may use its endpoint.
const SERVICE_GROUP: &str = "memsweep";

fn failure(message: impl Into<String>) -> Failure {
    Failure::new(ExitStatus::Error, message)
}

fn current_exe() -> Result<PathBuf, Failure> {
    let exe = std::env::current_exe().map_err(|e| failure(format!("cannot tell where memsweep itself is: {e}")))?;
    // On Linux resolve symlinks for the unit; on Windows keep the plain path (canonicalize
    // gives a \\?\ verbatim path that Task Scheduler actions do not take).
    if cfg!(windows) {
        Ok(exe)
    } else {
        exe.canonicalize().map_err(|e| failure(format!("cannot tell where memsweep itself is: {e}")))
    }
}

/// Runs a command; its failure is this command's failure, with what it printed.
fn run(program: &str, args: &[&str]) -> Result<String, Failure> {
    let out = Command::new(program).args(args).output().map_err(|e| failure(format!("{program}: {e}")))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().replace('\n', " ");
        return Err(failure(format!("`{program} {}` failed: {err}", args.join(" "))));
    }
    Ok(text)
}

/// The unit text for this executable.
pub fn unit_for(exe: &Path) -> String {
    UNIT_TEMPLATE.replace(TEMPLATE_EXE, &exe.display().to_string())
}

pub fn service(command: ServiceCommand, session: &Session) -> Result<ExitStatus, Failure> {
    if !cfg!(target_os = "linux") {
        return Err(Failure::new(
            ExitStatus::Usage,
            "`memsweep service` is for Linux; on Windows use `memsweep autostart`",
        ));
    }
    let systemd = Path::new("/run/systemd/system").exists();
    match command {
        ServiceCommand::Status => {
            let installed = Path::new(UNIT_PATH).exists();
            let mut text = format!("unit {UNIT_PATH}: {}\n", if installed { "installed" } else { "not installed" });
            if systemd && installed {
                let state = |verb| {
                    Command::new("systemctl")
                        .args([verb, "memsweep.service"])
                        .output()
                        .map_or_else(|e| e.to_string(), |o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                };
                text.push_str(&format!("enabled: {}\nactive: {}\n", state("is-enabled"), state("is-active")));
            } else if !systemd {
                text.push_str("systemd is not running on this machine\n");
            }
            let endpoint = session.endpoint();
            text.push_str(&crate::render::service(&endpoint, &super::status::service_status(&endpoint)));
            print(&text)?;
            Ok(ExitStatus::Ok)
        }
        _ if !memsweep_app::lock::is_root() => {
            Err(Failure::new(ExitStatus::NoPermission, "installing a system service needs root: run it with sudo"))
        }
        _ if !systemd => Err(failure(
            "systemd is not running on this machine (no /run/systemd/system): nothing was installed; \
             run `memsweep watch` from your init system instead",
        )),
        ServiceCommand::Install => {
            let config = session.explicit_config().map_or_else(|| PathBuf::from(SYSTEM_CONFIG), Path::to_path_buf);
            let exe = current_exe()?;
            let mut unit = unit_for(&exe);
            unit = unit.replace(SYSTEM_CONFIG, &config.display().to_string());
            let mut done = Vec::new();
            if !config.exists() {
                if let Some(dir) = config.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| failure(format!("{}: {e}", dir.display())))?;
                }
                std::fs::write(&config, memsweep_core::config::DEFAULT_FILE)
                    .map_err(|e| failure(format!("{}: {e}", config.display())))?;
                done.push(format!("wrote a default config to {} (it has no rules yet: add some)", config.display()));
            }
            // Members of this group may clean through the daemon's endpoint; the unit runs the
            // daemon with it as its group, so the socket is created root:memsweep.
            if Command::new("getent").args(["group", SERVICE_GROUP]).output().map_or(true, |o| !o.status.success()) {
                run("groupadd", &["--system", SERVICE_GROUP])?;
                done.push(format!(
                    "created group {SERVICE_GROUP}: its members may clean through the service (usermod -aG {SERVICE_GROUP} USER)"
                ));
            }
            std::fs::write(UNIT_PATH, unit).map_err(|e| failure(format!("{UNIT_PATH}: {e}")))?;
            done.push(format!("wrote {UNIT_PATH} (ExecStart={} watch)", exe.display()));
            run("systemctl", &["daemon-reload"])?;
            run("systemctl", &["enable", "--now", "memsweep.service"])?;
            done.push("enabled and started memsweep.service".into());
            print(&(done.join("\n") + "\n"))?;
            Ok(ExitStatus::Ok)
        }
        ServiceCommand::Uninstall => {
            if !Path::new(UNIT_PATH).exists() {
                print("memsweep.service is not installed\n")?;
                return Ok(ExitStatus::Ok);
            }
            run("systemctl", &["disable", "--now", "memsweep.service"])?;
            std::fs::remove_file(UNIT_PATH).map_err(|e| failure(format!("{UNIT_PATH}: {e}")))?;
            run("systemctl", &["daemon-reload"])?;
            print("stopped, disabled and removed memsweep.service (the config was kept)\n")?;
            Ok(ExitStatus::Ok)
        }
    }
}

const TASK: &str = "memsweep";

pub fn autostart(command: AutostartCommand, session: &Session) -> Result<ExitStatus, Failure> {
    if !cfg!(windows) {
        return Err(Failure::new(
            ExitStatus::Usage,
            "`memsweep autostart` is for Windows; on Linux use `memsweep service`",
        ));
    }
    match command {
        AutostartCommand::Status => {
            // Wine's schtasks answers every query with success and no output: only a listing
            // that names the task counts.
            let found = Command::new("schtasks")
                .args(["/Query", "/TN", TASK])
                .output()
                .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(TASK));
            print(if found { "logon task 'memsweep': enabled\n" } else { "logon task 'memsweep': not set up\n" })?;
            Ok(ExitStatus::Ok)
        }
        AutostartCommand::Enable => {
            // An elevated task needs an elevated creator; say so instead of a half-made task.
            session.backend().check_privilege()?;
            let exe = current_exe()?;
            let action = format!("\"{}\" watch", exe.display());
            run("schtasks", &["/Create", "/F", "/TN", TASK, "/SC", "ONLOGON", "/RL", "HIGHEST", "/TR", &action])?;
            print(&format!("logon task 'memsweep' created: runs {action} with highest privileges at logon\n"))?;
            Ok(ExitStatus::Ok)
        }
        AutostartCommand::Disable => {
            session.backend().check_privilege()?;
            run("schtasks", &["/Delete", "/F", "/TN", TASK])?;
            print("logon task 'memsweep' deleted\n")?;
            Ok(ExitStatus::Ok)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_runs_this_executable_and_keeps_only_the_writes_it_needs() {
        let unit = unit_for(Path::new("/opt/memsweep/bin/memsweep"));
        assert!(unit.contains("ExecStart=/opt/memsweep/bin/memsweep watch --config /etc/memsweep/memsweep.toml"));
        for line in [
            "ProtectSystem=strict",
            "ReadWritePaths=/proc/sys/vm /sys/devices/system/node",
            "StateDirectory=memsweep",
            "NoNewPrivileges=yes",
            "PrivateNetwork=yes",
            "CapabilityBoundingSet=CAP_SYS_ADMIN CAP_SYS_NICE CAP_SYS_PTRACE",
            "Group=memsweep",
            "RuntimeDirectory=memsweep",
            "RestrictAddressFamilies=AF_UNIX",
        ] {
            assert!(unit.lines().any(|l| l == line), "missing {line}");
        }
    }
}
