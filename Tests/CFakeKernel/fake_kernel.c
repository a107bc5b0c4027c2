#define _GNU_SOURCE
#include "CFakeKernel.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Registered files. A test registers a handful at a time; parallel tests take
 * their own slots, so the table is shared and locked. */
#define FAKE_KERNEL_FILES 256

typedef struct {
  int used;
  dev_t device;
  ino_t inode;
} fake_file;

static fake_file files[FAKE_KERNEL_FILES];
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int registered;
static atomic_ulong answered;
static _Atomic(fake_kernel_handler) handler;

typedef int (*ioctl_fn)(int, unsigned long, ...);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef void *(*mmap_fn)(void *, size_t, int, int, int, off_t);

typedef ssize_t (*readlink_fn)(const char *, char *, size_t);

/* Files that /proc/self/fd names otherwise: a memfd standing in for an anonymous inode. */
#define FAKE_KERNEL_NAMES 256

typedef struct {
  int used;
  dev_t device;
  ino_t inode;
  char link[64];
} fake_name;

static fake_name names[FAKE_KERNEL_NAMES];
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;
static readlink_fn real_readlink;

static ioctl_fn real_ioctl;
static pread_fn real_pread;
static pwrite_fn real_pwrite;
static read_fn real_read;
static write_fn real_write;
static mmap_fn real_mmap;
static pthread_once_t resolved = PTHREAD_ONCE_INIT;

static void resolve(void) {
  real_ioctl = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
  real_pread = (pread_fn)dlsym(RTLD_NEXT, "pread");
  real_pwrite = (pwrite_fn)dlsym(RTLD_NEXT, "pwrite");
  real_read = (read_fn)dlsym(RTLD_NEXT, "read");
  real_write = (write_fn)dlsym(RTLD_NEXT, "write");
  real_mmap = (mmap_fn)dlsym(RTLD_NEXT, "mmap");
  real_readlink = (readlink_fn)dlsym(RTLD_NEXT, "readlink");
}

void fake_kernel_set_handler(fake_kernel_handler new_handler) { atomic_store(&handler, new_handler); }

unsigned long fake_kernel_answered(void) { return atomic_load(&answered); }

