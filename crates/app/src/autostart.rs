//! Starting memsweep at logon on Windows. As plain data, compiled and tested on every OS: the
//! Task Scheduler XML of a logon task and what a registered task's XML says about the settings
//! a laptop cares for. On Windows ([`system`]): registering, reading and deleting the task, the
//! per-user Run key, and whether the memsweep service is installed.
//!
//! Why XML and not `schtasks /Create /SC ONLOGON`: that keeps Task Scheduler's defaults — the
//! task does not start on battery, is stopped when the laptop unplugs, and is killed after 72
//! hours. The XML says otherwise for each.

/// The logon task of `memsweep watch`.
pub const DAEMON_TASK: &str = "memsweep";
/// The logon task of the tray (when it needs elevation: no service installed).
pub const TRAY_TASK: &str = "memsweep-tray";
/// The tray's value under the per-user Run key (when the service is installed).
pub const TRAY_RUN_VALUE: &str = "memsweep-tray";
/// The Windows service (issue 12) whose presence lets the tray run unelevated.
pub const SERVICE: &str = "memsweep";
/// The windowless launcher next to memsweep.exe (crates/windowless): a GUI-subsystem program
/// that starts `memsweep.exe` with the same arguments and CREATE_NO_WINDOW.
///
/// Why a launcher: memsweep.exe is a console program, so whatever starts it at logon gets a
/// console window, and closing that window kills the daemon. Windows creates the console
/// before any of memsweep's code runs, so memsweep.exe cannot avoid it itself. The other ways
/// out are worse: `conhost.exe --headless` is undocumented, and a logon type without a
/// desktop (S4U, a stored password) runs the daemon outside the user's session and needs the
/// "log on as a batch job" right. CREATE_NO_WINDOW is documented and needs nothing.
pub const WINDOWLESS_LAUNCHER: &str = "memsweepw.exe";

/// A task started when one user logs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogonTask<'a> {
    pub description: &'a str,
    /// Whose logon starts it, and whom it runs as: a SID (`S-1-5-21-...`).
    pub user: &'a str,
    /// The program, a full path.
    pub command: &'a str,
    /// Its arguments, as one command-line string.
    pub arguments: &'a str,
}

/// Escapes text for an XML element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The Task Scheduler 1.2 XML of a logon task that runs with highest privileges (no UAC prompt:
/// the creator is elevated), starts on battery, keeps running when the laptop unplugs, has no
/// time limit, runs once at a time, and at normal priority (Task Scheduler's default, 7, also
/// lowers the process's memory and I/O priority).
pub fn task_xml(task: &LogonTask<'_>) -> String {
    let user = escape(task.user);
    format!(
        r#"<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>memsweep</Author>
    <Description>{description}</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>{user}</UserId>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>{user}</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>false</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>5</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{command}</Command>
      <Arguments>{arguments}</Arguments>
    </Exec>
  </Actions>
</Task>
"#,
        description = escape(task.description),
        command = escape(task.command),
        arguments = escape(task.arguments),
    )
}

/// The file `schtasks /Create /XML` reads: UTF-16LE with a byte-order mark, as the XML
/// declaration says.
pub fn task_file_bytes(xml: &str) -> Vec<u8> {
    [0xFF, 0xFE].into_iter().chain(xml.encode_utf16().flat_map(u16::to_le_bytes)).collect()
}

/// Task XML as Task Scheduler hands it back: UTF-16 (with or without a byte-order mark, as
/// `schtasks /Query /XML` and the task store write it) or UTF-8 (Wine's store).
pub fn decode_task_text(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], little: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        // "<\0" : UTF-16LE without a mark
        [b'<', 0, ..] => utf16(bytes, true),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The text of the first `<tag>...</tag>` (or `<tag attr="...">...</tag>`); `None` when absent
/// or empty (`<tag/>`).
fn element(xml: &str, tag: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = xml[from..].find(&format!("<{tag}")) {
        let start = from + at + tag.len() + 1;
        let rest = &xml[start..];
        // the name must end here: <Command> and <Command attr>, not <CommandLine>
        match rest.chars().next() {
            Some('>') | Some(' ') | Some('\t') | Some('\r') | Some('\n') => {}
            Some('/') => return None,
            _ => {
                from = start;
                continue;
            }
        }
        let open_end = rest.find('>')?;
        if rest[..open_end].ends_with('/') {
            return None;
        }
        let body = &rest[open_end + 1..];
        let close = body.find(&format!("</{tag}>"))?;
        let text = unescape(body[..close].trim());
        return (!text.is_empty()).then_some(text);
    }
    None
}

