#!/bin/sh
# Builds the native caller harness (native/harness.c) and the example caller libraries (examples/callers/) with gcc.
# Run by `mvn` (module leafspec-native, phase compile) from native/. Where gcc or x86-64 Linux is missing it writes
# the reason to target/harness-unavailable.txt and succeeds: the caller scenarios then end NOT_SUPPORTED with it.
set -eu
cd "$(dirname "$0")"
out=target
mkdir -p "$out/callers"
rm -f "$out/harness-unavailable.txt"
CC=${CC:-gcc}
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "TDCALL/SEAMCALL trapping needs x86-64 Linux (this is $(uname -s) $(uname -m))" > "$out/harness-unavailable.txt"
  exit 0
fi
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "no C compiler: '$CC' is not on PATH (install gcc to build native/harness.c)" > "$out/harness-unavailable.txt"
  exit 0
fi
"$CC" -O2 -Wall -Wextra -o "$out/leafspec-harness" harness.c -ldl
ex=../examples/callers/guest
for v in ok:"" clobber-rbx:-DFAULT_CLOBBER_RBX rbp-in-bitmap:-DFAULT_RBP_IN_BITMAP r10-unchecked:-DFAULT_R10_UNCHECKED \
         r11-not-cleared:-DFAULT_R11_NOT_CLEARED leaf-in-rcx:-DFAULT_LEAF_IN_RCX xmm-clobber:-DFAULT_XMM_CLOBBER \
         in-not-zero-extended:-DFAULT_IN_NOT_ZERO_EXT retry-ignored:-DFAULT_RETRY_IGNORED \
         retry-from-start:-DFAULT_RETRY_FROM_START vzeroupper:-DFAULT_VZEROUPPER; do
  name=${v%%:*}; def=${v#*:}
  "$CC" -O2 -Wall -Wextra -shared -fPIC $def -o "$out/callers/libguest-$name.so" "$ex/tdx_guest_asm.S" "$ex/tdx_guest.c"
done
"$CC" -O2 -Wall -Wextra -shared -fPIC -o "$out/callers/libguest-misbehaving.so" "$ex/misbehaving.c"
hx=../examples/callers/host
for v in ok:"" rdx-not-loaded:-DFAULT_RDX_NOT_LOADED rbx-not-saved:-DFAULT_RBX_NOT_SAVED rbp-not-restored:-DFAULT_RBP_NOT_RESTORED; do
  name=${v%%:*}; def=${v#*:}
  "$CC" -O2 -Wall -Wextra -shared -fPIC $def -o "$out/callers/libhost-$name.so" "$hx/tdx_host_asm.S"
done
echo "built $out/leafspec-harness and $(ls "$out/callers" | wc -l) example libraries"
