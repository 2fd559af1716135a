# memsweep — 한국어. id와 변수는 en.ftl과 같아야 합니다(테스트로 확인: cargo test -p memsweep-i18n).

## status
status-memory = 메모리
status-total = 전체
status-used = 사용 중
status-used-note = 전체의 { $percent }(전체 - 사용 가능)
status-available = 사용 가능
status-available-note = 스왑 없이 확보할 수 있는 양
status-free = 여유
status-free-note = 아무것도 담고 있지 않음
status-swap = 스왑
status-swap-used = 스왑 사용량
status-swap-of = 전체 { $total } 중
status-none = 없음
status-unavailable = 알 수 없음
status-caches = 캐시
status-file-cache = 파일 캐시
status-file-cache-note-linux = Cached + Buffers - Shmem
status-file-cache-note-windows = 대기 목록 + 시스템 작업 집합
status-droppable = 해제 가능한 캐시
status-droppable-note-linux = 상한: 매핑되지 않은 깨끗한 파일 캐시 + 회수 가능한 slab
status-droppable-note-windows = 모든 우선순위의 대기 목록
status-active-file = 활성 파일
status-inactive-file = 비활성 파일
status-mapped = 매핑됨
status-mapped-note = 프로세스가 사용 중, 해제 불가
status-dirty = 더티
status-dirty-note = 해제하기 전에 sync가 디스크에 씀
status-writeback = 라이트백
status-shmem = 공유 메모리
status-shmem-note = tmpfs와 공유 메모리, 해제 불가
status-slab = 회수 가능 slab
status-slab-note = 디렉터리 항목(dentry)과 inode
status-anon = 프로세스 메모리
status-anon-note = 익명 페이지, 스왑으로만 내보낼 수 있음
status-pressure = 압력(PSI, 정체된 시간의 비율: 10초 / 60초 / 300초)
status-pressure-some = some
status-pressure-full = full
status-pressure-not-reported = 보고 없음
status-pressure-absent = 이 커널에서는 사용할 수 없음(/proc/pressure/memory 없음)
status-since-boot = 부팅 이후
status-refaults = 리폴트(파일 / 익명)
status-major-faults = 메이저 폴트
status-drops = 캐시 삭제 횟수(페이지 / slab)
status-compaction = 컴팩션(정체 / 성공 / 실패)
status-frag-heading = 오더 { $order }의 단편화({ $block } 블록)
status-frag-node = 노드
status-frag-zone = 존
status-frag-free = 여유
status-frag-unusable = 사용 불가
status-frag-index = 단편화 지수
status-frag-all = 전체
status-frag-legend-1 = 사용 불가: 여유 메모리 중 너무 흩어져 한 블록이 되지 못하는 비율(0 없음, 1 전부).
status-frag-legend-2 = 단편화 지수: 1에 가까우면 단편화로 실패, 0에 가까우면 메모리 부족으로 실패, -1이면 성공
status-windows = Windows
status-commit-charge = 커밋됨
status-commit-charge-note = 커밋된 메모리, 실제 메모리와 페이징 파일이 뒷받침함
status-commit-limit = 커밋 한도
status-commit-limit-note = 실제 메모리 + 페이징 파일
status-commit-peak = 커밋 최대값
status-commit-peak-note = 부팅 이후 가장 높은 커밋
status-page-files = 페이징 파일
status-page-files-used = 페이징 파일 사용량
status-page-files-heading = 페이징 파일
status-page-file = 파일
status-page-file-size = 크기
status-page-file-in-use = 사용 중
status-page-file-peak = 최대
status-system-cache-ws = 시스템 파일 캐시 작업 집합
status-lists = 메모리 목록
status-zeroed = 0으로 채워짐
status-modified = 수정됨
status-modified-no-write = 수정됨(쓰기 안 함)
status-standby = 대기
status-priority = 우선순위 { $priority }
status-bad = 불량
status-lists-unavailable = 알 수 없음: { $reason }

