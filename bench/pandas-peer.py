"""The peer an analyst would use instead of `ledger-lens report --ledger`: pandas reading the same CSV and computing
a smaller report for one quarter (issued, redeemed, active participants, Gini of issued per account, Theil by
department, top-10 % share). Prints one JSON line with the numbers and the seconds it took.
Usage: python3 bench/pandas-peer.py LEDGER.csv FROM TO   (TO exclusive, YYYY-MM-DD)"""
import json
import sys
import time

import numpy as np
import pandas as pd

t0 = time.perf_counter()
path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
df = pd.read_csv(path, dtype={"event_id": str, "account_id": str, "event_type": str, "rule_id": str, "department": str, "approver_id": str}, parse_dates=["occurred_at"])
q = df[(df.occurred_at >= start) & (df.occurred_at < end)]
earn = q[q.event_type == "earn"]
issued = float(earn.points.sum())
redeemed = float(-q[q.event_type == "redeem"].points.sum())
active = int(q[q.event_type != "expire"].account_id.nunique())
# Population: accounts active in the quarter, zeros included (no roster in this file).
per_account = earn.groupby("account_id").points.sum().reindex(q[q.event_type != "expire"].account_id.unique(), fill_value=0.0)
x = np.sort(per_account.to_numpy(dtype=float))
n, s = len(x), x.sum()
gini = float((2 * np.arange(1, n + 1) - n - 1).dot(x) / (n * s)) if n and s else None
mu = s / n if n else 0
xr = x[x > 0] / mu if n and s else np.array([])
theil = float((xr * np.log(xr)).sum() / n) if n and s else None
k = int(np.ceil(0.1 * n))
top10 = float(x[-k:].sum() / s) if n and s else None
dept = q.sort_values("occurred_at").groupby("account_id").department.last()
groups = pd.DataFrame({"x": per_account, "department": dept.reindex(per_account.index)})
g = groups.groupby("department", dropna=False).x.agg(["sum", "count"])
between = float(((g["sum"] / s) * np.log((g["sum"] / g["count"]) / mu)).sum()) if s else None
print(json.dumps({"issued": issued, "redeemed": redeemed, "active": active, "gini": gini, "theil": theil, "theil_between": between, "top10_share": top10, "seconds": time.perf_counter() - t0}))
