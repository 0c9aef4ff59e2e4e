// Shim for the wide-character ncurses API.
// SwiftPM drops pkg-config's -D flags, so NCURSES_WIDECHAR is defined here before the include
// (see shared/notes/terminal.md). Function-like macros do not import into Swift; the static
// inline functions below expose the ones Gloss needs.
#ifndef GLOSS_CNCURSESW_SHIM_H
#define GLOSS_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *gloss_stdscr(void) { return stdscr; }
static inline int gloss_lines(void) { return LINES; }
static inline int gloss_cols(void) { return COLS; }
static inline attr_t gloss_a_bold(void) { return A_BOLD; }
static inline attr_t gloss_a_reverse(void) { return A_REVERSE; }
static inline attr_t gloss_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gloss_a_dim(void) { return A_DIM; }
static inline attr_t gloss_a_italic(void) { return A_ITALIC; }
static inline int gloss_key_resize(void) { return KEY_RESIZE; }

// --- Terminal backend helpers (Sources/GlossTerminal/Backend) ---
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>

/// The codeset of the current LC_CTYPE locale ("UTF-8" when wide characters work).
static inline const char *gloss_codeset(void) { return nl_langinfo(CODESET); }
/// `newterm` on the process's own stdout/stdin (the C globals are not visible to Swift 6).
static inline SCREEN *gloss_newterm_std(const char *type) { return newterm(type, stdout, stdin); }
static inline int gloss_colors(void) { return COLORS; }
static inline int gloss_color_pairs(void) { return COLOR_PAIRS; }
static inline int gloss_key_f0(void) { return KEY_F0; }
static inline int gloss_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t gloss_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gloss_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gloss_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gloss_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Installs `handler` for `sig` with `sigaction` (flags: 0 for no SA_RESTART, so a blocking read returns),
/// saving the previous action in `old` (may be NULL). Returns 0 or -1.
static inline int gloss_sigaction(int sig, void (*handler)(int), int flags, struct sigaction *old) {
    struct sigaction action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    return sigaction(sig, &action, old);
}
/// Like `gloss_sigaction` for a three-argument handler (SA_SIGINFO is added to `flags`).
static inline int gloss_sigaction_info(int sig, void (*handler)(int, siginfo_t *, void *), int flags,
                                       struct sigaction *old) {
    struct sigaction action;
    action.sa_sigaction = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags | SA_SIGINFO;
    return sigaction(sig, &action, old);
}
/// `si_code`: > 0 for a fault raised by the CPU, <= 0 for a signal sent by kill/raise/abort.
static inline int gloss_si_code(const siginfo_t *info) { return info ? info->si_code : 0; }
/// Restores a saved action (async-signal-safe).
static inline int gloss_sigaction_restore(int sig, const struct sigaction *saved) {
    return sigaction(sig, saved, NULL);
}
/// Whether a saved action ignores its signal (SIG_IGN), e.g. SIGHUP under nohup.
static inline int gloss_sigaction_ignores(const struct sigaction *saved) {
    return !(saved->sa_flags & SA_SIGINFO) && saved->sa_handler == SIG_IGN;
}
/// Unblocks `sig` for the calling thread (a spawning parent may leave signals blocked).
static inline int gloss_unblock_signal(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
static inline int gloss_sa_onstack(void) { return SA_ONSTACK; }
/// Volatile access to a flag shared with signal handlers (storage is allocated by Swift).
static inline void gloss_flag_store(volatile sig_atomic_t *flag, sig_atomic_t value) { *flag = value; }
static inline sig_atomic_t gloss_flag_load(const volatile sig_atomic_t *flag) { return *flag; }
#endif
