#!/usr/bin/env bash
# BoARIO 0.7.2 (ARIOPsiModel) and Kuroshio's ARIO mode side by side (docs/benchmarks.md, "ARIO
# against BoARIO").
#
#   benches/peers/boario/run.sh check     # pymrio's test MRIO (48 industries): the exact comparison;
#                                         # exits 1 if the largest relative difference exceeds 1e-6
#   benches/peers/boario/run.sh scaling   # wall times on synthetic dense MRIOs of 48, 200, 900 and
#                                         # 2,000 industries (and the same comparison on each)
#
# Needs python3 (3.11 or newer, with venv) and PyPI: BoARIO and its dependencies are installed,
# at the versions in requirements.txt, into a virtual environment under target/ (BOARIO_WORK
# moves it); nothing is installed elsewhere and nothing of BoARIO's enters the repository.
# The shock: capital of one industry down 30% at day 5, BoARIO duration 1, then linear recovery
# over 90 days (BoARIO's EventKapitalRecover), 365 steps. Kuroshio gets the same with
# `--start 5 --severity 0.3 --profile delay-ramp:1 --days 91` and `[ario] compat = "boario"`
# (its recovery_lag adds BoARIO's extra day at full depth: full loss on days 5-7, then
# 0.3 (1 - (t - 7) / 90), zero from day 97).
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
here=$root/benches/peers/boario
mode=${1:-check}
work=${BOARIO_WORK:-$root/target/peers/boario}
venv=$work/venv
mkdir -p "$work"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
py=$venv/bin/python
cargo build --release --locked --quiet
# The binary cargo just built (CARGO_TARGET_DIR moves it).
k=${CARGO_TARGET_DIR:-$root/target}/release/kuroshio

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# side_by_side NAME TABLES REGION SECTOR: both models on one table; prints the comparison.
side_by_side() {
    local name=$1 tables=$2 region=$3 sector=$4 dir=$work/$1
    rm -rf "$dir/boario" "$dir/scenario" "$dir/kuroshio"
    local t0 t1 t2 t3
    t0=$(now)
    "$py" "$here/boario_run.py" "$tables" "$dir/boario" --region "$region" --sector "$sector" \
        --severity 0.3 --occurrence 5 --duration 1 --tau 90 --steps 365
    t1=$(now)
    "$k" import-mrio --z "$tables/Z.txt" --y "$tables/Y.txt" --x "$tables/x.txt" --unit "Mill USD" \
        --usd-per-unit 1e6 --default-country USA --out "$dir/scenario" >/dev/null
    printf '\n[ario]\ncompat = "boario"\n' >>"$dir/scenario/scenario.toml"
    local shock=(--model ario --facility "${region}_${sector}" --severity 0.3 --start 5
        --profile delay-ramp:1 --days 91)
    t2=$(now)
    "$k" validate "$dir/scenario" >/dev/null
    t3=$(now)
    "$k" stress "$dir/scenario" "${shock[@]}" >/dev/null
    local t4
    t4=$(now)
    "$k" stress "$dir/scenario" "${shock[@]}" --out "$dir/kuroshio" --all-series >/dev/null
    echo "kuroshio: load $(secs "$t2" "$t3") s, load + trial $(secs "$t3" "$t4") s (boario process $(secs "$t0" "$t1") s)"
    "$py" "$here/compare.py" "$dir/boario" "$dir/scenario" "$dir/kuroshio"
}

case $mode in
check)
    "$py" "$here/tables.py" test "$work/test/tables"
    side_by_side test "$work/test/tables" reg2 manufactoring
    ;;
scaling)
    for rs in "6 8" "10 20" "30 30" "40 50"; do
        set -- $rs
        n=$(($1 * $2))
        echo "== $n industries ($1 regions x $2 sectors, seed 1)"
        "$py" "$here/tables.py" synthetic "$1" "$2" 1 "$work/syn$n/tables"
        side_by_side "syn$n" "$work/syn$n/tables" r01 s001 || true
    done
    ;;
*)
    echo "usage: $0 check|scaling" >&2
    exit 2
    ;;
esac
