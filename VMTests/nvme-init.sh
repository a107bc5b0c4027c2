#!/bin/busybox sh
# /init of the VM suite's NVMe modes: QEMU's NVMe controller passed between the
# kernel's nvme driver and the userspace driver vfio-nvme (Examples/NVMe) over
# vfio-pci, every byte each one writes read back by the other and compared,
# twice (the second round polled → interrupts, after a hot reset); then the
# benchmark of both drivers on the same device. Prints VFIO-VM-STEP lines, one
# VFIO-VM-VERDICT line and VFIO-VM-BENCH lines for VMTests/run.sh.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mode=$(cat /mode)
bench_seconds=$(cat /bench-seconds)
cpus=$(nproc)
echo "=== guest begin: kernel $(uname -r), $mode, $cpus vCPUs ==="
for m in $(cat /modules.list); do
  insmod "$m" || echo "insmod $m failed"
done

passed=0 failed=0
# Each step with the guest's uptime: under TCG the wall time is the budget.
uptime_s() { cut -d' ' -f1 /proc/uptime; }
pass() { echo "VFIO-VM-STEP PASS $* ($(uptime_s) s)"; passed=$((passed + 1)); }
fail() { echo "VFIO-VM-STEP FAIL $* ($(uptime_s) s)"; failed=$((failed + 1)); }

