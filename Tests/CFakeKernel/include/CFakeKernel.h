#ifndef CFAKEKERNEL_H
#define CFAKEKERNEL_H

#include <stddef.h>
#include <sys/types.h>

/*
 * A fake kernel for the test process: ioctl, pread, pwrite, read, write and mmap
 * are defined here, so the package's calls (linked into the same executable)
 * come here first. A call on a descriptor of a registered file (matched by
 * device and inode, so duplicates count too) goes to the handler; any other
 * call goes to the C library's own function, untouched.
 */

enum {
  FAKE_KERNEL_IOCTL = 1,
  FAKE_KERNEL_PREAD = 2,
  FAKE_KERNEL_PWRITE = 3,
  FAKE_KERNEL_READ = 4,
  FAKE_KERNEL_WRITE = 5,
  FAKE_KERNEL_MMAP = 6,
};

/* What a handler returns to have the real call made. */
#define FAKE_KERNEL_PASS_THROUGH (-4096L)

/* One intercepted call. `buffer` is the ioctl argument (or its value), the
 * read/write buffer, or NULL for mmap; `count` the byte count or mmap length;
 * `offset` the file offset. */
typedef struct {
  int kind;
  int fd;
  unsigned long request;
  void *buffer;
  size_t count;
  long long offset;
} fake_kernel_call;

/* Answers a call on file `file` (the id fake_kernel_register returned): the
 * result, or -1 with *error set, or FAKE_KERNEL_PASS_THROUGH. */
typedef long (*fake_kernel_handler)(int file, const fake_kernel_call *call, int *error);

/* Installs the one handler (once per process; later calls replace it). */
void fake_kernel_set_handler(fake_kernel_handler handler);

/* Registers the file `fd` is open on; returns its id (>= 0), or -1 with errno. */
int fake_kernel_register(int fd);

/* Forgets file `file`: its descriptors become ordinary again. */
void fake_kernel_unregister(int file);

/* A new anonymous file of `size` bytes (memfd), close-on-exec; -1 with errno. */
int fake_kernel_memfd(size_t size);

/* Makes readlink("/proc/self/fd/N") of every descriptor of the file `fd` is open on
 * answer `link` (at most 63 bytes), as the kernel's pseudo filesystems name their
 * files (`anon_inode:[vfio-device]`, `/dmabuf:`); 0, or -1 with errno. */
int fake_kernel_name(int fd, const char *link);

/* Calls answered by the fake since the process started: proves the calls reach it. */
unsigned long fake_kernel_answered(void);

#endif