/// What a registered task's XML says, with Task Scheduler's defaults where an element is
/// absent (Task Scheduler leaves out settings at their default when it exports a task).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSettings {
    pub command: Option<String>,
    pub arguments: Option<String>,
    /// RunLevel HighestAvailable (default LeastPrivilege).
    pub highest: bool,
    /// Not DisallowStartIfOnBatteries (default: it does not start on battery).
    pub starts_on_battery: bool,
    /// StopIfGoingOnBatteries (default: stopped when the laptop unplugs).
    pub stops_on_battery: bool,
    /// ExecutionTimeLimit; `None` for no limit (PT0S). Default PT72H.
    pub time_limit: Option<String>,
    pub enabled: bool,
}

fn flag(xml: &str, tag: &str, default: bool) -> bool {
    element(xml, tag).map_or(default, |v| v.eq_ignore_ascii_case("true"))
}

impl TaskSettings {
    pub fn parse(xml: &str) -> TaskSettings {
        let settings = element(xml, "Settings").unwrap_or_default();
        let limit = element(&settings, "ExecutionTimeLimit").unwrap_or_else(|| "PT72H".into());
        // PT0S (or any spelling of zero) means no limit
        let unlimited = !limit.chars().any(|c| c.is_ascii_digit() && c != '0');
        TaskSettings {
            command: element(xml, "Command"),
            arguments: element(xml, "Arguments"),
            highest: element(xml, "RunLevel").is_some_and(|l| l == "HighestAvailable"),
            starts_on_battery: !flag(&settings, "DisallowStartIfOnBatteries", true),
            stops_on_battery: flag(&settings, "StopIfGoingOnBatteries", true),
            time_limit: (!unlimited).then_some(limit),
            enabled: flag(&settings, "Enabled", true),
        }
    }

    /// Starts on battery, keeps running unplugged, never killed for running long.
    pub fn survives_a_laptop(&self) -> bool {
        self.starts_on_battery && !self.stops_on_battery && self.time_limit.is_none()
    }

    /// The action starts memsweep through the windowless launcher.
    pub fn windowless(&self) -> bool {
        self.command.as_deref().is_some_and(|c| {
            let c = c.trim_matches('"');
            let file = c.rsplit(['\\', '/']).next().unwrap_or(c);
            file.eq_ignore_ascii_case(WINDOWLESS_LAUNCHER)
        })
    }
}

/// A command line's program, quoted for a Run-key value or a task action.
pub fn quoted(path: &str) -> String {
    format!("\"{path}\"")
}

/// How the tray can start at logon here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginWay {
    /// Linux: an XDG autostart entry.
    DesktopEntry,
    /// Windows with the memsweep service installed: the tray needs no elevation, so the
    /// per-user Run key (any user may set it).
    RunKey,
    /// Windows, elevated, no service: a logon task with highest privileges (no UAC prompt).
    ElevatedTask,
    /// Windows, not elevated, no service: nothing this process may set would start a tray
    /// that can clean. The menu says so instead of offering it.
    NeedsAdministrator,
}

impl LoginWay {
    /// The way for a Windows tray: the service beats elevation.
    pub fn windows(service_installed: bool, elevated: bool) -> LoginWay {
        if service_installed {
            LoginWay::RunKey
        } else if elevated {
            LoginWay::ElevatedTask
        } else {
            LoginWay::NeedsAdministrator
        }
    }
}

