#!/usr/bin/env bash
# Coverage-guided fuzzing of the scenario parser with afl.rs (works on stable Rust).
#
#   fuzz/run.sh [SECONDS] [TARGET...]      default: 60 seconds each for `table` and `manifest`
#
# Needs `cargo install cargo-afl` once (it builds the AFL++ runtime on first use, or run
# `cargo afl config --build`). Seeds come from scenarios/ and tests/bad-inputs/ and are written
# to fuzz/target/seeds/; findings go to fuzz/target/afl/<target>/default/{crashes,hangs}.
# Reproduce a crash with `fuzz/target/release/<target> < CRASH_FILE` (the binary reads one input
# from stdin when not run under afl-fuzz). See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
if [ $# -gt 0 ]; then targets=("$@"); else targets=(table manifest); fi

cargo afl build --release

root=..
seeds=target/seeds
rm -rf "$seeds"
mkdir -p "$seeds/table" "$seeds/manifest"
tables=(products regions chokepoints routes facilities markets recipes links)
for i in "${!tables[@]}"; do
    t=${tables[$i]}
    n=0
    for f in "$root/scenarios/tutorial/$t.csv" "$root"/tests/bad-inputs/*/"$t.csv"; do
        [ -f "$f" ] || continue
        # The first byte selects the table (see src/bin/table.rs); keep seeds small and distinct.
        if [ "$(stat -c %s "$f")" -gt 8192 ]; then continue; fi
        { printf "\\x$(printf %02x "$i")"; cat "$f"; } > "$seeds/table/$t-$n"
        n=$((n + 1))
        [ $n -ge 6 ] && break
    done
done
cp "$root/scenarios/tutorial/scenario.toml" "$seeds/manifest/tutorial.toml"
for d in "$root"/tests/bad-inputs/{valid_base,hazard_p90_below_median,intervention_share_shift_same_country,toml_settings_out_of_range,intervention_alternate_route_zero_capacity}; do
    cp "$d/scenario.toml" "$seeds/manifest/$(basename "$d").toml"
done

export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
for t in "${targets[@]}"; do
    out=target/afl/$t
    mkdir -p "$out"
    echo "== fuzzing $t for $secs s"
    cargo afl fuzz -V "$secs" -i "$seeds/$t" -o "$out" "target/release/$t" > "target/afl-$t.log" 2>&1 || true
    stats=$out/default/fuzzer_stats
    if [ -f "$stats" ]; then
        grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
    else
        tail -20 "target/afl-$t.log"
        status=1
    fi
    crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
    if [ "$crashes" -gt 0 ]; then
        echo "!! $crashes crash(es) in $out/default/crashes"
        status=1
    fi
done
exit $status
