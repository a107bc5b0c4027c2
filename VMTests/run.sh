#!/usr/bin/env bash
# The VM suite: boots Debian's own kernels under QEMU (TCG) with an emulated
# IOMMU, binds QEMU's edu device and an e1000e to vfio-pci, and runs the
# guest program built from this package (VFIOVMGuest) plus `vfio inspect`; in
# its NVMe modes it passes QEMU's NVMe controller between the userspace driver
# vfio-nvme (Examples/NVMe) and the kernel's nvme driver and benchmarks both.
#
#   VMTests/run.sh [SCENARIO...]
#   default: 6.12 6.1 bullseye sid 6.12:noiommu 6.12:cdev 6.12:nvme-bench 6.12:nvme-cdev sid:nvme
#
# A scenario names a kernel: a series installed on this machine (6.12, 6.1), a
# Debian suite (bullseye, sid: its linux-image-amd64, fetched with
# scripts/debian-packages.sh and unpacked under .build-debian/), or the series
# of one of those suites' kernels (5.10, and sid's newest, e.g. 7.2). A mode may
# follow after a colon: iommu (the default: intel-iommu, type1, and on 6.12 the
# mtty migration sample), noiommu (no IOMMU; vfio.ko rebuilt with
# CONFIG_VFIO_NOIOMMU from linux-source-6.12) or cdev (/dev/vfio/devices/vfioN
# bound to an iommufd; the vfio modules and iommufd rebuilt with CONFIG_IOMMUFD
# and CONFIG_VFIO_DEVICE_CDEV); noiommu and cdev need 6.12. nvme, nvme-bench and
# nvme-cdev (6.12 only: sid's kernel too has CONFIG_IOMMUFD off) boot two vCPUs
# with an NVMe controller (4 I/O queue pairs, MSI-X, a fresh 64 MiB raw image)
# behind a root port, intel-iommu, and run VMTests/nvme-init.sh: vfio-nvme writes
# 4 MiB from 2 threads, the kernel's nvme driver reads it back with dd, the
# kernel writes, vfio-nvme reads, every byte compared with cmp; again with MSI-X
# after vfio-nvme resets the root port's bus (VFIO_DEVICE_PCI_HOT_RESET).
# nvme-bench (type1) then times 4 KiB random reads at QD1 and QD32, 1 and 2
# threads: vfio-nvme bench polled and by interrupt, and fio (io_uring) on the
# kernel driver, printed as one table with the ratios.
# NVME_BENCH_SECONDS (per run, default 2; 0 leaves the benchmark out) sets its length.
#
# Prints the guest's step list and "N passed, N failed" per kernel and in total;
# exits nonzero when a step fails, a kernel is missing or a VM gives no verdict. A kernel that dies
# before the guest program begins (no test ran) boots once more.
# VM_TIMEOUT (seconds per boot, default 300) bounds each QEMU run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.build-vm
mkdir -p "$work"
series=("$@")
[ ${#series[@]} -eq 0 ] && series=(6.12 6.1 bullseye sid 6.12:noiommu 6.12:cdev 6.12:nvme-bench 6.12:nvme-cdev sid:nvme)
vm_timeout=${VM_TIMEOUT:-300}
nvme_bench_seconds=${NVME_BENCH_SECONDS:-2}

# --- host packages -----------------------------------------------------------
packages=(qemu-system-x86 busybox-static cpio kmod xz-utils debian-archive-keyring linux-image-6.12-amd64 linux-image-amd64
  linux-headers-6.12-amd64 linux-source-6.12 make gcc fio)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "=== installing ${missing[*]} ==="
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- the 6.12 modes' kernel modules, beside the guest programs' build ----------
# mtty, NOIOMMU vfio.ko and the iommufd + cdev modules build from linux-source-6.12 (each a
# single-threaded xz unpack of the whole tarball, then make) in the background while the release build
# below runs, whose whole-module compiles leave a core idle much of the time. The scenarios find them
# built (each script skips what is built) once `wait` has seen this job end; a module that failed
# here is built again by its scenario, which reports the failure.
modules_pid=
kver612=$(find /lib/modules -mindepth 1 -maxdepth 1 -name '6.12.*' -printf '%f\n' | sort -V \
  | while read -r v; do [ -f "/boot/vmlinuz-$v" ] && echo "$v"; done | tail -n 1)
if [ -n "$kver612" ]; then
  for scenario in "${series[@]}"; do
    case $scenario in
      6.12 | 6.12:iommu) [ -d "/lib/modules/$kver612/build" ] && echo "build-mtty.sh $work/mtty-$kver612" ;;
      6.12:noiommu) echo "build-noiommu-vfio.sh $work/noiommu-vfio-$kver612" ;;
      6.12:cdev | 6.12:nvme-cdev) echo "build-cdev-modules.sh $work/cdev-modules-$kver612" ;;
    esac
  done | sort -u | while read -r script dir; do
    "$root/VMTests/$script" "$kver612" "$dir" >/dev/null || true
  done >"$work/modules.log" 2>&1 &
  modules_pid=$!
