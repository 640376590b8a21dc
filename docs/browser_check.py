"""Docs build check: the notebook rendering of a request, looked at in a real browser.

Run by ``.ci/run`` after the site is built (``python docs/browser_check.py [SCREENSHOT.png]``):

1. a notebook is executed offline by nbclient in a real ipykernel; a bare ``request`` cell of a
   request with errors and a warning gives the HTML Jupyter would show;
2. that HTML is put in a page and headless Chromium takes a screenshot of it;
3. the screenshot's pixels must show the error colour and the warning colour of
   :data:`hpt_request.text.display.STYLE` (the styles are inline, so a notebook without our
   stylesheet shows them too), and the page must not be blank;
4. the same HTML, in a window :data:`NARROW` pixels wide (a notebook beside a file browser)
   under a stylesheet that keeps ``code`` on one line as notebooks' stylesheets may, must fit:
   a script in the page measures every problem, cell and line, and none may reach past the
   right edge (long wire paths wrap), nor may a cell of one short word be broken inside it.

Exit status 0 when all holds, 1 otherwise (with the reason), 2 when Chromium is not installed.
"""

from __future__ import annotations

import html as html_module
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import nbclient
import nbformat

from hpt_request.text.display import STYLE

CELL = """\
from hpt_request import Continuous, Integer, tuning_job

request = tuning_job(
    "churn-xgb-1",
    objective_metric="validation:auc",
    search_space={"eta": Continuous(0, 0.3, scaling="Logarithmic"), "max_depth": Integer(3, 10)},
    image="683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    role="arn:aws:iam::123456789012:role/SageMakerRole",
    output_path="s3://bucket/output/",
    strategy="Hyperband",
    early_stopping="Auto",
    max_jobs=30,
    max_parallel=20,
)
request
"""


NARROW = 900
# Measures the page once loaded, and writes what it found into the page for --dump-dom.
MEASURE = r"""<style>code { white-space: pre; }</style>
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll("li, td, th, div, p, code")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .map((element) => element.textContent.slice(0, 60));
  // A data cell of one word of at most 24 characters (no space or hyphen, where a line may
  // break) is on one line: not broken mid-word.
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  };
  const broken = [...document.querySelectorAll("td, th")]
    .filter((cell) => !cell.querySelector("ul"))
    .filter((cell) => /^[^\s-]{1,24}$/.test(cell.textContent) && lines(cell) > 1)
    .map((cell) => cell.textContent);
  const found = document.createElement("pre");
  found.id = "measured";
  const scroll = document.documentElement.scrollWidth;
  found.textContent = JSON.stringify({width, scroll, over, broken});
  document.body.appendChild(found);
});
</script>"""
# A second cell: a request with several definitions, whose wire paths are the longest.
LONG_PATHS = """\
from hpt_request import from_wire
from hpt_request.model import examples

wire = examples.load("multi-algorithm")
definition = wire["TrainingJobDefinitions"][1]
definition["HyperParameterRanges"]["IntegerParameterRanges"][0]["MinValue"] = "0x10"
definition["HyperParameterRanges"]["CategoricalParameterRanges"][0]["Values"] = ["gini", "gini"]
request = from_wire(wire, rules=False)
request
"""


def notebook_html() -> str:
    """The HTML a notebook shows for the cell above."""
    return "".join(notebook_outputs(CELL))


def notebook_outputs(*cells: str) -> list[str]:
    """The HTML a notebook shows for each of ``cells``, run in one kernel."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(cell) for cell in cells]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    found = []
    for cell in notebook.cells:
        (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
        found.append(result.data["text/html"])
    return found


def overflowing(chromium: str, html: str, folder: Path) -> list[str]:
    """What of ``html`` reaches past the right edge of a window :data:`NARROW` pixels wide."""
    page = Path(folder) / "narrow.html"
    page.write_text(
        f'<!doctype html><meta charset="utf-8"><body>{html}{MEASURE}</body>', encoding="utf-8"
    )
    dumped = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={NARROW},1000",
            "--dump-dom",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    start = dumped.find('<pre id="measured">')
    if start < 0:
        return ["the page was not measured"]
    text = dumped[start + len('<pre id="measured">') : dumped.find("</pre>", start)]
    measured = json.loads(html_module.unescape(text))
    print(
        f"browser check: {measured['scroll']} pixels of content in a {measured['width']}-pixel "
        f"window, {len(measured['over'])} elements past its edge"
    )
    return [
        *(f"past the right edge at {NARROW} px: {shown!r}" for shown in measured["over"]),
        *(f"a word broken at {NARROW} px: {shown!r}" for shown in measured["broken"]),
    ]


def pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, data, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or color not in (2, 6) or interlace != 0:
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {color})")
    size = 3 if color == 2 else 4
    raw = zlib.decompress(data)
    stride = width * size
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = row[x - size] if x >= size else 0
            up = previous[x]
            corner = previous[x - size] if x >= size else 0
            if kind == 1:
                row[x] = (row[x] + left) & 0xFF
            elif kind == 2:
                row[x] = (row[x] + up) & 0xFF
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )
                row[x] = (row[x] + near[2]) & 0xFF
        rows.append(row)
        previous = row
    found = [(row[x], row[x + 1], row[x + 2]) for row in rows for x in range(0, stride, size)]
    return width, height, found


def _rgb(style: str) -> tuple[int, int, int]:
    code = style.split("#", 1)[1][:6]
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def near(found: list[tuple[int, int, int]], colour: tuple[int, int, int]) -> int:
    """How many pixels are within a small distance of ``colour`` (text is anti-aliased)."""
    return sum(1 for p in found if sum(abs(a - b) for a, b in zip(p, colour, strict=True)) <= 24)


def main(argv: list[str]) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("browser check: chromium is not installed", file=sys.stderr)
        return 2
    outputs = notebook_outputs(CELL, LONG_PATHS)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "request.html"
        page.write_text(
            f'<!doctype html><meta charset="utf-8"><body>{outputs[0]}</body>',
            encoding="utf-8",
        )
        shot = Path(argv[0]) if argv else Path(folder) / "request.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1400,1000",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        width, height, found = pixels(shot.read_bytes())
        problems = overflowing(chromium, "".join(outputs), Path(folder))
    for kind in ("error", "warning"):
        count = near(found, _rgb(STYLE[kind]))
        print(f"browser check: {count} pixels in the {kind} colour")
        if count < 50:
            problems.append(f"the {kind} colour is not on the screen")
    light = sum(1 for p in found if min(p) > 235)
    if light == len(found):
        problems.append("the page is blank")
    for problem in problems:
        print(f"browser check: {problem}", file=sys.stderr)
    print(f"browser check: {width}x{height} screenshot, {'FAILED' if problems else 'OK'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
