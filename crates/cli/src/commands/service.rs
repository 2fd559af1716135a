//! Autostart: `memsweep service` (Linux: a systemd unit; Windows: a service of the Service
//! Control Manager, service_windows.rs) and `memsweep autostart` (Windows, a Task Scheduler
//! logon task; Linux refuses it with a line saying what to use).

use std::path::{Path, PathBuf};
#[cfg(not(windows))]
use std::process::Command;

use memsweep_app::autostart::{quoted, task_xml, LogonTask, TaskSettings, DAEMON_TASK, WINDOWLESS_LAUNCHER};
use memsweep_app::Session;
use memsweep_core::ExitStatus;
use memsweep_i18n::{tr, tr_args, Arg};

use crate::args::AutostartCommand;
#[cfg(not(windows))]
use crate::args::ServiceCommand;
use crate::output::print;
use crate::Failure;

/// The unit shipped in the repository; `install` substitutes the real executable path.
#[cfg(not(windows))]
pub const UNIT_TEMPLATE: &str = include_str!("../../../../dist/memsweep.service");
#[cfg(not(windows))]
const UNIT_PATH: &str = "/etc/systemd/system/memsweep.service";
#[cfg(not(windows))]
const SYSTEM_CONFIG: &str = "/etc/memsweep/memsweep.toml";
#[cfg(not(windows))]
const TEMPLATE_EXE: &str = "/usr/local/bin/memsweep";
/// The unit's StateDirectory: the history.
#[cfg(not(windows))]
const STATE_DIR: &str = "/var/lib/memsweep";
/// The group the unit runs the daemon with, whose members may use its endpoint.
#[cfg(not(windows))]
const SERVICE_GROUP: &str = "memsweep";

/// Whether the memsweep service is installed here: the systemd unit, or the service the SCM
/// knows (query access only).
pub fn installed() -> bool {
    #[cfg(windows)]
    return memsweep_app::autostart::system::service_installed(memsweep_app::autostart::SERVICE).unwrap_or(false);
    #[cfg(not(windows))]
    return Path::new(UNIT_PATH).exists();
}

fn failure(message: impl Into<String>) -> Failure {
    Failure::new(ExitStatus::Error, message)
}

