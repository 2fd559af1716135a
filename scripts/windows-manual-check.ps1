# memsweep on real Windows: a manual check for what Wine cannot show.
#
# Run from an elevated PowerShell ("Run as administrator") in the folder holding memsweep.exe
# (and memsweepw.exe for -Autostart):
#     powershell -ExecutionPolicy Bypass -File windows-manual-check.ps1 [-Exe .\memsweep.exe] [-Full] [-Autostart]
# It asserts what it can and stops at the first failure ("FAIL: ..."):
#  - the prompt is elevated, and memsweep's first `status` reads the memory lists (it must enable
#    SeProfileSingleProcessPrivilege itself before the class-80 query);
#  - the page files memsweep reads (class 18) match Win32_PageFileUsage, and its commit limit
#    matches Win32_OperatingSystem;
#  - `clean working-sets --exclude powershell.exe` keeps a PowerShell's working set and empties
#    another process's (ping.exe);
#  - with -Autostart: `autostart enable` registers a task whose XML, as Task Scheduler gives it
#    back, starts on battery, is not stopped on battery, has no time limit, runs memsweepw.exe
#    with highest privileges; `autostart status` says so; `autostart disable` removes it.
# Then it prints every memory list before and after a clean, RAMMap-style, with the report.
# Without -Full it cleans the default areas; with -Full every area (the full standby purge and the
# modified-list flush included: these can stall a large machine for seconds).
param(
    [string]$Exe = (Join-Path $PSScriptRoot 'memsweep.exe'),
    [switch]$Full,
    [switch]$Autostart
)
$ErrorActionPreference = 'Stop'

function Fail($message) { throw "FAIL: $message" }
function Pass($message) { Write-Host "ok: $message" }

$identity = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $identity.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Fail 'this prompt is not elevated: run PowerShell as administrator'
}

function Status { & $Exe status --json | ConvertFrom-Json }

function Lists($status) {
    if ($status.windows.lists.state -ne 'available') {
        Fail "memory lists unavailable from an elevated prompt: $($status.windows.lists.reason)"
    }
    $l = $status.windows.lists.value
    $rows = [ordered]@{
        'Zeroed'            = $l.zeroed_bytes
        'Free'              = $l.free_bytes
        'Modified'          = $l.modified_bytes
        'Modified no-write' = $l.modified_no_write_bytes
        'Standby (total)'   = ($l.standby_by_priority_bytes | Measure-Object -Sum).Sum
    }
    for ($p = 0; $p -lt 8; $p++) { $rows["  Standby priority $p"] = $l.standby_by_priority_bytes[$p] }
    $rows['System file cache'] = $status.windows.system_file_cache_bytes
    $rows['Available'] = $status.memory.available_bytes
    return $rows
}

& $Exe areas

# 1. The first read of the lists, from a fresh process: the privilege is enabled by memsweep.
$first = Status
$null = Lists $first
Pass 'the memory lists are read by the first status (SeProfileSingleProcessPrivilege enabled before the query)'

# 2. Page files and commit against WMI.
if ($first.windows.page_files.state -ne 'available') { Fail "page files unavailable: $($first.windows.page_files.reason)" }
$ours = @($first.windows.page_files.value)
$wmi = @(Get-CimInstance Win32_PageFileUsage)
'{0,-28} {1,12} {2,12} {3,12}' -f 'Page file', 'Size (MiB)', 'In use (MiB)', 'Peak (MiB)'
foreach ($f in $ours) {
    '{0,-28} {1,12:N0} {2,12:N0} {3,12:N0}' -f $f.path, ($f.total_bytes / 1MB), ($f.in_use_bytes / 1MB), ($f.peak_bytes / 1MB)
}
if ($ours.Count -ne $wmi.Count) { Fail "memsweep sees $($ours.Count) page file(s), Win32_PageFileUsage $($wmi.Count)" }
foreach ($w in $wmi) {
    $mine = $ours | Where-Object { $_.path -ieq $w.Name }
    if (-not $mine) { Fail "page file $($w.Name) is missing from memsweep's list" }
    # WMI reports whole MiB; the file may grow between the two readings: allow 64 MiB.
    if ([math]::Abs($mine.total_bytes / 1MB - $w.AllocatedBaseSize) -gt 64) {
        Fail "$($w.Name): memsweep says $($mine.total_bytes / 1MB) MiB, WMI $($w.AllocatedBaseSize) MiB"
    }
}
if ($ours.Count -eq 0 -and $null -ne $first.swap) { Fail 'no page file, yet swap is not null' }
Pass "page files match Win32_PageFileUsage ($($ours.Count))"
$os = Get-CimInstance Win32_OperatingSystem
$limitMiB = $first.windows.commit_limit_bytes / 1MB
if ([math]::Abs($limitMiB - $os.TotalVirtualMemorySize / 1KB) -gt [math]::Max(64, $limitMiB / 50)) {
    Fail "commit limit $limitMiB MiB vs Win32_OperatingSystem.TotalVirtualMemorySize $($os.TotalVirtualMemorySize / 1KB) MiB"
}
Pass "commit limit matches Win32_OperatingSystem ($([math]::Round($limitMiB)) MiB)"

