"""What ``pip install .`` (the README's production install) puts into the installed package.

The packages are listed by hand in pyproject.toml (templates/ and translations/ are mapped into
the ``dialogue`` package from the top of the repository); a new Python package under dialogue/
or phases/ must be listed too, or a production install starts without it.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("dialogue", "phases")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
