#include <errno.h>
#include <sys/ioctl.h>
#include <linux/vfio.h>
#include "CBaselines.h"

/* What a careful C VMM writes: retry on EINTR, then look at errno. */
long cbaseline_get_api_version(int fd, long count) {
  long failures = 0;
  for (long i = 0; i < count; i++) {
    int result;
    do {
      result = ioctl(fd, VFIO_GET_API_VERSION);
    } while (result < 0 && errno == EINTR);
    if (result < 0) failures++;
  }
  return failures;
}
