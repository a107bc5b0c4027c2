#include <linux/kvm.h>
#include <stddef.h>
#include "CVFIOOracle.h"

/*
 * What <linux/kvm.h> says of the KVM-VFIO device, which the package spells out itself rather
 * than import KVM's whole UAPI. Linux 6.6 renamed KVM_DEV_VFIO_GROUP* to KVM_DEV_VFIO_FILE*
 * with the same values; an older header has only the old names.
 */
#ifndef KVM_DEV_VFIO_FILE
#define KVM_DEV_VFIO_FILE KVM_DEV_VFIO_GROUP
#define KVM_DEV_VFIO_FILE_ADD KVM_DEV_VFIO_GROUP_ADD
#define KVM_DEV_VFIO_FILE_DEL KVM_DEV_VFIO_GROUP_DEL
#endif

#define VALUE(name) {#name, (unsigned long long)(name)},

const struct cvfio_oracle_constant cvfio_oracle_kvm[] = {
  VALUE(KVM_CREATE_DEVICE)
  VALUE(KVM_SET_DEVICE_ATTR)
  VALUE(KVM_DEV_TYPE_VFIO)
  VALUE(KVM_DEV_VFIO_FILE)
  VALUE(KVM_DEV_VFIO_FILE_ADD)
  VALUE(KVM_DEV_VFIO_FILE_DEL)
  {"sizeof(struct kvm_create_device)", sizeof(struct kvm_create_device)},
  {"sizeof(struct kvm_device_attr)", sizeof(struct kvm_device_attr)},
  {"offsetof(struct kvm_device_attr, addr)", offsetof(struct kvm_device_attr, addr)},
};

const size_t cvfio_oracle_kvm_count = sizeof(cvfio_oracle_kvm) / sizeof(cvfio_oracle_kvm[0]);

struct cvfio_oracle_constant cvfio_oracle_kvm_at(size_t index) { return cvfio_oracle_kvm[index]; }
