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
#endif
