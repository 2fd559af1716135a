# memsweep — 日本語。id と変数は en.ftl と同じにすること（テストで確認: cargo test -p memsweep-i18n）。

## status
status-memory = メモリ
status-total = 合計
status-used = 使用中
status-used-note = 合計の { $percent }（合計 - 利用可能）
status-available = 利用可能
status-available-note = スワップせずに確保できる量
status-free = 空き
status-free-note = 何にも使われていない
status-swap = スワップ
status-swap-used = スワップ使用量
status-swap-of = { $total } 中
status-none = なし
status-unavailable = 取得不可
status-caches = キャッシュ
status-file-cache = ファイル キャッシュ
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = スタンバイ リスト + システム ワーキング セット
status-droppable = 破棄可能なキャッシュ
status-droppable-note-linux = 上限: マップされていないクリーンなファイル キャッシュ + 回収可能な slab
status-droppable-note-windows = すべての優先度のスタンバイ リスト
status-active-file = アクティブ ファイル
status-inactive-file = 非アクティブ ファイル
status-mapped = マップ済み
status-mapped-note = プロセスが使用中、破棄不可
status-dirty = ダーティ
status-dirty-note = 破棄の前に sync で書き込まれる
status-writeback = ライトバック中
status-shmem = 共有メモリ
status-shmem-note = tmpfs と共有メモリ、破棄不可
status-slab = 回収可能 slab
status-slab-note = dentry と inode
status-anon = プロセス メモリ
status-anon-note = 匿名ページ、スワップにしか出せない
status-pressure = 圧力（PSI、ストールした時間の割合: 10 秒 / 60 秒 / 300 秒）
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = 報告なし
status-pressure-absent = このカーネルでは利用不可（/proc/pressure/memory がない）
status-since-boot = 起動以降
status-refaults = リフォールト（ファイル / 匿名）
status-major-faults = メジャー フォールト
status-drops = キャッシュ破棄回数（ページ / slab）
status-compaction = コンパクション（ストール / 成功 / 失敗）
status-frag-heading = オーダー { $order } の断片化（{ $block } のブロック）
status-frag-node = ノード
status-frag-zone = ゾーン
status-frag-free = 空き
status-frag-unusable = 使用不能
status-frag-index = 断片化指数
status-frag-all = 全体
status-frag-legend-1 = 使用不能: 空きメモリのうち、散らばりすぎて 1 ブロックにまとまらない割合（0 なし、1 すべて）。
status-frag-legend-2 = 断片化指数: 1 に近いと断片化で失敗、0 に近いとメモリ不足で失敗、-1 なら成功する
status-windows = Windows
status-commit-charge = コミット済み
status-commit-charge-note = コミットされたメモリ、物理メモリとページング ファイルで裏付けられる
status-commit-limit = コミット制限
status-commit-limit-note = 物理メモリ + ページング ファイル
status-commit-peak = コミット ピーク
status-commit-peak-note = 起動以降の最大コミット量
status-page-files = ページング ファイル
status-page-files-used = ページング ファイル使用量
status-page-files-heading = ページング ファイル
status-page-file = ファイル
status-page-file-size = サイズ
status-page-file-in-use = 使用中
status-page-file-peak = ピーク
status-system-cache-ws = システム ファイル キャッシュのワーキング セット
status-lists = メモリ リスト
status-zeroed = ゼロ化済み
status-modified = 変更済み
status-modified-no-write = 変更済み（書き込みなし）
status-standby = スタンバイ
status-priority = 優先度 { $priority }
status-bad = 不良
status-lists-unavailable = 取得不可: { $reason }

