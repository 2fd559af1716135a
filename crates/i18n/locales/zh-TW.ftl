# memsweep — 繁體中文。id 與變數必須和 en.ftl 相同（有測試檢查：cargo test -p memsweep-i18n）。

## status
status-memory = 記憶體
status-total = 總量
status-used = 已用
status-used-note = 佔總量 { $percent }（總量 - 可用）
status-available = 可用
status-available-note = 不必換出即可取得的記憶體
status-free = 空閒
status-free-note = 完全未使用
status-swap = 交換空間
status-swap-used = 交換空間已用
status-swap-of = 共 { $total }
status-none = 無
status-unavailable = 無法取得
status-caches = 快取
status-file-cache = 檔案快取
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = 待命清單 + 系統工作集
status-droppable = 可釋放快取
status-droppable-note-linux = 上限：未對應的乾淨檔案快取 + 可回收 slab
status-droppable-note-windows = 所有優先順序的待命清單
status-active-file = 作用中檔案頁
status-inactive-file = 非作用中檔案頁
status-mapped = 已對應
status-mapped-note = 處理程序正在使用，無法釋放
status-dirty = 髒頁
status-dirty-note = 釋放前先由 sync 寫回磁碟
status-writeback = 回寫中
status-shmem = 共用記憶體
status-shmem-note = tmpfs 與共用記憶體，永遠無法釋放
status-slab = 可回收 slab
status-slab-note = 目錄項目與 inode
status-anon = 處理程序記憶體
status-anon-note = 匿名頁，只能換出到交換空間
status-pressure = 記憶體壓力（PSI，停滯時間比例：10 秒 / 60 秒 / 300 秒）
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = 未回報
status-pressure-absent = 此核心不支援（沒有 /proc/pressure/memory）
status-since-boot = 開機以來
status-refaults = 重新讀入（檔案 / 匿名）
status-major-faults = 主要分頁錯誤
status-drops = 快取清除次數（頁 / slab）
status-compaction = 記憶體緊縮（停滯 / 成功 / 失敗）
status-frag-heading = 階 { $order } 的碎片情形（{ $block } 的區塊）
status-frag-node = 節點
status-frag-zone = 區域
status-frag-free = 空閒
status-frag-unusable = 不可用
status-frag-index = 碎片指數
status-frag-all = 全部
status-frag-legend-1 = 不可用：空閒記憶體中過於零散、湊不成一個區塊的比例（0 沒有，1 全部）；
status-frag-legend-2 = 碎片指數：接近 1 表示因碎片而失敗，接近 0 表示因記憶體不足而失敗，-1 表示會成功
status-windows = Windows
status-commit-charge = 已認可
status-commit-charge-note = 已認可的記憶體，由實體記憶體和分頁檔支應
status-commit-limit = 認可上限
status-commit-limit-note = 實體記憶體 + 分頁檔
status-commit-peak = 認可峰值
status-commit-peak-note = 開機以來的最高認可量
status-page-files = 分頁檔
status-page-files-used = 分頁檔已用
status-page-files-heading = 分頁檔
status-page-file = 檔案
status-page-file-size = 大小
status-page-file-in-use = 已用
status-page-file-peak = 峰值
status-system-cache-ws = 系統檔案快取工作集
status-lists = 記憶體清單
status-zeroed = 已歸零
status-modified = 已修改
status-modified-no-write = 已修改（不寫回）
status-standby = 待命
status-priority = 優先順序 { $priority }
status-bad = 損壞
status-lists-unavailable = 無法取得：{ $reason }

## areas
areas-area = 區域
areas-default = 預設
areas-risk = 風險
areas-here = 本機
areas-needs = 需要
areas-what = 作用
areas-on = 開
areas-off = 關
areas-yes = 支援
areas-no = 不支援
areas-unsupported = { $area }：本機不支援：{ $reason }
risk-low = 低
risk-medium = 中
risk-high = 高
area-linux-dirty = 將髒檔案資料寫回磁碟（sync）；本身不釋放記憶體，但讓後續步驟安全
area-linux-process = 換出所選處理程序的記憶體（process_madvise MADV_PAGEOUT；加 --gentle 時為 MADV_COLD）
area-linux-reclaim = 透過節點或 cgroup v2 回收介面主動回收指定數量（--reclaim，預設 10%）
area-linux-page-cache = 先 sync，再丟棄乾淨且未對應的頁面快取（drop_caches=1）
area-linux-slab = 先 sync，再丟棄可回收的 slab：目錄項目與 inode（drop_caches=2）
area-linux-compact = 重組實體記憶體，以便取得大型分頁（compact_memory）
area-windows-working-sets = 清空所有處理程序的工作集（MemoryEmptyWorkingSets）：分頁移入待命/已修改清單
area-windows-system-file-cache = 清空系統檔案快取工作集（類別 81，最小 = 最大 = SIZE_T::MAX）
area-windows-process = 清空所選處理程序的工作集（EmptyWorkingSet）；--pid、--name、--exclude
area-windows-modified-file-cache = 將每個磁碟區已修改的檔案資料寫回磁碟（對每個磁碟區 FlushFileBuffers）；不丟棄任何內容
area-windows-modified-list = 寫出已修改分頁清單，使其分頁變為待命（MemoryFlushModifiedList）；可能卡頓
area-windows-standby-list = 清除整個待命清單，所有優先順序（MemoryPurgeStandbyList）；丟棄全部快取，可能卡頓
area-windows-standby-low-priority = 只清除優先順序 0 的待命清單（MemoryPurgeLowPriorityStandbyList）
area-windows-registry-cache = 將登錄區快取中的變更寫回（類別 155）
area-windows-combine-lists = 合併內容相同的記憶體分頁（類別 130，MEMORY_COMBINE_INFORMATION_EX）