# 3. Every working set but the excluded one.
# (Not Notepad: on Windows 11 notepad.exe hands over to the Store app and exits.)
$keep = Start-Process powershell.exe -ArgumentList '-NoProfile', '-Command', '$x = 1..2000000; Start-Sleep 120' -WindowStyle Hidden -PassThru
$trim = Start-Process ping.exe -ArgumentList '-t', '127.0.0.1' -WindowStyle Hidden -PassThru
Start-Sleep -Seconds 5
$keep.Refresh(); $trim.Refresh()
$keepBefore = $keep.WorkingSet64; $trimBefore = $trim.WorkingSet64
$report = & $Exe clean working-sets --exclude powershell.exe --json | ConvertFrom-Json
$keep.Refresh(); $trim.Refresh()
'{0,-12} {1,14:N0} {2,14:N0}' -f 'Process', 'Before (KiB)', 'After (KiB)'
'{0,-12} {1,14:N0} {2,14:N0}' -f 'powershell', ($keepBefore / 1KB), ($keep.WorkingSet64 / 1KB)
'{0,-12} {1,14:N0} {2,14:N0}' -f 'ping', ($trimBefore / 1KB), ($trim.WorkingSet64 / 1KB)
$report.areas[0].notes | ForEach-Object { "  $_" }
Stop-Process -Id $keep.Id, $trim.Id -ErrorAction SilentlyContinue
if ($report.areas[0].outcome -ne 'done') { Fail "working-sets with an exclusion: $($report.areas[0].outcome) $($report.areas[0].reason)" }
if ($keep.WorkingSet64 -lt $keepBefore * 0.8) { Fail 'the excluded powershell.exe lost its working set' }
if ($trim.WorkingSet64 -gt $trimBefore * 0.5) { Fail "ping.exe was not trimmed ($trimBefore -> $($trim.WorkingSet64) bytes)" }
Pass 'working-sets with --exclude powershell.exe kept PowerShell and trimmed ping.exe'

# 4. The logon task.
if ($Autostart) {
    & $Exe autostart enable
    if ($LASTEXITCODE -ne 0) { Fail "autostart enable exited $LASTEXITCODE" }
    [xml]$task = (schtasks /Query /TN memsweep /XML ONE) -join "`n"
    $s = $task.Task.Settings
    # Task Scheduler leaves out settings at their default (true, true, PT72H): absent is a failure.
    if ($s.DisallowStartIfOnBatteries -ne 'false') { Fail 'the task does not start on battery' }
    if ($s.StopIfGoingOnBatteries -ne 'false') { Fail 'the task is stopped when the laptop unplugs' }
    if ($s.ExecutionTimeLimit -ne 'PT0S') { Fail "the task has a time limit: $($s.ExecutionTimeLimit)" }
    if ($task.Task.Principals.Principal.RunLevel -ne 'HighestAvailable') { Fail 'the task does not run elevated' }
    if ($task.Task.Actions.Exec.Command -notlike '*\memsweepw.exe') { Fail "the task runs $($task.Task.Actions.Exec.Command), not memsweepw.exe" }
    & $Exe autostart status
    & $Exe autostart disable
    Pass 'the logon task starts on battery, keeps running unplugged, has no time limit, runs memsweepw.exe elevated'
    '  (log off and on to see the daemon start without a window: memsweep.exe in Task Manager, no console)'
}

# 5. The memory lists around a clean.
$before = Status
$cleanArgs = if ($Full) { @('clean', '--all', '--json') } else { @('clean', '--json') }
$reportText = & $Exe @cleanArgs
$code = $LASTEXITCODE
$after = Status
$report = $reportText | ConvertFrom-Json

$b = Lists $before; $a = Lists $after
'{0,-22} {1,14} {2,14} {3,14}' -f 'List', 'Before (MiB)', 'After (MiB)', 'Change (MiB)'
foreach ($k in $b.Keys) {
    '{0,-22} {1,14:N1} {2,14:N1} {3,14:N1}' -f $k, ($b[$k] / 1MB), ($a[$k] / 1MB), (($a[$k] - $b[$k]) / 1MB)
}
''
$report.areas | Format-Table id, outcome, reason, @{n = 'ms'; e = { [math]::Round($_.duration_us / 1000, 1) } } -AutoSize
"memsweep exit code: $code (0 all done, 3 some failed, 4 nothing done, 77 not elevated)"

# What a healthy run looks like on Windows 10/11:
#  - every area 'done' (the win7 build on 7/8: registry-cache needs 8.1, combine-lists 10: 'unsupported' below that)
#  - standby-low-priority: 'Standby priority 0' falls to about 0
#  - with -Full: 'Standby (total)' falls to near 0 and 'Free'/'Zeroed' grow by about as much
#  - working-sets: 'Standby'/'Modified' grow first (trimmed pages land there), which the later areas then purge
