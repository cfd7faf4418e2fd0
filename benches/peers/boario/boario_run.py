"""Runs BoARIO 0.7.2's ARIOPsiModel on MRIO tables written by tables.py, with a capital loss of
one industry recovering linearly, and writes the daily production of every industry, the final
demand not met per (consuming region, sector), and the wall times.

    python boario_run.py TABLES_DIR OUT_DIR --region R --sector S [--severity 0.3]
        [--occurrence 5] [--duration 1] [--tau 90] [--steps 365]

Parameters are BoARIO's defaults (alpha 1 -> 1.25 over 365 days, psi 0.8, 90 days of inventory,
restoration 60 days, capital 4 x value added, "alt" orders), which Kuroshio's `[ario]` defaults
equal. The loss is `severity` x the industry's productive capital, so capacity falls by
`severity`.
"""

import argparse
import json
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pymrio

warnings.filterwarnings("ignore")


def read_tables(d: Path) -> pymrio.IOSystem:
    z = pd.read_csv(d / "Z.txt", sep="\t", index_col=[0, 1], header=[0, 1])
    y = pd.read_csv(d / "Y.txt", sep="\t", index_col=[0, 1], header=[0, 1])
    x = pd.read_csv(d / "x.txt", sep="\t", index_col=[0, 1], header=0)
    z.index.names = y.index.names = x.index.names = ["region", "sector"]
    z.columns.names = ["region", "sector"]
    y.columns.names = ["region", "category"]
    unit = pd.DataFrame({"unit": ["Mill USD"] * len(x)}, index=x.index)
    mrio = pymrio.IOSystem(Z=z, Y=y, x=x, unit=unit)
    mrio.A = pymrio.calc_A(z, x)
    return mrio


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("tables", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--region", required=True)
    p.add_argument("--sector", required=True)
    p.add_argument("--severity", type=float, default=0.3)
    p.add_argument("--occurrence", type=int, default=5)
    p.add_argument("--duration", type=int, default=1)
    p.add_argument("--tau", type=int, default=90)
    p.add_argument("--steps", type=int, default=365)
    a = p.parse_args()

    import boario  # noqa: F401  (imported here so that --help works without it)
    from boario.event import from_series
    from boario.extended_models import ARIOPsiModel
    from boario.simulation import Simulation

    boario.disable_console_logging() if hasattr(boario, "disable_console_logging") else None
    mrio = read_tables(a.tables)
    t0 = time.perf_counter()
    model = ARIOPsiModel(mrio)
    sim = Simulation(model, n_temporal_units_to_sim=a.steps)
    k = pd.Series(model.productive_capital, index=model.industries)
    impact = pd.Series({(a.region, a.sector): a.severity * k[(a.region, a.sector)]})
    impact.index = pd.MultiIndex.from_tuples(impact.index, names=["region", "sector"])
    ev = from_series(
        impact,
        event_type="recovery",
        occurrence=a.occurrence,
        duration=a.duration,
        recovery_tau=a.tau,
        recovery_function="linear",
        event_monetary_factor=model.monetary_factor,
    )
    sim.add_event(ev)
    t1 = time.perf_counter()
    sim.loop()
    t2 = time.perf_counter()

    a.out.mkdir(parents=True, exist_ok=True)
    prod = sim.production_realised
    prod.index.name = "day"
    prod.stack(["region", "sector"], future_stack=True).rename("production").to_csv(a.out / "production.csv")
    unmet = sim.final_demand_unmet
    unmet.index.name = "day"
    unmet.stack(list(range(unmet.columns.nlevels)), future_stack=True).rename("unmet").to_csv(a.out / "unmet.csv")
    (a.out / "timing.json").write_text(
        json.dumps(
            {
                "industries": len(model.industries),
                "steps": a.steps,
                "setup_s": t1 - t0,
                "loop_s": t2 - t1,
                "x0_min": float(np.min(model.X_0)),
            }
        )
    )
    print(f"boario: {len(model.industries)} industries, {a.steps} steps: setup {t1 - t0:.2f} s, loop {t2 - t1:.2f} s")


if __name__ == "__main__":
    main()