## areas
areas-area = 領域
areas-default = 既定
areas-risk = リスク
areas-here = 対応
areas-needs = 必要
areas-what = 内容
areas-on = オン
areas-off = オフ
areas-yes = はい
areas-no = いいえ
areas-unsupported = { $area }: この環境では非対応: { $reason }
risk-low = 低
risk-medium = 中
risk-high = 高
area-linux-dirty = ダーティなファイル データをディスクに書き込む（sync）。それ自体は何も解放しないが、後の処理を安全にする
area-linux-process = 選んだプロセスのメモリをページアウトする（process_madvise MADV_PAGEOUT、--gentle なら MADV_COLD）
area-linux-reclaim = 指定量をノードまたは cgroup v2 の回収機能で先回りして回収する（--reclaim、既定 10%）
area-linux-page-cache = sync してから、マップされていないクリーンなページ キャッシュを破棄する（drop_caches=1）
area-linux-slab = sync してから、回収可能な slab を破棄する: dentry と inode（drop_caches=2）
area-linux-compact = ヒュージ ページを確保できるよう物理メモリをデフラグする（compact_memory）
area-windows-working-sets = すべてのプロセスのワーキング セットを空にする（MemoryEmptyWorkingSets）: ページはスタンバイ / 変更済みリストへ移る
area-windows-system-file-cache = システム ファイル キャッシュのワーキング セットを空にする（クラス 81、min = max = SIZE_T::MAX）
area-windows-process = 選んだプロセスのワーキング セットを空にする（EmptyWorkingSet）。--pid、--name、--exclude
area-windows-modified-file-cache = 各ボリュームの変更済みファイル データをディスクに書き込む（各ボリュームに FlushFileBuffers）。何も破棄しない
area-windows-modified-list = 変更済みページ リストを書き出し、そのページをスタンバイにする（MemoryFlushModifiedList）。一時的に固まることがある
area-windows-standby-list = スタンバイ リスト全体を全優先度について消去する（MemoryPurgeStandbyList）。キャッシュをすべて破棄し、一時的に固まることがある
area-windows-standby-low-priority = 優先度 0 のスタンバイ リストだけを消去する（MemoryPurgeLowPriorityStandbyList）
area-windows-registry-cache = レジストリ ハイブのキャッシュされた変更を書き込む（クラス 155）
area-windows-combine-lists = 同一内容のメモリ ページを結合する（クラス 130、MEMORY_COMBINE_INFORMATION_EX）

## clean report
report-plan = 計画（ドライ ラン、何も変更していません）:
report-area = 領域
report-result = 結果
report-time = 時間
report-changed = 変化
outcome-done = 完了
outcome-skipped = スキップ
outcome-unsupported = 非対応
outcome-failed = 失敗
outcome-planned = 予定
report-could-free = 最大 { $size } を解放できる見込み
report-would-run = 実行予定
report-tally = 完了 { $done }、スキップ { $skipped }、非対応 { $unsupported }、失敗 { $failed }、所要時間 { $time }
report-total = 合計 { $change }
report-stopped = 途中で停止: 残りの領域はスキップされました
metric-available_bytes = 利用可能
metric-free_bytes = 空き
metric-file_cache_bytes = ファイル キャッシュ
metric-dirty_bytes = ダーティ
metric-slab_reclaimable_bytes = 回収可能 slab
metric-unusable_index_order9_permille = オーダー 9 の使用不能指数
metric-standby_bytes = スタンバイ
metric-standby_priority0_bytes = スタンバイ優先度 0
metric-modified_bytes = 変更済み
metric-zeroed_bytes = ゼロ化済み
metric-system_file_cache_bytes = システム ファイル キャッシュ
metric-rss_bytes = 常駐
metric-rss_file_bytes = 常駐（ファイル）
metric-rss_anon_bytes = 常駐（匿名）
metric-rss_shmem_bytes = 常駐（共有メモリ）
metric-processes_trimmed = 処理したプロセス
metric-pages_combined = 結合したページ
metric-volumes_flushed = 書き込んだボリューム
change-unavailable = { $name } は取得不可

