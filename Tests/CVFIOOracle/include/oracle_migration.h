/*
 * The C compiler's answers about device_state and the migration structs.
 *
 * The v1 device_state macros are function-like, so Swift cannot import them:
 * these functions expand them in C, on the header the package is built against.
 */
#ifndef CVFIO_ORACLE_MIGRATION_H
#define CVFIO_ORACLE_MIGRATION_H

#include <stddef.h>
#include <stdint.h>
#include "CVFIOOracle.h"

/* VFIO_DEVICE_STATE_VALID(state), _IS_ERROR(state), _SET_ERROR(state). */
int cvfio_oracle_v1_state_valid(uint32_t state);
int cvfio_oracle_v1_state_is_error(uint32_t state);
uint32_t cvfio_oracle_v1_state_set_error(uint32_t state);

/* 1 when the header names the v1 bits VFIO_DEVICE_STATE_V1_* (Linux 5.18+),
   0 when it still uses the names v2 later took over. */
extern const int cvfio_oracle_v1_state_names_are_v1;

/* 1 when the header's VFIO_DEVICE_STATE_SET_ERROR names VFIO_DEVICE_SATE_SAVING (Linux 5.8-5.17). */
extern const int cvfio_oracle_v1_set_error_needs_typo_fix;

/*
 * Migration constants, struct sizes and field offsets by name: the v1 bits,
 * the v2 states and flags, the feature indexes and flags, and the layouts of
 * the structs the migration calls exchange ("sizeof(struct x)",
 * "offsetof(struct x, field)").
 */
struct cvfio_oracle_constant cvfio_oracle_migration_at(size_t index);
extern const size_t cvfio_oracle_migration_count;

#endif