int fake_kernel_memfd(size_t size) {
  int fd = memfd_create("fake-kernel", MFD_CLOEXEC);
  if (fd < 0) return -1;
  if (ftruncate(fd, (off_t)size) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

int fake_kernel_register(int fd) {
  struct stat status;
  if (fstat(fd, &status) != 0) return -1;
  pthread_mutex_lock(&files_lock);
  int id = -1;
  for (int i = 0; i < FAKE_KERNEL_FILES; i++) {
    if (!files[i].used) {
      files[i] = (fake_file){1, status.st_dev, status.st_ino};
      id = i;
      break;
    }
  }
  pthread_mutex_unlock(&files_lock);
  if (id < 0) {
    errno = ENFILE;
    return -1;
  }
  atomic_fetch_add(&registered, 1);
  return id;
}

void fake_kernel_unregister(int file) {
  if (file < 0 || file >= FAKE_KERNEL_FILES) return;
  pthread_mutex_lock(&files_lock);
  if (files[file].used) {
    files[file].used = 0;
    atomic_fetch_sub(&registered, 1);
  }
  pthread_mutex_unlock(&files_lock);
}

/* The id of the registered file `fd` is open on, or -1 (also for a closed fd:
 * the real call then reports EBADF). */
static int lookup(int fd) {
  if (atomic_load(&registered) == 0) return -1;
  struct stat status;
  if (fstat(fd, &status) != 0) return -1;
  int id = -1;
  pthread_mutex_lock(&files_lock);
  for (int i = 0; i < FAKE_KERNEL_FILES; i++) {
    if (files[i].used && files[i].device == status.st_dev && files[i].inode == status.st_ino) {
      id = i;
      break;
    }
  }
  pthread_mutex_unlock(&files_lock);
  return id;
}

/* Asks the handler; FAKE_KERNEL_PASS_THROUGH when the call is not the fake's. */
static long answer(int kind, int fd, unsigned long request, void *buffer, size_t count, long long offset) {
  pthread_once(&resolved, resolve);
  fake_kernel_handler current = atomic_load(&handler);
  if (current == NULL) return FAKE_KERNEL_PASS_THROUGH;
  int file = lookup(fd);
  if (file < 0) return FAKE_KERNEL_PASS_THROUGH;
  fake_kernel_call call = {kind, fd, request, buffer, count, offset};
  int error = 0;
  long result = current(file, &call, &error);
  if (result == FAKE_KERNEL_PASS_THROUGH) return result;
  atomic_fetch_add(&answered, 1);
  if (result == -1) errno = error;
  return result;
}

int ioctl(int fd, unsigned long request, ...) {
  va_list arguments;
  va_start(arguments, request);
  void *argument = va_arg(arguments, void *);
  va_end(arguments);
  long result = answer(FAKE_KERNEL_IOCTL, fd, request, argument, 0, 0);
  if (result != FAKE_KERNEL_PASS_THROUGH) return (int)result;
  return real_ioctl(fd, request, argument);
}

ssize_t pread(int fd, void *buffer, size_t count, off_t offset) {
  long result = answer(FAKE_KERNEL_PREAD, fd, 0, buffer, count, offset);
  if (result != FAKE_KERNEL_PASS_THROUGH) return result;
  return real_pread(fd, buffer, count, offset);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
  long result = answer(FAKE_KERNEL_PWRITE, fd, 0, (void *)buffer, count, offset);
  if (result != FAKE_KERNEL_PASS_THROUGH) return result;
  return real_pwrite(fd, buffer, count, offset);
}

ssize_t read(int fd, void *buffer, size_t count) {
  long result = answer(FAKE_KERNEL_READ, fd, 0, buffer, count, 0);
  if (result != FAKE_KERNEL_PASS_THROUGH) return result;
  return real_read(fd, buffer, count);
}

ssize_t write(int fd, const void *buffer, size_t count) {
  long result = answer(FAKE_KERNEL_WRITE, fd, 0, (void *)buffer, count, 0);
  if (result != FAKE_KERNEL_PASS_THROUGH) return result;
  return real_write(fd, buffer, count);
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
  if (fd >= 0) {
    long result = answer(FAKE_KERNEL_MMAP, fd, 0, NULL, length, offset);
    if (result == -1) return MAP_FAILED;
    if (result != FAKE_KERNEL_PASS_THROUGH) return (void *)result;
  }
  pthread_once(&resolved, resolve);
  return real_mmap(address, length, protection, flags, fd, offset);
}

int fake_kernel_name(int fd, const char *link) {
  struct stat status;
  if (fstat(fd, &status) != 0) return -1;
  if (strlen(link) >= sizeof(names[0].link)) {
    errno = ENAMETOOLONG;
    return -1;
  }
  pthread_mutex_lock(&names_lock);
  int slot = -1;
  for (int i = 0; i < FAKE_KERNEL_NAMES && slot < 0; i++) {
    if (names[i].used && names[i].device == status.st_dev && names[i].inode == status.st_ino) slot = i;
  }
  for (int i = 0; i < FAKE_KERNEL_NAMES && slot < 0; i++) {
    if (!names[i].used) slot = i;
  }
  if (slot >= 0) {
    names[slot] = (fake_name){1, status.st_dev, status.st_ino, {0}};
    strcpy(names[slot].link, link);
  }
  pthread_mutex_unlock(&names_lock);
  if (slot < 0) {
    errno = ENFILE;
    return -1;
  }
  return 0;
}

/* The name given to the file behind /proc/self/fd/N, copied into `buffer` as readlink
 * does (no terminator); -1 when the path is no such link or the file has no name. */
static ssize_t named_link(const char *path, char *buffer, size_t size) {
  static const char prefix[] = "/proc/self/fd/";
  if (strncmp(path, prefix, sizeof(prefix) - 1) != 0) return -1;
  char *end = NULL;
  long fd = strtol(path + sizeof(prefix) - 1, &end, 10);
  if (end == path + sizeof(prefix) - 1 || *end != 0 || fd < 0 || fd > INT_MAX) return -1;
  struct stat status;
  if (fstat((int)fd, &status) != 0) return -1;
  ssize_t length = -1;
  pthread_mutex_lock(&names_lock);
  for (int i = 0; i < FAKE_KERNEL_NAMES; i++) {
    if (names[i].used && names[i].device == status.st_dev && names[i].inode == status.st_ino) {
      size_t count = strlen(names[i].link);
      if (count > size) count = size;
      memcpy(buffer, names[i].link, count);
      length = (ssize_t)count;
      break;
    }
  }
  pthread_mutex_unlock(&names_lock);
  return length;
}

ssize_t readlink(const char *path, char *buffer, size_t size) {
  pthread_once(&resolved, resolve);
  ssize_t named = named_link(path, buffer, size);
  if (named >= 0) return named;
  return real_readlink(path, buffer, size);
}
