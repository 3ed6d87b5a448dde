/*
 * LD_PRELOAD shim for running the gateway under valgrind (bench/instructions).
 *
 * libdispatch parks the main thread in `sigsuspend(&mask)` with `static const sigset_t mask` (in .rodata, read-only).
 * Valgrind's rt_sigsuspend wrapper (3.19 in Debian 12, and still 3.24 and 3.27.1) removes its own VG_SIGVGKILL from the
 * mask *in place* (`VG_(sigdelset)` on the caller's pointer), so it writes to a read-only page and dies with
 * "VALGRIND INTERNAL ERROR: Valgrind received a signal 11 (SIGSEGV)" at startup. This sigsuspend hands the kernel a
 * writable copy of the mask instead: same semantics, and valgrind's write lands on the copy.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
