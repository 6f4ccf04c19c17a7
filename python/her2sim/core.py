"""Finding the simulator, running it, and reading what it writes."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pandas as pd

RUN_TABLES = ("timeseries", "totals", "drugs", "events", "mechanisms", "clones")
SWEEP_TABLES = ("results", "summary", "comparison")


class Her2simError(RuntimeError):
    """The simulator failed; the message is the one line it printed (exit code 1)."""

    def __init__(self, message, exit_code=1, command=None):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.command = command


class ConfigError(Her2simError, ValueError):
    """Bad input (exit code 2): the message names the file, the field and what was expected."""


def _checkout_of(start):
    """The her2sim checkout holding ``start`` (a directory with the launcher and pom.xml), or None."""
    for d in [start, *start.parents]:
        if (d / "her2sim").is_file() and (d / "pom.xml").is_file():
            return d
    return None


def command():
    """The command that starts the simulator, as a list (see the module's help for the search order)."""
    jar = os.environ.get("HER2SIM_JAR")
    if jar:
        if not Path(jar).is_file():
            raise Her2simError(f"HER2SIM_JAR={jar}: no such file")
        java = shutil.which("java")
        if java is None:
            raise Her2simError("java not found on the PATH (her2sim needs Java 17 or newer)")
        return [java, "-Djava.awt.headless=true", *os.environ.get("HER2SIM_JAVA_OPTS", "-Xmx4g").split(), "-jar", jar]
    home = os.environ.get("HER2SIM_HOME")
    if home:
        launcher = Path(home) / "her2sim"
        if not launcher.is_file():
            raise Her2simError(f"HER2SIM_HOME={home}: no her2sim launcher there")
        return [str(launcher)]
    checkout = _checkout_of(Path(__file__).resolve().parent)
    if checkout is not None:
        return [str(checkout / "her2sim")]
    found = shutil.which("her2sim")
    if found:
        return [found]
    raise Her2simError("cannot find her2sim: set HER2SIM_JAR to her2sim-VERSION-cli.jar or HER2SIM_HOME to a her2sim checkout")


def _settings(set):
    """--set arguments from a dict of PATH: value (lists and dicts as YAML flow, booleans lower case)."""
    args = []
    for path, value in (set or {}).items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (dict, list, tuple)):
            text = json.dumps(value)
        else:
            text = str(value)
        args += ["--set", f"{path}={text}"]
    return args


class _Progress:
    """A progress bar: an updating HTML <progress> in a notebook, a redrawn line on a terminal."""

    def __init__(self, enabled):
        self.callback = enabled if callable(enabled) else None
        self.enabled = bool(enabled)
        self.handle = None
        self.notebook = False
        if enabled and self.callback is None:
            try:
                from IPython import get_ipython

                shell = get_ipython()
                self.notebook = shell is not None and "IPKernelApp" in shell.config
            except ImportError:
                self.notebook = False

    def update(self, done, total):
        if self.callback is not None:
            self.callback(done, total)
            return
        if not self.enabled:
            return
        text = f"{done}/{total} tasks"
        if self.notebook:
            from IPython.display import HTML, display

            html = HTML(f'<progress value="{done}" max="{total}" style="width:40ex"></progress> {text}')
            if self.handle is None:
                self.handle = display(html, display_id=True)
            else:
                self.handle.update(html)
        elif sys.stderr.isatty():
            sys.stderr.write("\r" + text + ("\n" if done == total else ""))
            sys.stderr.flush()


def _execute(args, progress=None):
    """Runs the simulator; returns its standard output; raises Her2simError/ConfigError with its message."""
    cmd = command() + [str(a) for a in args]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8") as proc:
        out = []
        # standard output is read on its own thread, so neither pipe can fill and stall the program
        drain = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
        drain.start()
        err_lines = []
        for line in proc.stderr:
            if progress is not None and line.startswith("progress "):
                done, total = line.split()[1].split("/")
                progress.update(int(done), int(total))
            else:
                err_lines.append(line.rstrip("\n"))
        code = proc.wait()
        drain.join()
    if code != 0:
        said = [l for l in err_lines if l.strip()]
        message = said[-1] if said else f"her2sim exited with code {code}"
        if message.startswith("her2sim: "):
            message = message[len("her2sim: "):]
        if code == 2:
            raise ConfigError(message, code, cmd)
        raise Her2simError(message, code, cmd)
    return "".join(out)


def _read_csv(path):
    # an empty table keeps its header: an empty DataFrame with its columns
    return pd.read_csv(path, keep_default_na=True)


