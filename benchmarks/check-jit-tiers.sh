#!/usr/bin/env bash
# Checks that every generated kernel runs optimized: runs each benchmark layer (warm-up included) with the JIT's
# method summary, then fails if any ConvGenKernels method was compiled with MinOpts (the JIT's fallback for
# methods above ~20,000 IL instructions) or never reached Tier1/FullOpts.
#   usage: benchmarks/check-jit-tiers.sh [layer filter ...]
set -euo pipefail
cd "$(dirname "$0")/ConvGen.Benchmarks"
dotnet build -c Release --nologo -v quiet
summary=$(mktemp)
DOTNET_JitStdOutFile="$summary" DOTNET_JitDisasmSummary=1 dotnet bin/Release/net10.0/ConvGen.Benchmarks.dll --quick "$@" >/dev/null
kernels=$(grep 'ConvGenKernels:' "$summary" | grep -v ':.cctor' || true)
if [ -z "$kernels" ]; then echo "no generated kernel was compiled"; exit 1; fi
if grep -q 'MinOpts' <<<"$kernels"; then
  echo "kernels compiled without optimization:"; grep 'MinOpts' <<<"$kernels"; exit 1
fi
# The last compilation of each method must be optimized.
bad=$(sed -E 's/^ *[0-9]+: JIT compiled ([^(]+)\(.*\[([^,]+),.*$/\1 \2/' <<<"$kernels" | awk '{last[$1]=$2} END {for (m in last) if (last[m] != "Tier1" && last[m] != "FullOpts") print m, last[m]}')
if [ -n "$bad" ]; then echo "kernels not optimized at the end of the run:"; echo "$bad"; exit 1; fi
count=$(sed -E 's/^ *[0-9]+: JIT compiled ([^(]+)\(.*$/\1/' <<<"$kernels" | sort -u | wc -l)
echo "$count generated kernel methods, all optimized (Tier1 or FullOpts), none MinOpts"
