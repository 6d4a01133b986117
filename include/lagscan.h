/* lagscan.h: source annotations that tell lagscan, the event-loop blocking
 * analyzer, what a function or a callback slot means.
 *
 * The macros expand to Clang `annotate` attributes, which lagscan reads
 * through libclang. Compilers that do not know the attribute (GCC warns about
 * unknown attributes under -Wall) get empty macros, so including this header
 * never changes generated code.
 *
 * Where each macro goes:
 *   - LAGSCAN_LOOP_CALLBACK, LAGSCAN_WORKER_CALLBACK, LAGSCAN_NEXT_TICK: after
 *     the declarator of a function-pointer parameter or struct field. Every
 *     function passed or stored there runs on the loop thread, off the loop,
 *     or on a queue that drains before the loop returns to I/O.
 *   - LAGSCAN_BLOCKING(rule), LAGSCAN_NONBLOCKING: on a function declaration.
 *     A call to a blocking function is reported under `rule` (one of the ids in
 *     docs/contracts.md: sync-fs, sync-crypto, sleep, ...); a nonblocking function is
 *     trusted and not looked into.
 */
#ifndef LAGSCAN_H
#define LAGSCAN_H

#if defined(__clang__)
#define LAGSCAN_ANNOTATE_(text) __attribute__((annotate(text)))
#else
#define LAGSCAN_ANNOTATE_(text)
#endif

#define LAGSCAN_LOOP_CALLBACK LAGSCAN_ANNOTATE_("lagscan::loop_callback")
#define LAGSCAN_WORKER_CALLBACK LAGSCAN_ANNOTATE_("lagscan::worker_callback")
#define LAGSCAN_NEXT_TICK LAGSCAN_ANNOTATE_("lagscan::next_tick")
#define LAGSCAN_BLOCKING(rule) LAGSCAN_ANNOTATE_("lagscan::blocking(" #rule ")")
#define LAGSCAN_NONBLOCKING LAGSCAN_ANNOTATE_("lagscan::nonblocking")

#endif /* LAGSCAN_H */