## areas
areas-area = 영역
areas-default = 기본
areas-risk = 위험
areas-here = 지원
areas-needs = 필요
areas-what = 하는 일
areas-on = 켬
areas-off = 끔
areas-yes = 예
areas-no = 아니요
areas-unsupported = { $area }: 여기서는 지원되지 않음: { $reason }
risk-low = 낮음
risk-medium = 중간
risk-high = 높음
area-linux-dirty = 더티 파일 데이터를 디스크에 씀(sync). 그 자체로는 아무것도 해제하지 않지만 나머지 작업을 안전하게 함
area-linux-process = 선택한 프로세스의 메모리를 페이지 아웃(process_madvise MADV_PAGEOUT, --gentle이면 MADV_COLD)
area-linux-reclaim = 노드 또는 cgroup v2 회수 기능으로 지정한 양을 미리 회수(--reclaim, 기본 10%)
area-linux-page-cache = sync 후 매핑되지 않은 깨끗한 페이지 캐시를 버림(drop_caches=1)
area-linux-slab = sync 후 회수 가능한 slab을 버림: 디렉터리 항목과 inode(drop_caches=2)
area-linux-compact = 대용량 페이지(huge page)를 얻을 수 있도록 물리 메모리 조각 모음(compact_memory)
area-windows-working-sets = 모든 프로세스의 작업 집합을 비움(MemoryEmptyWorkingSets): 페이지는 대기/수정됨 목록으로 이동
area-windows-system-file-cache = 시스템 파일 캐시 작업 집합을 비움(클래스 81, min = max = SIZE_T::MAX)
area-windows-process = 선택한 프로세스의 작업 집합을 비움(EmptyWorkingSet). --pid, --name, --exclude
area-windows-modified-file-cache = 각 볼륨의 수정된 파일 데이터를 디스크에 씀(볼륨마다 FlushFileBuffers). 아무것도 버리지 않음
area-windows-modified-list = 수정된 페이지 목록을 기록해 그 페이지가 대기 상태가 되게 함(MemoryFlushModifiedList). 잠시 멈출 수 있음
area-windows-standby-list = 모든 우선순위의 대기 목록 전체를 비움(MemoryPurgeStandbyList). 캐시를 모두 버리며 잠시 멈출 수 있음
area-windows-standby-low-priority = 우선순위 0의 대기 목록만 비움(MemoryPurgeLowPriorityStandbyList)
area-windows-registry-cache = 레지스트리 하이브의 캐시된 변경 내용을 기록(클래스 155)
area-windows-combine-lists = 내용이 같은 메모리 페이지를 결합(클래스 130, MEMORY_COMBINE_INFORMATION_EX)

## clean report
report-plan = 계획(시험 실행, 아무것도 바꾸지 않음):
report-area = 영역
report-result = 결과
report-time = 시간
report-changed = 변화
outcome-done = 완료
outcome-skipped = 건너뜀
outcome-unsupported = 지원 안 됨
outcome-failed = 실패
outcome-planned = 예정
report-could-free = 최대 { $size } 해제 가능
report-would-run = 실행 예정
report-tally = 완료 { $done }, 건너뜀 { $skipped }, 지원 안 됨 { $unsupported }, 실패 { $failed }, 걸린 시간 { $time }
report-total = 합계 { $change }
report-stopped = 일찍 중단됨: 나머지 영역은 건너뜀
metric-available_bytes = 사용 가능
metric-free_bytes = 여유
metric-file_cache_bytes = 파일 캐시
metric-dirty_bytes = 더티
metric-slab_reclaimable_bytes = 회수 가능 slab
metric-unusable_index_order9_permille = 오더 9 사용 불가 지수
metric-standby_bytes = 대기
metric-standby_priority0_bytes = 대기 우선순위 0
metric-modified_bytes = 수정됨
metric-zeroed_bytes = 0으로 채워짐
metric-system_file_cache_bytes = 시스템 파일 캐시
metric-rss_bytes = 상주
metric-rss_file_bytes = 상주(파일)
metric-rss_anon_bytes = 상주(익명)
metric-rss_shmem_bytes = 상주(공유 메모리)
metric-processes_trimmed = 처리한 프로세스
metric-pages_combined = 결합한 페이지
metric-volumes_flushed = 기록한 볼륨
change-unavailable = { $name } 알 수 없음

