"""What ``import hpt_request`` loads, and the model's shared ``==`` and ``repr()``.

``import hpt_request`` loads the model and the error types only; every other public name loads
its module on first use (PEP 562 ``__getattr__`` in ``hpt_request/__init__.py``). These tests
fail if a heavy module creeps back onto the import path, checked in fresh interpreters by the
modules present in ``sys.modules`` (no timing is asserted: timings depend on the machine).

The generated classes take ``==`` and ``repr()`` from ``hpt_request._helpers.Structure`` rather
than from attrs; here they are compared with what attrs itself generates for a twin class with
the same fields, on drawn objects of every structure.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hpt_request
from hpt_request import model
from hpt_request.model import examples

# Modules that `import hpt_request` must not load: each is needed only by some of the functions.
NOT_AT_IMPORT = (
    "hpt_request.aws",
    "hpt_request.check",
    "hpt_request.cli",
    "hpt_request.model.builder",
    "hpt_request.model.converter",
    "hpt_request.rules",
    "hpt_request.schema",
    "hpt_request.strategies",
    "hpt_request.text",
    "botocore",
    "cattrs",
    "hypothesis",
    "jsonschema",
    "jsonschema_rs",
    "yaml",
)


def fresh(code: str) -> Any:
    """What ``code`` prints as JSON on its last line, run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_import_loads_the_model_only() -> None:
    """After ``import hpt_request`` none of the modules the functions need is loaded yet."""
    loaded = fresh("import json, sys, hpt_request; print(json.dumps(sorted(sys.modules)))")
    assert "hpt_request.model" in loaded
    assert "hpt_request.model.errors" in loaded
    assert [name for name in NOT_AT_IMPORT if name in loaded] == []


def test_first_use_loads_the_module() -> None:
    """``hpt_request.validate`` is the function of ``hpt_request.check``, loaded when asked for."""
    code = (
        "import json, sys, hpt_request; before = 'hpt_request.check' in sys.modules; "
        "from hpt_request import validate; from hpt_request.check import validate as real; "
        "print(json.dumps([before, validate is real, 'cattrs' in sys.modules]))"
    )
    assert fresh(code) == [False, True, True]


def test_request_methods_work_on_a_fresh_import() -> None:
    """A request built from the model alone validates and writes itself: its methods load the
    modules they call."""
    code = (
        "import json, hpt_request as h\n"
        "r = h.CreateHyperParameterTuningJobRequest(hyper_parameter_tuning_job_name='a', "
        "hyper_parameter_tuning_job_config=h.HyperParameterTuningJobConfig(strategy='Random', "
        "resource_limits=h.ResourceLimits(max_parallel_training_jobs=1)))\n"
        "codes = sorted({p.code for p in r.validate()})\n"
        "print(json.dumps([codes != [], r.to_boto3_kwargs() == h.to_wire(r), "
        "r.worst_case() == h.text.summary.worst_case(r)]))"
    )
    assert fresh(code) == [True, True, True]


@pytest.mark.parametrize("name", hpt_request.__all__)
def test_every_public_name_imports(name: str) -> None:
    """``from hpt_request import X`` works for every name of ``__all__``, and ``dir()`` shows it."""
    assert getattr(hpt_request, name) is not None
    assert name in dir(hpt_request)


def test_public_names_are_the_defining_modules_objects() -> None:
    """Each lazily loaded name is the very object its module defines."""
    for name, module in hpt_request._LAZY.items():
        assert name in hpt_request.__all__
        assert getattr(hpt_request, name) is getattr(sys.modules[module], name)


