"""The notebooks run top to bottom on the bundled sample, and are kept in the
repository without outputs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.mark.parametrize("name", ["three_provinces.ipynb", "batch_route.ipynb"])
def test_notebook_runs_top_to_bottom(name, tmp_path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "outputs are stripped in the repository"
    shutil.copy(NOTEBOOKS / name, tmp_path / name)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    if name == "three_provinces.ipynb":
        images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
        assert len(images) >= 6, "every chart is drawn"
        assert (tmp_path / "three_provinces_report.html").exists()
        # No reading is left unwritten.
        assert not [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("READING_")]
