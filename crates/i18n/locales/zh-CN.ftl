# memsweep — 简体中文。此处每个 id 都必须在 en.ftl 中存在（有测试检查）。

## status
status-memory = 内存
status-total = 总量
status-used = 已用
status-used-note = 占总量 { $percent }（总量 - 可用）
status-available = 可用
status-available-note = 无需换出即可获得的内存
status-free = 空闲
status-free-note = 完全未使用
status-swap = 交换区
status-swap-used = 交换区已用
status-swap-of = 共 { $total }
status-none = 无
status-unavailable = 不可用
status-caches = 缓存
status-file-cache = 文件缓存
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = 备用列表 + 系统工作集
status-droppable = 可释放缓存
status-droppable-note-linux = 上限：未映射的干净文件缓存 + 可回收 slab
status-droppable-note-windows = 全部优先级的备用列表
status-active-file = 活跃文件页
status-inactive-file = 非活跃文件页
status-mapped = 已映射
status-mapped-note = 正被进程使用，不可释放
status-dirty = 脏页
status-dirty-note = 释放前先由 sync 写回磁盘
status-writeback = 回写中
status-shmem = 共享内存
status-shmem-note = tmpfs 与共享内存，永不可释放
status-slab = 可回收 slab
status-slab-note = 目录项与 inode
status-anon = 进程内存
status-anon-note = 匿名页，只能换出到交换区
status-pressure = 内存压力（PSI，停顿时间占比：10 秒 / 60 秒 / 300 秒）
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = 未报告
status-pressure-absent = 此内核不支持（没有 /proc/pressure/memory）
status-since-boot = 自启动以来
status-refaults = 缺页重读（文件 / 匿名）
status-major-faults = 主缺页
status-drops = 缓存清除次数（页 / slab）
status-compaction = 内存规整（停顿 / 成功 / 失败）
status-frag-heading = 阶 { $order } 的碎片情况（{ $block } 的块）
status-frag-node = 节点
status-frag-zone = 区域
status-frag-free = 空闲
status-frag-unusable = 不可用
status-frag-index = 碎片指数
status-frag-all = 全部
status-frag-legend-1 = 不可用：空闲内存中太零散、凑不成一个块的比例（0 没有，1 全部）；
status-frag-legend-2 = 碎片指数：接近 1 表示因碎片而失败，接近 0 表示因内存不足而失败，-1 表示会成功
status-windows = Windows
status-commit-charge = 提交量
status-commit-charge-note = 已提交的内存，由物理内存和页面文件承担
status-commit-limit = 提交上限
status-commit-limit-note = 物理内存 + 页面文件
status-commit-peak = 提交峰值
status-commit-peak-note = 开机以来的最高提交量
status-page-files = 页面文件
status-page-files-used = 页面文件已用
status-page-files-heading = 页面文件
status-page-file = 文件
status-page-file-size = 大小
status-page-file-in-use = 已用
status-page-file-peak = 峰值
status-system-cache-ws = 系统文件缓存工作集
status-lists = 内存列表
status-zeroed = 已清零
status-modified = 已修改
status-modified-no-write = 已修改（不写回）
status-standby = 备用
status-priority = 优先级 { $priority }
status-bad = 坏页
status-lists-unavailable = 不可用：{ $reason }

