#!/bin/busybox sh
# /init of the VM suite's initramfs: load VFIO, bind the test devices to
# vfio-pci, run the guest program and `vfio inspect`, power off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mode=$(cat /mode)
echo "=== guest begin: kernel $(uname -r), $mode ==="
for m in $(cat /modules.list); do
  params=
  [ "$mode" = noiommu ] && [ "$m" = /lib/modules/vfio.ko ] && params=enable_unsafe_noiommu_mode=1
  insmod "$m" $params || echo "insmod $m failed"
done

# The first PCI function with vendor:device $1:$2, bound to vfio-pci.
bind_vfio() {
  for d in /sys/bus/pci/devices/*; do
    [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ] || continue
    bdf=$(basename "$d")
    [ -e "$d/driver" ] && echo "$bdf" > "$d/driver/unbind"
    echo vfio-pci > "$d/driver_override"
    echo "$bdf" > /sys/bus/pci/drivers_probe
    echo "$bdf"
    return 0
  done
  return 1
}
edu=$(bind_vfio 0x1234 0x11e8) || echo "edu not found"
e1000e=$(bind_vfio 0x8086 0x10d3) || echo "e1000e not found"
echo "edu $edu group $(basename "$(readlink /sys/bus/pci/devices/$edu/iommu_group)")," \
  "e1000e $e1000e group $(basename "$(readlink /sys/bus/pci/devices/$e1000e/iommu_group)")"

# An mtty mdev (a virtual serial device with v2 migration) when the module is here.
mtty=
if [ -d /sys/class/mdev_bus/mtty ]; then
  mtty=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001
  echo "$mtty" > /sys/class/mdev_bus/mtty/mdev_supported_types/mtty-1/create || mtty=
  echo "mtty mdev ${mtty:-not created} group $(basename "$(readlink /sys/bus/mdev/devices/$mtty/iommu_group)")"
fi

if [ "$mode" = noiommu ]; then
  /bin/VFIOVMGuest --noiommu --edu "$edu"
elif [ "$mode" = cdev ]; then
  /bin/VFIOVMGuest --cdev "/dev/vfio/devices/$(ls /sys/bus/pci/devices/$edu/vfio-dev)" --edu "$edu"
else
  /bin/VFIOVMGuest --edu "$edu" --e1000e "$e1000e" ${mtty:+--mtty "$mtty"}
fi

inspected="$edu $e1000e $mtty"
[ "$mode" = iommu ] || inspected=$edu
for bdf in $inspected; do
  echo "--- vfio inspect $bdf"
  if /bin/vfio inspect "$bdf"; then
    echo "VFIO-VM-INSPECT PASS vfio inspect $bdf"
  else
    echo "VFIO-VM-INSPECT FAIL vfio inspect $bdf: exit status $?"
  fi
done
echo "=== guest end ==="
poweroff -f
