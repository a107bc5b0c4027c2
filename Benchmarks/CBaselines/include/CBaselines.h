#ifndef CBASELINES_H
#define CBASELINES_H

/* VFIO_GET_API_VERSION issued straight through ioctl(2), `count` times on
 * `fd`, retrying EINTR; returns how many calls failed. */
long cbaseline_get_api_version(int fd, long count);

#endif