## areas
areas-area = 区域
areas-default = 默认
areas-risk = 风险
areas-here = 本机
areas-needs = 需要
areas-what = 作用
areas-on = 开
areas-off = 关
areas-yes = 支持
areas-no = 不支持
areas-unsupported = { $area }：本机不支持：{ $reason }
risk-low = 低
risk-medium = 中
risk-high = 高
area-linux-dirty = 将脏文件数据写回磁盘（sync）；本身不释放内存，但让后续步骤安全
area-linux-process = 换出所选进程的内存（process_madvise MADV_PAGEOUT；加 --gentle 时为 MADV_COLD）
area-linux-reclaim = 通过节点或 cgroup v2 回收接口主动回收指定数量（--reclaim，默认 10%）
area-linux-page-cache = 先 sync，再丢弃干净且未映射的页缓存（drop_caches=1）
area-linux-slab = 先 sync，再丢弃可回收的 slab：目录项与 inode（drop_caches=2）
area-linux-compact = 整理物理内存碎片，以便获得大页（compact_memory）
area-windows-working-sets = 清空所有进程的工作集（MemoryEmptyWorkingSets）：页面移入备用/已修改列表
area-windows-system-file-cache = 清空系统文件缓存工作集（类 81，最小 = 最大 = SIZE_T::MAX）
area-windows-process = 清空所选进程的工作集（EmptyWorkingSet）；--pid、--name、--exclude
area-windows-modified-file-cache = 将每个卷已修改的文件数据写回磁盘（对每个卷 FlushFileBuffers）；不丢弃任何内容
area-windows-modified-list = 写出已修改页面列表，使其变为备用页（MemoryFlushModifiedList）；可能卡顿
area-windows-standby-list = 清除整个备用列表，所有优先级（MemoryPurgeStandbyList）；丢弃全部缓存，可能卡顿
area-windows-standby-low-priority = 仅清除优先级 0 的备用列表（MemoryPurgeLowPriorityStandbyList）
area-windows-registry-cache = 将注册表配置单元的缓存更改写回（类 155）
area-windows-combine-lists = 合并相同的内存页（类 130，MEMORY_COMBINE_INFORMATION_EX）

## clean report
report-plan = 计划（试运行，未做任何更改）：
report-area = 区域
report-result = 结果
report-time = 用时
report-changed = 变化
outcome-done = 完成
outcome-skipped = 跳过
outcome-unsupported = 不支持
outcome-failed = 失败
outcome-planned = 计划
report-could-free = 最多可释放 { $size }
report-would-run = 将会执行
report-tally = { $done } 项完成，{ $skipped } 项跳过，{ $unsupported } 项不支持，{ $failed } 项失败，用时 { $time }
report-total = 合计 { $change }
report-stopped = 提前停止：其余区域已跳过
metric-available_bytes = 可用
metric-free_bytes = 空闲
metric-file_cache_bytes = 文件缓存
metric-dirty_bytes = 脏页
metric-slab_reclaimable_bytes = 可回收 slab
metric-unusable_index_order9_permille = 阶 9 不可用指数
metric-standby_bytes = 备用
metric-standby_priority0_bytes = 优先级 0 备用
metric-modified_bytes = 已修改
metric-zeroed_bytes = 已清零
metric-system_file_cache_bytes = 系统文件缓存
metric-rss_bytes = 常驻内存
metric-rss_file_bytes = 文件常驻内存
metric-rss_anon_bytes = 匿名常驻内存
metric-rss_shmem_bytes = 共享常驻内存
metric-processes_trimmed = 已处理进程
metric-pages_combined = 合并页数
metric-volumes_flushed = 已刷新卷
change-unavailable = { $name } 不可用

## errors
error-needs-root = 清理需要 root 权限：请用 sudo 运行（status 和 areas 无需 root）
error-needs-root-or-service = 清理需要 root 权限：请用 sudo 运行（status 和 areas 无需 root），或者安装服务：sudo memsweep service install，并加入 memsweep 组
error-needs-admin-or-service = 清理需要管理员权限：请在提升权限的命令提示符中运行 memsweep，或者安装服务：memsweep service install（以管理员身份运行一次）
error-service-denied-windows = { $endpoint } 上的 memsweep 服务只允许管理员使用（其配置中 [service] allow = "administrators"）
error-service-denied = { $endpoint } 上的 memsweep 服务不允许此用户使用：请加入它的组（[service] group，默认为 memsweep：sudo usermod -aG memsweep $USER，然后重新登录）
error-needs-admin = 清理需要管理员权限：请在提升的命令提示符中运行 memsweep（以管理员身份运行）
error-unknown-area = 未知区域“{ $id }”（本机可用：{ $known }）
error-no-such-pid = 没有 pid 为 { $pid } 的进程
error-no-process-named = 没有名为“{ $name }”的运行中进程
error-no-process-chosen = process 区域需要用 --pid、--name 或 --all-processes 指定要处理的进程
error-process-option = { $flag } 只用于 process 区域；请在区域中加上 `process`
error-reclaim-option = { $flag } 只用于 reclaim 区域；请在区域中加上 `reclaim`
error-gentle-option = --gentle 用于 process 区域（把页标记为冷）和 reclaim 区域（小步回收）；请加上其中之一
error-wow64 = 这是运行在 64 位 Windows 上的 32 位 memsweep：通过 WoW64 读取内存列表和合并页面都不可靠；请使用 64 位的 memsweep.exe

