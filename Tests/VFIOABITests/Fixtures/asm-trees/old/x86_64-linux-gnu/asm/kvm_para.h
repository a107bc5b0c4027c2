/* As x86's asm/kvm_para.h before Linux 6.6: 68 bytes, with `enabled`. */
struct kvm_vcpu_pv_apf_data {
	unsigned int flags;
	unsigned int token;
	unsigned char pad[56];
	unsigned int enabled;
};
