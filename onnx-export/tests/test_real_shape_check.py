# SPDX-License-Identifier: Apache-2.0
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "real_shape_check.py"


def test_real_shape_check_runs_at_a_small_size(tmp_path):
    r = subprocess.run([sys.executable, str(SCRIPT), "--work", str(tmp_path), "--layers", "2", "--width", "256",
                        "--heads", "8", "--rotary-dim", "16", "--vocab", "50400", "--threads", "2"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    table = r.stdout[r.stdout.index("real-shape check"):]
    for phase in ("make-checkpoint", "export", "verify"):
        assert phase in table
    assert "(OK)" in table
