"""MRIO tables for the side-by-side check: pymrio's bundled test MRIO, or a seeded synthetic
dense MRIO of R regions x S sectors, written in pymrio's wide text layout (tab-separated Z.txt,
Y.txt, x.txt) that both BoARIO (through pymrio) and `kuroshio import-mrio` read.

    python tables.py test OUT_DIR
    python tables.py synthetic R S SEED OUT_DIR
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pymrio


def synthetic(regions: int, sectors: int, seed: int) -> pymrio.IOSystem:
    """A dense MRIO (every entry positive) with value added between 30% and 70% of output.

    Z_ij = size_i * size_j * u_ij * w(r_i, r_j), u ~ U(0.2, 1), domestic flows 4x larger than
    trade; final demand Y (one category per region) makes each industry's output about twice
    what it sells to industries; Z is then scaled column by column so that inputs are 30% to 70%
    of output (x = row sums of Z + row sums of Y is recomputed after).
    """
    rng = np.random.default_rng(seed)
    n = regions * sectors
    reg = [f"r{r:02d}" for r in range(regions)]
    sec = [f"s{s:03d}" for s in range(sectors)]
    idx = pd.MultiIndex.from_product([reg, sec], names=["region", "sector"])
    size = rng.uniform(0.5, 2.0, n)
    u = rng.uniform(0.2, 1.0, (n, n))
    region_of = np.repeat(np.arange(regions), sectors)
    w = np.where(region_of[:, None] == region_of[None, :], 4.0, 1.0)
    z = np.outer(size, size) * u * w * 100.0
    y_cols = pd.MultiIndex.from_product([reg, ["Final demand"]], names=["region", "category"])
    y = rng.uniform(0.5, 1.5, (n, regions)) * z.sum(axis=1)[:, None] / regions
    # Column scaling: inputs / output in [0.3, 0.7]. x depends on the scaled Z through row sums,
    # so iterate a few times (converges fast; only the final Z, Y and x are used).
    target = rng.uniform(0.3, 0.7, n)
    for _ in range(50):
        x = z.sum(axis=1) + y.sum(axis=1)
        z = z * (target * x / z.sum(axis=0))[None, :]
    mrio = pymrio.IOSystem(
        Z=pd.DataFrame(z, index=idx, columns=idx),
        Y=pd.DataFrame(y, index=idx, columns=y_cols),
        unit=pd.DataFrame({"unit": ["Mill USD"] * n}, index=idx),
    )
    mrio.calc_all()
    return mrio


def load(kind: str, args: list[str]) -> pymrio.IOSystem:
    if kind == "test":
        mrio = pymrio.load_test()
        mrio.calc_all()
        return mrio
    regions, sectors, seed = int(args[0]), int(args[1]), int(args[2])
    return synthetic(regions, sectors, seed)


def write(mrio: pymrio.IOSystem, out: Path) -> None:
    """Z, Y and x exactly as the model sees them (repr floats round-trip bit for bit)."""
    out.mkdir(parents=True, exist_ok=True)
    mrio.Z.to_csv(out / "Z.txt", sep="\t")
    mrio.Y.to_csv(out / "Y.txt", sep="\t")
    mrio.x.to_csv(out / "x.txt", sep="\t")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "test":
        write(load("test", []), Path(sys.argv[2]))
    elif kind == "synthetic":
        write(load("synthetic", sys.argv[2:5]), Path(sys.argv[5]))
    else:
        sys.exit("usage: tables.py test OUT | tables.py synthetic R S SEED OUT")