## errors
error-needs-root = クリーンアップには root 権限が必要です: sudo で実行してください（status と areas は root なしで使えます）
error-needs-admin = クリーンアップには管理者権限が必要です: 管理者として実行したコマンド プロンプトから memsweep を実行してください（管理者として実行）
error-needs-root-or-service = クリーンアップには root 権限が必要です: sudo で実行するか（status と areas は root なしで使えます）、サービスをインストールして（sudo memsweep service install）memsweep グループに参加してください
error-needs-admin-or-service = クリーンアップには管理者権限が必要です: 管理者として実行したコマンド プロンプトから memsweep を実行するか、サービスをインストールしてください: memsweep service install（管理者として 1 回だけ）
error-service-denied = { $endpoint } の memsweep サービスはこのユーザーを受け付けません: そのグループに参加してください（[service] group、既定は memsweep: sudo usermod -aG memsweep $USER の後、ログインし直す）
error-unknown-area = 不明な領域「{ $id }」（この環境で使える領域: { $known }）
error-no-such-pid = pid { $pid } のプロセスはありません
error-no-process-named = 「{ $name }」という名前の実行中のプロセスはありません
error-no-process-chosen = process 領域には、対象のプロセスを指定する --pid、--name、または --all-processes が必要です
error-process-option = { $flag } は process 領域にのみ有効です。領域に `process` を加えてください
error-reclaim-option = { $flag } は reclaim 領域にのみ有効です。領域に `reclaim` を加えてください
error-gentle-option = --gentle は process 領域（ページをコールドとしてマーク）と reclaim 領域（小刻みに回収）に有効です。どちらかを加えてください
error-wow64 = これは 64 ビット Windows 上の 32 ビット版 memsweep です: WoW64 経由ではメモリ リストとページ結合が信頼できません。64 ビット版の memsweep.exe を使ってください

## autostart (Windows)
autostart-windows-only = `memsweep autostart` は Windows 用です。Linux では `memsweep service` を使ってください
autostart-task-description = memsweep watch: 設定のルールに従ってメモリを自動でクリーンアップします
autostart-not-set-up = ログオン タスク「{ $task }」: 未設定
autostart-unreadable = ログオン タスク「{ $task }」: 読み取れません（{ $reason }）。管理者として実行したコマンド プロンプトから試してください
autostart-registered = ログオン タスク「{ $task }」: 登録済み
autostart-runs = 実行: { $command }
autostart-runs-unknown = 実行: 表示できません（このタスク スケジューラは操作を保持していません）
autostart-window-none = ウィンドウ: なし（memsweepw.exe がコンソールなしで memsweep.exe を起動）
autostart-window-console = ウィンドウ: コンソール ウィンドウ。閉じるとデーモンが終了します
autostart-run-level-highest = 実行レベル: 最上位（昇格済み、UAC の確認なし）
autostart-run-level-limited = 実行レベル: 制限付き（昇格なし: クリーンアップは失敗します）
autostart-battery-start-yes = バッテリ駆動時: 開始する
autostart-battery-start-no = バッテリ駆動時: 開始しない（タスク スケジューラの既定）
autostart-battery-stop-no = 電源から外したとき: 実行を続ける
autostart-battery-stop-yes = 電源から外したとき: 停止する（タスク スケジューラの既定）
autostart-time-limit-none = 時間制限: なし
autostart-time-limit = 時間制限: { $limit }、その後タスク スケジューラが終了させる
autostart-disabled = タスクは無効になっています
autostart-fix = 直すには、管理者として実行したコマンド プロンプトから `memsweep autostart enable` をもう一度実行してください
autostart-created = ログオン タスク「{ $task }」を登録しました: ログオン時に最上位の特権で { $command } を実行します。ウィンドウなし、バッテリ駆動時も実行、時間制限なし
autostart-deleted = ログオン タスク「{ $task }」を削除しました
autostart-no-launcher = { $launcher } が memsweep.exe と同じ場所（{ $dir }）にありません: これがないとデーモンがログオン時にコンソール ウィンドウを開いてしまうため、何も登録しませんでした

## history
history-time = 時刻
history-trigger = きっかけ
history-result = 結果
history-took = 所要
history-free = 空き
history-file-cache = ファイル キャッシュ
history-available-after = 実行後の利用可能
history-read-back = 再読み込み
history-faults = 実行後のフォールト
history-empty = { $path } にクリーンアップの記録はありません

