# memsweep — English. Every id here must also exist in zh-CN.ftl (a test checks).

## status
status-memory = Memory
status-total = total
status-used = used
status-used-note = { $percent } of total (total - available)
status-available = available
status-available-note = what can be had without swapping
status-free = free
status-free-note = holding nothing at all
status-swap = swap
status-swap-used = swap used
status-swap-of = of { $total }
status-none = none
status-unavailable = unavailable
status-caches = Caches
status-file-cache = file cache
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = standby lists + system working set
status-droppable = droppable cache
status-droppable-note-linux = upper bound: clean unmapped file cache + reclaimable slab
status-droppable-note-windows = the standby lists, every priority
status-active-file = active file
status-inactive-file = inactive file
status-mapped = mapped
status-mapped-note = in use by processes, not droppable
status-dirty = dirty
status-dirty-note = written by sync before any drop
status-writeback = writeback
status-shmem = shmem
status-shmem-note = tmpfs and shared memory, never droppable
status-slab = slab reclaimable
status-slab-note = dentries and inodes
status-anon = process memory
status-anon-note = anonymous pages, go only to swap
status-pressure = Pressure (PSI, share of time stalled: 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = not reported
status-pressure-absent = not available on this kernel (no /proc/pressure/memory)
status-since-boot = Since boot
status-refaults = refaults (file / anon)
status-major-faults = major faults
status-drops = cache drops (page / slab)
status-compaction = compaction (stall / success / fail)
status-frag-heading = Fragmentation at order { $order } ({ $block } blocks)
status-frag-node = node
status-frag-zone = zone
status-frag-free = free
status-frag-unusable = unusable
status-frag-index = frag index
status-frag-all = all
status-frag-legend-1 = unusable: share of free memory too scattered for one block (0 none, 1 all);
status-frag-legend-2 = frag index: near 1 fails for fragmentation, near 0 for lack of memory, -1 would succeed
status-windows = Windows
status-commit-charge = commit charge
status-commit-charge-note = committed memory, backed by RAM and the page files
status-commit-limit = commit limit
status-commit-limit-note = physical memory + page files
status-commit-peak = commit peak
status-commit-peak-note = highest charge since boot
status-page-files = page files
status-page-files-used = page files used
status-page-files-heading = Page files
status-page-file = file
status-page-file-size = size
status-page-file-in-use = in use
status-page-file-peak = peak
status-system-cache-ws = system file cache working set
status-lists = Memory lists
status-zeroed = zeroed
status-modified = modified
status-modified-no-write = modified no-write
status-standby = standby
status-priority = priority { $priority }
status-bad = bad
status-lists-unavailable = unavailable: { $reason }

## areas
areas-area = area
areas-default = default
areas-risk = risk
areas-here = here
areas-needs = needs
areas-what = what it does
areas-on = on
areas-off = off
areas-yes = yes
areas-no = no
areas-unsupported = { $area }: not supported here: { $reason }
risk-low = low
risk-medium = medium
risk-high = high
area-linux-dirty = write dirty file data to disk (sync); frees nothing itself, makes the rest safe
area-linux-process = page out the memory of chosen processes (process_madvise MADV_PAGEOUT, or MADV_COLD with --gentle)
area-linux-reclaim = proactive reclaim of an amount (--reclaim, default 10%) through node or cgroup v2 reclaim
area-linux-page-cache = sync, then drop clean unmapped page cache (drop_caches=1)
area-linux-slab = sync, then drop reclaimable slab: dentries and inodes (drop_caches=2)
area-linux-compact = defragment physical memory so huge pages can be had (compact_memory)
area-windows-working-sets = empty the working sets of all processes (MemoryEmptyWorkingSets): pages move to the standby/modified lists
area-windows-system-file-cache = empty the system file cache working set (class 81, min = max = SIZE_T::MAX)
area-windows-process = empty the working sets of chosen processes (EmptyWorkingSet); --pid, --name, --exclude
area-windows-modified-file-cache = write every volume's modified file data to disk (FlushFileBuffers on each volume); drops nothing
area-windows-modified-list = write the modified page list out so its pages become standby (MemoryFlushModifiedList); can stall
area-windows-standby-list = purge the whole standby list, every priority (MemoryPurgeStandbyList); drops all cache, can stall
area-windows-standby-low-priority = purge the priority-0 standby list only (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = flush the registry hives' cached changes (class 155)
area-windows-combine-lists = combine identical memory pages (class 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = Plan (dry run, nothing changed):
report-area = area
report-result = result
report-time = time
report-changed = what changed
outcome-done = done
outcome-skipped = skipped
outcome-unsupported = unsupported
outcome-failed = failed
outcome-planned = planned
report-could-free = could free up to { $size }
report-would-run = would run
report-tally = { $done } done, { $skipped } skipped, { $unsupported } unsupported, { $failed } failed in { $time }
report-total = total { $change }
report-stopped = stopped early: the remaining areas were skipped
metric-available_bytes = available
metric-free_bytes = free
metric-file_cache_bytes = file cache
metric-dirty_bytes = dirty
metric-slab_reclaimable_bytes = slab reclaimable
metric-unusable_index_order9_permille = unusable index order9
metric-standby_bytes = standby
metric-standby_priority0_bytes = standby priority0
metric-modified_bytes = modified
metric-zeroed_bytes = zeroed
metric-system_file_cache_bytes = system file cache
metric-rss_bytes = rss
metric-rss_file_bytes = rss file
metric-rss_anon_bytes = rss anon
metric-rss_shmem_bytes = rss shmem
metric-processes_trimmed = processes trimmed
metric-pages_combined = pages combined
metric-volumes_flushed = volumes flushed
change-unavailable = { $name } unavailable

## errors
error-needs-root = cleaning needs root: run it with sudo (status and areas work without)
error-needs-admin = cleaning needs Administrator: run memsweep from an elevated prompt (Run as administrator)
error-needs-root-or-service = cleaning needs root: run it with sudo (status and areas work without), or install the service: sudo memsweep service install, and join group memsweep
error-needs-admin-or-service = cleaning needs Administrator: run memsweep from an elevated prompt, or install the service: memsweep service install (elevated, once)
error-service-denied-windows = the memsweep service at { $endpoint } lets only administrators in ([service] allow = "administrators" in its config)
error-service-denied = the memsweep service at { $endpoint } does not let this user in: join its group ([service] group, memsweep by default: sudo usermod -aG memsweep $USER, then log in again)
error-unknown-area = unknown area '{ $id }' (known here: { $known })
error-no-such-pid = no process with pid { $pid }
error-no-process-named = no running process is named '{ $name }'
error-no-process-chosen = the process area needs --pid, --name or --all-processes to say which processes to trim
error-process-option = { $flag } only applies to the process area; add `process` to the areas
error-reclaim-option = { $flag } only applies to the reclaim area; add `reclaim` to the areas
error-gentle-option = --gentle applies to the process area (mark pages cold) and the reclaim area (small steps); add one
error-wow64 = this is a 32-bit memsweep on 64-bit Windows: memory lists and page combining are not reliable through WoW64; use the 64-bit memsweep.exe

## autostart (Windows)
autostart-windows-only = `memsweep autostart` is for Windows; on Linux use `memsweep service`
autostart-task-description = memsweep watch: automatic memory cleaning by the rules of the config
autostart-not-set-up = logon task '{ $task }': not set up
autostart-unreadable = logon task '{ $task }': cannot be read ({ $reason }); try from an elevated prompt
autostart-registered = logon task '{ $task }': registered
autostart-runs = runs: { $command }
autostart-runs-unknown = runs: not shown (this Task Scheduler did not keep the action)
autostart-window-none = window: none (memsweepw.exe starts memsweep.exe without a console)
autostart-window-console = window: a console window, and closing it ends the daemon
autostart-run-level-highest = run level: highest (elevated, no UAC prompt)
autostart-run-level-limited = run level: limited (not elevated: its cleans will fail)
autostart-battery-start-yes = on battery: starts
autostart-battery-start-no = on battery: does not start (Task Scheduler's default)
autostart-battery-stop-no = unplugged: keeps running
autostart-battery-stop-yes = unplugged: stopped (Task Scheduler's default)
autostart-time-limit-none = time limit: none
autostart-time-limit = time limit: { $limit }, then Task Scheduler ends it
autostart-disabled = the task is disabled
autostart-fix = to fix it, run `memsweep autostart enable` again from an elevated prompt
autostart-created = logon task '{ $task }' registered: runs { $command } at logon with highest privileges, without a window, on battery too, with no time limit
autostart-deleted = logon task '{ $task }' deleted
autostart-no-launcher = { $launcher } is not next to memsweep.exe (in { $dir }): without it the daemon would open a console window at logon; nothing was registered

## service (Windows: the Service Control Manager; some lines on Linux too)
service-os-unsupported = `memsweep service` is for Linux (systemd) and Windows
service-run-windows-only = `memsweep service run` is what the Windows Service Control Manager starts; on Linux systemd runs `memsweep watch`
service-run-not-from-scm = `memsweep service run` is what the Service Control Manager starts, not a prompt: run `memsweep watch` here, or `memsweep service start`
service-description = memsweep: cleans memory by the rules of its config, and for users who are not administrators through \\.\pipe\memsweep
service-state-running = running
service-state-stopped = stopped
service-state-start-pending = starting
service-state-stop-pending = stopping
service-state-paused = paused
service-timeout = service '{ $name }' was not { $state } after { $seconds } s
service-see-log = see { $log }
service-unsafe = { $path } could be changed by { $who }, not only by SYSTEM and Administrators: the service runs as SYSTEM and would act on it, so nothing was done. { $fix }
service-fix-dir = It holds only memsweep's files: delete the folder (from an elevated prompt) and install again.
service-fix-entry = Delete it (from an elevated prompt) and install again.
service-fix-config = Let only administrators change the file and its folder, or keep the config in %ProgramData%\memsweep (install without --config).
service-fix-exe = Copy memsweep.exe to a folder only administrators may change, such as C:\Program Files\memsweep, and install from there.
service-secured-dir = { $dir }: only SYSTEM and Administrators may change it, users may read it (config, history, log)
service-wrote-config = wrote a default config to { $path } (it has no rules yet: add some)
service-kept-config = kept the config { $path }
service-registered = registered service '{ $name }': runs { $command } as LocalSystem, starts at boot with nobody logged on, restarted after a failure (after { $delays })
service-updated = updated service '{ $name }': runs { $command } as LocalSystem, starts at boot with nobody logged on, restarted after a failure (after { $delays })
service-started-at = started service '{ $name }' (pid { $pid }): users clean through { $endpoint }; it logs to { $log }
service-logon-task-too = the logon task '{ $task }' starts memsweep watch too, and would find the service running: remove it with `memsweep autostart disable`
service-no-failure-flag = this Service Control Manager does not take the failure-actions flag (Wine's does not): the service is restarted after a crash, not after an exit with an error
service-not-installed = service '{ $name }' is not installed
service-started = started service '{ $name }' (pid { $pid })
service-unit-started = started { $name }
service-already-running = service '{ $name }' is running already (pid { $pid })
service-stopped = stopped { $name }
service-already-stopped = service '{ $name }' is not running
service-delete-pending = service '{ $name }' is marked for deletion; Windows removes it once no program holds it open (close the Services window)
service-removed = stopped and removed service '{ $name }'
service-removed-kept = stopped and removed service '{ $name }'; its config, history and log stay in { $dir } (`memsweep service uninstall --purge` deletes them)
service-purged = deleted { $path }
service-status-installed = service '{ $name }': installed
service-status-not-installed = service '{ $name }': not installed (install it from an elevated prompt: memsweep service install)
service-status-running = state: running (pid { $pid })
service-status-state = state: { $state }
service-status-runs = runs: { $command }
service-status-start-auto = start: automatic, at boot, as { $account }
service-status-start-manual = start: not automatic, as { $account } (`memsweep service install` makes it automatic)
service-status-restarts = after a failure: restarted (after { $delays })
service-status-no-restart = after a failure: not restarted (`memsweep service install` sets it)
service-status-log = log: { $log }
service-status-open-to-interactive = who may connect: SYSTEM, Administrators and interactive users ([service] allow = "interactive" in { $config })
service-status-open-to-administrators = who may connect: SYSTEM and Administrators only ([service] allow = "administrators" in { $config })
service-status-endpoint-off = endpoint: off ([service] control = false in { $config })

## history
history-time = time
history-trigger = trigger
history-result = result
history-took = took
history-free = free
history-file-cache = file cache
history-available-after = available after
history-read-back = read back
history-faults = faults after
history-empty = no cleans recorded in { $path }

## tray
tray-tooltip = memsweep: memory { $used }% used · { $swap-label } { $swap }% · file cache { $cache }
tray-swap = swap
tray-commit = commit
tray-advice = advice: { $verdict }
tray-advice-nothing = no need to clean
tray-advice-clean = cleaning would help
tray-advice-compact = compaction would help
tray-advice-keep = keep the cache: it is re-read
tray-no-privilege = not elevated: cleaning is off
tray-clean-now = Clean now
tray-clean-area = Clean area
tray-risky = { $area } (risky)
tray-confirm-risky = { $area } can stall the machine or drop all cache. Run it?
tray-auto = Automatic cleaning
tray-start-at-login = Start at login
tray-language = Language
tray-open-config = Open config
tray-show-history = Show history
tray-fix-privilege = Fix: start elevated at login
tray-exit = Exit
tray-busy = A clean is already running; try again when it has finished.
tray-cleaned = Cleaned: { $summary }
tray-failed = Clean failed: { $reason }
tray-no-tray = this desktop has no system tray (no StatusNotifier host): memsweep-tray has nothing to show and exits
tray-tooltip-no-swap = memsweep: memory { $used }% used · no swap · file cache { $cache }
tray-cleaning = cleaning…
tray-confirm-yes = Yes, clean { $area }
tray-confirm-no = Cancel
tray-no-rules = no rules in the config
tray-freed-unknown = { $done } areas done, amounts not measurable
tray-some-failed = { $failed } failed
tray-list-available = available
tray-list-free = free
tray-list-file-cache = file cache
tray-list-dirty = dirty
tray-list-slab = slab
tray-list-standby = standby
tray-list-modified = modified
tray-list-zeroed = zeroed
tray-already-running = memsweep-tray is already running
tray-start-at-login-needs-admin = Start at login needs Administrator (restart as administrator) or the memsweep service
tray-start-at-login-failed = Start at login could not be changed: { $reason }

## top
top-title = memsweep top · { $total } · used { $used }% · available { $available } · every { $refresh } s
top-composition = Physical memory
top-process-memory = process memory
top-other = kernel & other
top-shmem = shmem
top-cache = file cache
top-dirty = dirty
top-slab = slab
top-free = free
top-in-use = in use
top-modified = modified
top-standby = standby
top-zeroed = zeroed
top-available = available
top-history = Available and file cache, last { $minutes } min
top-now = now
top-clean-marker = clean
top-fragmentation = Fragmentation (all zones)
top-order = order
top-free-blocks = blocks
top-unusable = unus.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI not available on this kernel
top-standby-priority = Standby list by priority (0-7)
top-lists-unavailable = memory lists unavailable: { $reason }
top-processes = Processes by { $sort }
top-sort-rss = resident memory
top-sort-name = name
top-sort-pid = pid
top-pid = pid
top-name = name
top-rss = resident
top-share = share
top-advice = advice: { $advice }
top-last-clean = last clean: file cache -{ $freed }
top-last-clean-cost = last clean: file cache -{ $freed }, { $back } read back in { $seconds } s
top-keys = c clean · a areas · p trim · r refresh · s sort · ↑↓ select · q quit · ? help
top-help-title = Keys
top-help =
    c      clean the default areas (in the background)
    a      choose areas to clean (risky ones ask first)
    p      trim the selected process
    r      refresh rate: 1 s, 2 s, 5 s, 0.5 s
    s      sort processes: resident, name, pid
    ↑ ↓    select a process (PgUp / PgDn: by 10)
    ?      this help (Esc closes it)
    q      quit
top-chooser-title = Clean areas
top-chooser-keys = ↑↓ move · space tick · enter clean · esc close
top-risky = risky: can stall or drop all cache
top-confirm-title = Risky areas
top-confirm = { $areas } can stall the machine or drop all cache. Clean anyway?
top-confirm-keys = y yes · any other key: no
top-cancelled = cancelled
top-busy = a clean is already running; wait for its report
top-cleaning = cleaning { $areas }…
top-cleaned = cleaned: { $done } done, { $failed } failed · free { $free } · file cache { $cache } · { $time }
top-clean-failed = clean not done: { $reason }
top-excluded = { $name } is excluded from trimming by the config

## advise
advise-heading = Advice: { $verdict }
advise-nothing-to-do = nothing to do
advise-clean = clean { $areas }
advise-compact = compact memory for huge pages
advise-keep-cache = do not drop the cache: it is being read back
advise-run = run: { $command }
advise-finding-available-low = only { $available }% of memory is available (short below { $threshold }%)
advise-finding-stalling = tasks are stalling on memory: PSI some avg10 { $some }% (at or above { $threshold }%)
advise-finding-cache-reread = the cache is being read back: refaults at { $rate } (at or above { $threshold })
advise-finding-hard-faults = pages are being read back from disk: { $rate } hard faults/s (at or above { $threshold })
advise-finding-no-cache = only { $droppable } of cache could be given back: processes hold the memory, a clean cannot help
advise-finding-fragmented = huge pages (order { $order }) fail for fragmentation in zone { $zone }: index { $index } above the kernel's { $threshold }
advise-finding-standby-crowds-free = the standby lists ({ $standby }) crowd out free memory ({ $free })
advise-finding-commit-high = commit is at { $commit }% of the limit (at or above { $threshold }%): cleaning cannot lower it; close programs or grow the page file
advise-finding-rates = the read-back rate was not measured (one reading; `memsweep advise` watches it for 2 s)
advise-figures = Figures
advise-window = (rates over { $seconds } s)
advise-pressure = pressure (some avg10)
advise-refaults = refaults
advise-major-faults = major faults
advise-fragmentation = fragmentation index, order 9
advise-extfrag = compaction helps above { $threshold }
advise-hard-faults = hard faults
status-advice = Advice
status-service = Service
status-service-may = { $endpoint } answers (memsweep { $version }): you may clean { $areas } through it{ $gap ->
    [0] {""}
   *[other] , one clean every { $gap } s
}
status-service-nothing = { $endpoint } answers (memsweep { $version }), but lets this user clean nothing
status-service-denied = { $endpoint } is there, but this user may not use it (join group memsweep)
status-service-absent = not running at { $endpoint } (install it: sudo memsweep service install)
status-service-absent-windows = not running at { $endpoint } (install it from an elevated prompt: memsweep service install)
status-service-stopped = not running at { $endpoint }: the service is installed but stopped (start it: sudo memsweep service start)
status-service-stopped-windows = not running at { $endpoint }: the service is installed but stopped (start it from an elevated prompt: memsweep service start)
status-service-denied-windows = { $endpoint } is there, but lets only administrators in ([service] allow = "administrators")
status-service-broken = { $endpoint } did not answer properly: { $why }
status-advice-note = one reading: `memsweep advise` also measures whether the cache is being read back
