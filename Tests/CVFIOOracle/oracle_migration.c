#include <stddef.h>
#include <stdint.h>
#include <linux/vfio.h>

/* What the header itself has, tested before the fallbacks fill its gaps. */
#ifdef VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE
#define ORACLE_HEADER_HAS_V2_STATES 1
#endif
#ifdef VFIO_MIGRATION_PRE_COPY
#define ORACLE_HEADER_HAS_PRE_COPY 1
#endif

/*
 * Linux 5.8-5.17 ship VFIO_DEVICE_STATE_SET_ERROR spelling one of its bits
 * VFIO_DEVICE_SATE_SAVING, so the macro does not compile as shipped. The oracle
 * supplies the misspelt name as the bit it obviously means and otherwise expands
 * the header's own macro; MigrationStateV1OracleTests reports the typo.
 */
#if !defined(VFIO_DEVICE_SATE_SAVING) && defined(VFIO_DEVICE_STATE_SAVING)
#define VFIO_DEVICE_SATE_SAVING VFIO_DEVICE_STATE_SAVING
const int cvfio_oracle_v1_set_error_needs_typo_fix = 1;
#else
const int cvfio_oracle_v1_set_error_needs_typo_fix = 0;
#endif

#include "CVFIO_fallbacks.h"
#include "CVFIOOracle.h"
#include "oracle_migration.h"

#if !defined(VFIO_DEVICE_STATE_VALID) || !defined(VFIO_DEVICE_STATE_IS_ERROR) || \
    !defined(VFIO_DEVICE_STATE_SET_ERROR)
#error "this <linux/vfio.h> lacks the v1 device_state macros the oracle expands"
#endif

/*
 * Linux 5.18 renamed the v1 bits to VFIO_DEVICE_STATE_V1_* and reused
 * VFIO_DEVICE_STATE_RUNNING for the v2 enumerator; the macros below refer to
 * whichever names the header has, so they expand as the header defines them.
 */
#ifdef VFIO_DEVICE_STATE_V1_RUNNING
const int cvfio_oracle_v1_state_names_are_v1 = 1;
#define ORACLE_V1_STOP VFIO_DEVICE_STATE_V1_STOP
#define ORACLE_V1_RUNNING VFIO_DEVICE_STATE_V1_RUNNING
#define ORACLE_V1_SAVING VFIO_DEVICE_STATE_V1_SAVING
#define ORACLE_V1_RESUMING VFIO_DEVICE_STATE_V1_RESUMING
#else
const int cvfio_oracle_v1_state_names_are_v1 = 0;
#define ORACLE_V1_STOP VFIO_DEVICE_STATE_STOP
#define ORACLE_V1_RUNNING VFIO_DEVICE_STATE_RUNNING
#define ORACLE_V1_SAVING VFIO_DEVICE_STATE_SAVING
#define ORACLE_V1_RESUMING VFIO_DEVICE_STATE_RESUMING
#endif

int cvfio_oracle_v1_state_valid(uint32_t state) { return VFIO_DEVICE_STATE_VALID(state); }

int cvfio_oracle_v1_state_is_error(uint32_t state) { return VFIO_DEVICE_STATE_IS_ERROR(state); }

uint32_t cvfio_oracle_v1_state_set_error(uint32_t state) {
  return VFIO_DEVICE_STATE_SET_ERROR(state);
}

#define VALUE(name) {#name, (unsigned long long)(name)},
#define SIZE(type) {"sizeof(" #type ")", sizeof(type)},
#define OFFSET(type, field) {"offsetof(" #type ", " #field ")", offsetof(type, field)},

static const struct cvfio_oracle_constant migration[] = {
  {"v1.stop", (unsigned long long)ORACLE_V1_STOP},
  {"v1.running", (unsigned long long)ORACLE_V1_RUNNING},
  {"v1.saving", (unsigned long long)ORACLE_V1_SAVING},
  {"v1.resuming", (unsigned long long)ORACLE_V1_RESUMING},
  VALUE(VFIO_DEVICE_STATE_MASK)
#ifdef ORACLE_HEADER_HAS_V2_STATES
  VALUE(VFIO_DEVICE_STATE_ERROR)
  VALUE(VFIO_DEVICE_STATE_STOP)
  VALUE(VFIO_DEVICE_STATE_RUNNING)
  VALUE(VFIO_DEVICE_STATE_STOP_COPY)
  VALUE(VFIO_DEVICE_STATE_RESUMING)
  VALUE(VFIO_DEVICE_STATE_RUNNING_P2P)
#endif
#ifdef ORACLE_HEADER_HAS_PRE_COPY
  VALUE(VFIO_DEVICE_STATE_PRE_COPY)
  VALUE(VFIO_DEVICE_STATE_PRE_COPY_P2P)
#endif
  VALUE(VFIO_MIGRATION_STOP_COPY)
  VALUE(VFIO_MIGRATION_P2P)
  VALUE(VFIO_MIGRATION_PRE_COPY)
  VALUE(VFIO_DEVICE_FEATURE_GET)
  VALUE(VFIO_DEVICE_FEATURE_SET)
  VALUE(VFIO_DEVICE_FEATURE_PROBE)
  VALUE(VFIO_DEVICE_FEATURE_MIGRATION)
  VALUE(VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE)
  VALUE(VFIO_DEVICE_FEATURE_MIG_DATA_SIZE)
  SIZE(struct vfio_device_migration_info)
  OFFSET(struct vfio_device_migration_info, device_state)
  OFFSET(struct vfio_device_migration_info, pending_bytes)
  OFFSET(struct vfio_device_migration_info, data_offset)
  OFFSET(struct vfio_device_migration_info, data_size)
  SIZE(struct vfio_device_feature)
  OFFSET(struct vfio_device_feature, argsz)
  OFFSET(struct vfio_device_feature, flags)
  OFFSET(struct vfio_device_feature, data)
  SIZE(struct vfio_device_feature_migration)
  SIZE(struct vfio_device_feature_mig_state)
  OFFSET(struct vfio_device_feature_mig_state, device_state)
  OFFSET(struct vfio_device_feature_mig_state, data_fd)
  SIZE(struct vfio_device_feature_mig_data_size)
  SIZE(struct vfio_precopy_info)
  OFFSET(struct vfio_precopy_info, argsz)
  OFFSET(struct vfio_precopy_info, initial_bytes)
  OFFSET(struct vfio_precopy_info, dirty_bytes)
};

const size_t cvfio_oracle_migration_count = sizeof(migration) / sizeof(migration[0]);

struct cvfio_oracle_constant cvfio_oracle_migration_at(size_t index) { return migration[index]; }
