"""The Python package against the real simulator (HER2SIM_JAR or the checkout's launcher)."""

import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import pandas as pd

import her2sim

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "configs"


def study(tmp, replicates=30):
    """A two-arm sweep of one-cell lineages (b = 1/day; d = 0.5 or 0.9/day)."""
    spec = Path(tmp) / "study.yaml"
    spec.write_text(
        f"name: py-study\nbase: {CONFIGS / 'textbook/extinction.yaml'}\nseed: 3\nreplicates: {replicates}\n"
        "arms:\n  slow-death: {biology.explicit.0.death_per_day: 0.5}\n  fast-death: {biology.explicit.0.death_per_day: 0.9}\n"
    )
    return spec


class RunTest(unittest.TestCase):
    def test_a_run_returns_the_summary_and_every_table_of_its_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run"
            r = her2sim.run(CONFIGS / "quickstart.yaml", seed=7, out=out)
            self.assertEqual(r.directory, out)
            self.assertEqual(r.summary["seed"], 7)
            self.assertEqual(r.summary["scenario"], "quickstart")
            self.assertIn(r.summary["best_response"], ("PR", "CR"))
            for name in her2sim.core.RUN_TABLES:
                on_disk = pd.read_csv(out / f"{name}.csv")
                pd.testing.assert_frame_equal(r.tables[name], on_disk)
                self.assertIs(getattr(r, name), r.tables[name])
            self.assertGreater(len(r.totals), 100)
            self.assertEqual(list(r.totals.columns), ["time_days", "cells", "growing_cells", "phase", "treating", "line"])
            self.assertTrue((r.drugs["drug"] == "trastuzumab").any())
            self.assertIn("name: quickstart", r.config)

    def test_same_seed_same_numbers_and_temporary_directories_are_removed(self):
        with tempfile.TemporaryDirectory() as tmp:
            before = tempfile.tempdir
            tempfile.tempdir = tmp
            try:
                a = her2sim.run(CONFIGS / "textbook/extinction.yaml", seed=11, set={"tumour.initial_cells": 20})
                b = her2sim.run(CONFIGS / "textbook/extinction.yaml", seed=11, set={"tumour.initial_cells": 20})
                c = her2sim.run(CONFIGS / "textbook/extinction.yaml", seed=12, set={"tumour.initial_cells": 20})
            finally:
                tempfile.tempdir = before
            self.assertEqual(os.listdir(tmp), [], "nothing left behind")
        self.assertIsNone(a.directory)
        pd.testing.assert_frame_equal(a.totals, b.totals)
        self.assertEqual(a.summary["final_cells"], b.summary["final_cells"])
        self.assertEqual(a.totals["cells"].iloc[0], 20, "the setting was applied")
        self.assertFalse(a.totals.equals(c.totals), "another seed, another tumour")

    def test_parquet_when_asked(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = her2sim.run(CONFIGS / "textbook/extinction.yaml", out=Path(tmp) / "run", parquet=True)
            for name in her2sim.core.RUN_TABLES:
                self.assertTrue((r.directory / f"{name}.parquet").is_file(), name)

    def test_errors_are_exceptions_with_the_simulators_one_line_message(self):
        with self.assertRaises(her2sim.ConfigError) as bad:
            her2sim.run(CONFIGS / "quickstart.yaml", set={"tumour.initial_cells": "many"})
        self.assertEqual(bad.exception.exit_code, 2)
        self.assertIn("tumour.initial_cells", str(bad.exception))
        self.assertEqual(len(str(bad.exception).splitlines()), 1)
        # the same words the command line prints
        cli = subprocess.run(her2sim.command() + ["run", str(CONFIGS / "quickstart.yaml"), "--set", "tumour.initial_cells=many"],
                             capture_output=True, text=True)
        self.assertEqual(cli.returncode, 2)
        self.assertEqual(cli.stderr.strip(), "her2sim: " + str(bad.exception))
        with self.assertRaises(her2sim.ConfigError) as missing:
            her2sim.run(CONFIGS / "no-such.yaml")
        self.assertIn("no-such.yaml", str(missing.exception))
        self.assertIsInstance(missing.exception, ValueError)


class SweepTest(unittest.TestCase):
    def test_a_sweep_returns_its_three_tables_and_reports_progress(self):
        with tempfile.TemporaryDirectory() as tmp:
            told = []
            s = her2sim.sweep(study(tmp), replicates=30, threads=2, out=Path(tmp) / "out",
                              progress=lambda done, total: told.append((done, total)))
            self.assertEqual(told, [(i, 60) for i in range(1, 61)])
            self.assertEqual(len(s.results), 60)
            self.assertEqual(list(s.summary["arm"]), ["slow-death", "fast-death"])
            for name in her2sim.core.SWEEP_TABLES:
                pd.testing.assert_frame_equal(s.tables[name], pd.read_csv(Path(tmp) / "out" / f"{name}.csv"))
            # d/b = 0.5 and 0.9: more lineages die out in the fast-death arm. With 30 lineages per
            # arm the difference of fractions has SD sqrt(.25/30 + .09/30) = 0.106; the expected
            # difference 0.4 is 3.8 SD from zero.
            extinct = s.results.groupby("arm")["extinct"].mean()
            self.assertGreater(extinct["fast-death"], extinct["slow-death"])
            q = her2sim.query(Path(tmp) / "out", "SELECT arm, count(*) AS n FROM results GROUP BY arm ORDER BY arm")
            self.assertEqual(q.to_dict("records"), [{"arm": "fast-death", "n": 30}, {"arm": "slow-death", "n": 30}])

    def test_kaplan_meier_from_the_results_gives_the_simulators_medians(self):
        s = her2sim.sweep(CONFIGS / "experiments/seq-vs-combo.yaml", replicates=6, progress=False)
        checked = 0
        for arm, rows in s.results[s.results["eligible"]].groupby("arm"):
            curve = her2sim.kaplan_meier(rows["pfs_days"], rows["pfs_event"])
            expected = s.summary.set_index("arm").loc[arm, "median_pfs_days"]
            if pd.isna(expected):
                self.assertTrue(pd.isna(her2sim.km_median(curve)))
            else:
                self.assertAlmostEqual(her2sim.km_median(curve), expected)
                checked += 1
            self.assertEqual(curve["survival"].iloc[0], 1.0)
            self.assertTrue((curve["survival"].diff().dropna() <= 0).all(), "a survival curve never rises")
        self.assertGreater(checked, 0, "some arm reached its median")

    def test_a_bad_sweep_file_is_a_config_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            spec = Path(tmp) / "bad.yaml"
            spec.write_text("name: bad\nbase: nowhere.yaml\narms: {a: {tumour.initial_cells: 5}}\n")
            with self.assertRaises(her2sim.ConfigError) as e:
                her2sim.sweep(spec, progress=False)
            self.assertIn("nowhere.yaml", str(e.exception))


class FindTest(unittest.TestCase):
    def test_without_settings_the_checkout_launcher_is_used(self):
        saved = {k: os.environ.pop(k) for k in ("HER2SIM_JAR", "HER2SIM_HOME") if k in os.environ}
        try:
            self.assertEqual(her2sim.command(), [str(ROOT / "her2sim")])
            os.environ["HER2SIM_JAR"] = str(ROOT / "no-such.jar")
            with self.assertRaises(her2sim.Her2simError) as e:
                her2sim.command()
            self.assertIn("no-such.jar", str(e.exception))
        finally:
            os.environ.pop("HER2SIM_JAR", None)
            os.environ.update(saved)


class KaplanMeierTest(unittest.TestCase):
    def test_the_product_limit_estimate_by_hand(self):
        # times 1, 2+, 3, 3, 4: S(1) = 4/5, S(3) = 4/5 * (1 - 2/3) = 4/15, S(4) = 0
        c = her2sim.kaplan_meier([1, 2, 3, 3, 4], [True, False, True, True, True])
        self.assertEqual(list(c["time"]), [0.0, 1.0, 3.0, 4.0])
        for got, want in zip(c["survival"], [1.0, 0.8, 4 / 15, 0.0]):
            self.assertAlmostEqual(got, want)
        self.assertEqual(her2sim.km_median(c), 3.0)


if __name__ == "__main__":
    unittest.main()
