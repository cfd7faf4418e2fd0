"""Compares BoARIO's daily production and unmet final demand (boario_run.py) with Kuroshio's
(`kuroshio stress --model ario --all-series --out`), industry by industry and day by day.

    python compare.py BOARIO_OUT KUROSHIO_SCENARIO KUROSHIO_OUT [--max-rel 1e-6]

Industries are matched through the imported scenario's facilities.csv (region, product = the
table's region and sector labels), markets through markets.csv (consuming region, product).
Reported:
- production: max over industries and days of |k - b| / b (b > 0), and of |k - b| / X0;
- unmet final demand: max over markets and days of |k - b| / Y0, Y0 the market's baseline
  final demand (unmet demand is 0 on most days, so it is compared on the scale of the demand).
Exits 1 when either exceeds --max-rel (the largest of the two is the figure reported).
"""

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path


def rows(path: Path):
    with open(path, newline="") as f:
        yield from csv.DictReader(f)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("boario", type=Path)
    p.add_argument("scenario", type=Path)
    p.add_argument("kuroshio", type=Path)
    p.add_argument("--max-rel", type=float, default=1e-6)
    a = p.parse_args()

    regions = {r["id"]: r["name"] for r in rows(a.scenario / "regions.csv")}
    products = {r["id"]: r["name"] for r in rows(a.scenario / "products.csv")}
    industry = {
        r["id"]: (regions[r["region"]], products[r["product"]]) for r in rows(a.scenario / "facilities.csv")
    }
    market = {r["id"]: (regions[r["region"]], products[r["product"]]) for r in rows(a.scenario / "markets.csv")}
    y0 = {market[r["id"]]: float(r["demand_per_day"]) for r in rows(a.scenario / "markets.csv")}

    b_prod = {(int(r["day"]), r["region"], r["sector"]): float(r["production"]) for r in rows(a.boario / "production.csv")}
    b_unmet = {(int(r["day"]), r["region"], r["sector"]): float(r["unmet"]) for r in rows(a.boario / "unmet.csv")}

    worst = defaultdict(lambda: (0.0, None))

    def note(kind, value, where):
        if value > worst[kind][0] or worst[kind][1] is None:
            worst[kind] = (value, where)

    seen = 0
    for r in rows(a.kuroshio / "facilities_daily.csv"):
        reg, sec = industry[r["facility"]]
        key = (int(r["day"]), reg, sec)
        k, b, x0 = float(r["output"]), b_prod[key], float(r["baseline_output"])
        seen += 1
        note("production |k-b|/b", abs(k - b) / b if b > 0 else (0.0 if k == b else float("inf")), key)
        note("production |k-b|/X0", abs(k - b) / x0, key)
    if seen != len(b_prod):
        sys.exit(f"Kuroshio recorded {seen} industry-days, BoARIO {len(b_prod)}: run stress with --all-series")
    seen = 0
    for r in rows(a.kuroshio / "markets_daily.csv"):
        reg, sec = market[r["market"]]
        key = (int(r["day"]), reg, sec)
        k, b = float(r["unmet_units"]), max(b_unmet.get(key, 0.0), 0.0)
        seen += 1
        note("unmet |k-b|/Y0", abs(k - b) / y0[(reg, sec)], key)
    for kind, (v, where) in worst.items():
        print(f"{kind:>22}: {v:.3e} at day {where[0]}, {where[1]} {where[2]}")
    largest = max(worst["production |k-b|/b"][0], worst["unmet |k-b|/Y0"][0])
    print(f"largest relative difference: {largest:.3e} (limit {a.max_rel:g})")
    if not largest <= a.max_rel:
        sys.exit(1)


if __name__ == "__main__":
    main()
