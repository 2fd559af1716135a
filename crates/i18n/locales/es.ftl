# memsweep — Español. Los mismos ids y las mismas variables que en.ftl (un test lo comprueba: cargo test -p memsweep-i18n).

## status
status-memory = Memoria
status-total = total
status-used = en uso
status-used-note = { $percent } del total (total - disponible)
status-available = disponible
status-available-note = lo que se puede obtener sin recurrir al swap
status-free = libre
status-free-note = no contiene nada
status-swap = swap
status-swap-used = swap en uso
status-swap-of = de { $total }
status-none = ninguno
status-unavailable = no disponible
status-caches = Cachés
status-file-cache = caché de archivos
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = listas en espera + espacio de trabajo del sistema
status-droppable = caché liberable
status-droppable-note-linux = cota superior: caché de archivos limpia sin mapear + slab recuperable
status-droppable-note-windows = las listas en espera, todas las prioridades
status-active-file = archivos activos
status-inactive-file = archivos inactivos
status-mapped = mapeada
status-mapped-note = en uso por procesos, no liberable
status-dirty = páginas sucias
status-dirty-note = sync las escribe antes de cualquier liberación
status-writeback = en escritura
status-shmem = shmem
status-shmem-note = tmpfs y memoria compartida, nunca liberable
status-slab = slab recuperable
status-slab-note = dentries e inodos
status-anon = memoria de procesos
status-anon-note = páginas anónimas, solo pueden ir al swap
status-pressure = Presión (PSI, fracción del tiempo en espera: 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = no informado
status-pressure-absent = no disponible en este kernel (no hay /proc/pressure/memory)
status-since-boot = Desde el arranque
status-refaults = refaults (archivo / anónima)
status-major-faults = fallos de página mayores
status-drops = vaciados de caché (page / slab)
status-compaction = compactación (espera / éxito / fallo)
status-frag-heading = Fragmentación en el orden { $order } (bloques de { $block })
status-frag-node = nodo
status-frag-zone = zona
status-frag-free = libre
status-frag-unusable = inutilizable
status-frag-index = índice frag.
status-frag-all = todas
status-frag-legend-1 = inutilizable: fracción de la memoria libre demasiado dispersa para un bloque (0 nada, 1 toda);
status-frag-legend-2 = índice frag.: cerca de 1 falla por fragmentación, cerca de 0 por falta de memoria, -1 tendría éxito
status-windows = Windows
status-commit-charge = carga confirmada
status-commit-charge-note = memoria confirmada, respaldada por la RAM y los archivos de paginación
status-commit-limit = límite de confirmación
status-commit-limit-note = memoria física + archivos de paginación
status-commit-peak = pico de confirmación
status-commit-peak-note = carga más alta desde el arranque
status-page-files = archivos de paginación
status-page-files-used = archivos de paginación en uso
status-page-files-heading = Archivos de paginación
status-page-file = archivo
status-page-file-size = tamaño
status-page-file-in-use = en uso
status-page-file-peak = pico
status-system-cache-ws = espacio de trabajo de la caché de archivos del sistema
status-lists = Listas de memoria
status-zeroed = puesta a cero
status-modified = modificada
status-modified-no-write = modificada sin escritura
status-standby = en espera
status-priority = prioridad { $priority }
status-bad = defectuosa
status-lists-unavailable = no disponibles: { $reason }

## areas
areas-area = área
areas-default = por defecto
areas-risk = riesgo
areas-here = aquí
areas-needs = requiere
areas-what = qué hace
areas-on = sí
areas-off = no
areas-yes = sí
areas-no = no
areas-unsupported = { $area }: no compatible aquí: { $reason }
risk-low = bajo
risk-medium = medio
risk-high = alto
area-linux-dirty = escribir en disco los datos de archivo modificados (sync); no libera nada por sí mismo, hace seguro el resto
area-linux-process = expulsar la memoria de los procesos elegidos (process_madvise MADV_PAGEOUT, o MADV_COLD con --gentle)
area-linux-reclaim = recuperación proactiva de una cantidad (--reclaim, 10% por defecto) mediante la recuperación del nodo o de cgroup v2
area-linux-page-cache = sync, y luego descartar la caché de páginas limpia y sin mapear (drop_caches=1)
area-linux-slab = sync, y luego descartar el slab recuperable: dentries e inodos (drop_caches=2)
area-linux-compact = desfragmentar la memoria física para poder obtener páginas enormes (compact_memory)
area-windows-working-sets = vaciar los espacios de trabajo de todos los procesos (MemoryEmptyWorkingSets): las páginas pasan a las listas en espera y modificada
area-windows-system-file-cache = vaciar el espacio de trabajo de la caché de archivos del sistema (clase 81, mín = máx = SIZE_T::MAX)
area-windows-process = vaciar los espacios de trabajo de los procesos elegidos (EmptyWorkingSet); --pid, --name, --exclude
area-windows-modified-file-cache = escribir en disco los datos de archivo modificados de cada volumen (FlushFileBuffers en cada volumen); no descarta nada
area-windows-modified-list = escribir la lista de páginas modificadas para que pasen a en espera (MemoryFlushModifiedList); puede bloquear el equipo un momento
area-windows-standby-list = purgar toda la lista en espera, todas las prioridades (MemoryPurgeStandbyList); descarta toda la caché, puede bloquear el equipo un momento
area-windows-standby-low-priority = purgar solo la lista en espera de prioridad 0 (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = escribir los cambios en caché de los subárboles del Registro (clase 155)
area-windows-combine-lists = combinar páginas de memoria idénticas (clase 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = Plan (simulación, no se cambió nada):
report-area = área
report-result = resultado
report-time = tiempo
report-changed = qué cambió
outcome-done = hecho
outcome-skipped = omitido
outcome-unsupported = no compatible
outcome-failed = fallido
outcome-planned = previsto
report-could-free = podría liberar hasta { $size }
report-would-run = se ejecutaría
report-tally = { $done } hechos, { $skipped } omitidos, { $unsupported } no compatibles, { $failed } fallidos en { $time }
report-total = total { $change }
report-stopped = detenido antes de tiempo: se omitieron las áreas restantes
metric-available_bytes = disponible
metric-free_bytes = libre
metric-file_cache_bytes = caché de archivos
metric-dirty_bytes = páginas sucias
metric-slab_reclaimable_bytes = slab recuperable
metric-unusable_index_order9_permille = índice inutilizable orden 9
metric-standby_bytes = en espera
metric-standby_priority0_bytes = en espera prioridad 0
metric-modified_bytes = modificada
metric-zeroed_bytes = puesta a cero
metric-system_file_cache_bytes = caché de archivos del sistema
metric-rss_bytes = rss
metric-rss_file_bytes = rss archivo
metric-rss_anon_bytes = rss anónima
metric-rss_shmem_bytes = rss shmem
metric-processes_trimmed = procesos recortados
metric-pages_combined = páginas combinadas
metric-volumes_flushed = volúmenes escritos
change-unavailable = { $name } no disponible

## errors
error-needs-root = limpiar requiere root: ejecútelo con sudo (status y areas funcionan sin él)
error-needs-admin = limpiar requiere privilegios de administrador: ejecute memsweep desde un símbolo del sistema con privilegios elevados (Ejecutar como administrador)
error-needs-root-or-service = limpiar requiere root: ejecútelo con sudo (status y areas funcionan sin él), o instale el servicio: sudo memsweep service install, y únase al grupo memsweep
error-needs-admin-or-service = limpiar requiere privilegios de administrador: ejecute memsweep desde un símbolo del sistema con privilegios elevados, o instale el servicio: memsweep service install (con privilegios elevados, una vez)
error-service-denied = el servicio memsweep en { $endpoint } no admite a este usuario: únase a su grupo ([service] group, memsweep por defecto: sudo usermod -aG memsweep $USER, y vuelva a iniciar sesión)
error-unknown-area = área desconocida «{ $id }» (conocidas aquí: { $known })
error-no-such-pid = no hay ningún proceso con pid { $pid }
error-no-process-named = ningún proceso en ejecución se llama «{ $name }»
error-no-process-chosen = el área process requiere --pid, --name o --all-processes para indicar qué procesos recortar
error-process-option = { $flag } solo se aplica al área process; añada `process` a las áreas
error-reclaim-option = { $flag } solo se aplica al área reclaim; añada `reclaim` a las áreas
error-gentle-option = --gentle se aplica al área process (marcar páginas como frías) y al área reclaim (pasos pequeños); añada una de ellas
error-wow64 = este es un memsweep de 32 bits en Windows de 64 bits: las listas de memoria y la combinación de páginas no son fiables a través de WoW64; use el memsweep.exe de 64 bits

## autostart (Windows)
autostart-windows-only = `memsweep autostart` es para Windows; en Linux use `memsweep service`
autostart-task-description = memsweep watch: limpieza automática de memoria según las reglas de la configuración
autostart-not-set-up = tarea de inicio de sesión «{ $task }»: no configurada
autostart-unreadable = tarea de inicio de sesión «{ $task }»: no se puede leer ({ $reason }); inténtelo desde un símbolo del sistema con privilegios elevados
autostart-registered = tarea de inicio de sesión «{ $task }»: registrada
autostart-runs = ejecuta: { $command }
autostart-runs-unknown = ejecuta: no se muestra (este Programador de tareas no conservó la acción)
autostart-window-none = ventana: ninguna (memsweepw.exe inicia memsweep.exe sin consola)
autostart-window-console = ventana: una ventana de consola, y al cerrarla termina el demonio
autostart-run-level-highest = nivel de ejecución: el más alto (con privilegios elevados, sin aviso de UAC)
autostart-run-level-limited = nivel de ejecución: limitado (sin privilegios elevados: sus limpiezas fallarán)
autostart-battery-start-yes = con batería: se inicia
autostart-battery-start-no = con batería: no se inicia (el valor predeterminado del Programador de tareas)
autostart-battery-stop-no = desenchufado: sigue ejecutándose
autostart-battery-stop-yes = desenchufado: se detiene (el valor predeterminado del Programador de tareas)
autostart-time-limit-none = límite de tiempo: ninguno
autostart-time-limit = límite de tiempo: { $limit }, después el Programador de tareas la detiene
autostart-disabled = la tarea está deshabilitada
autostart-fix = para corregirlo, vuelva a ejecutar `memsweep autostart enable` desde un símbolo del sistema con privilegios elevados
autostart-created = tarea de inicio de sesión «{ $task }» registrada: ejecuta { $command } al iniciar sesión con los privilegios más altos, sin ventana, también con batería, sin límite de tiempo
autostart-deleted = tarea de inicio de sesión «{ $task }» eliminada
autostart-no-launcher = { $launcher } no está junto a memsweep.exe (en { $dir }): sin él, el demonio abriría una ventana de consola al iniciar sesión; no se registró nada

## history
history-time = hora
history-trigger = disparador
history-result = resultado
history-took = duró
history-free = libre
history-file-cache = caché de archivos
history-available-after = disponible después
history-read-back = releído
history-faults = fallos después
history-empty = no hay limpiezas registradas en { $path }

## tray
tray-tooltip = memsweep: memoria en uso { $used }% · { $swap-label } { $swap }% · caché de archivos { $cache }
tray-swap = swap
tray-commit = confirmada
tray-advice = recomendación: { $verdict }
tray-advice-nothing = no hace falta limpiar
tray-advice-clean = limpiar ayudaría
tray-advice-compact = compactar ayudaría
tray-advice-keep = conserve la caché: se está releyendo
tray-no-privilege = sin privilegios elevados: la limpieza está desactivada
tray-clean-now = Limpiar ahora
tray-clean-area = Limpiar área
tray-risky = { $area } (arriesgado)
tray-confirm-risky = { $area } puede bloquear el equipo un momento o descartar toda la caché. ¿Ejecutarlo?
tray-auto = Limpieza automática
tray-start-at-login = Ejecutar al iniciar sesión
tray-language = Idioma
tray-open-config = Abrir configuración
tray-show-history = Mostrar historial
tray-fix-privilege = Corregir: iniciar con privilegios elevados al iniciar sesión
tray-exit = Salir
tray-busy = Ya hay una limpieza en curso; vuelva a intentarlo cuando termine.
tray-cleaned = Limpiado: { $summary }
tray-failed = Falló la limpieza: { $reason }
tray-no-tray = este escritorio no tiene bandeja del sistema (no hay host StatusNotifier): memsweep-tray no tiene nada que mostrar y se cierra
tray-tooltip-no-swap = memsweep: memoria en uso { $used }% · sin swap · caché de archivos { $cache }
tray-cleaning = limpiando…
tray-confirm-yes = Sí, limpiar { $area }
tray-confirm-no = Cancelar
tray-no-rules = no hay reglas en la configuración
tray-freed-unknown = { $done } áreas hechas, cantidades no medibles
tray-some-failed = { $failed } fallidas
tray-list-available = disponible
tray-list-free = libre
tray-list-file-cache = caché de archivos
tray-list-dirty = páginas sucias
tray-list-slab = slab
tray-list-standby = en espera
tray-list-modified = modificada
tray-list-zeroed = puesta a cero
tray-already-running = memsweep-tray ya se está ejecutando
tray-start-at-login-needs-admin = «Ejecutar al iniciar sesión» requiere privilegios de administrador (reiniciar como administrador) o el servicio memsweep
tray-start-at-login-failed = No se pudo cambiar «Ejecutar al iniciar sesión»: { $reason }

## top
top-title = memsweep top · { $total } · en uso { $used }% · disponible { $available } · cada { $refresh } s
top-composition = Memoria física
top-process-memory = memoria de procesos
top-other = kernel y otros
top-shmem = shmem
top-cache = caché de archivos
top-dirty = páginas sucias
top-slab = slab
top-free = libre
top-in-use = en uso
top-modified = modificada
top-standby = en espera
top-zeroed = puesta a cero
top-available = disponible
top-history = Disponible y caché de archivos, últimos { $minutes } min
top-now = ahora
top-clean-marker = limpieza
top-fragmentation = Fragmentación (todas las zonas)
top-order = ord
top-free-blocks = bloq.
top-unusable = inut.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI no disponible en este kernel
top-standby-priority = Lista en espera por prioridad (0-7)
top-lists-unavailable = listas de memoria no disponibles: { $reason }
top-processes = Procesos por { $sort }
top-sort-rss = memoria residente
top-sort-name = nombre
top-sort-pid = pid
top-pid = pid
top-name = nombre
top-rss = residente
top-share = parte
top-advice = recomendación: { $advice }
top-last-clean = última limpieza: caché de archivos -{ $freed }
top-last-clean-cost = última limpieza: caché de archivos -{ $freed }, { $back } releídos en { $seconds } s
top-keys = c limpiar · a áreas · p recortar · r ritmo · s ordenar · q salir · ? ayuda
top-help-title = Teclas
top-help =
    c      limpiar las áreas por defecto (en segundo plano)
    a      elegir las áreas a limpiar (las arriesgadas preguntan antes)
    p      recortar el proceso seleccionado
    r      frecuencia de actualización: 1 s, 2 s, 5 s, 0.5 s
    s      ordenar procesos: residente, nombre, pid
    ↑ ↓    elegir un proceso (PgUp / PgDn: de 10 en 10)
    ?      esta ayuda (Esc la cierra)
    q      salir
top-chooser-title = Áreas a limpiar
top-chooser-keys = ↑↓ mover · espacio marcar · intro limpiar · esc cerrar
top-risky = arriesgado: puede bloquear o descartar toda la caché
top-confirm-title = Áreas arriesgadas
top-confirm = { $areas }: puede bloquear o descartar toda la caché. ¿Limpiar igualmente?
top-confirm-keys = y sí · cualquier otra tecla: no
top-cancelled = cancelado
top-busy = ya hay una limpieza en curso; espere a su informe
top-cleaning = limpiando { $areas }…
top-cleaned = limpiado: { $done } hechos, { $failed } fallidos · libre { $free } · caché de archivos { $cache } · { $time }
top-clean-failed = no se limpió: { $reason }
top-excluded = la configuración excluye { $name } del recorte

## advise
advise-heading = Recomendación: { $verdict }
advise-nothing-to-do = nada que hacer
advise-clean = limpiar { $areas }
advise-compact = compactar la memoria para las páginas enormes
advise-keep-cache = no descarte la caché: se está releyendo
advise-run = ejecute: { $command }
advise-finding-available-low = solo el { $available }% de la memoria está disponible (escasa por debajo del { $threshold }%)
advise-finding-stalling = hay tareas esperando memoria: PSI some avg10 { $some }% (igual o superior al { $threshold }%)
advise-finding-cache-reread = la caché se está releyendo: refaults a { $rate } (igual o superior a { $threshold })
advise-finding-hard-faults = se están releyendo páginas del disco: { $rate } errores graves/s (igual o superior a { $threshold })
advise-finding-no-cache = solo se podrían devolver { $droppable } de caché: los procesos ocupan la memoria, limpiar no ayuda
advise-finding-fragmented = las páginas enormes (orden { $order }) fallan por fragmentación en la zona { $zone }: índice { $index } por encima del { $threshold } del kernel
advise-finding-standby-crowds-free = las listas en espera ({ $standby }) desplazan a la memoria libre ({ $free })
advise-finding-commit-high = la carga confirmada está al { $commit }% del límite (igual o superior al { $threshold }%): limpiar no puede reducirla; cierre programas o amplíe el archivo de paginación
advise-finding-rates = no se midió la tasa de relectura (una sola lectura; `memsweep advise` la observa durante 2 s)
advise-figures = Cifras
advise-window = (tasas en { $seconds } s)
advise-pressure = presión (some avg10)
advise-refaults = refaults
advise-major-faults = fallos de página mayores
advise-fragmentation = índice de fragmentación, orden 9
advise-extfrag = compactar ayuda por encima de { $threshold }
advise-hard-faults = errores graves
status-advice = Recomendación
status-service = Servicio
status-service-may = { $endpoint } responde (memsweep { $version }): puede limpiar { $areas } a través de él{ $gap ->
    [0] {""}
   *[other] , una limpieza cada { $gap } s
}
status-service-nothing = { $endpoint } responde (memsweep { $version }), pero no permite a este usuario limpiar nada
status-service-denied = { $endpoint } existe, pero este usuario no puede usarlo (únase al grupo memsweep)
status-service-absent = no se está ejecutando en { $endpoint } (instálelo: sudo memsweep service install)
status-service-broken = { $endpoint } no respondió correctamente: { $why }
status-advice-note = una sola lectura: `memsweep advise` también mide si la caché se está releyendo
