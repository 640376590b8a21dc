"""Files shipped inside the package, read through the package's own loader.

The loader reads from a directory or from a zip archive alike. ``importlib.resources`` does the
same, but importing it costs about ten milliseconds (it brings tempfile, shutil, zipfile and
the compression modules), which the first check of every process would pay.
"""

from __future__ import annotations

import os


def read_text(*parts: str) -> str:
    """The UTF-8 text of the packaged file at ``parts`` (relative to the ``hpt_request``
    package, for example ``("schemas", name)``); ``OSError`` if there is none."""
    loader = __spec__.loader if __spec__ is not None else None
    origin = __spec__.origin if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    if get_data is None or origin is None:  # an unusual loader: the standard way
        import importlib.resources

        resource = importlib.resources.files("hpt_request").joinpath(*parts)
        return resource.read_text(encoding="utf-8")
    package = os.path.dirname(os.path.dirname(origin))  # hpt_request/, above model/
    data: bytes = get_data(os.path.join(package, *parts))
    return data.decode("utf-8")
