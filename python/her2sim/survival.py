"""The Kaplan–Meier estimator, for survival curves drawn from a sweep's results table."""

import pandas as pd


def kaplan_meier(durations, events):
    """The product-limit estimate S(t) as a DataFrame (time, survival, at_risk, events).

    durations: times (e.g. ``results.pfs_days``); events: True where the event was observed,
    False where the patient was censored. The curve starts at (0, 1) and steps down at each
    event time: S(t) = prod over event times t_i <= t of (1 - d_i / n_i).
    """
    d = pd.DataFrame({"t": list(durations), "e": [bool(x) for x in events]}).dropna()
    d = d.sort_values("t")
    rows = [(0.0, 1.0, len(d), 0)]
    at_risk = len(d)
    s = 1.0
    for t, group in d.groupby("t", sort=True):
        deaths = int(group["e"].sum())
        if deaths > 0:
            s *= 1.0 - deaths / at_risk
            rows.append((float(t), s, at_risk, deaths))
        at_risk -= len(group)
    return pd.DataFrame(rows, columns=["time", "survival", "at_risk", "events"])


def median(curve):
    """The smallest time at which the curve is at or below one half (NaN if it stays above)."""
    below = curve[curve["survival"] <= 0.5 + 1e-12]
    return float(below["time"].iloc[0]) if len(below) else float("nan")
