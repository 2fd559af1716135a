# memsweep — Português (Brasil). Os mesmos ids e as mesmas variáveis de en.ftl (um teste verifica: cargo test -p memsweep-i18n).

## status
status-memory = Memória
status-total = total
status-used = em uso
status-used-note = { $percent } do total (total - disponível)
status-available = disponível
status-available-note = o que pode ser obtido sem recorrer ao swap
status-free = livre
status-free-note = não contém nada
status-swap = swap
status-swap-used = swap em uso
status-swap-of = de { $total }
status-none = nenhum
status-unavailable = indisponível
status-caches = Caches
status-file-cache = cache de arquivos
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = listas em espera + conjunto de trabalho do sistema
status-droppable = cache liberável
status-droppable-note-linux = limite superior: cache de arquivos limpo não mapeado + slab recuperável
status-droppable-note-windows = as listas em espera, todas as prioridades
status-active-file = arquivos ativos
status-inactive-file = arquivos inativos
status-mapped = mapeada
status-mapped-note = em uso por processos, não liberável
status-dirty = páginas sujas
status-dirty-note = gravadas pelo sync antes de qualquer liberação
status-writeback = em gravação
status-shmem = shmem
status-shmem-note = tmpfs e memória compartilhada, nunca liberável
status-slab = slab recuperável
status-slab-note = dentries e inodes
status-anon = memória de processos
status-anon-note = páginas anônimas, só podem ir para o swap
status-pressure = Pressão (PSI, fração do tempo em espera: 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = não informado
status-pressure-absent = indisponível neste kernel (sem /proc/pressure/memory)
status-since-boot = Desde a inicialização
status-refaults = refaults (arquivo / anônima)
status-major-faults = falhas de página maiores
status-drops = descartes de cache (page / slab)
status-compaction = compactação (espera / sucesso / falha)
status-frag-heading = Fragmentação na ordem { $order } (blocos de { $block })
status-frag-node = nó
status-frag-zone = zona
status-frag-free = livre
status-frag-unusable = inutilizável
status-frag-index = índice frag.
status-frag-all = todas
status-frag-legend-1 = inutilizável: fração da memória livre dispersa demais para um bloco (0 nada, 1 tudo);
status-frag-legend-2 = índice frag.: perto de 1 falha por fragmentação, perto de 0 por falta de memória, -1 teria sucesso
status-windows = Windows
status-commit-charge = carga de confirmação
status-commit-charge-note = memória confirmada, garantida pela RAM e pelos arquivos de paginação
status-commit-limit = limite de confirmação
status-commit-limit-note = memória física + arquivos de paginação
status-commit-peak = pico de confirmação
status-commit-peak-note = maior carga desde a inicialização
status-page-files = arquivos de paginação
status-page-files-used = arquivos de paginação em uso
status-page-files-heading = Arquivos de paginação
status-page-file = arquivo
status-page-file-size = tamanho
status-page-file-in-use = em uso
status-page-file-peak = pico
status-system-cache-ws = conjunto de trabalho do cache de arquivos do sistema
status-lists = Listas de memória
status-zeroed = zerada
status-modified = modificada
status-modified-no-write = modificada sem gravação
status-standby = em espera
status-priority = prioridade { $priority }
status-bad = defeituosa
status-lists-unavailable = indisponíveis: { $reason }

## areas
areas-area = área
areas-default = padrão
areas-risk = risco
areas-here = aqui
areas-needs = requer
areas-what = o que faz
areas-on = sim
areas-off = não
areas-yes = sim
areas-no = não
areas-unsupported = { $area }: sem suporte aqui: { $reason }
risk-low = baixo
risk-medium = médio
risk-high = alto
area-linux-dirty = gravar no disco os dados de arquivos modificados (sync); não libera nada por si só, torna o resto seguro
area-linux-process = despejar a memória dos processos escolhidos (process_madvise MADV_PAGEOUT, ou MADV_COLD com --gentle)
area-linux-reclaim = recuperação proativa de uma quantidade (--reclaim, padrão 10%) pela recuperação do nó ou do cgroup v2
area-linux-page-cache = sync, depois descartar o cache de páginas limpo e não mapeado (drop_caches=1)
area-linux-slab = sync, depois descartar o slab recuperável: dentries e inodes (drop_caches=2)
area-linux-compact = desfragmentar a memória física para que haja páginas enormes (compact_memory)
area-windows-working-sets = esvaziar os conjuntos de trabalho de todos os processos (MemoryEmptyWorkingSets): as páginas vão para as listas em espera e modificada
area-windows-system-file-cache = esvaziar o conjunto de trabalho do cache de arquivos do sistema (classe 81, mín = máx = SIZE_T::MAX)
area-windows-process = esvaziar os conjuntos de trabalho dos processos escolhidos (EmptyWorkingSet); --pid, --name, --exclude
area-windows-modified-file-cache = gravar no disco os dados de arquivos modificados de cada volume (FlushFileBuffers em cada volume); não descarta nada
area-windows-modified-list = gravar a lista de páginas modificadas para que elas passem a em espera (MemoryFlushModifiedList); pode travar por um momento
area-windows-standby-list = limpar toda a lista em espera, todas as prioridades (MemoryPurgeStandbyList); descarta todo o cache, pode travar por um momento
area-windows-standby-low-priority = limpar só a lista em espera de prioridade 0 (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = gravar as alterações em cache das seções do Registro (classe 155)
area-windows-combine-lists = combinar páginas de memória idênticas (classe 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = Plano (simulação, nada foi alterado):
report-area = área
report-result = resultado
report-time = tempo
report-changed = o que mudou
outcome-done = feito
outcome-skipped = ignorado
outcome-unsupported = sem suporte
outcome-failed = falhou
outcome-planned = planejado
report-could-free = poderia liberar até { $size }
report-would-run = seria executado
report-tally = { $done } feitos, { $skipped } ignorados, { $unsupported } sem suporte, { $failed } com falha em { $time }
report-total = total { $change }
report-stopped = interrompido antes: as áreas restantes foram ignoradas
metric-available_bytes = disponível
metric-free_bytes = livre
metric-file_cache_bytes = cache de arquivos
metric-dirty_bytes = páginas sujas
metric-slab_reclaimable_bytes = slab recuperável
metric-unusable_index_order9_permille = índice inutilizável ordem 9
metric-standby_bytes = em espera
metric-standby_priority0_bytes = em espera prioridade 0
metric-modified_bytes = modificada
metric-zeroed_bytes = zerada
metric-system_file_cache_bytes = cache de arquivos do sistema
metric-rss_bytes = rss
metric-rss_file_bytes = rss arquivo
metric-rss_anon_bytes = rss anônima
metric-rss_shmem_bytes = rss shmem
metric-processes_trimmed = processos reduzidos
metric-pages_combined = páginas combinadas
metric-volumes_flushed = volumes gravados
change-unavailable = { $name } indisponível

## errors
error-needs-root = limpar requer root: execute com sudo (status e areas funcionam sem)
error-needs-admin = limpar requer privilégios de administrador: execute o memsweep em um prompt de comando elevado (Executar como administrador)
error-needs-root-or-service = limpar requer root: execute com sudo (status e areas funcionam sem), ou instale o serviço: sudo memsweep service install, e entre no grupo memsweep
error-needs-admin-or-service = limpar requer privilégios de administrador: execute o memsweep em um prompt de comando elevado, ou instale o serviço: memsweep service install (elevado, uma vez)
error-service-denied = o serviço memsweep em { $endpoint } não aceita este usuário: entre no grupo dele ([service] group, memsweep por padrão: sudo usermod -aG memsweep $USER, depois faça login de novo)
error-unknown-area = área desconhecida "{ $id }" (conhecidas aqui: { $known })
error-no-such-pid = nenhum processo com pid { $pid }
error-no-process-named = nenhum processo em execução se chama "{ $name }"
error-no-process-chosen = a área process requer --pid, --name ou --all-processes para dizer quais processos reduzir
error-process-option = { $flag } só se aplica à área process; adicione `process` às áreas
error-reclaim-option = { $flag } só se aplica à área reclaim; adicione `reclaim` às áreas
error-gentle-option = --gentle se aplica à área process (marcar páginas como frias) e à área reclaim (passos pequenos); adicione uma delas
error-wow64 = este é um memsweep de 32 bits no Windows de 64 bits: as listas de memória e a combinação de páginas não são confiáveis via WoW64; use o memsweep.exe de 64 bits

## autostart (Windows)
autostart-windows-only = `memsweep autostart` é para o Windows; no Linux, use `memsweep service`
autostart-task-description = memsweep watch: limpeza automática de memória pelas regras da configuração
autostart-not-set-up = tarefa de logon "{ $task }": não configurada
autostart-unreadable = tarefa de logon "{ $task }": não pode ser lida ({ $reason }); tente em um prompt de comando elevado
autostart-registered = tarefa de logon "{ $task }": registrada
autostart-runs = executa: { $command }
autostart-runs-unknown = executa: não exibido (este Agendador de Tarefas não guardou a ação)
autostart-window-none = janela: nenhuma (o memsweepw.exe inicia o memsweep.exe sem console)
autostart-window-console = janela: uma janela de console, e fechá-la encerra o daemon
autostart-run-level-highest = nível de execução: mais alto (elevado, sem aviso do UAC)
autostart-run-level-limited = nível de execução: limitado (não elevado: suas limpezas vão falhar)
autostart-battery-start-yes = na bateria: inicia
autostart-battery-start-no = na bateria: não inicia (padrão do Agendador de Tarefas)
autostart-battery-stop-no = fora da tomada: continua em execução
autostart-battery-stop-yes = fora da tomada: é interrompida (padrão do Agendador de Tarefas)
autostart-time-limit-none = limite de tempo: nenhum
autostart-time-limit = limite de tempo: { $limit }, depois o Agendador de Tarefas a encerra
autostart-disabled = a tarefa está desabilitada
autostart-fix = para corrigir, execute `memsweep autostart enable` de novo em um prompt de comando elevado
autostart-created = tarefa de logon "{ $task }" registrada: executa { $command } no logon com os privilégios mais altos, sem janela, também na bateria, sem limite de tempo
autostart-deleted = tarefa de logon "{ $task }" excluída
autostart-no-launcher = { $launcher } não está ao lado do memsweep.exe (em { $dir }): sem ele, o daemon abriria uma janela de console no logon; nada foi registrado

## history
history-time = hora
history-trigger = gatilho
history-result = resultado
history-took = duração
history-free = livre
history-file-cache = cache de arquivos
history-available-after = disponível depois
history-read-back = relido
history-faults = falhas depois
history-empty = nenhuma limpeza registrada em { $path }

## tray
tray-tooltip = memsweep: memória em uso { $used }% · { $swap-label } { $swap }% · cache de arquivos { $cache }
tray-swap = swap
tray-commit = confirmada
tray-advice = recomendação: { $verdict }
tray-advice-nothing = não é preciso limpar
tray-advice-clean = limpar ajudaria
tray-advice-compact = compactar ajudaria
tray-advice-keep = mantenha o cache: ele está sendo relido
tray-no-privilege = não elevado: a limpeza está desativada
tray-clean-now = Limpar agora
tray-clean-area = Limpar área
tray-risky = { $area } (arriscado)
tray-confirm-risky = { $area } pode travar o computador por um momento ou descartar todo o cache. Executar?
tray-auto = Limpeza automática
tray-start-at-login = Iniciar com o logon
tray-language = Idioma
tray-open-config = Abrir configuração
tray-show-history = Mostrar histórico
tray-fix-privilege = Corrigir: iniciar elevado no logon
tray-exit = Sair
tray-busy = Já há uma limpeza em andamento; tente de novo quando ela terminar.
tray-cleaned = Limpo: { $summary }
tray-failed = A limpeza falhou: { $reason }
tray-no-tray = esta área de trabalho não tem bandeja do sistema (nenhum host StatusNotifier): o memsweep-tray não tem o que mostrar e vai sair
tray-tooltip-no-swap = memsweep: memória em uso { $used }% · sem swap · cache de arquivos { $cache }
tray-cleaning = limpando…
tray-confirm-yes = Sim, limpar { $area }
tray-confirm-no = Cancelar
tray-no-rules = nenhuma regra na configuração
tray-freed-unknown = { $done } áreas feitas, quantidades não mensuráveis
tray-some-failed = { $failed } com falha
tray-list-available = disponível
tray-list-free = livre
tray-list-file-cache = cache de arquivos
tray-list-dirty = páginas sujas
tray-list-slab = slab
tray-list-standby = em espera
tray-list-modified = modificada
tray-list-zeroed = zerada
tray-already-running = o memsweep-tray já está em execução
tray-start-at-login-needs-admin = "Iniciar com o logon" requer privilégios de administrador (reiniciar como administrador) ou o serviço memsweep
tray-start-at-login-failed = Não foi possível alterar "Iniciar com o logon": { $reason }

## top
top-title = memsweep top · { $total } · em uso { $used }% · disponível { $available } · a cada { $refresh } s
top-composition = Memória física
top-process-memory = memória de processos
top-other = kernel e outros
top-shmem = shmem
top-cache = cache de arquivos
top-dirty = páginas sujas
top-slab = slab
top-free = livre
top-in-use = em uso
top-modified = modificada
top-standby = em espera
top-zeroed = zerada
top-available = disponível
top-history = Disponível e cache de arquivos, últimos { $minutes } min
top-now = agora
top-clean-marker = limpeza
top-fragmentation = Fragmentação (todas as zonas)
top-order = ord
top-free-blocks = blocos
top-unusable = inut.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI indisponível neste kernel
top-standby-priority = Lista em espera por prioridade (0-7)
top-lists-unavailable = listas de memória indisponíveis: { $reason }
top-processes = Processos por { $sort }
top-sort-rss = memória residente
top-sort-name = nome
top-sort-pid = pid
top-pid = pid
top-name = nome
top-rss = residente
top-share = parte
top-advice = recomendação: { $advice }
top-last-clean = última limpeza: cache de arquivos -{ $freed }
top-last-clean-cost = última limpeza: cache de arquivos -{ $freed }, { $back } relidos em { $seconds } s
top-keys = c limpar · a áreas · p reduzir · r ritmo · s ordenar · q sair · ? ajuda
top-help-title = Teclas
top-help =
    c      limpar as áreas padrão (em segundo plano)
    a      escolher as áreas a limpar (as arriscadas perguntam antes)
    p      reduzir o processo selecionado
    r      taxa de atualização: 1 s, 2 s, 5 s, 0.5 s
    s      ordenar processos: residente, nome, pid
    ↑ ↓    escolher um processo (PgUp / PgDn: de 10 em 10)
    ?      esta ajuda (Esc fecha)
    q      sair
top-chooser-title = Áreas a limpar
top-chooser-keys = ↑↓ mover · espaço marcar · enter limpar · esc fechar
top-risky = arriscado: pode travar ou descartar todo o cache
top-confirm-title = Áreas arriscadas
top-confirm = { $areas }: pode travar ou descartar todo o cache. Limpar mesmo assim?
top-confirm-keys = y sim · qualquer outra tecla: não
top-cancelled = cancelado
top-busy = já há uma limpeza em andamento; aguarde o relatório dela
top-cleaning = limpando { $areas }…
top-cleaned = limpo: { $done } feitos, { $failed } com falha · livre { $free } · cache de arquivos { $cache } · { $time }
top-clean-failed = limpeza não feita: { $reason }
top-excluded = { $name } está excluído da redução pela configuração

## advise
advise-heading = Recomendação: { $verdict }
advise-nothing-to-do = nada a fazer
advise-clean = limpar { $areas }
advise-compact = compactar a memória para páginas enormes
advise-keep-cache = não descarte o cache: ele está sendo relido
advise-run = execute: { $command }
advise-finding-available-low = só { $available }% da memória está disponível (escassa abaixo de { $threshold }%)
advise-finding-stalling = há tarefas esperando por memória: PSI some avg10 { $some }% (igual ou acima de { $threshold }%)
advise-finding-cache-reread = o cache está sendo relido: refaults a { $rate } (igual ou acima de { $threshold })
advise-finding-hard-faults = páginas estão sendo relidas do disco: { $rate } falhas graves/s (igual ou acima de { $threshold })
advise-finding-no-cache = só { $droppable } de cache poderia ser devolvido: os processos ocupam a memória, limpar não ajuda
advise-finding-fragmented = páginas enormes (ordem { $order }) falham por fragmentação na zona { $zone }: índice { $index } acima do { $threshold } do kernel
advise-finding-standby-crowds-free = as listas em espera ({ $standby }) expulsam a memória livre ({ $free })
advise-finding-commit-high = a carga de confirmação está em { $commit }% do limite (igual ou acima de { $threshold }%): limpar não pode reduzi-la; feche programas ou aumente o arquivo de paginação
advise-finding-rates = a taxa de releitura não foi medida (uma só leitura; `memsweep advise` a observa por 2 s)
advise-figures = Números
advise-window = (taxas em { $seconds } s)
advise-pressure = pressão (some avg10)
advise-refaults = refaults
advise-major-faults = falhas de página maiores
advise-fragmentation = índice de fragmentação, ordem 9
advise-extfrag = compactar ajuda acima de { $threshold }
advise-hard-faults = falhas graves
status-advice = Recomendação
status-service = Serviço
status-service-may = { $endpoint } responde (memsweep { $version }): você pode limpar { $areas } por meio dele{ $gap ->
    [0] {""}
   *[other] , uma limpeza a cada { $gap } s
}
status-service-nothing = { $endpoint } responde (memsweep { $version }), mas não deixa este usuário limpar nada
status-service-denied = { $endpoint } existe, mas este usuário não pode usá-lo (entre no grupo memsweep)
status-service-absent = não está em execução em { $endpoint } (instale-o: sudo memsweep service install)
status-service-broken = { $endpoint } não respondeu corretamente: { $why }
status-advice-note = uma só leitura: `memsweep advise` também mede se o cache está sendo relido
