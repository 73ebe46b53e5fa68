#!/bin/sh
# Regenerates the executed-notebook fixtures of src/notebook/cell_error_test.cc with the real
# Debian jupyter-nbconvert (6.5.3) and python3-ipykernel (6.17), exactly as cutover runs a
# notebook step: --execute --allow-errors, so the notebook is written although a cell fails.
set -eu
cd "$(dirname "$0")"
for nb in failing syntax_error; do
  PYDEVD_DISABLE_FILE_VALIDATION=1 jupyter nbconvert --to notebook --execute --allow-errors \
    --output "$nb.executed.ipynb" "$nb.ipynb"
done
