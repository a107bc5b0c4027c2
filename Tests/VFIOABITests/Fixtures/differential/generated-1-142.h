#include <linux/types.h>
struct h142_s1 {
  void * (*h142_f2)(__le64);
  __u64 h142_f3;
  struct h142_s4 {
    __s8 h142_f5 __attribute__((aligned(8)));
  } h142_f6;
  __s8 **h142_f7;
  void (*h142_f8)(__le64, __u32, __s16);
};
struct h142_s9 {
  unsigned char **h142_f10;
  unsigned char h142_f11;
  struct {
    struct {
      int h142_b12 : 26;
      long h142_b13 : 6;
      unsigned long long h142_b14 : 31;
      __le64 h142_b15 : 18;
    };
  };
  short h142_b16 : 2;
  __le64 h142_b17 : 63;
  __le64 h142_b18 : 16;
  __s16 h142_b19 : 12;
  unsigned long :63;
  __be32 h142_f20[];
};
typedef long h142_t21;
typedef struct {
    struct h142_s23 {
      int (*h142_f24)(__s8);
      __u8 h142_f25;
      unsigned int h142_b26 : 8;
      int h142_b27 : 26;
      __aligned_u64 :38;
    } h142_f28;
    struct h142_s29 {
      __u32 h142_f30[2][16];
      h142_t21 *h142_f31;
      long double h142_f32 __attribute__((aligned(1)));
      __s32 h142_f33 __attribute__((packed));
      __le16 h142_b34 : 16;
      __s64 h142_b35 : 49;
      __s16 h142_b36 : 12;
      unsigned char h142_b37 : 5;
      __u8 h142_b38 : 5 __attribute__((packed));
    } h142_f39;
    unsigned short *h142_f40;
    __u8 h142_b41 : 2;
    h142_t21 h142_b42 : 58;
    h142_t21 h142_b43 : 62;
    long long h142_b44 : 63;
    void (*h142_f45)();
    union {
      __s64 h142_f46 __attribute__((aligned(2)));
    };
} h142_t22;
typedef struct {
    struct {
      h142_t21 h142_b48 : 61 __attribute__((packed));
      h142_t21 h142_b49 : 50;
      h142_t21 h142_b50 : 23;
      unsigned short h142_b51 : 14;
      h142_t21 h142_b52 : 24;
    };
    char :0;
    h142_t21 h142_b53 : 1 __attribute__((packed));
    void (*h142_f54)(signed char, __kernel_pid_t, unsigned short);
} h142_t47;
typedef unsigned int *h142_t55;
struct h142_s56 {
  struct h142_s29 h142_f57 __attribute__((packed));
  __s32 h142_f58[];
};