## errors
error-needs-root = 정리하려면 root 권한이 필요합니다: sudo로 실행하세요(status와 areas는 root 없이도 됩니다)
error-needs-admin = 정리하려면 관리자 권한이 필요합니다: 관리자 권한 명령 프롬프트에서 memsweep을 실행하세요(관리자 권한으로 실행)
error-needs-root-or-service = 정리하려면 root 권한이 필요합니다: sudo로 실행하거나(status와 areas는 root 없이도 됩니다), 서비스를 설치하고(sudo memsweep service install) memsweep 그룹에 가입하세요
error-needs-admin-or-service = 정리하려면 관리자 권한이 필요합니다: 관리자 권한 명령 프롬프트에서 memsweep을 실행하거나, 서비스를 설치하세요: memsweep service install(관리자 권한으로 한 번)
error-service-denied = { $endpoint }의 memsweep 서비스가 이 사용자를 허용하지 않습니다: 서비스의 그룹에 가입하세요([service] group, 기본값 memsweep: sudo usermod -aG memsweep $USER 후 다시 로그인)
error-unknown-area = 알 수 없는 영역 '{ $id }'(여기서 쓸 수 있는 영역: { $known })
error-no-such-pid = pid가 { $pid }인 프로세스가 없습니다
error-no-process-named = 이름이 '{ $name }'인 실행 중인 프로세스가 없습니다
error-no-process-chosen = process 영역에는 대상 프로세스를 지정할 --pid, --name 또는 --all-processes가 필요합니다
error-process-option = { $flag }은(는) process 영역에만 적용됩니다. 영역에 `process`를 추가하세요
error-reclaim-option = { $flag }은(는) reclaim 영역에만 적용됩니다. 영역에 `reclaim`을 추가하세요
error-gentle-option = --gentle은 process 영역(페이지를 콜드로 표시)과 reclaim 영역(작은 단계로 회수)에 적용됩니다. 둘 중 하나를 추가하세요
error-wow64 = 64비트 Windows에서 실행 중인 32비트 memsweep입니다: WoW64를 통해서는 메모리 목록과 페이지 결합을 신뢰할 수 없습니다. 64비트 memsweep.exe를 사용하세요

## autostart (Windows)
autostart-windows-only = `memsweep autostart`는 Windows용입니다. Linux에서는 `memsweep service`를 사용하세요
autostart-task-description = memsweep watch: 구성의 규칙에 따라 메모리를 자동으로 정리
autostart-not-set-up = 로그온 작업 '{ $task }': 설정되지 않음
autostart-unreadable = 로그온 작업 '{ $task }': 읽을 수 없음({ $reason }). 관리자 권한 명령 프롬프트에서 다시 시도하세요
autostart-registered = 로그온 작업 '{ $task }': 등록됨
autostart-runs = 실행: { $command }
autostart-runs-unknown = 실행: 표시할 수 없음(이 작업 스케줄러가 동작을 보관하지 않음)
autostart-window-none = 창: 없음(memsweepw.exe가 콘솔 없이 memsweep.exe를 시작)
autostart-window-console = 창: 콘솔 창, 닫으면 데몬이 종료됨
autostart-run-level-highest = 실행 수준: 가장 높음(관리자 권한, UAC 확인 없음)
autostart-run-level-limited = 실행 수준: 제한됨(관리자 권한 아님: 정리가 실패함)
autostart-battery-start-yes = 배터리 사용 시: 시작함
autostart-battery-start-no = 배터리 사용 시: 시작하지 않음(작업 스케줄러 기본값)
autostart-battery-stop-no = 전원 분리 시: 계속 실행
autostart-battery-stop-yes = 전원 분리 시: 중지됨(작업 스케줄러 기본값)
autostart-time-limit-none = 시간 제한: 없음
autostart-time-limit = 시간 제한: { $limit }, 그 후 작업 스케줄러가 종료함
autostart-disabled = 작업이 사용 안 함 상태입니다
autostart-fix = 고치려면 관리자 권한 명령 프롬프트에서 `memsweep autostart enable`을 다시 실행하세요
autostart-created = 로그온 작업 '{ $task }' 등록됨: 로그온할 때 가장 높은 권한으로 { $command } 실행, 창 없음, 배터리 사용 시에도 실행, 시간 제한 없음
autostart-deleted = 로그온 작업 '{ $task }' 삭제됨
autostart-no-launcher = { $launcher }이(가) memsweep.exe 옆({ $dir })에 없습니다: 이것이 없으면 데몬이 로그온할 때 콘솔 창을 열게 되므로 아무것도 등록하지 않았습니다

## history
history-time = 시각
history-trigger = 계기
history-result = 결과
history-took = 소요
history-free = 여유
history-file-cache = 파일 캐시
history-available-after = 정리 후 사용 가능
history-read-back = 다시 읽음
history-faults = 정리 후 폴트
history-empty = { $path }에 기록된 정리가 없습니다

