"""Executes a notebook headless (nbclient) and fails unless it ran clean and saved figures.

Clean: every code cell ran, none raised, none wrote to stderr (a warning is a defect to fix
in the notebook, not noise). Figures: at least --min-figures PNG files in --figures, each
decoding as an image with some non-white pixels (a blank plot is a failure too).

Usage: execute-notebook.py NOTEBOOK --output EXECUTED.ipynb --figures DIR [--min-figures N]
The notebook runs in its own folder; its environment (AFFLUENCE_RUN…) is inherited.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from PIL import Image


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--figures", type=Path, required=True)
    parser.add_argument("--min-figures", type=int, default=1)
    args = parser.parse_args()

    notebook = nbformat.read(args.notebook, as_version=4)
    problems = []
    with tempfile.TemporaryDirectory() as sockets:
        # Kernel and client talk over Unix sockets in a private folder, not over TCP.
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(notebook, km=kernel, timeout=600,
                                resources={"metadata": {"path": str(args.notebook.parent.resolve())}})
        try:
            client.execute()
        except CellExecutionError as error:
            problems.append(f"a cell raised:\n{error}")
    nbformat.write(notebook, args.output)

    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None and not problems:
            problems.append(f"cell {index} did not run")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {index} wrote to stderr:\n{output.get('text')}")

    figures = sorted(args.figures.glob("*.png"))
    if len(figures) < args.min_figures:
        problems.append(f"{len(figures)} PNG figure(s) in {args.figures} (expected at least {args.min_figures})")
    for path in figures:
        with Image.open(path) as image:
            image.load()
            grey = image.convert("L")
            inked = sum(grey.point(lambda v: 255 if v < 200 else 0).histogram()[255:])
            share = inked / (grey.width * grey.height)
            print(f"{path.name}: {grey.width}×{grey.height} px, {share:.1%} inked, {path.stat().st_size} bytes")
            if share < 0.01:
                problems.append(f"{path.name} is blank ({share:.2%} of its pixels inked; expected at least 1%)")

    if problems:
        print("notebook check FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"notebook ran clean ({sum(c.cell_type == 'code' for c in notebook.cells)} code cells), "
          f"{len(figures)} figures; executed copy: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
