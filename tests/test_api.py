"""The public surface: __all__, the package data and the installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import hpt_request
from hpt_request import model

ROOT = Path(__file__).resolve().parent.parent


def test_all_is_complete_and_importable() -> None:
    """__all__ names every model class and enum plus the functions, each importable, once."""
    names = hpt_request.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(hpt_request, name), name
    exported = set(names)
    assert {cls.__name__ for cls in model.STRUCTURES} <= exported
    assert {cls.__name__ for cls in model.ENUMS} <= exported
    assert {"to_wire", "from_wire", "validate", "Problem", "RequestValidationError"} <= exported
    own = [n for n in names if n not in model.__all__]
    assert own == sorted(own)
    assert model.__all__ == sorted(model.__all__, key=lambda n: (0 if n.isupper() else 1, n))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (found,) = out.glob("hpt_request-*.whl")
    return found


def test_wheel_contents(wheel: Path) -> None:
    """The wheel ships the schemas, the examples and py.typed, and not the generator or tests."""
    names = zipfile.ZipFile(wheel).namelist()
    assert "hpt_request/py.typed" in names
    assert "hpt_request/schemas/CreateHyperParameterTuningJobRequest.schema.json" in names
    assert "hpt_request/schemas/CreateHyperParameterTuningJobResponse.schema.json" in names
    assert "hpt_request/model/examples/seed-era.json" in names
    assert "hpt_request/text/data/ack_names.json" in names
    assert not [n for n in names if n.startswith(("generator/", "tests/"))]


def test_wheel_ships_the_hypothesis_hook(wheel: Path) -> None:
    """The module named by the wheel's ``hypothesis`` entry point is in the wheel."""
    archive = zipfile.ZipFile(wheel)
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    lines = archive.read(metadata).decode().splitlines()
    section = lines[lines.index("[hypothesis]") + 1 :]
    hook = next(line.split("=", 1)[1].strip() for line in section if "=" in line)
    module = hook.split(":", 1)[0]
    assert f"{module.replace('.', '/')}.py" in archive.namelist()


def test_schemas_load_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel (not the source tree), the package finds its schemas and
    validates a request."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    script = (
        "import hpt_request, json; "
        "from hpt_request.schema import engines as schema; from hpt_request import examples; "
        f"assert hpt_request.__file__.startswith({str(target)!r}), hpt_request.__file__; "
        "doc = schema.document(schema.REQUEST_SCHEMA); "
        "print(doc['title'], hpt_request.validate(examples.load('seed-era')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        timeout=120,
        check=False,
    )
    assert result.stderr == ""
    assert result.stdout == "CreateHyperParameterTuningJobRequest []\n"
    shipped = (
        target / "hpt_request" / "schemas" / "CreateHyperParameterTuningJobRequest.schema.json"
    ).read_text()
    assert (
        shipped
        == (ROOT / "schemas" / "CreateHyperParameterTuningJobRequest.schema.json").read_text()
    )


def test_ack_names_load_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel, the ACK manifests' names are found (a file of the package)."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    script = (
        "import hpt_request; from hpt_request.text import manifests; "
        f"assert manifests.__file__.startswith({str(target)!r}), manifests.__file__; "
        "print(manifests.manifest_path(('TrainingJobDefinition', 'RoleArn')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        timeout=120,
        check=False,
    )
    assert result.stderr == ""
    assert result.stdout == "spec.trainingJobDefinition.roleARN\n"