## autostart (Windows)
autostart-windows-only = `memsweep autostart` 用于 Windows；Linux 上请用 `memsweep service`
autostart-task-description = memsweep watch：按配置中的规则自动清理内存
autostart-not-set-up = 登录任务“{ $task }”：未设置
autostart-unreadable = 登录任务“{ $task }”：无法读取（{ $reason }）；请在提升的命令提示符中重试
autostart-registered = 登录任务“{ $task }”：已注册
autostart-runs = 运行：{ $command }
autostart-runs-unknown = 运行：未显示（此任务计划程序没有保存操作）
autostart-window-none = 窗口：无（memsweepw.exe 在没有控制台的情况下启动 memsweep.exe）
autostart-window-console = 窗口：一个控制台窗口，关闭它会结束守护进程
autostart-run-level-highest = 运行级别：最高（已提升，无 UAC 提示）
autostart-run-level-limited = 运行级别：受限（未提升：它的清理会失败）
autostart-battery-start-yes = 使用电池时：会启动
autostart-battery-start-no = 使用电池时：不启动（任务计划程序的默认设置）
autostart-battery-stop-no = 拔掉电源后：继续运行
autostart-battery-stop-yes = 拔掉电源后：被停止（任务计划程序的默认设置）
autostart-time-limit-none = 时间限制：无
autostart-time-limit = 时间限制：{ $limit }，之后任务计划程序会结束它
autostart-disabled = 该任务已禁用
autostart-fix = 要修正，请在提升的命令提示符中再次运行 `memsweep autostart enable`
autostart-created = 登录任务“{ $task }”已注册：登录时以最高权限运行 { $command }，无窗口，使用电池时也运行，无时间限制
autostart-deleted = 登录任务“{ $task }”已删除
autostart-no-launcher = { $launcher } 不在 memsweep.exe 旁边（{ $dir }）：没有它，守护进程会在登录时打开控制台窗口；未注册任何任务

