# memsweep on real Windows: a manual check for what Wine cannot show.
#
# Run from an elevated PowerShell ("Run as administrator") in the folder holding memsweep.exe:
#     powershell -ExecutionPolicy Bypass -File windows-manual-check.ps1 [-Exe .\memsweep.exe] [-Full]
# It prints the memory lists before and after a clean, RAMMap-style, and the clean's report.
# Without -Full it cleans the default areas; with -Full every area (the full standby purge and the
# modified-list flush included: these can stall a large machine for seconds).
param(
    [string]$Exe = (Join-Path $PSScriptRoot 'memsweep.exe'),
    [switch]$Full
)
$ErrorActionPreference = 'Stop'

function Lists($status) {
    if ($status.windows.lists.state -ne 'available') {
        throw "memory lists unavailable: $($status.windows.lists.reason) (is this prompt elevated?)"
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
$before = & $Exe status --json | ConvertFrom-Json
$cleanArgs = if ($Full) { @('clean', '--all', '--json') } else { @('clean', '--json') }
$reportText = & $Exe @cleanArgs
$code = $LASTEXITCODE
$after = & $Exe status --json | ConvertFrom-Json
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
#  - every area 'done' (registry-cache needs 8.1+, combine-lists 10+: 'unsupported' below that)
#  - standby-low-priority: 'Standby priority 0' falls to about 0
#  - with -Full: 'Standby (total)' falls to near 0 and 'Free'/'Zeroed' grow by about as much
#  - working-sets: 'Standby'/'Modified' grow first (trimmed pages land there), which the later areas then purge