# The NVMe controller: PCI class 0x010802 (mass storage, NVM, NVM Express).
bdf=
for d in /sys/bus/pci/devices/*; do
  [ "$(cat "$d/class")" = 0x010802 ] && { bdf=$(basename "$d"); break; }
done
if [ -z "$bdf" ]; then
  fail "NVMe controller: no PCI function of class 0x010802"
  echo "VFIO-VM-VERDICT passed=$passed failed=$failed"; echo "=== guest end ==="; poweroff -f
fi
dev=/sys/bus/pci/devices/$bdf
echo "NVMe controller $bdf, group $(basename "$(readlink "$dev/iommu_group")")"

# The kernel's nvme driver loads now, kept off the controller until asked for.
echo vfio-pci > "$dev/driver_override"
for m in $(cat /nvme-modules.list); do
  insmod "$m" || echo "insmod $m failed"
done

unbind() { [ -e "$dev/driver" ] && echo "$bdf" > "$dev/driver/unbind"; }

# The controller bound to DRIVER (vfio-pci or nvme), whatever held it before.
bind() {
  unbind
  echo "$1" > "$dev/driver_override"
  echo "$bdf" > /sys/bus/pci/drivers_probe
  [ "$(basename "$(readlink "$dev/driver")")" = "$1" ]
}

# The namespace's block device once the kernel driver has scanned it.
disk=
bind_kernel() {
  bind nvme || return 1
  local i=0
  while [ $i -lt 150 ]; do
    for b in /sys/block/nvme*n1; do
      [ -e "$b" ] && [ -b "/dev/$(basename "$b")" ] && { disk=/dev/$(basename "$b"); return 0; }
    done
    sleep 0.2; i=$((i + 1))
  done
  return 1
}

# What vfio-nvme is given: the PCI address (type1, through its group) or the device cdev.
vfio_device() {
  if [ "$mode" = nvme-cdev ]; then echo "/dev/vfio/devices/$(ls "$dev/vfio-dev")"; else echo "$bdf"; fi
}

# The kernel's view first: the expected identity and geometry.
if bind_kernel; then
  ctrl=$(basename "$(ls -d "$dev"/nvme/nvme* | head -n 1)")
  block=$(cat "/sys/block/${disk#/dev/}/queue/logical_block_size")
  capacity=$(( $(cat "/sys/block/${disk#/dev/}/size") * 512 / block ))
  model=$(sed 's/ *$//' "/sys/class/nvme/$ctrl/model")
  serial=$(sed 's/ *$//' "/sys/class/nvme/$ctrl/serial")
  pass "kernel nvme driver: $disk, \"$model\" serial $serial, $capacity blocks of $block bytes"
else
  fail "kernel nvme driver: no namespace block device"
  block=512 capacity=0
fi

# 4 MiB per pattern, each round at its own MiB-aligned LBAs; dd moves whole MiBs.
mib=$((1024 * 1024 / block))
blocks=$((4 * mib))
bytes=$((blocks * block))

if bind vfio-pci; then
  vdev=$(vfio_device)
  pass "bound to vfio-pci: $vdev"
  if info=$(vfio-nvme info "$vdev" 2>&1); then
    echo "$info" | sed 's/^/  /'
    expected="namespace 1: $capacity blocks of $block bytes"
    if echo "$info" | grep -qx "$expected" && echo "$info" | grep -qx "model: $model" \
        && echo "$info" | grep -qx "serial: $serial"; then
      pass "vfio-nvme info agrees with the kernel: $model, $serial, $capacity blocks of $block bytes"
    else
      fail "vfio-nvme info disagrees with the kernel (expected \"$expected\", model $model, serial $serial)"
    fi
  else
    fail "vfio-nvme info: $info"
  fi
else
  fail "bind to vfio-pci"
fi

# One round: vfio-nvme writes, the kernel reads; the kernel writes, vfio-nvme reads.
round() { # NUMBER LBA IRQ_FLAG
  local n=$1 lba=$2 irq=$3 lba2=$(($2 + blocks)) how=polled out
  [ -n "$irq" ] && how=MSI-X
  dd if=/dev/urandom of=/tmp/a bs=1M count=4 2>/dev/null
  dd if=/dev/urandom of=/tmp/b bs=1M count=4 2>/dev/null
  rm -f /tmp/a.back /tmp/b.back
  if bind vfio-pci && out=$(vfio-nvme write "$(vfio_device)" --lba "$lba" --blocks "$blocks" --from /tmp/a \
      --threads 2 $irq 2>&1); then
    pass "round $n: vfio-nvme wrote $bytes bytes at LBA $lba from 2 threads ($how)"
  else
    fail "round $n: vfio-nvme write ($how): $out"
  fi
  if bind_kernel && dd if="$disk" of=/tmp/a.back bs=1M skip=$((lba / mib)) count=4 iflag=direct 2>/dev/null \
      && cmp /tmp/a /tmp/a.back; then
    pass "round $n: the kernel's nvme driver read $(wc -c < /tmp/a.back) bytes back, all $bytes identical"
  else
    fail "round $n: the kernel's nvme driver read back $(wc -c 2>/dev/null < /tmp/a.back || echo 0) bytes, not the $bytes written"
  fi
  if [ -n "$disk" ] && dd if=/tmp/b of="$disk" bs=1M seek=$((lba2 / mib)) count=4 oflag=direct conv=fsync 2>/dev/null \
      && sync; then
    pass "round $n: the kernel's nvme driver wrote $bytes bytes at LBA $lba2"
  else
    fail "round $n: the kernel's nvme driver could not write at LBA $lba2"
  fi
  if bind vfio-pci && out=$(vfio-nvme read "$(vfio_device)" --lba "$lba2" --blocks "$blocks" --to /tmp/b.back \
      --threads 2 $irq 2>&1) && cmp /tmp/b /tmp/b.back; then
    pass "round $n: vfio-nvme read $(wc -c < /tmp/b.back) bytes back from 2 threads ($how), all $bytes identical"
  else
    fail "round $n: vfio-nvme read ($how) $(wc -c 2>/dev/null < /tmp/b.back || echo 0) bytes, not the $bytes written: $out"
  fi
}

round 1 "$mib" ""

# The userspace driver resets the bus: vfio-nvme brings the controller up (CSTS.RDY 1), issues
# VFIO_DEVICE_PCI_HOT_RESET (the root port's secondary bus reset), reads CSTS.RDY and CC.EN back
# as 0, brings the controller up again and identifies it. The root port runs at 5 GT/s (run.sh):
# above that the kernel waits for a Data Link Layer Link Active that QEMU's port never sets.
if bind vfio-pci && out=$(vfio-nvme reset "$(vfio_device)" 2>&1); then
  echo "$out" | sed 's/^/  /'
  affected=$(echo "$out" | sed -n 's/^hot reset affected //p')
  if echo "$out" | grep -qx "CSTS.RDY 1 before, 0 after; CC.EN 0 after" && echo "$out" | grep -qx "model: $model" \
      && echo "$out" | grep -qx "serial: $serial" \
      && echo "$out" | grep -qx "namespace 1: $capacity blocks of $block bytes"; then
    pass "hot reset by vfio-nvme (VFIO_DEVICE_PCI_HOT_RESET, $affected): CSTS.RDY 1 -> 0, identify after it agrees with the kernel"
  else
    fail "hot reset by vfio-nvme: the controller did not come back as before: $out"
  fi
else
  fail "hot reset by vfio-nvme: $out $(dmesg | grep -i 'link active\|reset' | tail -n 3)"
fi

round 2 $((mib + 2 * blocks)) --irq

# --- the benchmark: 4 KiB random reads, the same device, this boot -----------
# CPU time per I/O: the user and system time the benchmark's own threads spent
# over the timed run (vfio-nvme's getrusage, fio's usr/sys share of its
# runtime), plus the interrupt and softirq ticks of every vCPU over the
# command (/proc/stat, USER_HZ 100), where the kernel's completion path and
# vfio-pci's MSI-X forwarding run: the same yardstick for both drivers,
# start-up (fio loads ~80 MB of libraries under TCG) left out.
irq_ticks() { awk '$1 == "cpu" { print $7 + $8 }' /proc/stat; }

bench_line() { # NAME QD THREADS IOS IOPS MEAN_US P99_US THREAD_CPU_US IRQ_TICKS
  awk -v n="$1" -v qd="$2" -v t="$3" -v ios="$4" -v iops="$5" -v mean="$6" -v p99="$7" -v cpu="$8" -v irq="$9" 'BEGIN {
    printf "VFIO-VM-BENCH driver=%s qd=%s threads=%s ios=%d iops=%d mean_us=%.1f p99_us=%.1f cpu_us_per_io=%.2f irq_ticks=%d\n",
      n, qd, t, ios, iops, mean, p99, (ios > 0 ? (cpu + irq * 10000) / ios : 0), irq }'
}

if [ "$bench_seconds" -gt 0 ] 2>/dev/null; then
  echo "--- benchmark: 4 KiB random reads over $capacity blocks, $bench_seconds s per run"
  if bind vfio-pci; then
    for qd in 1 32; do
      for threads in 1 "$cpus"; do
        for m in poll irq; do
          before=$(irq_ticks)
          if out=$(vfio-nvme bench "$(vfio_device)" --qd "$qd" --threads "$threads" --mode "$m" \
              --seconds "$bench_seconds" 2>&1) && echo "$out" | grep -q '^bench .* iops='; then
            ticks=$(( $(irq_ticks) - before ))
            echo "$out"
            set -- $(echo "$out" | grep '^bench ' | tr ' ' '\n' \
              | sed -n 's/^\(ios\|iops\|mean_us\|p99_us\|cpu_us_per_io\)=//p')
            bench_line "vfio-nvme-$m" "$qd" "$threads" "$1" "$2" "$3" "$4" "$(awk -v c="$5" -v n="$1" 'BEGIN { print c * n }')" "$ticks"
            pass "benchmark: vfio-nvme $m qd=$qd threads=$threads"
          else
            fail "benchmark: vfio-nvme $m qd=$qd threads=$threads: $out"
          fi
        done
      done
    done
  else
    fail "benchmark: bind to vfio-pci"
  fi
  if bind_kernel; then
    for qd in 1 32; do
      for threads in 1 "$cpus"; do
        before=$(irq_ticks)
        # Terse v3 fields: 6 KiB read, 8 IOPS, 9 runtime (ms), 30 the 99th percentile and 40
        # the mean of the total latency (lat_percentiles) in microseconds, 88 and 89 the
        # user and system CPU share of the jobs' runtime.
        if out=$(fio --name=randread --filename="$disk" --ioengine=io_uring --direct=1 --rw=randread --bs=4k \
            --iodepth="$qd" --numjobs="$threads" --thread --time_based --runtime="$bench_seconds" \
            --norandommap --randrepeat=0 --group_reporting --lat_percentiles=1 --output-format=terse 2>&1) \
            && terse=$(echo "$out" | grep '^3;') ; then
          ticks=$(( $(irq_ticks) - before ))
          set -- $(echo "$terse" | awk -F';' -v t="$threads" '{ sub(/.*=/, "", $30); sub(/%/, "", $88); sub(/%/, "", $89)
            print $6 / 4, $8, $40, $30, ($88 + $89) / 100 * $9 * 1000 * t }')
          bench_line kernel-fio "$qd" "$threads" "$1" "$2" "$3" "$4" "$5" "$ticks"
          pass "benchmark: kernel nvme + fio io_uring qd=$qd threads=$threads"
        else
          fail "benchmark: fio qd=$qd threads=$threads: $(echo "$out" | tail -n 3)"
        fi
      done
    done
  else
    fail "benchmark: bind to the kernel's nvme driver"
  fi
fi

unbind
echo "VFIO-VM-VERDICT passed=$passed failed=$failed"
echo "=== guest end ==="
poweroff -f