## service (Windows: the Service Control Manager; some lines on Linux too)
service-os-unsupported = `memsweep service` 用于 Linux（systemd）和 Windows
service-run-windows-only = `memsweep service run` 由 Windows 服务控制管理器启动；在 Linux 上由 systemd 运行 `memsweep watch`
service-run-not-from-scm = `memsweep service run` 由服务控制管理器启动，不在命令提示符中使用：请在这里运行 `memsweep watch`，或 `memsweep service start`
service-description = memsweep：按配置中的规则清理内存，并通过 \\.\pipe\memsweep 为非管理员用户清理
service-state-running = 运行中
service-state-stopped = 已停止
service-state-start-pending = 正在启动
service-state-stop-pending = 正在停止
service-state-paused = 已暂停
service-timeout = 服务“{ $name }”在 { $seconds } 秒后仍未进入“{ $state }”状态
service-see-log = 请查看 { $log }
service-unsafe = { $path } 可以被 { $who } 修改，而不只是 SYSTEM 和 Administrators：服务以 SYSTEM 身份运行并会依据它行事，因此什么也没有做。{ $fix }
service-fix-dir = 该文件夹只存放 memsweep 的文件：请（在提升的命令提示符中）删除它，然后重新安装。
service-fix-entry = 请（在提升的命令提示符中）删除它，然后重新安装。
service-fix-config = 请只允许管理员修改该文件及其所在文件夹，或者把配置放在 %ProgramData%\memsweep 中（安装时不加 --config）。
service-fix-exe = 请把 memsweep.exe 复制到只有管理员能修改的文件夹（例如 C:\Program Files\memsweep），然后从那里安装。
service-secured-dir = { $dir }：只有 SYSTEM 和 Administrators 可以修改，普通用户可以读取（配置、历史、日志）
service-wrote-config = 已在 { $path } 写入默认配置（其中还没有规则：请添加）
service-kept-config = 保留现有配置 { $path }
service-registered = 已注册服务“{ $name }”：以 LocalSystem 身份运行 { $command }，开机即启动、无需任何人登录，失败后自动重启（间隔 { $delays }）
service-updated = 已更新服务“{ $name }”：以 LocalSystem 身份运行 { $command }，开机即启动、无需任何人登录，失败后自动重启（间隔 { $delays }）
service-started-at = 已启动服务“{ $name }”（pid { $pid }）：用户可通过 { $endpoint } 清理；日志写入 { $log }
service-logon-task-too = 登录任务“{ $task }”也会启动 memsweep watch，而服务已在运行：请用 `memsweep autostart disable` 删除它
service-no-failure-flag = 此服务控制管理器不接受“失败操作”标志（Wine 的就不接受）：服务崩溃后会重启，但以错误退出后不会
service-not-installed = 服务“{ $name }”未安装
service-started = 已启动服务“{ $name }”（pid { $pid }）
service-unit-started = 已启动 { $name }
service-already-running = 服务“{ $name }”已在运行（pid { $pid }）
service-stopped = 已停止 { $name }
service-already-stopped = 服务“{ $name }”没有在运行
service-delete-pending = 服务“{ $name }”已标记为删除；没有程序再打开它时 Windows 会移除它（请关闭“服务”窗口）
service-removed = 已停止并移除服务“{ $name }”
service-removed-kept = 已停止并移除服务“{ $name }”；其配置、历史和日志仍保留在 { $dir }（`memsweep service uninstall --purge` 会删除它们）
service-purged = 已删除 { $path }
service-status-installed = 服务“{ $name }”：已安装
service-status-not-installed = 服务“{ $name }”：未安装（请在提升的命令提示符中安装：memsweep service install）
service-status-running = 状态：运行中（pid { $pid }）
service-status-state = 状态：{ $state }
service-status-runs = 运行：{ $command }
service-status-start-auto = 启动：自动，开机时，身份为 { $account }
service-status-start-manual = 启动：非自动，身份为 { $account }（`memsweep service install` 会设为自动）
service-status-restarts = 失败后：自动重启（间隔 { $delays }）
service-status-no-restart = 失败后：不重启（`memsweep service install` 会设置）
service-status-log = 日志：{ $log }
service-status-open-to-interactive = 谁可以连接：SYSTEM、Administrators 和交互式登录的用户（{ $config } 中的 [service] allow = "interactive"）
service-status-open-to-administrators = 谁可以连接：仅 SYSTEM 和 Administrators（{ $config } 中的 [service] allow = "administrators"）
service-status-endpoint-off = 控制端点：关闭（{ $config } 中的 [service] control = false）

## history
history-time = 时间
history-trigger = 触发
history-result = 结果
history-took = 用时
history-free = 空闲
history-file-cache = 文件缓存
history-read-back = 事后读回
history-faults = 事后缺页
history-available-after = 清理后可用
history-empty = { $path } 中没有清理记录

