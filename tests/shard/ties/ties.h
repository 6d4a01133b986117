/* ties.h: the program of the shard test's order check. Every choice a
 * report makes among equals is here: two shortest paths to one blocking
 * call (through a_path.c and b_path.c), one callback registered at two
 * sites (reg_a.c and reg_z.c), and two other roots that reach the call. */
#ifndef TIES_H
#define TIES_H

#include <uv.h>

void save(void);
void via_a(void);
void via_b(void);
void on_two(uv_timer_t *t);
void register_a(uv_timer_t *t);
void register_z(uv_timer_t *t);

#endif