## tray
tray-tooltip = memsweep: メモリ使用率 { $used }% · { $swap-label } { $swap }% · ファイル キャッシュ { $cache }
tray-swap = スワップ
tray-commit = コミット
tray-advice = 推奨: { $verdict }
tray-advice-nothing = クリーンアップ不要
tray-advice-clean = クリーンアップが効果的
tray-advice-compact = コンパクションが効果的
tray-advice-keep = キャッシュを残す: 再読み込みされています
tray-no-privilege = 昇格されていません: クリーンアップは無効
tray-clean-now = 今すぐクリーンアップ
tray-clean-area = 領域をクリーンアップ
tray-risky = { $area }（危険）
tray-confirm-risky = { $area } は固まるか、全キャッシュを破棄する恐れがあります。実行しますか?
tray-auto = 自動クリーンアップ
tray-start-at-login = ログイン時に起動
tray-language = 言語
tray-open-config = 設定ファイルを開く
tray-show-history = 履歴を表示
tray-fix-privilege = 修正: ログイン時に管理者として起動
tray-exit = 終了
tray-busy = クリーンアップは既に実行中です。終了してからもう一度お試しください。
tray-cleaned = クリーンアップ完了: { $summary }
tray-failed = クリーンアップ失敗: { $reason }
tray-no-tray = このデスクトップにはシステム トレイがありません（StatusNotifier ホストがない）: memsweep-tray は表示するものがないため終了します
tray-tooltip-no-swap = memsweep: メモリ使用率 { $used }% · スワップなし · ファイル キャッシュ { $cache }
tray-cleaning = クリーンアップ中…
tray-confirm-yes = はい、{ $area } をクリーンアップ
tray-confirm-no = キャンセル
tray-no-rules = 設定にルールがありません
tray-freed-unknown = { $done } 領域完了、解放量は測定できません
tray-some-failed = { $failed } 件失敗
tray-list-available = 利用可能
tray-list-free = 空き
tray-list-file-cache = ファイル キャッシュ
tray-list-dirty = ダーティ
tray-list-slab = slab
tray-list-standby = スタンバイ
tray-list-modified = 変更済み
tray-list-zeroed = ゼロ化済み
tray-already-running = memsweep-tray は既に実行中です
tray-start-at-login-needs-admin = ログイン時の起動には管理者権限（管理者として再起動）または memsweep サービスが必要です
tray-start-at-login-failed = ログイン時の起動を変更できませんでした: { $reason }

## top
top-title = memsweep top · { $total } · 使用 { $used }% · 利用可能 { $available } · { $refresh } 秒ごと
top-composition = 物理メモリ
top-process-memory = プロセス メモリ
top-other = カーネルほか
top-shmem = 共有メモリ
top-cache = ファイル キャッシュ
top-dirty = ダーティ
top-slab = slab
top-free = 空き
top-in-use = 使用中
top-modified = 変更済み
top-standby = スタンバイ
top-zeroed = ゼロ化済み
top-available = 利用可能
top-history = 利用可能メモリとファイル キャッシュ、直近 { $minutes } 分
top-now = 現在
top-clean-marker = クリーン
top-fragmentation = 断片化（全ゾーン）
top-order = ord
top-free-blocks = 個数
top-unusable = 不能
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = このカーネルでは PSI を利用できません
top-standby-priority = 優先度別スタンバイ リスト（0-7）
top-lists-unavailable = メモリ リストを取得できません: { $reason }
top-processes = プロセス（{ $sort }順）
top-sort-rss = 常駐メモリ
top-sort-name = 名前
top-sort-pid = pid
top-pid = pid
top-name = 名前
top-rss = 常駐
top-share = 割合
top-advice = 推奨: { $advice }
top-last-clean = 前回のクリーンアップ: ファイル キャッシュ -{ $freed }
top-last-clean-cost = 前回のクリーンアップ: ファイル キャッシュ -{ $freed }、{ $seconds } 秒で { $back } を再読み込み
top-keys = c 実行 · a 領域 · p トリム · r 更新 · s 並べ替え · ↑↓ 選択 · q 終了 · ? ヘルプ
top-help-title = キー
top-help =
    c      既定の領域をクリーンアップ（バックグラウンド）
    a      クリーンアップする領域を選ぶ（危険なものは先に確認）
    p      選択したプロセスをトリム
    r      更新間隔: 1 秒、2 秒、5 秒、0.5 秒
    s      プロセスの並べ替え: 常駐、名前、pid
    ↑ ↓    プロセスを選択（PgUp / PgDn: 10 件ずつ）
    ?      このヘルプ（Esc で閉じる）
    q      終了