## tray
tray-tooltip = memsweep：内存已用 { $used }% · { $swap-label } { $swap }% · 文件缓存 { $cache }
tray-swap = 交换区
tray-commit = 提交
tray-advice = 建议：{ $verdict }
tray-advice-nothing = 无需清理
tray-advice-clean = 清理会有帮助
tray-advice-compact = 整理碎片会有帮助
tray-advice-keep = 保留缓存：它正被重新读取
tray-no-privilege = 未提升权限：无法清理
tray-clean-now = 立即清理
tray-clean-area = 清理区域
tray-risky = { $area }（有风险）
tray-confirm-risky = { $area } 可能导致系统卡顿或丢弃全部缓存。确定执行吗？
tray-auto = 自动清理
tray-start-at-login = 登录时启动
tray-language = 语言
tray-open-config = 打开配置
tray-show-history = 查看历史
tray-fix-privilege = 修复：登录时以管理员身份启动
tray-exit = 退出
tray-busy = 已有清理正在进行，请在其完成后再试。
tray-cleaned = 已清理：{ $summary }
tray-failed = 清理失败：{ $reason }
tray-no-tray = 此桌面没有系统托盘（没有 StatusNotifier 宿主）：memsweep-tray 无处显示，已退出
tray-tooltip-no-swap = memsweep：内存已用 { $used }% · 无交换区 · 文件缓存 { $cache }
tray-cleaning = 正在清理…
tray-confirm-yes = 确定清理 { $area }
tray-confirm-no = 取消
tray-no-rules = 配置中没有规则
tray-freed-unknown = 已完成 { $done } 个区域，释放量无法测量
tray-some-failed = { $failed } 个失败
tray-list-available = 可用
tray-list-free = 空闲
tray-list-file-cache = 文件缓存
tray-list-dirty = 脏页
tray-list-slab = slab
tray-list-standby = 备用
tray-list-modified = 已修改
tray-list-zeroed = 已清零
tray-already-running = memsweep-tray 已在运行
tray-start-at-login-needs-admin = 登录时启动需要管理员权限（以管理员身份重新启动）或 memsweep 服务
tray-start-at-login-failed = 无法更改登录时启动：{ $reason }

## top
top-title = memsweep top · { $total } · 已用 { $used }% · 可用 { $available } · 每 { $refresh } 秒
top-composition = 物理内存
top-process-memory = 进程内存
top-other = 内核及其他
top-shmem = 共享内存
top-cache = 文件缓存
top-dirty = 脏页
top-slab = slab
top-free = 空闲
top-in-use = 使用中
top-modified = 已修改
top-standby = 备用
top-zeroed = 已清零
top-available = 可用
top-history = 可用内存与文件缓存，最近 { $minutes } 分钟
top-now = 现在
top-clean-marker = 清理
top-fragmentation = 碎片（全部区域）
top-order = 阶
top-free-blocks = 块数
top-unusable = 不可用
top-pressure = PSI avg10：some { $some }% · full { $full }%
top-pressure-absent = 此内核不支持 PSI
top-standby-priority = 按优先级的备用列表（0-7）
top-lists-unavailable = 内存列表不可用：{ $reason }
top-processes = 进程（按{ $sort }排序）
top-sort-rss = 常驻内存
top-sort-name = 名称
top-sort-pid = pid
top-pid = pid
top-name = 名称
top-rss = 常驻
top-share = 占比
top-advice = 建议：{ $advice }
top-last-clean = 上次清理：文件缓存 -{ $freed }
top-last-clean-cost = 上次清理：文件缓存 -{ $freed }，{ $seconds } 秒内读回 { $back }
top-keys = c 清理 · a 区域 · p 处理进程 · r 刷新 · s 排序 · ↑↓ 选择 · q 退出 · ? 帮助
top-help-title = 按键
top-help =
    c      清理默认区域（后台进行）
    a      选择要清理的区域（有风险的会先询问）
    p      处理选中的进程
    r      刷新间隔：1 秒、2 秒、5 秒、0.5 秒
    s      进程排序：常驻内存、名称、pid
    ↑ ↓    选择进程（PgUp / PgDn：每次 10 个）
    ?      本帮助（Esc 关闭）
    q      退出
