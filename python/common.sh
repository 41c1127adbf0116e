# python/common.sh — paths shared by the CPython scripts (sourced).
# CACHE: build products outside the clone, keyed by their inputs.
# OUT:   generated output inside the clone (links to the products, logs,
#        test results).
CACHE="${SIGEMU_CACHE:-$HOME/.cache/sigemu}/cpython"
OUT="$root/build/cpython"
