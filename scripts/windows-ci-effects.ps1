# memsweep's effects on a real, elevated Windows, asserted (the GitHub Actions workflow
# .github/workflows/windows.yml runs it; it also runs by hand in an elevated PowerShell):
#   - status reads the memory lists (RAMMap's figures: zeroed, free, modified, standby 0-7);
#   - clean process --pid: a child's working set falls;
#   - clean modified-list: the modified list shrinks;
#   - clean standby-list: the standby lists shrink.
# Each check prints its figures before and after; a check that does not hold throws (exit 1).
# Wine cannot show any of this: its memory-manager calls succeed and change nothing.
param([string]$Exe = (Join-Path $PSScriptRoot 'memsweep.exe'))
$ErrorActionPreference = 'Stop'
$MiB = 1MB

function Invoke-Memsweep([string[]]$Arguments) {
    $text = & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "memsweep $($Arguments -join ' ') exited with $LASTEXITCODE`n$text" }
    return ($text -join "`n")
}

function Get-Lists {
    $status = Invoke-Memsweep @('status', '--json') | ConvertFrom-Json
    if ($status.windows.lists.state -ne 'available') {
        throw "status cannot read the memory lists: $($status.windows.lists.reason) (is this elevated?)"
    }
    $l = $status.windows.lists.value
    return [pscustomobject]@{
        Modified = [double]$l.modified_bytes
        Standby  = [double](($l.standby_by_priority_bytes | Measure-Object -Sum).Sum)
        Free     = [double]$l.free_bytes + [double]$l.zeroed_bytes
    }
}

function Assert-Fell([string]$What, [double]$Before, [double]$After) {
    $line = '{0}: {1:N1} MiB -> {2:N1} MiB' -f $What, ($Before / $MiB), ($After / $MiB)
    Write-Output $line
    if (-not ($After -lt $Before)) { throw "$What did not shrink: $line" }
}

Write-Output '== status reads the memory lists'
$lists = Get-Lists
Write-Output ('modified {0:N1} MiB, standby {1:N1} MiB, free+zeroed {2:N1} MiB' -f `
    ($lists.Modified / $MiB), ($lists.Standby / $MiB), ($lists.Free / $MiB))
if ($lists.Standby + $lists.Free -le 0) { throw 'the lists read as empty' }

Write-Output '== clean process --pid: the child''s working set falls'
# A child that touches 512 MiB of private memory and waits.
# -EncodedCommand: Start-Process does not quote arguments, so the script goes in base64.
$code = '$a = New-Object byte[] (512MB); for ($i = 0; $i -lt $a.Length; $i += 4096) { $a[$i] = 1 }; Start-Sleep 600'
$encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($code))
$child = Start-Process -PassThru -WindowStyle Hidden powershell -ArgumentList @('-NoProfile', '-EncodedCommand', $encoded)
try {
    $deadline = (Get-Date).AddSeconds(60)
    do {
        Start-Sleep -Milliseconds 500
        $child.Refresh()
        if ((Get-Date) -gt $deadline) { throw "the child never reached 400 MiB (at $($child.WorkingSet64 / $MiB) MiB)" }
    } while ($child.WorkingSet64 -lt 400MB)
    Start-Sleep -Seconds 1
    $child.Refresh()
    $before = [double]$child.WorkingSet64
    Invoke-Memsweep @('clean', 'process', '--pid', "$($child.Id)") | Write-Output
    $child.Refresh()
    $after = [double]$child.WorkingSet64
    Assert-Fell 'child working set' $before $after
    if ($after -gt $before / 2) { throw 'the child kept more than half its working set' }

    # Its trimmed private pages wait on the modified list for the page file: flush it.
    Write-Output '== clean modified-list: the modified list shrinks'
    $before = (Get-Lists).Modified
    Invoke-Memsweep @('clean', 'modified-list') | Write-Output
    Assert-Fell 'modified list' $before (Get-Lists).Modified
}
finally {
    Stop-Process -Id $child.Id -Force -ErrorAction SilentlyContinue
}

Write-Output '== clean standby-list: the standby lists shrink'
# Fill the standby list first: a file written and read back leaves its pages cached.
$file = Join-Path $env:RUNNER_TEMP 'memsweep-standby.bin'
if (-not $env:RUNNER_TEMP) { $file = Join-Path $env:TEMP 'memsweep-standby.bin' }
$buffer = New-Object byte[] (4MB)
(New-Object System.Random 42).NextBytes($buffer)
$stream = [System.IO.File]::Create($file)
for ($i = 0; $i -lt 128; $i++) { $stream.Write($buffer, 0, $buffer.Length) }
$stream.Close()
$stream = [System.IO.File]::OpenRead($file)
while ($stream.Read($buffer, 0, $buffer.Length) -gt 0) { }
$stream.Close()
try {
    $before = (Get-Lists).Standby
    Invoke-Memsweep @('clean', 'standby-list') | Write-Output
    Assert-Fell 'standby lists' $before (Get-Lists).Standby
}
finally {
    Remove-Item $file -Force -ErrorAction SilentlyContinue
}
Write-Output 'all effects verified on this Windows'