top-chooser-title = クリーンアップする領域
top-chooser-keys = ↑↓ 移動 · スペース 選択 · Enter 実行 · Esc 閉じる
top-risky = 危険: 固まるか、全キャッシュを破棄する恐れ
top-confirm-title = 危険な領域
top-confirm = { $areas } は固まるか、全キャッシュを破棄する恐れがあります。実行しますか?
top-confirm-keys = y はい · その他のキー: いいえ
top-cancelled = キャンセルしました
top-busy = クリーンアップは既に実行中です。レポートを待ってください
top-cleaning = { $areas } をクリーンアップ中…
top-cleaned = クリーンアップ完了: 完了 { $done }、失敗 { $failed } · 空き { $free } · ファイル キャッシュ { $cache } · { $time }
top-clean-failed = クリーンアップできませんでした: { $reason }
top-excluded = { $name } は設定によりトリム対象から除外されています

## advise
advise-heading = 推奨: { $verdict }
advise-nothing-to-do = 何もしなくてよい
advise-clean = { $areas } をクリーンアップ
advise-compact = ヒュージ ページのためにメモリをコンパクション
advise-keep-cache = キャッシュを破棄しない: 再読み込みされています
advise-run = 実行: { $command }
advise-finding-available-low = 利用可能なメモリは { $available }% だけです（{ $threshold }% 未満で不足とみなす）
advise-finding-stalling = タスクがメモリ待ちでストールしています: PSI some avg10 { $some }%（{ $threshold }% 以上）
advise-finding-cache-reread = キャッシュが再読み込みされています: リフォールト { $rate }（{ $threshold } 以上）
advise-finding-hard-faults = ページがディスクから読み直されています: ハード フォールト { $rate } 回/秒（{ $threshold } 以上）
advise-finding-no-cache = 返せるキャッシュは { $droppable } だけです: メモリはプロセスが使っているので、クリーンアップでは改善しません
advise-finding-fragmented = ゾーン { $zone } でヒュージ ページ（オーダー { $order }）が断片化のため確保できません: 指数 { $index } がカーネルのしきい値 { $threshold } を超えています
advise-finding-standby-crowds-free = スタンバイ リスト（{ $standby }）が空きメモリ（{ $free }）を圧迫しています
advise-finding-commit-high = コミット量が上限の { $commit }% です（{ $threshold }% 以上）: クリーンアップでは下げられません。プログラムを閉じるか、ページング ファイルを大きくしてください
advise-finding-rates = 再読み込みのレートは測定していません（1 回の読み取りのみ。`memsweep advise` は 2 秒間観測します）
advise-figures = 数値
advise-window = （{ $seconds } 秒間のレート）
advise-pressure = 圧力（some avg10）
advise-refaults = リフォールト
advise-major-faults = メジャー フォールト
advise-fragmentation = 断片化指数、オーダー 9
advise-extfrag = { $threshold } を超えるとコンパクションが有効
advise-hard-faults = ハード フォールト
status-advice = 推奨
status-service = サービス
status-service-may = { $endpoint } が応答しています（memsweep { $version }）: これを通じて { $areas } をクリーンアップできます{ $gap ->
    [0] {""}
   *[other] 。ただし { $gap } 秒に 1 回まで
}
status-service-nothing = { $endpoint } が応答しています（memsweep { $version }）が、このユーザーは何もクリーンアップできません
status-service-denied = { $endpoint } はありますが、このユーザーは使えません（memsweep グループに参加してください）
status-service-absent = { $endpoint } で実行されていません（インストール: sudo memsweep service install）
status-service-broken = { $endpoint } が正しく応答しませんでした: { $why }
status-advice-note = 1 回の読み取りのみ: `memsweep advise` はキャッシュが再読み込みされているかも測定します
