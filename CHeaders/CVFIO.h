/*
 * CVFIO: the kernel's VFIO user API as Swift sees it.
 *
 * The installed <linux/vfio.h> comes first; CVFIO_fallbacks.h then supplies what
 * an older header generation lacks, so that Swift code compiles unchanged against
 * the 6.1 and the 6.12 header. Last come static inline shims for what Swift
 * cannot import (function-like and char-literal macros) or should not call
 * through a variadic import (ioctl).
 */
#ifndef CVFIO_H
#define CVFIO_H

#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/ioctl.h>
#include <linux/types.h>
#include <linux/vfio.h>
#include <linux/vfio_zdev.h>
#include <linux/memfd.h>
#include <sys/syscall.h>
#include <unistd.h>
/* Config-space offsets and bits for Sources/VFIO/PCI; every generation (5.10 on) ships it. */
#include <linux/pci_regs.h>
#include <linux/version.h>

#include "CVFIO_header_probe.h"
#include "CVFIO_owned.h"
#include "CVFIO_fallbacks.h"
#include "CVFIO_layout.h"
#include "CVFIO_iommufd.h"

/* VFIO_TYPE is the character literal ';', which Swift does not import. */
enum { CVFIO_TYPE = VFIO_TYPE };

/*
 * The one call into ioctl(2). Swift's Glibc overlay reaches the variadic
 * ioctl through an out-of-line helper; this inline shim lets the compiler emit
 * the call directly so the Swift API costs no more than C.
 */
static inline int cvfio_ioctl(int fd, unsigned long request, void *argument) {
  return ioctl(fd, request, argument);
}

static inline int cvfio_ioctl_value(int fd, unsigned long request, unsigned long value) {
  return ioctl(fd, request, value);
}

static inline int cvfio_errno(void) { return errno; }

/*
 * Device registers in an mmapped region: each access must happen, once, with
 * its own width. Swift has no volatile loads and stores; C does.
 */
static inline __u8 cvfio_mmio_read8(const void *address) { return *(const volatile __u8 *)address; }
static inline __u16 cvfio_mmio_read16(const void *address) { return *(const volatile __u16 *)address; }
static inline __u32 cvfio_mmio_read32(const void *address) { return *(const volatile __u32 *)address; }
static inline __u64 cvfio_mmio_read64(const void *address) { return *(const volatile __u64 *)address; }
static inline void cvfio_mmio_write8(void *address, __u8 value) { *(volatile __u8 *)address = value; }
static inline void cvfio_mmio_write16(void *address, __u16 value) { *(volatile __u16 *)address = value; }
static inline void cvfio_mmio_write32(void *address, __u32 value) { *(volatile __u32 *)address = value; }
static inline void cvfio_mmio_write64(void *address, __u64 value) { *(volatile __u64 *)address = value; }

/*
 * memfd_create(2): glibc declares it only under _GNU_SOURCE, which Swift's Glibc module is
 * not built with; the flags come from the kernel's <linux/memfd.h>.
 */
static inline int cvfio_memfd_create(const char *name, unsigned int flags) {
  return (int)syscall(SYS_memfd_create, name, flags);
}

/* glibc 2.32+ names errno values ("EBUSY"); declared here because <string.h>
 * only declares it under _GNU_SOURCE. NULL for a number it does not know. */
extern const char *strerrorname_np(int errnum);
static inline const char *cvfio_errno_name(int errnum) { return strerrorname_np(errnum); }

#endif /* CVFIO_H */
