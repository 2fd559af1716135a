# memsweep — Deutsch. Dieselben ids und Platzhalter wie en.ftl (ein Test prüft das: cargo test -p memsweep-i18n).

## status
status-memory = Arbeitsspeicher
status-total = gesamt
status-used = belegt
status-used-note = { $percent } von gesamt (gesamt - verfügbar)
status-available = verfügbar
status-available-note = was ohne Auslagern zu haben ist
status-free = frei
status-free-note = enthält gar nichts
status-swap = Swap
status-swap-used = Swap belegt
status-swap-of = von { $total }
status-none = nicht vorhanden
status-unavailable = nicht verfügbar
status-caches = Caches
status-file-cache = Dateicache
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = Standby-Listen + System-Arbeitssatz
status-droppable = freigebbarer Cache
status-droppable-note-linux = Obergrenze: sauberer, nicht gemappter Dateicache + rückforderbarer Slab
status-droppable-note-windows = die Standby-Listen, alle Prioritäten
status-active-file = aktive Dateiseiten
status-inactive-file = inaktive Dateiseiten
status-mapped = gemappt
status-mapped-note = von Prozessen genutzt, nicht freigebbar
status-dirty = Dirty
status-dirty-note = wird vor jedem Verwerfen von sync geschrieben
status-writeback = Writeback
status-shmem = Shmem
status-shmem-note = tmpfs und gemeinsam genutzter Speicher, nie freigebbar
status-slab = Slab, rückforderbar
status-slab-note = Dentries und Inodes
status-anon = Prozessspeicher
status-anon-note = anonyme Seiten, können nur in den Swap
status-pressure = Speicherdruck (PSI, Zeitanteil im Stillstand: 10 s / 60 s / 300 s)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = nicht gemeldet
status-pressure-absent = auf diesem Kernel nicht verfügbar (kein /proc/pressure/memory)
status-since-boot = Seit dem Systemstart
status-refaults = Refaults (Datei / anonym)
status-major-faults = Major Faults
status-drops = Cache-Leerungen (Page / Slab)
status-compaction = Kompaktierung (Stillstand / Erfolg / Fehlschlag)
status-frag-heading = Fragmentierung bei Ordnung { $order } (Blöcke zu { $block })
status-frag-node = Knoten
status-frag-zone = Zone
status-frag-free = frei
status-frag-unusable = unbrauchbar
status-frag-index = Frag.-Index
status-frag-all = alle
status-frag-legend-1 = unbrauchbar: Anteil des freien Speichers, der für einen Block zu verstreut ist (0 nichts, 1 alles);
status-frag-legend-2 = Frag.-Index: nahe 1 scheitert an Fragmentierung, nahe 0 an Speichermangel, -1 würde gelingen
status-windows = Windows
status-commit-charge = Zusicherung
status-commit-charge-note = zugesicherter Speicher, gedeckt durch RAM und Auslagerungsdateien
status-commit-limit = Zusicherungsgrenze
status-commit-limit-note = physischer Speicher + Auslagerungsdateien
status-commit-peak = Zusicherungsspitze
status-commit-peak-note = höchste Zusicherung seit dem Systemstart
status-page-files = Auslagerungsdateien
status-page-files-used = Auslagerungsdateien belegt
status-page-files-heading = Auslagerungsdateien
status-page-file = Datei
status-page-file-size = Größe
status-page-file-in-use = belegt
status-page-file-peak = Spitze
status-system-cache-ws = Arbeitssatz des System-Dateicaches
status-lists = Speicherlisten
status-zeroed = genullt
status-modified = geändert
status-modified-no-write = geändert, ohne Schreiben
status-standby = Standby
status-priority = Priorität { $priority }
status-bad = fehlerhaft
status-lists-unavailable = nicht verfügbar: { $reason }