## clean report
report-plan = 計畫（試執行，未做任何變更）：
report-area = 區域
report-result = 結果
report-time = 用時
report-changed = 變化
outcome-done = 完成
outcome-skipped = 略過
outcome-unsupported = 不支援
outcome-failed = 失敗
outcome-planned = 計畫
report-could-free = 最多可釋放 { $size }
report-would-run = 將會執行
report-tally = { $done } 項完成，{ $skipped } 項略過，{ $unsupported } 項不支援，{ $failed } 項失敗，用時 { $time }
report-total = 合計 { $change }
report-stopped = 提前停止：其餘區域已略過
metric-available_bytes = 可用
metric-free_bytes = 空閒
metric-file_cache_bytes = 檔案快取
metric-dirty_bytes = 髒頁
metric-slab_reclaimable_bytes = 可回收 slab
metric-unusable_index_order9_permille = 階 9 不可用指數
metric-standby_bytes = 待命
metric-standby_priority0_bytes = 優先順序 0 待命
metric-modified_bytes = 已修改
metric-zeroed_bytes = 已歸零
metric-system_file_cache_bytes = 系統檔案快取
metric-rss_bytes = 常駐記憶體
metric-rss_file_bytes = 檔案常駐記憶體
metric-rss_anon_bytes = 匿名常駐記憶體
metric-rss_shmem_bytes = 共用常駐記憶體
metric-processes_trimmed = 已處理的處理程序
metric-pages_combined = 合併分頁數
metric-volumes_flushed = 已寫回磁碟區
change-unavailable = { $name } 無法取得

## errors
error-needs-root = 清理需要 root 權限：請用 sudo 執行（status 和 areas 不需要 root）
error-needs-admin = 清理需要系統管理員權限：請在提高權限的命令提示字元中執行 memsweep（以系統管理員身分執行）
error-needs-root-or-service = 清理需要 root 權限：請用 sudo 執行（status 和 areas 不需要 root），或安裝服務：sudo memsweep service install，並加入 memsweep 群組
error-needs-admin-or-service = 清理需要系統管理員權限：請在提高權限的命令提示字元中執行 memsweep，或安裝服務：memsweep service install（以系統管理員身分執行一次）
error-service-denied = { $endpoint } 上的 memsweep 服務不允許此使用者使用：請加入它的群組（[service] group，預設為 memsweep：sudo usermod -aG memsweep $USER，然後重新登入）
error-unknown-area = 未知區域「{ $id }」（本機可用：{ $known }）
error-no-such-pid = 沒有 pid 為 { $pid } 的處理程序
error-no-process-named = 沒有名為「{ $name }」的執行中處理程序
error-no-process-chosen = process 區域需要用 --pid、--name 或 --all-processes 指定要處理的處理程序
error-process-option = { $flag } 只用於 process 區域；請在區域中加上 `process`
error-reclaim-option = { $flag } 只用於 reclaim 區域；請在區域中加上 `reclaim`
error-gentle-option = --gentle 用於 process 區域（把分頁標記為冷）和 reclaim 區域（小步回收）；請加上其中之一
error-wow64 = 這是在 64 位元 Windows 上執行的 32 位元 memsweep：透過 WoW64 讀取記憶體清單和合併分頁都不可靠；請使用 64 位元的 memsweep.exe

