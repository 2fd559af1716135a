# memsweep — русский. Те же id и те же переменные, что в en.ftl (это проверяет тест: cargo test -p memsweep-i18n).

## status
status-memory = Память
status-total = всего
status-used = занято
status-used-note = { $percent } от всего (всего - доступно)
status-available = доступно
status-available-note = сколько можно получить без подкачки
status-free = свободно
status-free-note = не занято ничем
status-swap = подкачка
status-swap-used = подкачка, занято
status-swap-of = из { $total }
status-none = нет
status-unavailable = недоступно
status-caches = Кэши
status-file-cache = файловый кэш
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = списки ожидания + системный рабочий набор
status-droppable = сбрасываемый кэш
status-droppable-note-linux = верхняя оценка: чистый неотображённый файловый кэш + освобождаемый slab
status-droppable-note-windows = списки ожидания, все приоритеты
status-active-file = активные файловые
status-inactive-file = неактивные файловые
status-mapped = отображено
status-mapped-note = используется процессами, не сбрасывается
status-dirty = грязные
status-dirty-note = записываются sync до любого сброса
status-writeback = обратная запись
status-shmem = shmem
status-shmem-note = tmpfs и общая память, никогда не сбрасывается
status-slab = slab освобождаемый
status-slab-note = записи каталогов (dentry) и inode
status-anon = память процессов
status-anon-note = анонимные страницы, уходят только в подкачку
status-pressure = Давление (PSI, доля времени в ожидании: 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = не сообщается
status-pressure-absent = недоступно в этом ядре (нет /proc/pressure/memory)
status-since-boot = С момента загрузки
status-refaults = refaults (файловые / анонимные)
status-major-faults = крупные ошибки страниц
status-drops = сбросы кэша (page / slab)
status-compaction = уплотнение (ожидание / успех / неудача)
status-frag-heading = Фрагментация на порядке { $order } (блоки по { $block })
status-frag-node = узел
status-frag-zone = зона
status-frag-free = свободно
status-frag-unusable = непригодно
status-frag-index = индекс фрагм.
status-frag-all = все
status-frag-legend-1 = непригодно: доля свободной памяти, слишком разрозненной для одного блока (0 — нисколько, 1 — вся);
status-frag-legend-2 = индекс фрагм.: около 1 — отказ из-за фрагментации, около 0 — из-за нехватки памяти, -1 — выделение удастся
status-windows = Windows
status-commit-charge = выделено
status-commit-charge-note = выделенная память, обеспеченная ОЗУ и файлами подкачки
status-commit-limit = предел выделения
status-commit-limit-note = физическая память + файлы подкачки
status-commit-peak = пик выделения
status-commit-peak-note = наибольшее выделение с момента загрузки
status-page-files = файлы подкачки
status-page-files-used = файлы подкачки, занято
status-page-files-heading = Файлы подкачки
status-page-file = файл
status-page-file-size = размер
status-page-file-in-use = занято
status-page-file-peak = пик
status-system-cache-ws = рабочий набор системного файлового кэша
status-lists = Списки памяти
status-zeroed = обнулённые
status-modified = изменённые
status-modified-no-write = изменённые без записи
status-standby = ожидание
status-priority = приоритет { $priority }
status-bad = повреждённые
status-lists-unavailable = недоступны: { $reason }

## areas
areas-area = область
areas-default = по умолч.
areas-risk = риск
areas-here = здесь
areas-needs = требует
areas-what = что делает
areas-on = вкл
areas-off = выкл
areas-yes = да
areas-no = нет
areas-unsupported = { $area }: здесь не поддерживается: { $reason }
risk-low = низкий
risk-medium = средний
risk-high = высокий
area-linux-dirty = записать изменённые данные файлов на диск (sync); сама ничего не освобождает, но делает остальное безопасным
area-linux-process = вытеснить память выбранных процессов (process_madvise MADV_PAGEOUT или MADV_COLD с --gentle)
area-linux-reclaim = упреждающее освобождение заданного объёма (--reclaim, по умолчанию 10%) через освобождение узла или cgroup v2
area-linux-page-cache = sync, затем сбросить чистый неотображённый страничный кэш (drop_caches=1)
area-linux-slab = sync, затем сбросить освобождаемый slab: записи каталогов и inode (drop_caches=2)
area-linux-compact = дефрагментировать физическую память, чтобы можно было получить огромные страницы (compact_memory)
area-windows-working-sets = очистить рабочие наборы всех процессов (MemoryEmptyWorkingSets): страницы переходят в списки ожидания и изменённых
area-windows-system-file-cache = очистить рабочий набор системного файлового кэша (класс 81, min = max = SIZE_T::MAX)
area-windows-process = очистить рабочие наборы выбранных процессов (EmptyWorkingSet); --pid, --name, --exclude
area-windows-modified-file-cache = записать изменённые данные файлов каждого тома на диск (FlushFileBuffers для каждого тома); ничего не сбрасывает
area-windows-modified-list = записать список изменённых страниц, чтобы они перешли в ожидание (MemoryFlushModifiedList); возможны подвисания
area-windows-standby-list = очистить весь список ожидания, все приоритеты (MemoryPurgeStandbyList); сбрасывает весь кэш, возможны подвисания
area-windows-standby-low-priority = очистить только список ожидания с приоритетом 0 (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = записать кэшированные изменения кустов реестра (класс 155)
area-windows-combine-lists = объединить одинаковые страницы памяти (класс 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = План (пробный запуск, ничего не изменено):
report-area = область
report-result = итог
report-time = время
report-changed = что изменилось
outcome-done = готово
outcome-skipped = пропущено
outcome-unsupported = не поддерж.
outcome-failed = ошибка
outcome-planned = в плане
report-could-free = может освободить до { $size }
report-would-run = будет выполнено
report-tally = готово: { $done }, пропущено: { $skipped }, не поддерживается: { $unsupported }, с ошибкой: { $failed }; за { $time }
report-total = итого { $change }
report-stopped = остановлено досрочно: остальные области пропущены
metric-available_bytes = доступно
metric-free_bytes = свободно
metric-file_cache_bytes = файловый кэш
metric-dirty_bytes = грязные
metric-slab_reclaimable_bytes = slab освобождаемый
metric-unusable_index_order9_permille = индекс непригодности, порядок 9
metric-standby_bytes = ожидание
metric-standby_priority0_bytes = ожидание, приоритет 0
metric-modified_bytes = изменённые
metric-zeroed_bytes = обнулённые
metric-system_file_cache_bytes = системный файловый кэш
metric-rss_bytes = rss
metric-rss_file_bytes = rss файловая
metric-rss_anon_bytes = rss анонимная
metric-rss_shmem_bytes = rss shmem
metric-processes_trimmed = процессов урезано
metric-pages_combined = страниц объединено
metric-volumes_flushed = томов записано
change-unavailable = { $name } недоступно

## errors
error-needs-root = для очистки нужен root: запустите через sudo (status и areas работают и без него)
error-needs-admin = для очистки нужны права администратора: запустите memsweep из командной строки с повышенными правами (Запуск от имени администратора)
error-needs-root-or-service = для очистки нужен root: запустите через sudo (status и areas работают и без него) или установите службу: sudo memsweep service install, и вступите в группу memsweep
error-needs-admin-or-service = для очистки нужны права администратора: запустите memsweep из командной строки с повышенными правами или установите службу: memsweep service install (один раз, с повышенными правами)
error-service-denied = служба memsweep на { $endpoint } не пускает этого пользователя: вступите в её группу ([service] group, по умолчанию memsweep: sudo usermod -aG memsweep $USER, затем войдите в систему заново)
error-unknown-area = неизвестная область «{ $id }» (известные здесь: { $known })
error-no-such-pid = нет процесса с pid { $pid }
error-no-process-named = нет запущенного процесса с именем «{ $name }»
error-no-process-chosen = области process нужен --pid, --name или --all-processes, чтобы указать, какие процессы урезать
error-process-option = { $flag } относится только к области process; добавьте `process` к областям
error-reclaim-option = { $flag } относится только к области reclaim; добавьте `reclaim` к областям
error-gentle-option = --gentle относится к области process (пометить страницы как холодные) и к области reclaim (малые шаги); добавьте одну из них
error-wow64 = это 32-битный memsweep в 64-битной Windows: списки памяти и объединение страниц через WoW64 ненадёжны; используйте 64-битный memsweep.exe

## autostart (Windows)
autostart-windows-only = `memsweep autostart` предназначен для Windows; в Linux используйте `memsweep service`
autostart-task-description = memsweep watch: автоматическая очистка памяти по правилам конфигурации
autostart-not-set-up = задание при входе «{ $task }»: не настроено
autostart-unreadable = задание при входе «{ $task }»: не удаётся прочитать ({ $reason }); попробуйте из командной строки с повышенными правами
autostart-registered = задание при входе «{ $task }»: зарегистрировано
autostart-runs = запускает: { $command }
autostart-runs-unknown = запускает: не показано (этот Планировщик заданий не сохранил действие)
autostart-window-none = окно: нет (memsweepw.exe запускает memsweep.exe без консоли)
autostart-window-console = окно: консольное, и его закрытие завершает демон
autostart-run-level-highest = уровень запуска: наивысший (с повышенными правами, без запроса UAC)
autostart-run-level-limited = уровень запуска: ограниченный (без повышенных прав: его очистки будут завершаться ошибкой)
autostart-battery-start-yes = от батареи: запускается
autostart-battery-start-no = от батареи: не запускается (по умолчанию в Планировщике заданий)
autostart-battery-stop-no = при отключении от сети: продолжает работать
autostart-battery-stop-yes = при отключении от сети: останавливается (по умолчанию в Планировщике заданий)
autostart-time-limit-none = ограничение времени: нет
autostart-time-limit = ограничение времени: { $limit }, затем Планировщик заданий его завершает
autostart-disabled = задание отключено
autostart-fix = чтобы исправить, снова выполните `memsweep autostart enable` из командной строки с повышенными правами
autostart-created = задание при входе «{ $task }» зарегистрировано: запускает { $command } при входе в систему с наивысшими правами, без окна, в том числе от батареи, без ограничения времени
autostart-deleted = задание при входе «{ $task }» удалено
autostart-no-launcher = { $launcher } нет рядом с memsweep.exe (в { $dir }): без него демон открывал бы консольное окно при входе в систему; ничего не зарегистрировано

## history
history-time = время
history-trigger = причина
history-result = итог
history-took = длилось
history-free = свободно
history-file-cache = файловый кэш
history-available-after = доступно после
history-read-back = перечитано
history-faults = ошибки после
history-empty = в { $path } нет записей об очистках

## tray
tray-tooltip = memsweep: память занята на { $used }% · { $swap-label } { $swap }% · файловый кэш { $cache }
tray-swap = подкачка
tray-commit = выделено
tray-advice = совет: { $verdict }
tray-advice-nothing = очистка не нужна
tray-advice-clean = очистка поможет
tray-advice-compact = уплотнение поможет
tray-advice-keep = сохраните кэш: его перечитывают
tray-no-privilege = без повышенных прав: очистка отключена
tray-clean-now = Очистить сейчас
tray-clean-area = Очистить область
tray-risky = { $area } (рискованно)
tray-confirm-risky = { $area } может подвесить систему или сбросить весь кэш. Выполнить?
tray-auto = Автоматическая очистка
tray-start-at-login = Запускать при входе
tray-language = Язык
tray-open-config = Открыть конфигурацию
tray-show-history = Показать историю
tray-fix-privilege = Исправить: запускать с повышенными правами при входе
tray-exit = Выход
tray-busy = Очистка уже идёт; повторите, когда она закончится.
tray-cleaned = Очищено: { $summary }
tray-failed = Очистка не удалась: { $reason }
tray-no-tray = на этом рабочем столе нет системного трея (нет хоста StatusNotifier): memsweep-tray нечего показывать, и он завершается
tray-tooltip-no-swap = memsweep: память занята на { $used }% · подкачки нет · файловый кэш { $cache }
tray-cleaning = очистка…
tray-confirm-yes = Да, очистить { $area }
tray-confirm-no = Отмена
tray-no-rules = в конфигурации нет правил
tray-freed-unknown = областей выполнено: { $done }, объём не измерить
tray-some-failed = с ошибкой: { $failed }
tray-list-available = доступно
tray-list-free = свободно
tray-list-file-cache = файловый кэш
tray-list-dirty = грязные
tray-list-slab = slab
tray-list-standby = ожидание
tray-list-modified = изменённые
tray-list-zeroed = обнулённые
tray-already-running = memsweep-tray уже запущен
tray-start-at-login-needs-admin = Для запуска при входе нужны права администратора (перезапустите от имени администратора) или служба memsweep
tray-start-at-login-failed = Не удалось изменить запуск при входе: { $reason }

## top
top-title = memsweep top · { $total } · занято { $used }% · доступно { $available } · каждые { $refresh } s
top-composition = Физическая память
top-process-memory = память процессов
top-other = ядро и прочее
top-shmem = shmem
top-cache = файловый кэш
top-dirty = грязные
top-slab = slab
top-free = свободно
top-in-use = используется
top-modified = изменённые
top-standby = ожидание
top-zeroed = обнулённые
top-available = доступно
top-history = Доступно и файловый кэш, последние { $minutes } min
top-now = сейчас
top-clean-marker = очистка
top-fragmentation = Фрагментация (все зоны)
top-order = пор
top-free-blocks = блоков
top-unusable = непр.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI недоступен в этом ядре
top-standby-priority = Список ожидания по приоритетам (0-7)
top-lists-unavailable = списки памяти недоступны: { $reason }
top-processes = Процессы (сортировка: { $sort })
top-sort-rss = резидентная память
top-sort-name = имя
top-sort-pid = pid
top-pid = pid
top-name = имя
top-rss = резидентно
top-share = доля
top-advice = совет: { $advice }
top-last-clean = последняя очистка: файловый кэш -{ $freed }
top-last-clean-cost = последняя очистка: файловый кэш -{ $freed }, перечитано { $back } за { $seconds } s
top-keys = c очистка · a области · p урезать · r частота · s порядок · q выход · ? справка
top-help-title = Клавиши
top-help =
    c      очистить области по умолчанию (в фоне)
    a      выбрать области для очистки (рискованные сначала спросят)
    p      урезать выбранный процесс
    r      частота обновления: 1 s, 2 s, 5 s, 0.5 s
    s      сортировка процессов: резидентная память, имя, pid
    ↑ ↓    выбрать процесс (PgUp / PgDn: по 10)
    ?      эта справка (Esc закрывает)
    q      выход
top-chooser-title = Очистить области
top-chooser-keys = ↑↓ перемещение · пробел отметить · enter очистить · esc закрыть
top-risky = рискованно: возможны подвисания или сброс всего кэша
top-confirm-title = Рискованные области
top-confirm = { $areas }: возможны подвисания или сброс всего кэша. Всё равно очистить?
top-confirm-keys = y да · любая другая клавиша: нет
top-cancelled = отменено
top-busy = очистка уже идёт; дождитесь её отчёта
top-cleaning = очистка { $areas }…
top-cleaned = очищено: готово { $done }, с ошибкой { $failed } · свободно { $free } · файловый кэш { $cache } · { $time }
top-clean-failed = очистка не выполнена: { $reason }
top-excluded = { $name } исключён из урезания в конфигурации

## advise
advise-heading = Совет: { $verdict }
advise-nothing-to-do = делать нечего
advise-clean = очистить { $areas }
advise-compact = уплотнить память для огромных страниц
advise-keep-cache = не сбрасывайте кэш: его перечитывают
advise-run = выполните: { $command }
advise-finding-available-low = доступно лишь { $available }% памяти (нехватка — ниже { $threshold }%)
advise-finding-stalling = задачи простаивают в ожидании памяти: PSI some avg10 { $some }% (не меньше { $threshold }%)
advise-finding-cache-reread = кэш перечитывается: refaults { $rate } (не меньше { $threshold })
advise-finding-hard-faults = страницы снова читаются с диска: { $rate } жестких ошибок в секунду (не меньше { $threshold })
advise-finding-no-cache = вернуть можно лишь { $droppable } кэша: память занята процессами, очистка не поможет
advise-finding-fragmented = огромные страницы (порядок { $order }) не выделяются из-за фрагментации в зоне { $zone }: индекс { $index } выше порога ядра { $threshold }
advise-finding-standby-crowds-free = списки ожидания ({ $standby }) вытесняют свободную память ({ $free })
advise-finding-commit-high = выделено { $commit }% от предела (не меньше { $threshold }%): очистка не может это снизить; закройте программы или увеличьте файл подкачки
advise-finding-rates = скорость перечитывания не измерена (одно измерение; `memsweep advise` наблюдает её 2 s)
advise-figures = Показатели
advise-window = (скорости за { $seconds } s)
advise-pressure = давление (some avg10)
advise-refaults = refaults
advise-major-faults = крупные ошибки страниц
advise-fragmentation = индекс фрагментации, порядок 9
advise-extfrag = уплотнение помогает выше { $threshold }
advise-hard-faults = жесткие ошибки
status-advice = Совет
status-service = Служба
status-service-may = { $endpoint } отвечает (memsweep { $version }): через неё вы можете очищать { $areas }{ $gap ->
    [0] {""}
   *[other] , одна очистка каждые { $gap } s
}
status-service-nothing = { $endpoint } отвечает (memsweep { $version }), но не разрешает этому пользователю ничего очищать
status-service-denied = { $endpoint } существует, но этому пользователю нельзя ею пользоваться (вступите в группу memsweep)
status-service-absent = не запущена на { $endpoint } (установите: sudo memsweep service install)
status-service-broken = { $endpoint } ответила некорректно: { $why }
status-advice-note = одно измерение: `memsweep advise` также проверяет, перечитывается ли кэш
