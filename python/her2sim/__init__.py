"""Run her2sim scenarios and sweeps from Python; results come back as pandas DataFrames.

    >>> import her2sim
    >>> run = her2sim.run("configs/quickstart.yaml", seed=7)
    >>> run.summary["best_response"]
    >>> trial = her2sim.sweep("configs/experiments/seq-vs-combo.yaml", replicates=10)
    >>> trial.summary[["arm", "median_pfs_days"]]

The simulator is the Java program of the her2sim repository. It is found through, in order:
the environment variable HER2SIM_JAR (a her2sim-VERSION-cli.jar), HER2SIM_HOME (a her2sim
checkout, whose ./her2sim launcher builds the jar on first use), the checkout this package
lies in, and a ``her2sim`` command on the PATH. See docs/python.md.
"""

from .core import (
    ConfigError,
    Her2simError,
    RunResult,
    SweepResult,
    command,
    query,
    run,
    sweep,
)
from .survival import kaplan_meier, median as km_median

__all__ = [
    "ConfigError",
    "Her2simError",
    "RunResult",
    "SweepResult",
    "command",
    "kaplan_meier",
    "km_median",
    "query",
    "run",
    "sweep",
]
__version__ = "0.1.0"