## tray
tray-tooltip = memsweep: 메모리 { $used }% 사용 · { $swap-label } { $swap }% · 파일 캐시 { $cache }
tray-swap = 스왑
tray-commit = 커밋
tray-advice = 권장: { $verdict }
tray-advice-nothing = 정리할 필요 없음
tray-advice-clean = 정리하면 도움이 됨
tray-advice-compact = 컴팩션하면 도움이 됨
tray-advice-keep = 캐시 유지: 다시 읽히고 있음
tray-no-privilege = 관리자 권한 아님: 정리 꺼짐
tray-clean-now = 지금 정리
tray-clean-area = 영역 정리
tray-risky = { $area }(위험)
tray-confirm-risky = { $area }은(는) 시스템을 잠시 멈추게 하거나 캐시를 모두 버릴 수 있습니다. 실행할까요?
tray-auto = 자동 정리
tray-start-at-login = 로그인 시 시작
tray-language = 언어
tray-open-config = 구성 파일 열기
tray-show-history = 기록 보기
tray-fix-privilege = 고치기: 로그인 시 관리자 권한으로 시작
tray-exit = 종료
tray-busy = 이미 정리가 진행 중입니다. 끝난 뒤 다시 시도하세요.
tray-cleaned = 정리됨: { $summary }
tray-failed = 정리 실패: { $reason }
tray-no-tray = 이 데스크톱에는 시스템 트레이가 없습니다(StatusNotifier 호스트 없음): memsweep-tray는 표시할 곳이 없어 종료합니다
tray-tooltip-no-swap = memsweep: 메모리 { $used }% 사용 · 스왑 없음 · 파일 캐시 { $cache }
tray-cleaning = 정리 중…
tray-confirm-yes = 예, { $area } 정리
tray-confirm-no = 취소
tray-no-rules = 구성에 규칙이 없음
tray-freed-unknown = 영역 { $done }개 완료, 해제량은 측정할 수 없음
tray-some-failed = { $failed }개 실패
tray-list-available = 사용 가능
tray-list-free = 여유
tray-list-file-cache = 파일 캐시
tray-list-dirty = 더티
tray-list-slab = slab
tray-list-standby = 대기
tray-list-modified = 수정됨
tray-list-zeroed = 0으로 채워짐
tray-already-running = memsweep-tray가 이미 실행 중입니다
tray-start-at-login-needs-admin = 로그인 시 시작하려면 관리자 권한(관리자로 다시 시작) 또는 memsweep 서비스가 필요합니다
tray-start-at-login-failed = 로그인 시 시작 설정을 바꿀 수 없습니다: { $reason }

## top
top-title = memsweep top · { $total } · 사용 { $used }% · 사용 가능 { $available } · { $refresh }초마다
top-composition = 물리 메모리
top-process-memory = 프로세스 메모리
top-other = 커널 및 기타
top-shmem = 공유 메모리
top-cache = 파일 캐시
top-dirty = 더티
top-slab = slab
top-free = 여유
top-in-use = 사용 중
top-modified = 수정됨
top-standby = 대기
top-zeroed = 0으로 채워짐
top-available = 사용 가능
top-history = 사용 가능 메모리와 파일 캐시, 최근 { $minutes }분
top-now = 지금
top-clean-marker = 정리
top-fragmentation = 단편화(모든 존)
top-order = ord
top-free-blocks = 블록
top-unusable = 불가
top-pressure = PSI avg10: some { $some }% · full { $full }%
top-pressure-absent = 이 커널에서는 PSI를 사용할 수 없음
top-standby-priority = 우선순위별 대기 목록(0-7)
top-lists-unavailable = 메모리 목록을 알 수 없음: { $reason }
top-processes = 프로세스({ $sort } 순)
top-sort-rss = 상주 메모리
top-sort-name = 이름
top-sort-pid = pid
top-pid = pid
top-name = 이름
top-rss = 상주
top-share = 비율
top-advice = 권장: { $advice }
top-last-clean = 마지막 정리: 파일 캐시 -{ $freed }
top-last-clean-cost = 마지막 정리: 파일 캐시 -{ $freed }, { $seconds }초 안에 { $back } 다시 읽음
top-keys = c 정리 · a 영역 · p 트림 · r 새로 고침 · s 정렬 · ↑↓ 선택 · q 종료 · ? 도움말
top-help-title = 키
top-help =
    c      기본 영역 정리(백그라운드에서)
    a      정리할 영역 선택(위험한 영역은 먼저 확인)
    p      선택한 프로세스 트림
    r      새로 고침 간격: 1초, 2초, 5초, 0.5초
    s      프로세스 정렬: 상주, 이름, pid
    ↑ ↓    프로세스 선택(PgUp / PgDn: 10개씩)
    ?      이 도움말(Esc로 닫기)
    q      종료
