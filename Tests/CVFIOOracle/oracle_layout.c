#include "fixtures_packed.h"

#define FIELD(record, field) \
  { #field, offsetof(struct record, field), sizeof(((struct record *)0)->field), \
    _Alignof(__typeof__(((struct record *)0)->field)) }
#define RECORD(record, fields) \
  { #record, sizeof(struct record), _Alignof(struct record), fields, \
    sizeof(fields) / sizeof(fields[0]) }

static const struct cvfio_oracle_layout_field migration_info_v18[] = {
  FIELD(cvfio_fixture_migration_info_v18, device_state),
  FIELD(cvfio_fixture_migration_info_v18, reserved),
  FIELD(cvfio_fixture_migration_info_v18, pending_bytes),
  FIELD(cvfio_fixture_migration_info_v18, data_offset),
  FIELD(cvfio_fixture_migration_info_v18, data_size),
};

static const struct cvfio_oracle_layout_field packed_misaligned[] = {
  FIELD(cvfio_fixture_packed_misaligned, tag),
  FIELD(cvfio_fixture_packed_misaligned, value),
  FIELD(cvfio_fixture_packed_misaligned, count),
};

static const struct cvfio_oracle_layout_record fixtures[] = {
  RECORD(cvfio_fixture_migration_info_v18, migration_info_v18),
  RECORD(cvfio_fixture_packed_misaligned, packed_misaligned),
};

const size_t cvfio_oracle_packed_fixture_count = sizeof(fixtures) / sizeof(fixtures[0]);

struct cvfio_oracle_layout_record cvfio_oracle_packed_fixture_at(size_t index) {
  return fixtures[index];
}
