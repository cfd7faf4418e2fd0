"""Exports pymrio's bundled test MRIO as the files kept here (see README.md)."""

import sys
from pathlib import Path

import pymrio

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
io = pymrio.load_test().calc_all()
# pymrio's own format: tab-separated, two header rows, two index columns, 12 significant digits.
io.save(out / "wide", table_format="txt")
# The long layout: pymrio.to_long, written by pandas as CSV.
pymrio.to_long(io.Z).to_csv(out / "Z_long.csv")
pymrio.to_long(io.Y).to_csv(out / "Y_long.csv")
print(pymrio.__version__)