top-chooser-title = 정리할 영역
top-chooser-keys = ↑↓ 이동 · Space 선택 · Enter 정리 · Esc 닫기
top-risky = 위험: 잠시 멈추거나 캐시를 모두 버릴 수 있음
top-confirm-title = 위험한 영역
top-confirm = { $areas }: 잠시 멈추거나 캐시를 모두 버릴 수 있습니다. 그래도 정리할까요?
top-confirm-keys = y 예 · 다른 아무 키: 아니요
top-cancelled = 취소됨
top-busy = 이미 정리가 진행 중입니다. 보고를 기다리세요
top-cleaning = { $areas } 정리 중…
top-cleaned = 정리됨: 완료 { $done }, 실패 { $failed } · 여유 { $free } · 파일 캐시 { $cache } · { $time }
top-clean-failed = 정리하지 못함: { $reason }
top-excluded = { $name }은(는) 구성에 의해 트림에서 제외됨

## advise
advise-heading = 권장: { $verdict }
advise-nothing-to-do = 할 일 없음
advise-clean = { $areas } 정리
advise-compact = 대용량 페이지를 위해 메모리 컴팩션
advise-keep-cache = 캐시를 버리지 마세요: 다시 읽히고 있습니다
advise-run = 실행: { $command }
advise-finding-available-low = 사용 가능한 메모리가 { $available }%뿐입니다({ $threshold }% 미만이면 부족)
advise-finding-stalling = 작업이 메모리를 기다리며 정체되고 있습니다: PSI some avg10 { $some }%({ $threshold }% 이상)
advise-finding-cache-reread = 캐시가 다시 읽히고 있습니다: 리폴트 { $rate }({ $threshold } 이상)
advise-finding-hard-faults = 페이지를 디스크에서 다시 읽고 있습니다: 하드 폴트 초당 { $rate }회({ $threshold } 이상)
advise-finding-no-cache = 돌려줄 수 있는 캐시는 { $droppable }뿐입니다: 메모리는 프로세스가 쓰고 있어 정리해도 소용없습니다
advise-finding-fragmented = 존 { $zone }에서 대용량 페이지(오더 { $order })가 단편화 때문에 실패합니다: 지수 { $index }, 커널 기준 { $threshold } 초과
advise-finding-standby-crowds-free = 대기 목록({ $standby })이 여유 메모리({ $free })를 밀어내고 있습니다
advise-finding-commit-high = 커밋이 한도의 { $commit }%입니다({ $threshold }% 이상): 정리로는 낮출 수 없습니다. 프로그램을 닫거나 페이징 파일을 늘리세요
advise-finding-rates = 다시 읽기 비율은 측정하지 않았습니다(한 번만 읽음. `memsweep advise`는 2초 동안 관찰합니다)
advise-figures = 수치
advise-window = ({ $seconds }초 동안의 비율)
advise-pressure = 압력(some avg10)
advise-refaults = 리폴트
advise-major-faults = 메이저 폴트
advise-fragmentation = 단편화 지수, 오더 9
advise-extfrag = { $threshold }보다 높으면 컴팩션이 도움이 됨
advise-hard-faults = 하드 폴트
status-advice = 권장
status-service = 서비스
status-service-may = { $endpoint }이(가) 응답함(memsweep { $version }): 이를 통해 { $areas }을(를) 정리할 수 있습니다{ $gap ->
    [0] {""}
   *[other] . 단, { $gap }초에 한 번
}
status-service-nothing = { $endpoint }이(가) 응답하지만(memsweep { $version }) 이 사용자는 아무것도 정리할 수 없습니다
status-service-denied = { $endpoint }이(가) 있지만 이 사용자는 사용할 수 없습니다(memsweep 그룹에 가입하세요)
status-service-absent = { $endpoint }에서 실행 중이 아님(설치: sudo memsweep service install)
status-service-broken = { $endpoint }이(가) 제대로 응답하지 않았습니다: { $why }
status-advice-note = 한 번만 읽음: `memsweep advise`는 캐시가 다시 읽히는지도 측정합니다