pub(super) fn current_exe() -> Result<PathBuf, Failure> {
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
#[cfg(not(windows))]
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
#[cfg(not(windows))]
pub fn unit_for(exe: &Path) -> String {
    UNIT_TEMPLATE.replace(TEMPLATE_EXE, &exe.display().to_string())
}

#[cfg(not(windows))]
pub fn service(command: ServiceCommand, session: &Session) -> Result<ExitStatus, Failure> {
    if !cfg!(target_os = "linux") {
        return Err(Failure::new(ExitStatus::Usage, tr("service-os-unsupported")));
    }
    systemd_service(command, session)
}

/// `memsweep service` on Linux: the systemd unit.
#[cfg(not(windows))]
fn systemd_service(command: ServiceCommand, session: &Session) -> Result<ExitStatus, Failure> {
    if matches!(command, ServiceCommand::Run) {
        return Err(Failure::new(ExitStatus::Usage, tr("service-run-windows-only")));
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
            text.push_str(&crate::render::service(
                &endpoint,
                &memsweep_app::control::client::service_info(&endpoint),
                || installed,
            ));
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
        ServiceCommand::Uninstall { purge } => {
            if Path::new(UNIT_PATH).exists() {
                run("systemctl", &["disable", "--now", "memsweep.service"])?;
                std::fs::remove_file(UNIT_PATH).map_err(|e| failure(format!("{UNIT_PATH}: {e}")))?;
                run("systemctl", &["daemon-reload"])?;
                print(if purge {
                    "stopped, disabled and removed memsweep.service\n"
                } else {
                    "stopped, disabled and removed memsweep.service (the config and the history were kept)\n"
                })?;
            } else {
                print("memsweep.service is not installed\n")?;
            }
            if purge {
                let config = session.explicit_config().map_or_else(|| PathBuf::from(SYSTEM_CONFIG), Path::to_path_buf);
                for gone in [config.as_path(), Path::new(STATE_DIR)] {
                    let removed =
                        if gone.is_dir() { std::fs::remove_dir_all(gone) } else { std::fs::remove_file(gone) };
                    match removed {
                        Ok(()) => print(
                            &(tr_args("service-purged", &[("path", Arg::Text(&gone.display().to_string()))]) + "\n"),
                        )?,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(failure(format!("{}: {e}", gone.display()))),
                    }
                }
            }
            Ok(ExitStatus::Ok)
        }
        ServiceCommand::Start | ServiceCommand::Stop => {
            let (verb, done) = if matches!(command, ServiceCommand::Start) {
                ("start", "service-started")
            } else {
                ("stop", "service-stopped")
            };
            if !Path::new(UNIT_PATH).exists() {
                return Err(failure(tr_args("service-not-installed", &[("name", Arg::Text("memsweep.service"))])));
            }
            run("systemctl", &[verb, "memsweep.service"])?;
            print(&(tr_args(done, &[("name", Arg::Text("memsweep.service"))]) + "\n"))?;
            Ok(ExitStatus::Ok)
        }
        ServiceCommand::Run => Err(Failure::new(ExitStatus::Usage, tr("service-run-windows-only"))),
    }
}

/// The config a service's command line names (`--config PATH`, the path quoted or not).
#[cfg_attr(not(windows), allow(dead_code))] // `service status` on Windows; tested everywhere
pub fn config_of_command_line(command: &str) -> Option<PathBuf> {
    let (_, rest) = command.split_once("--config")?;
    let rest = rest.trim_start_matches([' ', '=']);
    let path = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split(' ').next()?,
    };
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// The lines of `autostart status` for a registered task's settings, in the user's language:
/// what it runs, and each setting a laptop cares for, with the fix where one is wrong.
pub fn task_status_lines(settings: &TaskSettings) -> Vec<String> {
    let text = |id: &str| tr(id);
    let mut lines = vec![match &settings.command {
        Some(command) => {
            let command = format!("{command} {}", settings.arguments.as_deref().unwrap_or("")).trim_end().to_string();
            tr_args("autostart-runs", &[("command", Arg::Text(&command))])
        }
        None => text("autostart-runs-unknown"),
    }];
    lines.push(text(if settings.windowless() { "autostart-window-none" } else { "autostart-window-console" }));
    lines.push(text(if settings.highest { "autostart-run-level-highest" } else { "autostart-run-level-limited" }));
    lines.push(text(if settings.starts_on_battery {
        "autostart-battery-start-yes"
    } else {
        "autostart-battery-start-no"
    }));
    lines.push(text(if settings.stops_on_battery {
        "autostart-battery-stop-yes"
    } else {
        "autostart-battery-stop-no"
    }));
    lines.push(match &settings.time_limit {
        None => text("autostart-time-limit-none"),
        Some(limit) => tr_args("autostart-time-limit", &[("limit", Arg::Text(limit))]),
    });
    if !settings.enabled {
        lines.push(text("autostart-disabled"));
    }
    if !settings.survives_a_laptop() || !settings.windowless() || !settings.highest || !settings.enabled {
        lines.push(text("autostart-fix"));
    }
    lines
}

/// `watch`, with `--config` when one was given, as the task's arguments.
fn watch_arguments(config: Option<&Path>) -> String {
    match config {
        Some(config) => format!("watch --config \"{}\"", config.display()),
        None => "watch".into(),
    }
}

pub fn autostart(command: AutostartCommand, session: &Session) -> Result<ExitStatus, Failure> {
    if !cfg!(windows) {
        return Err(Failure::new(ExitStatus::Usage, tr("autostart-windows-only")));
    }
    let task = Arg::Text(DAEMON_TASK);
    match command {
        AutostartCommand::Status => {
            let lines = match windows::read_task(DAEMON_TASK) {
                Ok(None) => vec![tr_args("autostart-not-set-up", &[("task", task)])],
                Err(reason) => vec![tr_args("autostart-unreadable", &[("task", task), ("reason", Arg::Text(&reason))])],
                Ok(Some(xml)) => {
                    let mut lines = vec![tr_args("autostart-registered", &[("task", task)])];
                    lines.extend(task_status_lines(&TaskSettings::parse(&xml)).into_iter().map(|l| format!("  {l}")));
                    lines
                }
            };
            print(&(lines.join("\n") + "\n"))?;
            Ok(ExitStatus::Ok)
        }
        AutostartCommand::Enable => {
            // An elevated task needs an elevated creator; say so instead of a half-made task.
            session.backend().check_privilege()?;
            let exe = current_exe()?;
            // The daemon starts through the windowless launcher next to this executable (see
            // memsweep_app::autostart::WINDOWLESS_LAUNCHER for why); without it, nothing is
            // registered rather than a task that opens a console window.
            let launcher = exe.with_file_name(WINDOWLESS_LAUNCHER);
            if !launcher.is_file() {
                let dir = exe.parent().map_or_else(String::new, |d| d.display().to_string());
                let args = [("launcher", Arg::Text(WINDOWLESS_LAUNCHER)), ("dir", Arg::Text(&dir))];
                return Err(failure(tr_args("autostart-no-launcher", &args)));
            }
            let user = windows::user_sid().map_err(failure)?;
            let command = launcher.display().to_string();
            let arguments = watch_arguments(session.explicit_config());
            let description = tr("autostart-task-description");
            let xml = task_xml(&LogonTask {
                description: &description,
                user: &user,
                command: &command,
                arguments: &arguments,
            });
            windows::register_task(DAEMON_TASK, &xml).map_err(failure)?;
            let runs = format!("{} {arguments}", quoted(&command));
            print(&(tr_args("autostart-created", &[("task", task), ("command", Arg::Text(&runs))]) + "\n"))?;
            Ok(ExitStatus::Ok)
        }
        AutostartCommand::Disable => {
            session.backend().check_privilege()?;
            if windows::read_task(DAEMON_TASK).map_err(failure)?.is_none() {
                print(&(tr_args("autostart-not-set-up", &[("task", task)]) + "\n"))?;
                return Ok(ExitStatus::Ok);
            }
            windows::delete_task(DAEMON_TASK).map_err(failure)?;
            print(&(tr_args("autostart-deleted", &[("task", task)]) + "\n"))?;
            Ok(ExitStatus::Ok)
        }
    }
}

/// The Windows calls of `autostart`; elsewhere the command stops before it gets here.
#[cfg(windows)]
use memsweep_app::autostart::system as windows;

#[cfg(not(windows))]
mod windows {
    const NOT_HERE: &str = "not on this OS";
    pub fn read_task(_: &str) -> Result<Option<String>, String> {
        Err(NOT_HERE.into())
    }
    pub fn user_sid() -> Result<String, String> {
        Err(NOT_HERE.into())
    }
    pub fn register_task(_: &str, _: &str) -> Result<(), String> {
        Err(NOT_HERE.into())
    }
    pub fn delete_task(_: &str) -> Result<(), String> {
        Err(NOT_HERE.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(windows))]
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

    #[test]
    fn the_config_is_read_off_a_services_command_line() {
        let quoted =
            r#""C:\Program Files\memsweep\memsweep.exe" service run --config "C:\ProgramData\my memsweep\m.toml""#;
        assert_eq!(config_of_command_line(quoted), Some(PathBuf::from(r"C:\ProgramData\my memsweep\m.toml")));
        let plain = r"C:\memsweep\memsweep.exe service run --config C:\ProgramData\memsweep\memsweep.toml";
        assert_eq!(config_of_command_line(plain), Some(PathBuf::from(r"C:\ProgramData\memsweep\memsweep.toml")));
        assert_eq!(
            config_of_command_line(r"memsweep.exe service run --config=C:\m.toml"),
            Some(PathBuf::from(r"C:\m.toml"))
        );
        assert_eq!(config_of_command_line("memsweep.exe service run"), None);
        assert_eq!(config_of_command_line(r#"memsweep.exe --config """#), None);
    }

    #[test]
    fn autostart_status_says_what_a_laptop_would_meet() {
        let good = TaskSettings::parse(&task_xml(&LogonTask {
            description: "d",
            user: "S-1-5-21-1-2-3-1001",
            command: r"C:\memsweep\memsweepw.exe",
            arguments: &watch_arguments(None),
        }));
        assert_eq!(
            task_status_lines(&good),
            [
                r"runs: C:\memsweep\memsweepw.exe watch",
                "window: none (memsweepw.exe starts memsweep.exe without a console)",
                "run level: highest (elevated, no UAC prompt)",
                "on battery: starts",
                "unplugged: keeps running",
                "time limit: none",
            ]
        );
        // the old `schtasks /SC ONLOGON` task, as Task Scheduler exports it (defaults left out)
        let old = TaskSettings::parse(
            r#"<Task><Principals><Principal><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
               <Actions><Exec><Command>"C:\memsweep\memsweep.exe"</Command><Arguments>watch</Arguments></Exec></Actions></Task>"#,
        );
        let lines = task_status_lines(&old);
        assert_eq!(lines[1], "window: a console window, and closing it ends the daemon");
        assert_eq!(lines[3], "on battery: does not start (Task Scheduler's default)");
        assert_eq!(lines[4], "unplugged: stopped (Task Scheduler's default)");
        assert_eq!(lines[5], "time limit: PT72H, then Task Scheduler ends it");
        assert!(lines.last().unwrap().contains("memsweep autostart enable"), "{lines:?}");
        assert_eq!(watch_arguments(Some(Path::new(r"C:\cfg\m.toml"))), r#"watch --config "C:\cfg\m.toml""#);
    }
}
