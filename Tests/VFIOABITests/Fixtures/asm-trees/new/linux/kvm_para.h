/* Unchanged text: what changes is the asm/ header it includes, which lays out a field of its own record. */
#include <asm/kvm_para.h>

struct kvm_para_wrapper {
	struct kvm_vcpu_pv_apf_data data;
	unsigned int tail;
};