## autostart (Windows)
autostart-windows-only = `memsweep autostart` 用於 Windows；Linux 上請用 `memsweep service`
autostart-task-description = memsweep watch：依設定中的規則自動清理記憶體
autostart-not-set-up = 登入工作「{ $task }」：未設定
autostart-unreadable = 登入工作「{ $task }」：無法讀取（{ $reason }）；請在提高權限的命令提示字元中重試
autostart-registered = 登入工作「{ $task }」：已登錄
autostart-runs = 執行：{ $command }
autostart-runs-unknown = 執行：未顯示（此工作排程器沒有保留動作）
autostart-window-none = 視窗：無（memsweepw.exe 在沒有主控台的情況下啟動 memsweep.exe）
autostart-window-console = 視窗：一個主控台視窗，關閉它會結束常駐程式
autostart-run-level-highest = 執行層級：最高（已提高權限，無 UAC 提示）
autostart-run-level-limited = 執行層級：受限（未提高權限：它的清理會失敗）
autostart-battery-start-yes = 使用電池時：會啟動
autostart-battery-start-no = 使用電池時：不啟動（工作排程器的預設值）
autostart-battery-stop-no = 拔除電源後：繼續執行
autostart-battery-stop-yes = 拔除電源後：被停止（工作排程器的預設值）
autostart-time-limit-none = 時間限制：無
autostart-time-limit = 時間限制：{ $limit }，之後工作排程器會結束它
autostart-disabled = 此工作已停用
autostart-fix = 若要修正，請在提高權限的命令提示字元中再次執行 `memsweep autostart enable`
autostart-created = 登入工作「{ $task }」已登錄：登入時以最高權限執行 { $command }，無視窗，使用電池時也執行，無時間限制
autostart-deleted = 登入工作「{ $task }」已刪除
autostart-no-launcher = { $launcher } 不在 memsweep.exe 旁邊（{ $dir }）：沒有它，常駐程式會在登入時開啟主控台視窗；未登錄任何工作

## history
history-time = 時間
history-trigger = 觸發
history-result = 結果
history-took = 用時
history-free = 空閒
history-file-cache = 檔案快取
history-available-after = 清理後可用
history-read-back = 事後讀回
history-faults = 事後分頁錯誤
history-empty = { $path } 中沒有清理紀錄

## tray
tray-tooltip = memsweep：記憶體已用 { $used }% · { $swap-label } { $swap }% · 檔案快取 { $cache }
tray-swap = 交換空間
tray-commit = 認可
tray-advice = 建議：{ $verdict }
tray-advice-nothing = 不需要清理
tray-advice-clean = 清理會有幫助
tray-advice-compact = 緊縮記憶體會有幫助
tray-advice-keep = 保留快取：它正被重新讀取
tray-no-privilege = 未提高權限：無法清理
tray-clean-now = 立即清理
tray-clean-area = 清理區域
tray-risky = { $area }（有風險）
tray-confirm-risky = { $area } 可能導致系統卡頓或丟棄全部快取。確定要執行嗎？
tray-auto = 自動清理
tray-start-at-login = 登入時啟動
tray-language = 語言
tray-open-config = 開啟設定檔
tray-show-history = 檢視紀錄
tray-fix-privilege = 修正：登入時以系統管理員身分啟動
tray-exit = 結束
tray-busy = 已有清理正在進行，請在完成後再試。
tray-cleaned = 已清理：{ $summary }
tray-failed = 清理失敗：{ $reason }
tray-no-tray = 此桌面沒有系統匣（沒有 StatusNotifier 主機）：memsweep-tray 無處顯示，已結束
tray-tooltip-no-swap = memsweep：記憶體已用 { $used }% · 無交換空間 · 檔案快取 { $cache }
tray-cleaning = 正在清理…
tray-confirm-yes = 確定清理 { $area }
tray-confirm-no = 取消
tray-no-rules = 設定中沒有規則
tray-freed-unknown = 已完成 { $done } 個區域，釋放量無法測量
tray-some-failed = { $failed } 個失敗
tray-list-available = 可用
tray-list-free = 空閒
tray-list-file-cache = 檔案快取
tray-list-dirty = 髒頁
tray-list-slab = slab
tray-list-standby = 待命
tray-list-modified = 已修改
tray-list-zeroed = 已歸零
tray-already-running = memsweep-tray 已在執行
tray-start-at-login-needs-admin = 登入時啟動需要系統管理員權限（以系統管理員身分重新啟動）或 memsweep 服務
tray-start-at-login-failed = 無法變更登入時啟動：{ $reason }

