#define _GNU_SOURCE
#include "CLibClang.h"

#include <sys/mman.h>

int CLibClang_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }
