/*
 * TEST-ONLY bcryptprimitives.dll for Wine. NEVER SHIPPED, never copied next to memsweep.exe.
 *
 * Why it exists: Rust's std for x86_64-pc-windows-gnu imports ProcessPrng from
 * bcryptprimitives.dll (Windows 10+). Wine 8 has no such DLL, so every executable for that
 * target fails to start under Wine with STATUS_DLL_NOT_FOUND (c0000135). .ci/wine-prefix.sh
 * builds this file with x86_64-w64-mingw32-gcc into the target dir and copies it into the
 * throw-away test WINEPREFIX's system32 only. Real Windows has the real DLL.
 *
 * ProcessPrng is implemented with advapi32's SystemFunction036 (RtlGenRandom), which Wine has.
 */
#include <windows.h>

/* RtlGenRandom; declared here to avoid pulling in ntsecapi.h. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE; /* like the real one, which always returns TRUE */
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
