/*
 * The C compiler's answers about <linux/vfio.h>, for the tests only.
 *
 * Built against the same header generation as the package (the test script
 * puts the 6.12 UAPI header first on the include path for the second run), it
 * reports what the C preprocessor and compiler compute, so Swift's values are
 * never compared with hand-typed ones.
 */
#ifndef CVFIO_ORACLE_H
#define CVFIO_ORACLE_H

#include <stddef.h>

#include "fixtures_packed.h"

struct cvfio_oracle_constant {
  const char *name;
  unsigned long long value;
};

/* Every VFIO ioctl request number the header defines. */
extern const struct cvfio_oracle_constant cvfio_oracle_ioctls[];
extern const size_t cvfio_oracle_ioctl_count;
struct cvfio_oracle_constant cvfio_oracle_ioctl_at(size_t index);

/* sizeof of each struct a Swift wrapper wraps, by struct tag. */
extern const struct cvfio_oracle_constant cvfio_oracle_struct_sizes[];
extern const size_t cvfio_oracle_struct_size_count;
struct cvfio_oracle_constant cvfio_oracle_struct_size_at(size_t index);

/* <linux/kvm.h>'s values for the KVM-VFIO device, by the C name. */
extern const struct cvfio_oracle_constant cvfio_oracle_kvm[];
extern const size_t cvfio_oracle_kvm_count;
struct cvfio_oracle_constant cvfio_oracle_kvm_at(size_t index);

#include "oracle_migration.h"

/* <linux/pci_regs.h>: the named constants of Sources/VFIO/PCI, and what Swift cannot import. */
size_t cvfio_oracle_pci_named_count(void);
struct cvfio_oracle_constant cvfio_oracle_pci_named_at(size_t index);
unsigned int cvfio_oracle_pci_memory_address_mask(void);
unsigned int cvfio_oracle_pci_io_address_mask(void);
unsigned int cvfio_oracle_pci_ext_cap_id(unsigned int header);
unsigned int cvfio_oracle_pci_ext_cap_ver(unsigned int header);
unsigned int cvfio_oracle_pci_ext_cap_next(unsigned int header);

#endif