## areas
areas-area = Bereich
areas-default = Standard
areas-risk = Risiko
areas-here = hier
areas-needs = braucht
areas-what = was er tut
areas-on = an
areas-off = aus
areas-yes = ja
areas-no = nein
areas-unsupported = { $area }: hier nicht unterstützt: { $reason }
risk-low = gering
risk-medium = mittel
risk-high = hoch
area-linux-dirty = geänderte Dateidaten auf den Datenträger schreiben (sync); gibt selbst nichts frei, macht den Rest sicher
area-linux-process = den Speicher ausgewählter Prozesse auslagern (process_madvise MADV_PAGEOUT, oder MADV_COLD mit --gentle)
area-linux-reclaim = proaktive Rückgewinnung einer Menge (--reclaim, Standard 10%) über die Rückgewinnung des Knotens oder der cgroup v2
area-linux-page-cache = sync, dann sauberen, nicht gemappten Seitencache verwerfen (drop_caches=1)
area-linux-slab = sync, dann rückforderbaren Slab verwerfen: Dentries und Inodes (drop_caches=2)
area-linux-compact = physischen Speicher defragmentieren, damit Huge Pages zu haben sind (compact_memory)
area-windows-working-sets = die Arbeitssätze aller Prozesse leeren (MemoryEmptyWorkingSets): die Seiten wandern in die Standby- bzw. Geändert-Liste
area-windows-system-file-cache = den Arbeitssatz des System-Dateicaches leeren (Klasse 81, min = max = SIZE_T::MAX)
area-windows-process = die Arbeitssätze ausgewählter Prozesse leeren (EmptyWorkingSet); --pid, --name, --exclude
area-windows-modified-file-cache = die geänderten Dateidaten jedes Volumes auf den Datenträger schreiben (FlushFileBuffers auf jedem Volume); verwirft nichts
area-windows-modified-list = die Liste geänderter Seiten hinausschreiben, damit ihre Seiten Standby werden (MemoryFlushModifiedList); kann stocken
area-windows-standby-list = die ganze Standby-Liste leeren, alle Prioritäten (MemoryPurgeStandbyList); verwirft den ganzen Cache, kann stocken
area-windows-standby-low-priority = nur die Standby-Liste der Priorität 0 leeren (MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = die zwischengespeicherten Änderungen der Registrierungsstrukturen schreiben (Klasse 155)
area-windows-combine-lists = identische Speicherseiten zusammenführen (Klasse 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = Plan (Probelauf, nichts geändert):
report-area = Bereich
report-result = Ergebnis
report-time = Zeit
report-changed = was sich änderte
outcome-done = erledigt
outcome-skipped = übersprungen
outcome-unsupported = nicht unterstützt
outcome-failed = fehlgeschlagen
outcome-planned = geplant
report-could-free = könnte bis zu { $size } freigeben
report-would-run = würde laufen
report-tally = { $done } erledigt, { $skipped } übersprungen, { $unsupported } nicht unterstützt, { $failed } fehlgeschlagen in { $time }
report-total = gesamt { $change }
report-stopped = vorzeitig beendet: die übrigen Bereiche wurden übersprungen
metric-available_bytes = verfügbar
metric-free_bytes = frei
metric-file_cache_bytes = Dateicache
metric-dirty_bytes = Dirty
metric-slab_reclaimable_bytes = Slab, rückforderbar
metric-unusable_index_order9_permille = Unbrauchbarkeitsindex Ordnung 9
metric-standby_bytes = Standby
metric-standby_priority0_bytes = Standby Priorität 0
metric-modified_bytes = geändert
metric-zeroed_bytes = genullt
metric-system_file_cache_bytes = System-Dateicache
metric-rss_bytes = RSS
metric-rss_file_bytes = RSS Datei
metric-rss_anon_bytes = RSS anonym
metric-rss_shmem_bytes = RSS Shmem
metric-processes_trimmed = Prozesse getrimmt
metric-pages_combined = Seiten zusammengeführt
metric-volumes_flushed = Volumes geschrieben
change-unavailable = { $name } nicht verfügbar

## errors
error-needs-root = Bereinigen braucht root: mit sudo ausführen (status und areas gehen auch ohne)
error-needs-admin = Bereinigen braucht Administratorrechte: memsweep in einer Eingabeaufforderung mit erhöhten Rechten starten (Als Administrator ausführen)
error-needs-root-or-service = Bereinigen braucht root: mit sudo ausführen (status und areas gehen auch ohne), oder den Dienst installieren: sudo memsweep service install, und der Gruppe memsweep beitreten
error-needs-admin-or-service = Bereinigen braucht Administratorrechte: memsweep in einer Eingabeaufforderung mit erhöhten Rechten starten, oder den Dienst installieren: memsweep service install (mit erhöhten Rechten, einmalig)
error-service-denied = der memsweep-Dienst unter { $endpoint } lässt diesen Benutzer nicht zu: seiner Gruppe beitreten ([service] group, standardmäßig memsweep: sudo usermod -aG memsweep $USER, dann neu anmelden)
error-unknown-area = unbekannter Bereich „{ $id }“ (hier bekannt: { $known })
error-no-such-pid = kein Prozess mit PID { $pid }
error-no-process-named = kein laufender Prozess heißt „{ $name }“
error-no-process-chosen = der Bereich process braucht --pid, --name oder --all-processes, um zu sagen, welche Prozesse getrimmt werden
error-process-option = { $flag } gilt nur für den Bereich process; `process` zu den Bereichen hinzufügen
error-reclaim-option = { $flag } gilt nur für den Bereich reclaim; `reclaim` zu den Bereichen hinzufügen
error-gentle-option = --gentle gilt für den Bereich process (Seiten als kalt markieren) und den Bereich reclaim (kleine Schritte); einen davon hinzufügen
error-wow64 = dies ist ein 32-Bit-memsweep auf 64-Bit-Windows: Speicherlisten und Seitenzusammenführung sind über WoW64 nicht zuverlässig; die 64-Bit-memsweep.exe verwenden

## autostart (Windows)
autostart-windows-only = `memsweep autostart` ist für Windows; unter Linux `memsweep service` verwenden
autostart-task-description = memsweep watch: automatische Speicherbereinigung nach den Regeln der Konfiguration
autostart-not-set-up = Anmeldeaufgabe „{ $task }“: nicht eingerichtet
autostart-unreadable = Anmeldeaufgabe „{ $task }“: nicht lesbar ({ $reason }); in einer Eingabeaufforderung mit erhöhten Rechten erneut versuchen
autostart-registered = Anmeldeaufgabe „{ $task }“: registriert
autostart-runs = führt aus: { $command }
autostart-runs-unknown = führt aus: nicht angezeigt (diese Aufgabenplanung hat die Aktion nicht behalten)
autostart-window-none = Fenster: keines (memsweepw.exe startet memsweep.exe ohne Konsole)
autostart-window-console = Fenster: ein Konsolenfenster; wird es geschlossen, endet der Daemon
autostart-run-level-highest = Ausführungsebene: höchste (erhöhte Rechte, keine UAC-Abfrage)
autostart-run-level-limited = Ausführungsebene: eingeschränkt (keine erhöhten Rechte: seine Bereinigungen schlagen fehl)
autostart-battery-start-yes = im Akkubetrieb: startet
autostart-battery-start-no = im Akkubetrieb: startet nicht (Standard der Aufgabenplanung)
autostart-battery-stop-no = ohne Netzstrom: läuft weiter
autostart-battery-stop-yes = ohne Netzstrom: wird beendet (Standard der Aufgabenplanung)
autostart-time-limit-none = Zeitlimit: keines
autostart-time-limit = Zeitlimit: { $limit }, danach beendet die Aufgabenplanung sie
autostart-disabled = die Aufgabe ist deaktiviert
autostart-fix = zum Beheben `memsweep autostart enable` erneut in einer Eingabeaufforderung mit erhöhten Rechten ausführen
autostart-created = Anmeldeaufgabe „{ $task }“ registriert: führt { $command } bei der Anmeldung mit höchsten Privilegien aus, ohne Fenster, auch im Akkubetrieb, ohne Zeitlimit
autostart-deleted = Anmeldeaufgabe „{ $task }“ gelöscht
autostart-no-launcher = { $launcher } liegt nicht neben memsweep.exe (in { $dir }): ohne ihn würde der Daemon bei der Anmeldung ein Konsolenfenster öffnen; nichts wurde registriert

## history
history-time = Zeit
history-trigger = Auslöser
history-result = Ergebnis
history-took = Dauer
history-free = frei
history-file-cache = Dateicache
history-available-after = verfügbar danach
history-read-back = zurückgelesen
history-faults = Faults danach
history-empty = keine Bereinigungen in { $path } aufgezeichnet

## tray
tray-tooltip = memsweep: Arbeitsspeicher { $used }% belegt · { $swap-label } { $swap }% · Dateicache { $cache }
tray-swap = Swap
tray-commit = Zusicherung
tray-advice = Empfehlung: { $verdict }
tray-advice-nothing = Bereinigen nicht nötig
tray-advice-clean = Bereinigen würde helfen
tray-advice-compact = Kompaktieren würde helfen
tray-advice-keep = Cache behalten: er wird erneut gelesen
tray-no-privilege = keine erhöhten Rechte: Bereinigen ist aus
tray-clean-now = Jetzt bereinigen
tray-clean-area = Bereich bereinigen
tray-risky = { $area } (riskant)
tray-confirm-risky = Bei { $area } kann das System stocken oder der ganze Cache verworfen werden. Ausführen?
tray-auto = Automatisch bereinigen
tray-start-at-login = Bei Anmeldung starten
tray-language = Sprache
tray-open-config = Konfiguration öffnen
tray-show-history = Verlauf anzeigen
tray-fix-privilege = Beheben: bei Anmeldung mit erhöhten Rechten starten
tray-exit = Beenden
tray-busy = Eine Bereinigung läuft bereits; nach ihrem Ende erneut versuchen.
tray-cleaned = Bereinigt: { $summary }
tray-failed = Bereinigung fehlgeschlagen: { $reason }
tray-no-tray = diese Arbeitsumgebung hat keinen Infobereich (keinen StatusNotifier-Host): memsweep-tray hat nichts anzuzeigen und beendet sich
tray-tooltip-no-swap = memsweep: Arbeitsspeicher { $used }% belegt · kein Swap · Dateicache { $cache }
tray-cleaning = bereinige…
tray-confirm-yes = Ja, { $area } bereinigen
tray-confirm-no = Abbrechen
tray-no-rules = keine Regeln in der Konfiguration
tray-freed-unknown = { $done } Bereiche erledigt, Mengen nicht messbar
tray-some-failed = { $failed } fehlgeschlagen
tray-list-available = verfügbar
tray-list-free = frei
tray-list-file-cache = Dateicache
tray-list-dirty = Dirty
tray-list-slab = Slab
tray-list-standby = Standby
tray-list-modified = geändert
tray-list-zeroed = genullt
tray-already-running = memsweep-tray läuft bereits
tray-start-at-login-needs-admin = „Bei Anmeldung starten“ braucht Administratorrechte (als Administrator neu starten) oder den memsweep-Dienst
tray-start-at-login-failed = „Bei Anmeldung starten“ ließ sich nicht ändern: { $reason }

## top
top-title = memsweep top · { $total } · belegt { $used }% · verfügbar { $available } · alle { $refresh } s
top-composition = Physischer Speicher
top-process-memory = Prozessspeicher
top-other = Kernel & Sonstiges
top-shmem = Shmem
top-cache = Dateicache
top-dirty = Dirty
top-slab = Slab
top-free = frei
top-in-use = in Verwendung
top-modified = geändert
top-standby = Standby
top-zeroed = genullt
top-available = verfügbar
top-history = Verfügbar und Dateicache, letzte { $minutes } min
top-now = jetzt
top-clean-marker = bereinigt
top-fragmentation = Fragmentierung (alle Zonen)
top-order = Ord
top-free-blocks = Blöcke
top-unusable = unbr.
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = PSI auf diesem Kernel nicht verfügbar
top-standby-priority = Standby-Liste nach Priorität (0-7)
top-lists-unavailable = Speicherlisten nicht verfügbar: { $reason }
top-processes = Prozesse nach { $sort }
top-sort-rss = residentem Speicher
top-sort-name = Name
top-sort-pid = PID
top-pid = PID
top-name = Name
top-rss = resident
top-share = Anteil
top-advice = Empfehlung: { $advice }
top-last-clean = letzte Bereinigung: Dateicache -{ $freed }
top-last-clean-cost = letzte Bereinigung: Dateicache -{ $freed }, { $back } in { $seconds } s zurückgelesen
top-keys = c bereinigen · a Bereiche · p trimmen · r Takt · s sortieren · q Ende · ? Hilfe
top-help-title = Tasten
top-help =
    c      Standardbereiche bereinigen (im Hintergrund)
    a      zu bereinigende Bereiche wählen (riskante fragen zuerst)
    p      ausgewählten Prozess trimmen
    r      Aktualisierungsrate: 1 s, 2 s, 5 s, 0.5 s
    s      Prozesse sortieren: resident, Name, PID
    ↑ ↓    Prozess wählen (PgUp / PgDn: um 10)
    ?      diese Hilfe (Esc schließt sie)
    q      beenden
top-chooser-title = Bereiche bereinigen
top-chooser-keys = ↑↓ bewegen · Leertaste an/aus · Enter bereinigen · Esc schließen
top-risky = riskant: kann stocken oder den ganzen Cache verwerfen
top-confirm-title = Riskante Bereiche
top-confirm = { $areas }: kann stocken oder den ganzen Cache verwerfen. Trotzdem bereinigen?
top-confirm-keys = y ja · jede andere Taste: nein
top-cancelled = abgebrochen
top-busy = eine Bereinigung läuft bereits; auf ihren Bericht warten
top-cleaning = bereinige { $areas }…
top-cleaned = bereinigt: { $done } erledigt, { $failed } fehlgeschlagen · frei { $free } · Dateicache { $cache } · { $time }
top-clean-failed = nicht bereinigt: { $reason }
top-excluded = { $name } ist laut Konfiguration vom Trimmen ausgenommen

## advise
advise-heading = Empfehlung: { $verdict }
advise-nothing-to-do = nichts zu tun
advise-clean = { $areas } bereinigen
advise-compact = Speicher für Huge Pages kompaktieren
advise-keep-cache = Cache nicht verwerfen: er wird erneut gelesen
advise-run = ausführen: { $command }
advise-finding-available-low = nur { $available }% des Speichers sind verfügbar (als knapp gilt: unter { $threshold }%)
advise-finding-stalling = Tasks warten auf Speicher: PSI some avg10 { $some }% (bei oder über { $threshold }%)
advise-finding-cache-reread = der Cache wird erneut gelesen: Refaults mit { $rate } (bei oder über { $threshold })
advise-finding-hard-faults = Seiten werden erneut vom Datenträger gelesen: { $rate } harte Fehler/s (bei oder über { $threshold })
advise-finding-no-cache = nur { $droppable } Cache könnten zurückgegeben werden: Prozesse belegen den Speicher, Bereinigen hilft nicht
advise-finding-fragmented = Huge Pages (Ordnung { $order }) scheitern an Fragmentierung in Zone { $zone }: Index { $index } über dem Kernelwert { $threshold }
advise-finding-standby-crowds-free = die Standby-Listen ({ $standby }) verdrängen den freien Speicher ({ $free })
advise-finding-commit-high = die Zusicherung liegt bei { $commit }% der Grenze (bei oder über { $threshold }%): Bereinigen kann sie nicht senken; Programme schließen oder die Auslagerungsdatei vergrößern
advise-finding-rates = die Rückleserate wurde nicht gemessen (eine Messung; `memsweep advise` beobachtet sie 2 s lang)
advise-figures = Zahlen
advise-window = (Raten über { $seconds } s)
advise-pressure = Speicherdruck (some avg10)
advise-refaults = Refaults
advise-major-faults = Major Faults
advise-fragmentation = Fragmentierungsindex, Ordnung 9
advise-extfrag = Kompaktieren hilft über { $threshold }
advise-hard-faults = harte Fehler
status-advice = Empfehlung
status-service = Dienst
status-service-may = { $endpoint } antwortet (memsweep { $version }): darüber können Sie { $areas } bereinigen{ $gap ->
    [0] {""}
   *[other] , eine Bereinigung alle { $gap } s
}
status-service-nothing = { $endpoint } antwortet (memsweep { $version }), lässt diesen Benutzer aber nichts bereinigen
status-service-denied = { $endpoint } ist vorhanden, aber dieser Benutzer darf ihn nicht nutzen (der Gruppe memsweep beitreten)
status-service-absent = läuft nicht unter { $endpoint } (installieren: sudo memsweep service install)
status-service-broken = { $endpoint } hat nicht richtig geantwortet: { $why }
status-advice-note = eine Messung: `memsweep advise` misst auch, ob der Cache erneut gelesen wird