top-chooser-title = 清理区域
top-chooser-keys = ↑↓ 移动 · 空格 勾选 · 回车 清理 · esc 关闭
top-risky = 有风险：可能卡顿或丢弃全部缓存
top-confirm-title = 有风险的区域
top-confirm = { $areas } 可能导致系统卡顿或丢弃全部缓存。仍要清理吗？
top-confirm-keys = y 是 · 其他任意键：否
top-cancelled = 已取消
top-busy = 已有清理正在进行，请等待其报告
top-cleaning = 正在清理 { $areas }…
top-cleaned = 已清理：{ $done } 项完成，{ $failed } 项失败 · 空闲 { $free } · 文件缓存 { $cache } · { $time }
top-clean-failed = 未清理：{ $reason }
top-excluded = 配置已将 { $name } 排除在外，不做处理

## advise
advise-heading = 建议：{ $verdict }
advise-nothing-to-do = 无需清理
advise-clean = 清理 { $areas }
advise-compact = 为大页整理内存碎片
advise-keep-cache = 不要丢弃缓存：它正在被重新读取
advise-run = 运行：{ $command }
advise-finding-available-low = 可用内存只占 { $available }%（低于 { $threshold }% 即为紧张）
advise-finding-stalling = 任务正在等待内存：PSI some avg10 为 { $some }%（达到或超过 { $threshold }%）
advise-finding-cache-reread = 缓存正在被重新读取：回填（refault）速率 { $rate }（达到或超过 { $threshold }）
advise-finding-hard-faults = 页面正从磁盘重新读回：每秒 { $rate } 次硬错误（达到或超过 { $threshold }）
advise-finding-no-cache = 只有 { $droppable } 缓存可以释放：内存被进程占用，清理无济于事
advise-finding-fragmented = 区域 { $zone } 因碎片无法分配大页（阶 { $order }）：碎片指数 { $index } 高于内核的 { $threshold }
advise-finding-standby-crowds-free = 备用列表（{ $standby }）挤占了空闲内存（{ $free }）
advise-finding-commit-high = 提交量已达上限的 { $commit }%（达到或超过 { $threshold }%）：清理无法降低它；请关闭程序或增大页面文件
advise-finding-rates = 未测量重新读取速率（只读取了一次；`memsweep advise` 会观察 2 秒）
advise-figures = 数据
advise-window = （速率取自 { $seconds } 秒）
advise-pressure = 压力（some avg10）
advise-refaults = 回填
advise-major-faults = 主缺页
advise-fragmentation = 阶 9 碎片指数
advise-extfrag = 高于 { $threshold } 时整理有帮助
advise-hard-faults = 硬错误
status-advice = 建议
status-service = 服务
status-service-may = { $endpoint } 有应答（memsweep { $version }）：你可以通过它清理 { $areas }{ $gap ->
    [0] {""}
   *[other] ，每 { $gap } 秒一次
}
status-service-nothing = { $endpoint } 有应答（memsweep { $version }），但不允许此用户清理任何区域
status-service-denied = { $endpoint } 存在，但此用户无权使用（请加入 memsweep 组）
status-service-absent = 未在 { $endpoint } 运行（安装：sudo memsweep service install）
status-service-absent-windows = 未在 { $endpoint } 运行（请在提升的命令提示符中安装：memsweep service install）
status-service-stopped = 未在 { $endpoint } 运行：服务已安装但已停止（启动：sudo memsweep service start）
status-service-stopped-windows = 未在 { $endpoint } 运行：服务已安装但已停止（请在提升的命令提示符中启动：memsweep service start）
status-service-denied-windows = { $endpoint } 存在，但只允许管理员使用（[service] allow = "administrators"）
status-service-broken = { $endpoint } 没有正确应答：{ $why }
status-advice-note = 只读取了一次：`memsweep advise` 还会测量缓存是否正被重新读取