fi

# --- guest programs ----------------------------------------------------------
echo "=== building the guest programs (release, static Swift stdlib) ==="
build_start=$(date +%s)
build_program() { # PACKAGE_DIR PRODUCT [SWIFT BUILD OPTION...]
  if ! (cd "$1" && swift build -c release --static-swift-stdlib --product "$2" "${@:3}") > "$work/build-$2.log" 2>&1; then
    grep -E 'error' -A3 "$work/build-$2.log" | head -n 40
    echo "=== $2 did not build ==="
    exit 1
  fi
  grep -E "^$root/.*(warning|error):" "$work/build-$2.log" || true
}
for program in VFIOVMGuest vfio; do build_program "$root" "$program"; done
bin=$(swift build -c release --show-bin-path)
# The NVMe modes' userspace driver, its own package beside the root one.
nvme_bin=
if [[ " ${series[*]}" == *:nvme* ]]; then
  # The root's scratch path: Examples/NVMe depends on this checkout by path, so its release build
  # reuses the package's modules the guest programs just built instead of building them again.
  build_program "$root/Examples/NVMe" vfio-nvme --scratch-path "$root/.build"
  nvme_bin=$bin/vfio-nvme
fi
echo "=== guest programs built in $(( $(date +%s) - build_start )) s ==="

# --- kernels -----------------------------------------------------------------
# A kernel is three words: its release, its vmlinuz and the directory modprobe -d
# reads lib/modules/RELEASE under.
installed_kernel() { # SERIES: the newest installed kernel of a series with both vmlinuz and modules
  local s=$1 v
  v=$(find /lib/modules -mindepth 1 -maxdepth 1 -printf '%f\n' | grep -E "^${s//./\\.}\.[0-9]" | sort -V \
    | while read -r v; do [ -f "/boot/vmlinuz-$v" ] && echo "$v"; done | tail -n 1)
  [ -n "$v" ] && echo "$v /boot/vmlinuz-$v /"
}

# The suites whose kernels a scenario may also name by series; any suite
# (trixie, …) may be named by its name.
fetched_suites=(bullseye sid)

suite_image() { # SUITE: the versioned package linux-image-amd64 depends on
  "$root/scripts/debian-packages.sh" --depends "$1" linux-image-amd64 | grep -E '^linux-image-[0-9]' | head -n 1
}

