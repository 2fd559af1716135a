/* TEST-ONLY: a Windows process with a working set, for the per-process trim test under Wine
 * (crates/cli/tests/wine.rs). It touches 8 MiB, prints its Windows pid, and sleeps until killed
 * (at most two minutes). Never shipped. */
#include <stdio.h>
#include <windows.h>

static char block[8 << 20];

int main(void) {
    for (size_t i = 0; i < sizeof block; i += 4096) block[i] = 1;
    printf("pid %lu\n", GetCurrentProcessId());
    fflush(stdout);
    Sleep(120000);
    return block[4096] - 1;
}