#[cfg(windows)]
pub mod system;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn daemon() -> String {
        task_xml(&LogonTask {
            description: "memsweep watch: automatic memory cleaning <rules> & history",
            user: "S-1-5-21-1004336348-1177238915-682003330-1001",
            command: r"C:\Program Files\memsweep\memsweepw.exe",
            arguments: r#"watch --config "C:\Users\a&b\memsweep.toml""#,
        })
    }

    #[test]
    fn the_task_xml_keeps_the_daemon_running_on_a_laptop_without_a_window() {
        let xml = daemon();
        // the three settings Task Scheduler's defaults get wrong, each spelled out
        for line in [
            "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
            "<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
            "<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
        ] {
            assert_eq!(xml.lines().filter(|l| l.trim() == line).count(), 1, "{line} once in\n{xml}");
        }
        // started through the GUI-subsystem launcher: no console window to close
        assert!(xml.contains(r"<Command>C:\Program Files\memsweep\memsweepw.exe</Command>"), "{xml}");
        assert!(xml.contains(r#"<Arguments>watch --config &quot;C:\Users\a&amp;b\memsweep.toml&quot;</Arguments>"#));
        // this user's logon, this user, elevated without a prompt, in the user's session
        assert_eq!(xml.matches("<UserId>S-1-5-21-1004336348-1177238915-682003330-1001</UserId>").count(), 2);
        assert!(xml.contains("<LogonType>InteractiveToken</LogonType>"));
        assert!(xml.contains("<RunLevel>HighestAvailable</RunLevel>"));
        assert!(xml.contains("<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>"));
        assert!(xml.contains("&lt;rules&gt; &amp; history"), "escaped: {xml}");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<Task version=\"1.2\""));
        // and reading it back says so
        let settings = TaskSettings::parse(&xml);
        assert_eq!(
            settings,
            TaskSettings {
                command: Some(r"C:\Program Files\memsweep\memsweepw.exe".into()),
                arguments: Some(r#"watch --config "C:\Users\a&b\memsweep.toml""#.into()),
                highest: true,
                starts_on_battery: true,
                stops_on_battery: false,
                time_limit: None,
                enabled: true,
            }
        );
        assert!(settings.survives_a_laptop() && settings.windowless());
    }

    #[test]
    fn a_task_made_by_schtasks_sc_onlogon_is_seen_with_task_schedulers_defaults() {
        // What `schtasks /Query /XML` shows for the old `/SC ONLOGON /RL HIGHEST` task: the
        // defaults are written out, or left out altogether; both read the same.
        let written = r#"<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <Principals><Principal id="Author"><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
  <Settings>
    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author"><Exec><Command>"C:\tools\memsweep.exe"</Command><Arguments>watch</Arguments></Exec></Actions>
</Task>"#;
        let left_out = r#"<Task><Settings><Enabled>true</Enabled></Settings>
  <Actions><Exec><Command>"C:\tools\memsweep.exe"</Command><Arguments>watch</Arguments></Exec></Actions></Task>"#;
        for xml in [written, left_out] {
            let settings = TaskSettings::parse(xml);
            assert!(!settings.starts_on_battery && settings.stops_on_battery, "{settings:?}");
            assert_eq!(settings.time_limit.as_deref(), Some("PT72H"));
            assert!(!settings.survives_a_laptop() && !settings.windowless());
            assert_eq!(settings.command.as_deref(), Some(r#""C:\tools\memsweep.exe""#));
        }
        assert!(TaskSettings::parse(written).highest && !TaskSettings::parse(left_out).highest);
        // an empty <Exec/> (Wine's task store drops the action) is no command
        assert_eq!(TaskSettings::parse("<Actions><Exec/></Actions>").command, None);
        assert_eq!(element("<CommandLine>x</CommandLine><Command>y</Command>", "Command").as_deref(), Some("y"));
    }

    #[test]
    fn task_text_is_read_in_any_encoding_task_scheduler_writes() {
        let xml = daemon();
        let file = task_file_bytes(&xml);
        assert_eq!(&file[..4], &[0xFF, 0xFE, b'<', 0], "UTF-16LE with a byte-order mark");
        assert_eq!(decode_task_text(&file), xml);
        assert_eq!(decode_task_text(&file[2..]), xml, "UTF-16LE without a mark");
        let big: Vec<u8> = [0xFE, 0xFF].into_iter().chain(xml.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode_task_text(&big), xml);
        let utf8: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(xml.bytes()).collect();
        assert_eq!(decode_task_text(&utf8), xml);
        assert_eq!(decode_task_text(xml.as_bytes()), xml);
    }

    #[test]
    fn the_tray_starts_at_login_the_way_this_machine_allows() {
        assert_eq!(LoginWay::windows(true, false), LoginWay::RunKey, "the service: no elevation needed");
        assert_eq!(LoginWay::windows(true, true), LoginWay::RunKey);
        assert_eq!(LoginWay::windows(false, true), LoginWay::ElevatedTask);
        assert_eq!(LoginWay::windows(false, false), LoginWay::NeedsAdministrator);
        assert_eq!(quoted(r"C:\a b\memsweep-tray.exe"), r#""C:\a b\memsweep-tray.exe""#);
    }
}