## top
top-title = memsweep top · { $total } · 已用 { $used }% · 可用 { $available } · 每 { $refresh } 秒
top-composition = 實體記憶體
top-process-memory = 處理程序記憶體
top-other = 核心及其他
top-shmem = 共用記憶體
top-cache = 檔案快取
top-dirty = 髒頁
top-slab = slab
top-free = 空閒
top-in-use = 使用中
top-modified = 已修改
top-standby = 待命
top-zeroed = 已歸零
top-available = 可用
top-history = 可用記憶體與檔案快取，最近 { $minutes } 分鐘
top-now = 現在
top-clean-marker = 清理
top-fragmentation = 碎片（全部區域）
top-order = 階
top-free-blocks = 區塊數
top-unusable = 零散
top-pressure = PSI avg10：some { $some }% · full { $full }%
top-pressure-absent = 此核心不支援 PSI
top-standby-priority = 依優先順序的待命清單（0-7）
top-lists-unavailable = 無法取得記憶體清單：{ $reason }
top-processes = 處理程序（依{ $sort }排序）
top-sort-rss = 常駐記憶體
top-sort-name = 名稱
top-sort-pid = pid
top-pid = pid
top-name = 名稱
top-rss = 常駐
top-share = 占比
top-advice = 建議：{ $advice }
top-last-clean = 上次清理：檔案快取 -{ $freed }
top-last-clean-cost = 上次清理：檔案快取 -{ $freed }，{ $seconds } 秒內讀回 { $back }
top-keys = c 清理 · a 區域 · p 處理 · r 重新整理 · s 排序 · ↑↓ 選取 · q 結束 · ? 說明
top-help-title = 按鍵
top-help =
    c      清理預設區域（在背景進行）
    a      選擇要清理的區域（有風險的會先詢問）
    p      處理選取的處理程序
    r      重新整理間隔：1 秒、2 秒、5 秒、0.5 秒
    s      處理程序排序：常駐記憶體、名稱、pid
    ↑ ↓    選取處理程序（PgUp / PgDn：每次 10 個）
    ?      本說明（Esc 關閉）
    q      結束
top-chooser-title = 清理區域
top-chooser-keys = ↑↓ 移動 · 空白鍵 勾選 · Enter 清理 · Esc 關閉
top-risky = 有風險：可能卡頓或丟棄全部快取
top-confirm-title = 有風險的區域
top-confirm = { $areas } 可能導致系統卡頓或丟棄全部快取。仍要清理嗎？
top-confirm-keys = y 是 · 其他任意鍵：否
top-cancelled = 已取消
top-busy = 已有清理正在進行，請等候其報告
top-cleaning = 正在清理 { $areas }…
top-cleaned = 已清理：{ $done } 項完成，{ $failed } 項失敗 · 空閒 { $free } · 檔案快取 { $cache } · { $time }
top-clean-failed = 未清理：{ $reason }
top-excluded = 設定已將 { $name } 排除，不做處理

## advise
advise-heading = 建議：{ $verdict }
advise-nothing-to-do = 不需要清理
advise-clean = 清理 { $areas }
advise-compact = 為大型分頁緊縮記憶體
advise-keep-cache = 不要丟棄快取：它正在被重新讀取
advise-run = 執行：{ $command }
advise-finding-available-low = 可用記憶體只佔 { $available }%（低於 { $threshold }% 即為吃緊）
advise-finding-stalling = 工作正在等待記憶體：PSI some avg10 為 { $some }%（達到或超過 { $threshold }%）
advise-finding-cache-reread = 快取正在被重新讀取：重新讀入（refault）速率 { $rate }（達到或超過 { $threshold }）
advise-finding-hard-faults = 分頁正從磁碟重新讀回：每秒 { $rate } 次強制錯誤（達到或超過 { $threshold }）
advise-finding-no-cache = 只有 { $droppable } 快取可以釋放：記憶體被處理程序占用，清理無濟於事
advise-finding-fragmented = 區域 { $zone } 因碎片無法配置大型分頁（階 { $order }）：碎片指數 { $index } 高於核心的 { $threshold }
advise-finding-standby-crowds-free = 待命清單（{ $standby }）擠占了空閒記憶體（{ $free }）
advise-finding-commit-high = 認可量已達上限的 { $commit }%（達到或超過 { $threshold }%）：清理無法降低它；請關閉程式或加大分頁檔
advise-finding-rates = 未測量重新讀取速率（只讀取了一次；`memsweep advise` 會觀察 2 秒）
advise-figures = 數據
advise-window = （速率取自 { $seconds } 秒）
advise-pressure = 壓力（some avg10）
advise-refaults = 重新讀入
advise-major-faults = 主要分頁錯誤
advise-fragmentation = 階 9 碎片指數
advise-extfrag = 高於 { $threshold } 時緊縮有幫助
advise-hard-faults = 強制錯誤
status-advice = 建議
status-service = 服務
status-service-may = { $endpoint } 有回應（memsweep { $version }）：你可以透過它清理 { $areas }{ $gap ->
    [0] {""}
   *[other] ，每 { $gap } 秒一次
}
status-service-nothing = { $endpoint } 有回應（memsweep { $version }），但不允許此使用者清理任何區域
status-service-denied = { $endpoint } 存在，但此使用者無權使用（請加入 memsweep 群組）
status-service-absent = 未在 { $endpoint } 執行（安裝：sudo memsweep service install）
status-service-broken = { $endpoint } 沒有正確回應：{ $why }
status-advice-note = 只讀取了一次：`memsweep advise` 還會測量快取是否正被重新讀取
