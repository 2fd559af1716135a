/* An empty Windows program: the cost of starting a process under Wine, to set beside
   memsweep.exe status --json. Built by bench/run.sh with x86_64-w64-mingw32-gcc. */
int main(void) { return 0; }
