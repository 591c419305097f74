#!/bin/sh
# Runs one fuzz target, nice'd, in one process, inside a mount namespace where every
# file system is read-only except the target's corpus and artifacts folders and a
# scratch working directory: a fuzzed program can call open(..., 'w'), np.save and
# da.to_npy with any path, and pgs writes files (through a temporary file beside the
# target), so only the scratch directory must be reachable. Needs root (unshare -m).
#
#   fuzz/run.sh TARGET SECONDS [more libFuzzer options]
#
# Built with debug assertions and overflow checks on (`-a`): an int overflow in pgs
# is a panic here, not a silently wrapped value. Environment: SANITIZER (default:
# address; `none` builds without one).
set -eu
target=$1
seconds=$2
shift 2
fuzz=$(cd "$(dirname "$0")" && pwd)
sanitizer=${SANITIZER:-address}

(cd "$fuzz/.." && RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz build --debug-assertions -s "$sanitizer" "$target")

bin=$fuzz/target/x86_64-unknown-linux-gnu/release/$target
corpus=$fuzz/corpus/$target
artifacts=$fuzz/artifacts/$target
scratch=$(mktemp -d /tmp/pgs-fuzz-XXXXXX)
mkdir -p "$corpus" "$artifacts"
if [ "$target" = eval ]; then
    # pgs frees by reference counting: a closure that captures itself, or a list that
    # holds itself, is a cycle never freed (CPython collects those). That is a known
    # design limit, not a finding, so leak checking is off for programs (per input:
    # -detect_leaks=0; at process exit: ASAN_OPTIONS).
    set -- -detect_leaks=0 "$@"
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
echo "scratch directory (the program's cwd, libFuzzer's fuzz-0.log): $scratch"

# shellcheck disable=SC2016 # expanded by the inner shell
exec nice -n 19 unshare -m --propagation private sh -c '
    set -eu
    bin=$1 corpus=$2 artifacts=$3 scratch=$4 dict=$5 seconds=$6
    shift 6
    for dir in "$corpus" "$artifacts" "$scratch"; do mount --bind "$dir" "$dir"; done
    for fs in / /dev /dev/shm /proc /sys; do mount -o remount,bind,ro "$fs"; done
    cd "$scratch"
    export TMPDIR="$scratch"
    exec "$bin" -jobs=1 -workers=1 -max_total_time="$seconds" -rss_limit_mb=2048 \
        -timeout=10 -dict="$dict" -artifact_prefix="$artifacts/" "$@" "$corpus" </dev/null
' run "$bin" "$corpus" "$artifacts" "$scratch" "$fuzz/pgs.dict" "$seconds" "$@"
