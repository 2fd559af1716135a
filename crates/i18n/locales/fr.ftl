# memsweep — Français. Mêmes ids et mêmes variables que en.ftl (un test le vérifie : cargo test -p memsweep-i18n).

## status
status-memory = Mémoire
status-total = totale
status-used = utilisée
status-used-note = { $percent } du total (totale - disponible)
status-available = disponible
status-available-note = ce qui peut être obtenu sans recourir au swap
status-free = libre
status-free-note = ne contient rien du tout
status-swap = swap
status-swap-used = swap utilisé
status-swap-of = sur { $total }
status-none = aucun
status-unavailable = indisponible
status-caches = Caches
status-file-cache = cache de fichiers
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = listes de veille + plage de travail système
status-droppable = cache libérable
status-droppable-note-linux = borne haute : cache de fichiers propre non mappé + slab récupérable
status-droppable-note-windows = les listes de veille, toutes priorités
status-active-file = fichiers actifs
status-inactive-file = fichiers inactifs
status-mapped = mappé
status-mapped-note = utilisé par des processus, non libérable
status-dirty = pages sales
status-dirty-note = écrites par sync avant toute libération
status-writeback = en écriture
status-shmem = shmem
status-shmem-note = tmpfs et mémoire partagée, jamais libérable
status-slab = slab récupérable
status-slab-note = dentries et inodes
status-anon = mémoire des processus
status-anon-note = pages anonymes, ne peuvent aller que dans le swap
status-pressure = Pression (PSI, part du temps en attente : 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = non signalé
status-pressure-absent = indisponible sur ce noyau (pas de /proc/pressure/memory)
status-since-boot = Depuis le démarrage
status-refaults = refaults (fichier / anonyme)
status-major-faults = défauts majeurs
status-drops = vidages du cache (page / slab)
status-compaction = compactage (attente / succès / échec)
status-frag-heading = Fragmentation à l'ordre { $order } (blocs de { $block })
status-frag-node = nœud
status-frag-zone = zone
status-frag-free = libre
status-frag-unusable = inutilisable
status-frag-index = indice frag.
status-frag-all = toutes
status-frag-legend-1 = inutilisable : part de la mémoire libre trop dispersée pour former un bloc (0 aucune, 1 toute) ;
status-frag-legend-2 = indice frag. : près de 1, échec par fragmentation ; près de 0, par manque de mémoire ; -1, réussirait
status-windows = Windows
status-commit-charge = charge validée
status-commit-charge-note = mémoire validée, garantie par la RAM et les fichiers d'échange
status-commit-limit = limite de validation
status-commit-limit-note = mémoire physique + fichiers d'échange
status-commit-peak = pic de validation
status-commit-peak-note = charge la plus haute depuis le démarrage
status-page-files = fichiers d'échange
status-page-files-used = fichiers d'échange utilisés
status-page-files-heading = Fichiers d'échange
status-page-file = fichier
status-page-file-size = taille
status-page-file-in-use = utilisé
status-page-file-peak = pic
status-system-cache-ws = plage de travail du cache de fichiers système
status-lists = Listes de mémoire
status-zeroed = mise à zéro
status-modified = modifiée
status-modified-no-write = modifiée sans écriture
status-standby = en veille
status-priority = priorité { $priority }
status-bad = défectueuse
status-lists-unavailable = indisponibles : { $reason }

## areas
areas-area = zone
areas-default = défaut
areas-risk = risque
areas-here = ici
areas-needs = requiert
areas-what = ce qu'elle fait
areas-on = oui
areas-off = non
areas-yes = oui
areas-no = non
areas-unsupported = { $area } : non pris en charge ici : { $reason }
risk-low = faible
risk-medium = moyen
risk-high = élevé
area-linux-dirty = écrire sur le disque les données de fichiers modifiées (sync) ; ne libère rien elle-même, rend le reste sûr
area-linux-process = évincer la mémoire des processus choisis (process_madvise MADV_PAGEOUT, ou MADV_COLD avec --gentle)
area-linux-reclaim = récupération proactive d'une quantité (--reclaim, 10% par défaut) par la récupération du nœud ou du cgroup v2
area-linux-page-cache = sync, puis vider le cache de pages propre et non mappé (drop_caches=1)
area-linux-slab = sync, puis vider le slab récupérable : dentries et inodes (drop_caches=2)
area-linux-compact = défragmenter la mémoire physique pour obtenir des huge pages (compact_memory)
area-windows-working-sets = vider les plages de travail de tous les processus (MemoryEmptyWorkingSets) : les pages passent dans les listes de veille et modifiée
area-windows-system-file-cache = vider la plage de travail du cache de fichiers système (classe 81, min = max = SIZE_T::MAX)
area-windows-process = vider les plages de travail des processus choisis (EmptyWorkingSet) ; --pid, --name, --exclude
area-windows-modified-file-cache = écrire sur le disque les données de fichiers modifiées de chaque volume (FlushFileBuffers sur chaque volume) ; ne vide rien
area-windows-modified-list = écrire la liste des pages modifiées pour qu'elles passent en veille (MemoryFlushModifiedList) ; peut figer la machine
area-windows-standby-list = purger toute la liste de veille, toutes priorités (MemoryPurgeStandbyList) ; vide tout le cache, peut figer la machine
area-windows-standby-low-priority = purger seulement la liste de veille de priorité 0 (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = écrire les modifications en cache des ruches du Registre (classe 155)
area-windows-combine-lists = combiner les pages de mémoire identiques (classe 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = Plan (simulation, rien n'a changé) :
report-area = zone
report-result = résultat
report-time = durée
report-changed = ce qui a changé
outcome-done = fait
outcome-skipped = ignoré
outcome-unsupported = non pris en charge
outcome-failed = échec
outcome-planned = prévu
report-could-free = pourrait libérer jusqu'à { $size }
report-would-run = serait exécuté
report-tally = { $done } faits, { $skipped } ignorés, { $unsupported } non pris en charge, { $failed } en échec, en { $time }
report-total = total { $change }
report-stopped = arrêt anticipé : les zones restantes ont été ignorées
metric-available_bytes = disponible
metric-free_bytes = libre
metric-file_cache_bytes = cache de fichiers
metric-dirty_bytes = pages sales
metric-slab_reclaimable_bytes = slab récupérable
metric-unusable_index_order9_permille = indice inutilisable ordre 9
metric-standby_bytes = veille
metric-standby_priority0_bytes = veille priorité 0
metric-modified_bytes = modifiée
metric-zeroed_bytes = mise à zéro
metric-system_file_cache_bytes = cache de fichiers système
metric-rss_bytes = rss
metric-rss_file_bytes = rss fichier
metric-rss_anon_bytes = rss anonyme
metric-rss_shmem_bytes = rss shmem
metric-processes_trimmed = processus réduits
metric-pages_combined = pages combinées
metric-volumes_flushed = volumes écrits
change-unavailable = { $name } indisponible

## errors
error-needs-root = le nettoyage requiert root : lancez-le avec sudo (status et areas fonctionnent sans)
error-needs-admin = le nettoyage requiert les droits d'administrateur : lancez memsweep depuis une invite de commandes élevée (Exécuter en tant qu'administrateur)
error-needs-root-or-service = le nettoyage requiert root : lancez-le avec sudo (status et areas fonctionnent sans), ou installez le service : sudo memsweep service install, et rejoignez le groupe memsweep
error-needs-admin-or-service = le nettoyage requiert les droits d'administrateur : lancez memsweep depuis une invite de commandes élevée, ou installez le service : memsweep service install (élevé, une fois)
error-service-denied = le service memsweep sur { $endpoint } n'accepte pas cet utilisateur : rejoignez son groupe ([service] group, memsweep par défaut : sudo usermod -aG memsweep $USER, puis reconnectez-vous)
error-unknown-area = zone inconnue « { $id } » (connues ici : { $known })
error-no-such-pid = aucun processus de pid { $pid }
error-no-process-named = aucun processus en cours ne s'appelle « { $name } »
error-no-process-chosen = la zone process requiert --pid, --name ou --all-processes pour indiquer quels processus réduire
error-process-option = { $flag } ne s'applique qu'à la zone process ; ajoutez `process` aux zones
error-reclaim-option = { $flag } ne s'applique qu'à la zone reclaim ; ajoutez `reclaim` aux zones
error-gentle-option = --gentle s'applique à la zone process (marquer les pages froides) et à la zone reclaim (petits pas) ; ajoutez l'une d'elles
error-wow64 = ceci est un memsweep 32 bits sur un Windows 64 bits : les listes de mémoire et la combinaison de pages ne sont pas fiables via WoW64 ; utilisez le memsweep.exe 64 bits

## autostart (Windows)
autostart-windows-only = `memsweep autostart` est pour Windows ; sous Linux, utilisez `memsweep service`
autostart-task-description = memsweep watch : nettoyage automatique de la mémoire selon les règles de la configuration
autostart-not-set-up = tâche d'ouverture de session « { $task } » : non configurée
autostart-unreadable = tâche d'ouverture de session « { $task } » : illisible ({ $reason }) ; réessayez depuis une invite de commandes élevée
autostart-registered = tâche d'ouverture de session « { $task } » : inscrite
autostart-runs = exécute : { $command }
autostart-runs-unknown = exécute : non affiché (ce Planificateur de tâches n'a pas conservé l'action)
autostart-window-none = fenêtre : aucune (memsweepw.exe lance memsweep.exe sans console)
autostart-window-console = fenêtre : une fenêtre de console, et la fermer arrête le démon
autostart-run-level-highest = niveau d'exécution : le plus élevé (élevé, sans invite UAC)
autostart-run-level-limited = niveau d'exécution : limité (non élevé : ses nettoyages échoueront)
autostart-battery-start-yes = sur batterie : démarre
autostart-battery-start-no = sur batterie : ne démarre pas (défaut du Planificateur de tâches)
autostart-battery-stop-no = débranché : continue de tourner
autostart-battery-stop-yes = débranché : arrêtée (défaut du Planificateur de tâches)
autostart-time-limit-none = limite de durée : aucune
autostart-time-limit = limite de durée : { $limit }, puis le Planificateur de tâches l'arrête
autostart-disabled = la tâche est désactivée
autostart-fix = pour corriger, relancez `memsweep autostart enable` depuis une invite de commandes élevée
autostart-created = tâche d'ouverture de session « { $task } » inscrite : exécute { $command } à l'ouverture de session avec les privilèges les plus élevés, sans fenêtre, sur batterie aussi, sans limite de durée
autostart-deleted = tâche d'ouverture de session « { $task } » supprimée
autostart-no-launcher = { $launcher } n'est pas à côté de memsweep.exe (dans { $dir }) : sans lui, le démon ouvrirait une fenêtre de console à l'ouverture de session ; rien n'a été inscrit

## history
history-time = heure
history-trigger = déclencheur
history-result = résultat
history-took = durée
history-free = libre
history-file-cache = cache de fichiers
history-available-after = disponible après
history-read-back = relu
history-faults = défauts après
history-empty = aucun nettoyage enregistré dans { $path }

## tray
tray-tooltip = memsweep : mémoire utilisée { $used }% · { $swap-label } { $swap }% · cache de fichiers { $cache }
tray-swap = swap
tray-commit = validée
tray-advice = conseil : { $verdict }
tray-advice-nothing = pas besoin de nettoyer
tray-advice-clean = un nettoyage aiderait
tray-advice-compact = un compactage aiderait
tray-advice-keep = gardez le cache : il est relu
tray-no-privilege = non élevé : le nettoyage est désactivé
tray-clean-now = Nettoyer maintenant
tray-clean-area = Nettoyer une zone
tray-risky = { $area } (risqué)
tray-confirm-risky = { $area } peut figer la machine ou vider tout le cache. Lancer ?
tray-auto = Nettoyage automatique
tray-start-at-login = Démarrer à l'ouverture de session
tray-language = Langue
tray-open-config = Ouvrir la configuration
tray-show-history = Afficher l'historique
tray-fix-privilege = Corriger : démarrer élevé à l'ouverture de session
tray-exit = Quitter
tray-busy = Un nettoyage est déjà en cours ; réessayez quand il sera terminé.
tray-cleaned = Nettoyé : { $summary }
tray-failed = Échec du nettoyage : { $reason }
tray-no-tray = ce bureau n'a pas de zone de notification (pas d'hôte StatusNotifier) : memsweep-tray n'a rien à afficher et se termine
tray-tooltip-no-swap = memsweep : mémoire utilisée { $used }% · pas de swap · cache de fichiers { $cache }
tray-cleaning = nettoyage…
tray-confirm-yes = Oui, nettoyer { $area }
tray-confirm-no = Annuler
tray-no-rules = aucune règle dans la configuration
tray-freed-unknown = { $done } zones traitées, quantités non mesurables
tray-some-failed = { $failed } en échec
tray-list-available = disponible
tray-list-free = libre
tray-list-file-cache = cache de fichiers
tray-list-dirty = pages sales
tray-list-slab = slab
tray-list-standby = veille
tray-list-modified = modifiée
tray-list-zeroed = mise à zéro
tray-already-running = memsweep-tray est déjà lancé
tray-start-at-login-needs-admin = Démarrer à l'ouverture de session requiert les droits d'administrateur (redémarrer en tant qu'administrateur) ou le service memsweep
tray-start-at-login-failed = Impossible de modifier le démarrage à l'ouverture de session : { $reason }

## top
top-title = memsweep top · { $total } · utilisée { $used }% · disponible { $available } · toutes les { $refresh } s
top-composition = Mémoire physique
top-process-memory = mémoire des processus
top-other = noyau et autres
top-shmem = shmem
top-cache = cache de fichiers
top-dirty = pages sales
top-slab = slab
top-free = libre
top-in-use = utilisée
top-modified = modifiée
top-standby = veille
top-zeroed = mise à zéro
top-available = disponible
top-history = Disponible et cache de fichiers, { $minutes } dernières min
top-now = maintenant
top-clean-marker = nettoyage
top-fragmentation = Fragmentation (toutes zones)
top-order = ord
top-free-blocks = blocs
top-unusable = inut.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI indisponible sur ce noyau
top-standby-priority = Liste de veille par priorité (0-7)
top-lists-unavailable = listes de mémoire indisponibles : { $reason }
top-processes = Processus par { $sort }
top-sort-rss = mémoire résidente
top-sort-name = nom
top-sort-pid = pid
top-pid = pid
top-name = nom
top-rss = résident
top-share = part
top-advice = conseil : { $advice }
top-last-clean = dernier nettoyage : cache de fichiers -{ $freed }
top-last-clean-cost = dernier nettoyage : cache de fichiers -{ $freed }, { $back } relus en { $seconds } s
top-keys = c nettoyer · a zones · p réduire · r rythme · s trier · q quitter · ? aide
top-help-title = Touches
top-help =
    c      nettoyer les zones par défaut (en arrière-plan)
    a      choisir les zones à nettoyer (les risquées demandent d'abord)
    p      réduire le processus sélectionné
    r      rythme d'actualisation : 1 s, 2 s, 5 s, 0.5 s
    s      trier les processus : résident, nom, pid
    ↑ ↓    choisir un processus (PgUp / PgDn : par 10)
    ?      cette aide (Esc la ferme)
    q      quitter
top-chooser-title = Zones à nettoyer
top-chooser-keys = ↑↓ déplacer · espace cocher · entrée nettoyer · échap fermer
top-risky = risqué : peut figer la machine ou vider tout le cache
top-confirm-title = Zones risquées
top-confirm = { $areas } : peut figer ou vider tout le cache. Nettoyer quand même ?
top-confirm-keys = y oui · toute autre touche : non
top-cancelled = annulé
top-busy = un nettoyage est déjà en cours ; attendez son rapport
top-cleaning = nettoyage de { $areas }…
top-cleaned = nettoyé : { $done } faits, { $failed } en échec · libre { $free } · cache de fichiers { $cache } · { $time }
top-clean-failed = nettoyage non effectué : { $reason }
top-excluded = { $name } est exclu de la réduction par la configuration

## advise
advise-heading = Conseil : { $verdict }
advise-nothing-to-do = rien à faire
advise-clean = nettoyer { $areas }
advise-compact = compacter la mémoire pour les huge pages
advise-keep-cache = ne videz pas le cache : il est en train d'être relu
advise-run = lancez : { $command }
advise-finding-available-low = seulement { $available }% de la mémoire est disponible (insuffisant sous { $threshold }%)
advise-finding-stalling = des tâches attendent la mémoire : PSI some avg10 { $some }% (au moins { $threshold }%)
advise-finding-cache-reread = le cache est en train d'être relu : refaults à { $rate } (au moins { $threshold })
advise-finding-hard-faults = des pages sont relues depuis le disque : { $rate } défauts matériels/s (au moins { $threshold })
advise-finding-no-cache = seulement { $droppable } de cache pourrait être rendu : les processus occupent la mémoire, un nettoyage n'aiderait pas
advise-finding-fragmented = les huge pages (ordre { $order }) échouent par fragmentation dans la zone { $zone } : indice { $index } au-dessus du seuil du noyau { $threshold }
advise-finding-standby-crowds-free = les listes de veille ({ $standby }) évincent la mémoire libre ({ $free })
advise-finding-commit-high = la charge validée atteint { $commit }% de la limite (au moins { $threshold }%) : un nettoyage ne peut pas la réduire ; fermez des programmes ou agrandissez le fichier d'échange
advise-finding-rates = le taux de relecture n'a pas été mesuré (une seule lecture ; `memsweep advise` l'observe pendant 2 s)
advise-figures = Chiffres
advise-window = (taux sur { $seconds } s)
advise-pressure = pression (some avg10)
advise-refaults = refaults
advise-major-faults = défauts majeurs
advise-fragmentation = indice de fragmentation, ordre 9
advise-extfrag = le compactage aide au-dessus de { $threshold }
advise-hard-faults = défauts matériels
status-advice = Conseil
status-service = Service
status-service-may = { $endpoint } répond (memsweep { $version }) : vous pouvez nettoyer { $areas } par son biais{ $gap ->
    [0] {""}
   *[other] , un nettoyage toutes les { $gap } s
}
status-service-nothing = { $endpoint } répond (memsweep { $version }), mais ne laisse cet utilisateur rien nettoyer
status-service-denied = { $endpoint } est là, mais cet utilisateur ne peut pas l'utiliser (rejoignez le groupe memsweep)
status-service-absent = ne tourne pas sur { $endpoint } (installez-le : sudo memsweep service install)
status-service-broken = { $endpoint } n'a pas répondu correctement : { $why }
status-advice-note = une seule lecture : `memsweep advise` mesure aussi si le cache est en train d'être relu
