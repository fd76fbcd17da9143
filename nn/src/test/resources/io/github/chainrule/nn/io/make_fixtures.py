"""Rebuilds the test fixtures in this folder with numpy and the safetensors reference implementation.

Run from this folder:  python3 make_fixtures.py
Needs numpy (here 2.4.6) and the `safetensors` package (here 0.8.0, the Hugging Face reference
implementation, used through safetensors.numpy). Also writes expected_f64.txt: for every float64
tensor, its name, shape and the 64 raw bits of each element in C order, so that the Java tests can
check that loading is bit-exact without trusting either reader.
"""
import numpy as np
from safetensors.numpy import save_file

rng = np.random.default_rng(20240611)

params = {
    "layer1.W": rng.standard_normal((3, 4)) * 0.01,
    "layer1.b": np.zeros((3, 1)),
    "layer2.W": rng.standard_normal((1, 3)) * np.sqrt(2 / 3),
    "layer2.b": np.array([[0.25]]),
    "adam.t": np.array(7.0),                      # a scalar, shape ()
    "specials": np.array([np.nan, -0.0, np.inf, -np.inf, 5e-324, np.finfo(np.float64).max, 1 / 3]),
    "empty": np.zeros((0, 3)),
    "cube": np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7,
}

np.savez("numpy_savez.npz", **params)
np.savez_compressed("numpy_savez_compressed.npz", **params)
save_file(params, "reference.safetensors", metadata={"format": "np", "epoch": "12"})

with open("expected_f64.txt", "w") as f:
    for name, a in params.items():
        bits = " ".join("%016x" % b for b in a.astype("<f8").reshape(-1).view("<u8"))
        f.write("%s|%s|%s\n" % (name, ",".join(str(d) for d in a.shape), bits))

# Other dtypes: each holds small values that a double represents exactly.
other = {
    "f4": np.array([[1.5, -2.25], [3.0e-5, 65504.0]], dtype="<f4"),
    "f2": np.array([1.0, -0.5, 65504.0, 6.0e-8], dtype="<f2"),
    "i8": np.array([-3, 0, 2**53], dtype="<i8"),
    "i4": np.array([[-7, 8]], dtype="<i4"),
    "u1": np.array([0, 128, 255], dtype="|u1"),
    "b1": np.array([True, False, True]),
}
np.savez("numpy_dtypes.npz", **other, big_endian=np.array([1.25, -8.0], dtype=">f8"),
         fortran=np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
save_file({k: v for k, v in other.items()}, "reference_dtypes.safetensors")

np.savez("numpy_complex.npz", z=np.array([1 + 2j]))
np.savez("numpy_too_large_int.npz", big=np.array([2**53 + 1], dtype="<i8"))