suite_kernel() { # SUITE: its linux-image-amd64 unpacked into one tree, depmod run
  local suite=$1 image parts dirs tree kver vmlinuz d
  image=$(suite_image "$suite") || return 1
  [ -n "$image" ] || return 1
  # Newer kernels split the image package into linux-binary (vmlinuz),
  # linux-modules and linux-base (modules.builtin, modules.order).
  parts=$("$root/scripts/debian-packages.sh" --depends "$suite" "$image" \
    | grep -E '^linux-(binary|modules|base)-[0-9]' || true)
  # shellcheck disable=SC2086
  dirs=$("$root/scripts/debian-packages.sh" "$suite" "$image" $parts) || return 1
  tree=$work/kernel-$suite-$(basename "$(head -n 1 <<< "$dirs")")
  if [ ! -f "$tree/.ready" ]; then
    # A suite's kernel moves on: drop the trees of its earlier ones.
    rm -rf "$work/kernel-$suite-"*
    mkdir -p "$tree/lib" "$tree/boot"
    # Hard links: the trees are large and never written to.
    for d in $dirs; do
      for sub in lib usr/lib; do [ -d "$d/$sub" ] && cp -al "$d/$sub/." "$tree/lib/"; done
      [ -d "$d/boot" ] && cp -al "$d/boot/." "$tree/boot/"
    done
    kver=$(find "$tree/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n' | head -n 1)
    # Debian's postinst runs depmod; the packages carry no modules.dep.
    depmod -b "$tree" "$kver"
    touch "$tree/.ready"
  fi
  kver=$(find "$tree/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n' | head -n 1)
  vmlinuz=$tree/boot/vmlinuz-$kver
  [ -f "$vmlinuz" ] || vmlinuz=$tree/lib/modules/$kver/vmlinuz
  [ -f "$vmlinuz" ] || return 1
  echo "$kver $vmlinuz $tree"
}

kernel_for() { # SCENARIO: an installed series, a suite, or the series of a fetched suite's kernel
  local s=$1 suite image
  installed_kernel "$s" && return 0
  [[ $s =~ ^[a-z]+$ ]] && { suite_kernel "$s"; return; }
  for suite in "${fetched_suites[@]}"; do
    image=$(suite_image "$suite") || continue
    [[ $image == linux-image-"$s".* ]] && { suite_kernel "$suite"; return; }
  done
  return 1
}

# --- one kernel --------------------------------------------------------------
build_initramfs() { # KVER MODULE_BASE DIR MODE [MTTY_KO] [OVERRIDE_DIR]
  # OVERRIDE_DIR holds rebuilt modules: each replaces Debian's module of its
  # name, and one Debian lacks (iommufd.ko) loads first.
  local kver=$1 base=$2 dir=$3 mode=$4 mtty=${5:-} overrides=${6:-}
  rm -rf "$dir"
  mkdir -p "$dir"/{bin,dev,proc,sys,tmp,lib/modules}
  cp /bin/busybox "$dir/bin/busybox"
  local programs=("$bin/VFIOVMGuest" "$bin/vfio")
  # The NVMe modes: the userspace driver and Debian's fio, the kernel driver's yardstick.
  [[ $mode == nvme* ]] && programs=("$nvme_bin" "$(command -v fio)")
  cp "${programs[@]}" "$dir/bin/"
  # The shared libraries the programs load, at the paths the loader expects.
  for lib in $(for program in "${programs[@]}"; do ldd "$program"; done \
      | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u); do
    mkdir -p "$dir$(dirname "$lib")"
    cp -L "$lib" "$dir$lib"
  done
  # vfio, vfio_iommu_type1, vfio_pci and what they need, in load order,
  # decompressed (busybox insmod reads no .xz).
  : > "$dir/modules.list"
  if [ -n "$overrides" ]; then
    local debian
    debian=$(modprobe -d "$base" -a -S "$kver" --show-depends vfio vfio_iommu_type1 vfio_pci mdev | awk '{ print $2 }')
    for ko in "$overrides"/*.ko; do
      grep -q "/$(basename "$ko")" <<< "$debian" && continue
      cp "$ko" "$dir/lib/modules/"
      echo "/lib/modules/$(basename "$ko")" >> "$dir/modules.list"
    done
  fi
  local wanted=(vfio vfio_iommu_type1 vfio_pci)
  [ -n "$mtty" ] && wanted+=(mdev)
  # KVM, for lending devices to a VM: it loads only where the vCPU offers SVM or VMX.
  [ "$mode" = iommu ] && wanted+=(kvm_amd kvm_intel)
  modprobe -d "$base" -a -S "$kver" --show-depends "${wanted[@]}" \
    | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
      local name; name=$(basename "$ko"); name=${name%.xz}
      if [ -n "$overrides" ] && [ -f "$overrides/$name" ]; then
        cp "$overrides/$name" "$dir/lib/modules/$name"
      else
        case "$ko" in
          *.xz) xz -dc "$ko" > "$dir/lib/modules/$name" ;;
          *) cp "$ko" "$dir/lib/modules/$name" ;;
        esac
      fi
      echo "/lib/modules/$name" >> "$dir/modules.list"
    done
  # The kernel's nvme driver and what it needs, loaded by nvme-init.sh once the
  # controller is kept for vfio-pci.
  if [[ $mode == nvme* ]]; then
    : > "$dir/nvme-modules.list"
    modprobe -d "$base" -S "$kver" --show-depends nvme | awk '$1 == "insmod" { print $2 }' | while read -r ko; do
      local name; name=$(basename "$ko"); name=${name%.xz}
      grep -qx "/lib/modules/$name" "$dir/modules.list" && continue
      case "$ko" in
        *.xz) xz -dc "$ko" > "$dir/lib/modules/$name" ;;
        *) cp "$ko" "$dir/lib/modules/$name" ;;
      esac
      echo "/lib/modules/$name" >> "$dir/nvme-modules.list"
    done
    local seconds=$nvme_bench_seconds
    [ "$mode" = nvme-bench ] || seconds=0
    echo "$seconds" > "$dir/bench-seconds"
  fi
  # mtty last: it needs vfio and mdev.
  if [ -n "$mtty" ]; then
    cp "$mtty" "$dir/lib/modules/mtty.ko"
    echo /lib/modules/mtty.ko >> "$dir/modules.list"
  fi
  echo "$mode" > "$dir/mode"
  if [[ $mode == nvme* ]]; then cp "$root/VMTests/nvme-init.sh" "$dir/init"; else cp "$root/VMTests/init.sh" "$dir/init"; fi
  chmod +x "$dir/init"
  (cd "$dir" && find . | cpio -o -H newc --quiet | gzip -1) > "$dir.cpio.gz"
}

# The NVMe benchmark's lines as a table, each driver beside the kernel's at the same depth and threads.
bench_table() { # CONSOLE_LOG
  { tr -d '\r' < "$1" | grep -E '^VFIO-VM-BENCH ' || true; } | awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      key = v["qd"] " " v["threads"]; row[++n] = v["driver"] " " key
      iops[row[n]] = v["iops"]; mean[row[n]] = v["mean_us"]; p99[row[n]] = v["p99_us"]; cpu[row[n]] = v["cpu_us_per_io"]
      if (v["driver"] == "kernel-fio") { kiops[key] = v["iops"]; kmean[key] = v["mean_us"] } }
    END {
      if (n == 0) exit
      printf "  %-15s %3s %7s %8s %8s %8s %10s %10s %10s\n", "driver", "QD", "threads", "IOPS", "mean us", "p99 us",
        "CPU us/IO", "IOPS/kern", "mean/kern"
      for (i = 1; i <= n; i++) {
        split(row[i], r, " "); key = r[2] " " r[3]
        ri = (kiops[key] > 0) ? sprintf("%.2fx", iops[row[i]] / kiops[key]) : "-"
        rm = (kmean[key] > 0) ? sprintf("%.2fx", mean[row[i]] / kmean[key]) : "-"
        printf "  %-15s %3s %7s %8d %8.1f %8.1f %10.2f %10s %10s\n", r[1], r[2], r[3], iops[row[i]], mean[row[i]],
          p99[row[i]], cpu[row[i]], ri, rm
      }
    }'
}

[ -z "$modules_pid" ] || wait "$modules_pid" || true
total_passed=0 total_failed=0 status=0
summary=()
for scenario in "${series[@]}"; do
  s=${scenario%%:*}
  mode=iommu
  [[ $scenario == *:* ]] && mode=${scenario#*:}
  kernel=$(kernel_for "$s" || true)
  if [ -z "$kernel" ]; then
    echo "=== kernel $s: neither installed nor fetched ==="; status=1; summary+=("$scenario: kernel missing"); continue
  fi
  read -r kver vmlinuz base <<< "$kernel"
  name="$kver ($mode)"
  echo "=== kernel $name ==="
  mtty= overrides=
  qemu_iommu=(-device intel-iommu,intremap=on,caching-mode=on)
  # no_timer_check: under TCG on a loaded host the IO-APIC timer check can miss its ticks and
  # panic ("timer doesn't work through Interrupt-remapped IO-APIC"); the timer works regardless.
  append='console=ttyS0 panic=-1 loglevel=4 no_timer_check intel_iommu=on'
  case $mode in
    iommu)
      # The mtty sample (v2 migration) builds from linux-source-6.12 against the
      # installed 6.12 headers only (a fetched kernel has none).
      if [[ $kver == 6.12.* ]] && [ -d "/lib/modules/$kver/build" ]; then
        mtty=$("$root/VMTests/build-mtty.sh" "$kver" "$work/mtty-$kver") \
          || { echo "=== mtty did not build ==="; status=1; summary+=("$name: mtty did not build"); continue; }
      fi
      ;;
    noiommu)
      # No IOMMU at all: vfio-pci hands out /dev/vfio/noiommu-N groups.
      overrides=$("$root/VMTests/build-noiommu-vfio.sh" "$kver" "$work/noiommu-vfio-$kver") \
        || { echo "=== vfio.ko with NOIOMMU did not build ==="; status=1; summary+=("$name: vfio.ko did not build"); continue; }
      qemu_iommu=()
      append='console=ttyS0 panic=-1 loglevel=4 no_timer_check'
      ;;
    nvme|nvme-bench) ;;
    cdev|nvme-cdev)
      # The device cdev bound to an iommufd instead of a group and container.
      overrides=$("$root/VMTests/build-cdev-modules.sh" "$kver" "$work/cdev-modules-$kver") \
        || { echo "=== the iommufd and cdev modules did not build ==="; status=1; summary+=("$name: modules did not build"); continue; }
      ;;
    *) echo "=== unknown mode $mode ==="; status=1; summary+=("$scenario: unknown mode"); continue ;;
  esac
  build_initramfs "$kver" "$base" "$work/initramfs-$kver-$mode" "$mode" "$mtty" "$overrides"
  log=$work/console-$kver-$mode.log
  if [[ $mode == nvme* ]]; then
    # Two vCPUs (MTTCG: two host threads) for the threaded runs, the fio libraries'
    # room, and a fresh raw image per run behind the NVMe controller's root port.
    image=$work/nvme-$kver-$mode.img
    # The root port at 5 GT/s, not QEMU's default 16: after a secondary bus reset above 5 GT/s the
    # kernel waits for Data Link Layer Link Active, which QEMU 7.2's port advertises (LNKCAP) but
    # never sets (LNKSTA 0x0011): the hot reset would end in ENOTTY.
    machine=(-smp 2 -m 1G -drive "file=$image,if=none,id=nvm,format=raw"
      -device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1,x-speed=5
      -device nvme,serial=swift-vfio-nvme,drive=nvm,bus=rp1,max_ioqpairs=4)
  else
    machine=(-smp 1 -m 512M -device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1 -device edu,bus=rp1
      -device e1000e,romfile=)
  fi
  # A kernel that dies before the guest program begins (a panic in early boot under TCG on a
  # loaded host: once, in tty_init, among hundreds of boots) has run no test: it boots once more.
  # A guest that began is never rerun, whatever it printed.
  for attempt in 1 2; do
    if [[ $mode == nvme* ]]; then rm -f "$image"; truncate -s 64M "$image"; fi
    vm_start=$(date +%s%N)
    timeout -k 5 "$vm_timeout" qemu-system-x86_64 -machine q35,accel=tcg -cpu max \
      -nographic -no-reboot -vga none -nic none \
      -kernel "$vmlinuz" -initrd "$work/initramfs-$kver-$mode.cpio.gz" \
      -append "$append" "${qemu_iommu[@]}" "${machine[@]}" </dev/null > "$log" 2>&1 || true
    tr -d '\r' < "$log" | grep -q '=== guest begin' && break
    [ "$attempt" = 2 ] && break
    echo "=== kernel $name: died before the guest began; booting again. Its console's end: ==="
    tr -d '\r' < "$log" | tail -n 30
  done
  if [[ $mode == nvme* ]]; then rm -f "$image"; fi
  vm_ms=$(( ($(date +%s%N) - vm_start) / 1000000 ))
  vm_time="$((vm_ms / 1000)).$(( vm_ms % 1000 / 100 )) s"
  tr -d '\r' < "$log" | sed -n '/=== guest begin/,/=== guest end/p' | sed 's/^.*\(=== guest begin\)/\1/'
  verdict=$(tr -d '\r' < "$log" | grep -E '^VFIO-VM-VERDICT ' | tail -n 1 || true)
  if [ -z "$verdict" ]; then
    echo "=== kernel $name: no verdict; console log follows ==="
    tr -d '\r' < "$log" | tail -n 60
    status=1; summary+=("$name: no verdict ($vm_time)"); continue
  fi
  passed=$(sed -E 's/.* passed=([0-9]+).*/\1/' <<< "$verdict")
  failed=$(sed -E 's/.* failed=([0-9]+).*/\1/' <<< "$verdict")
  # `vfio inspect` runs after the guest program; /init reports each run.
  passed=$((passed + $(tr -d '\r' < "$log" | grep -c '^VFIO-VM-INSPECT PASS' || true)))
  failed=$((failed + $(tr -d '\r' < "$log" | grep -c '^VFIO-VM-INSPECT FAIL' || true)))
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  [ "$failed" -eq 0 ] || status=1
  bench_table "$log"
  line="$name: $passed passed, $failed failed, VM wall time $vm_time"
  echo "=== $line ==="
  summary+=("$line")
done

echo "=== VM suite summary ==="
printf '  %s\n' "${summary[@]}"
echo "VM suite: $total_passed passed, $total_failed failed"
exit $status