def test_unknown_names_raise_attribute_error() -> None:
    """A name the package lacks raises ``AttributeError``, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = hpt_request.no_such_name


def _twin_class(cls: type[Any]) -> type[Any]:
    """A class with the same name and fields as ``cls``, whose ``==`` and ``repr()`` attrs
    generates itself."""
    fields = {field.name: attrs.field() for field in attrs.fields(cls)}
    twin: type[Any] = attrs.make_class(cls.__name__, fields, kw_only=True)
    return twin


TWINS = {cls: _twin_class(cls) for cls in model.STRUCTURES}


def _twin(value: Any) -> Any:
    fields = {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}
    return TWINS[type(value)](**fields)


@given(st.data())
def test_repr_and_eq_are_those_attrs_generates(data: st.DataObject) -> None:
    """On drawn objects of every structure, ``repr()``, ``==`` and ``!=`` give what attrs' own
    generated methods give on a twin class with the same fields."""
    cls = data.draw(st.sampled_from(model.STRUCTURES))
    one, other = data.draw(st.from_type(cls)), data.draw(st.from_type(cls))
    same = copy.deepcopy(one)
    # `one` with a single field taken from `other`, for each field in turn
    changed = [
        attrs.evolve(one, **{field.name: getattr(other, field.name)}) for field in attrs.fields(cls)
    ]
    assert repr(one) == repr(_twin(one))
    for left, right in [(one, other), (one, same), (one, one)] + [(one, c) for c in changed]:
        assert (left == right) is (_twin(left) == _twin(right))
        assert (left != right) is (_twin(left) != _twin(right))
    assert one == same
    assert one.__eq__(repr(one)) is NotImplemented
    assert one.__eq__(_twin(one)) is NotImplemented


def test_a_cycle_is_shown_as_attrs_shows_it() -> None:
    """An object inside itself is shown as ``...`` the second time, as attrs does."""
    ranges: Any = model.ParameterRanges()  # Any: a list field holding what it should not
    ranges.integer_parameter_ranges = [ranges, model.Tag(key="k", value="v")]
    twin = _twin(ranges)
    twin.integer_parameter_ranges = [twin, model.Tag(key="k", value="v")]
    assert repr(ranges) == repr(twin)
    assert "[..., Tag(key='k', value='v')]" in repr(ranges)


def test_model_objects_are_unhashable() -> None:
    """Mutable model objects cannot be hashed, as attrs makes ``eq=True`` mutable classes."""
    for cls in model.STRUCTURES:
        assert cls.__hash__ is None
        assert TWINS[cls].__hash__ is None


def test_the_command_line_reads_its_version_only_for_version() -> None:
    """``hpt-request validate`` does not import ``importlib.metadata`` (only ``--version`` and
    SARIF output read the installed version), nor the examples' resource reader."""
    example = Path(hpt_request.__file__).parent / "model" / "examples" / "seed-era.json"
    code = (
        "import io, json, sys\n"
        "from hpt_request.cli import main\n"
        f"status = main(['validate', {str(example)!r}], out=io.StringIO(), err=io.StringIO())\n"
        "print(json.dumps([status, 'importlib.metadata' in sys.modules, "
        "'hpt_request.model.examples' in sys.modules]))"
    )
    assert fresh(code) == [0, False, False]


def test_submodules_are_attributes_once_used() -> None:
    """``import hpt_request`` then ``hpt_request.check`` (or any subpackage) works, as it
    did when the package imported them all."""
    code = (
        "import sys, hpt_request\n"
        "assert 'hpt_request.check' not in sys.modules\n"
        "from hpt_request.model import examples\n"
        "request = examples.load('seed-era')\n"
        "assert hpt_request.check.validate(request) == []\n"
        "assert hpt_request.schema.engines.MAX_NODES > 0\n"
        "assert hpt_request.validate(request) == []\n"
        "print('true')\n"
    )
    assert fresh(code) is True


def test_the_first_check_reads_packaged_files_without_importlib_resources() -> None:
    """Checking a bundled example reads the example and (for problems) the schema through the
    package's loader: importlib.resources, which costs about ten milliseconds, stays out."""
    code = (
        "import sys, hpt_request\n"
        "from hpt_request.model import examples\n"
        "request = examples.load('seed-era')\n"
        "request['Tags'] = [{'Key': '', 'Value': 'v'}]\n"
        "assert [p.code for p in hpt_request.validate(request)] == ['minLength']\n"
        "print(str('importlib.resources' in sys.modules).lower())\n"
    )
    assert fresh(code) is False


@pytest.mark.parametrize("name", ["../model", "a/b", "", "nope", "seed-era.json"])
def test_an_example_name_is_never_a_path(name: str) -> None:
    """Only the bundled examples' names read a file."""
    with pytest.raises(KeyError):
        examples.text(name)