class _Tables:
    """Results whose tables are also attributes: ``result.totals`` is ``result.tables["totals"]``."""

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)


class RunResult(_Tables):
    """One run: ``summary`` (a dict, summary.json), a DataFrame per table, and the run directory.

    Tables: ``timeseries`` (cells per clone over time), ``totals`` (cells, phase and line of
    therapy over time), ``drugs`` (concentrations), ``events``, ``mechanisms`` (cells per
    resistance mechanism) and ``clones`` (every clone founded). Columns as in runs/README.md.
    """

    def __init__(self, directory, keep):
        directory = Path(directory)
        with open(directory / "summary.json", encoding="utf-8") as f:
            self.summary = json.load(f)
        self.config = (directory / "config.yaml").read_text(encoding="utf-8")
        self.tables = {name: _read_csv(directory / f"{name}.csv") for name in RUN_TABLES}
        self.directory = directory if keep else None

    def __repr__(self):
        s = self.summary
        ttp = s.get("time_to_progression_days")
        if s.get("treatment_start_days") is None:
            return f"<her2sim run {s.get('scenario')} seed {s.get('seed')}: untreated, {s.get('final_cells'):,} cells at the end>"
        return (f"<her2sim run {s.get('scenario')} seed {s.get('seed')}: {s.get('best_response')}, "
                f"progression {'none' if ttp is None else f'{ttp:.0f} days after treatment start'}>")


class SweepResult(_Tables):
    """A sweep: ``results`` (one row per virtual patient), ``summary`` (per arm and point: response
    rates, median PFS/TTF/OS with 95 % limits), ``comparison`` (each arm against the reference:
    hazard ratio, log-rank), and the results directory.
    """

    def __init__(self, directory, keep):
        directory = Path(directory)
        self.tables = {name: _read_csv(directory / f"{name}.csv") for name in SWEEP_TABLES}
        self.spec = (directory / "sweep.yaml").read_text(encoding="utf-8")
        self.directory = directory if keep else None

    def __repr__(self):
        r = self.tables["results"]
        return f"<her2sim sweep: {len(r)} tasks, arms {list(dict.fromkeys(r['arm']))}>"


def _target(out):
    """The output directory and whether it is kept (a temporary one is removed after reading)."""
    if out is not None:
        return Path(out), True
    return Path(tempfile.mkdtemp(prefix="her2sim-")), False


def run(config, set=None, seed=None, out=None, parquet=False):
    """Runs one scenario (``her2sim run``) and returns a RunResult.

    config:  the scenario YAML file
    set:     settings, ``{"tumour.initial_cells": 1000}`` as ``--set tumour.initial_cells=1000``
    seed:    the seed (default: the scenario's)
    out:     the run directory to write and keep (default: a temporary one, removed after reading)
    parquet: also write each table as Parquet (``--parquet``)
    """
    target, keep = _target(out)
    args = ["run", config, "--out", target, "-q", *_settings(set)]
    if seed is not None:
        args += ["--seed", int(seed)]
    if parquet:
        args.append("--parquet")
    try:
        _execute(args)
        return RunResult(target, keep)
    finally:
        if not keep:
            shutil.rmtree(target, ignore_errors=True)


def sweep(spec, replicates=None, threads=None, set=None, out=None, resume=False, progress=True):
    """Runs a sweep (``her2sim sweep``) and returns a SweepResult.

    spec:       the sweep YAML file
    replicates: virtual patients per arm and point (default: the file's)
    threads:    worker threads (default: all cores)
    set:        settings for the base scenario, as in run()
    out:        the results directory to write and keep (default: a temporary one)
    resume:     continue an interrupted sweep in ``out``
    progress:   show a progress bar (in a notebook, or on a terminal); or a function called
                with (done, total) after each finished task
    """
    target, keep = _target(out)
    args = ["sweep", spec, "--out", target, "--progress-lines", *_settings(set)]
    if replicates is not None:
        args += ["--replicates", int(replicates)]
    if threads is not None:
        args += ["--threads", int(threads)]
    if resume:
        args.append("--resume")
    try:
        _execute(args, _Progress(progress))
        return SweepResult(target, keep)
    finally:
        if not keep:
            shutil.rmtree(target, ignore_errors=True)


def query(directory, sql):
    """SQL (DuckDB) over a sweep's results directory (views results, summary, comparison), as a DataFrame."""
    import io

    text = _execute(["query", directory, sql, "--csv"])
    return pd.read_csv(io.StringIO(text))
