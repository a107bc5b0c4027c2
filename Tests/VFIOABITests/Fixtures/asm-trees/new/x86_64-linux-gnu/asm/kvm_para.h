/* As x86's asm/kvm_para.h since Linux 6.6: `enabled` gone, 64 bytes. */
struct kvm_vcpu_pv_apf_data {
	unsigned int flags;
	unsigned int token;
	unsigned char pad[56];
};
