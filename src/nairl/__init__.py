"""NAIRL Hub."""

import os

# The research cores run many small array operations; on those, BLAS threads only contend with
# each other and with the server's workers. One per process, unless the environment says more.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
