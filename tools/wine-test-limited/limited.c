/* TEST-ONLY: runs a command line with the limited (not elevated) token linked to this
 * process's token, as UAC gives an administrator's programs that were not "Run as
 * administrator" (crates/cli/tests/wine_service.rs). Under Wine a program starts with the
 * elevated half of such a pair; this gives the test a caller that is not elevated, without a
 * second account. Usage: limited.exe PROGRAM ARGS... ; exits with the program's exit code,
 * 120 when it cannot start it. Never shipped. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void) {
    HANDLE token, limited;
    DWORD length;
    TOKEN_LINKED_TOKEN linked;
    TOKEN_ELEVATION elevation;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token) ||
        !GetTokenInformation(token, TokenLinkedToken, &linked, sizeof linked, &length)) {
        fprintf(stderr, "limited.exe: no linked token: %lu\n", GetLastError());
        return 120;
    }
    if (!GetTokenInformation(linked.LinkedToken, TokenElevation, &elevation, sizeof elevation, &length) ||
        elevation.TokenIsElevated) {
        fprintf(stderr, "limited.exe: the linked token is elevated (this process runs limited already)\n");
        return 120;
    }
    if (!DuplicateTokenEx(linked.LinkedToken, TOKEN_ALL_ACCESS, NULL, SecurityImpersonation, TokenPrimary,
                          &limited)) {
        fprintf(stderr, "limited.exe: DuplicateTokenEx: %lu\n", GetLastError());
        return 120;
    }
    /* The command line after this program's own name (quoted or not). */
    WCHAR *line = GetCommandLineW();
    if (*line == L'"') {
        line = wcschr(line + 1, L'"');
        line = line ? line + 1 : L"";
    } else {
        while (*line && *line != L' ' && *line != L'\t') line++;
    }
    while (*line == L' ' || *line == L'\t') line++;
    if (!*line) {
        fprintf(stderr, "usage: limited.exe PROGRAM ARGS...\n");
        return 120;
    }
    STARTUPINFOW startup;
    ZeroMemory(&startup, sizeof startup);
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION child;
    if (!CreateProcessAsUserW(limited, NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &child)) {
        fprintf(stderr, "limited.exe: CreateProcessAsUserW: %lu\n", GetLastError());
        return 120;
    }
    DWORD code = 120;
    WaitForSingleObject(child.hProcess, INFINITE);
    GetExitCodeProcess(child.hProcess, &code);
    return (int)code;
}
