"""numpy by hand on W2 (lean: no dA0), W3 (1024 and 2048) and W4, as WORKLOADS.md defines them.

python3 numpy_peers.py [W2|W3|W4 ...]   (all three without arguments)
W3 under OPENBLAS_NUM_THREADS=1 is reported as "numpy (1 thread)", the per-core reference."""
import os
import sys

import numpy as np

from timing import run


def w2():
    rng = np.random.default_rng(1)
    dims = [12288, 20, 7, 5, 1]
    m = 209
    X = rng.random((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    W = [rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1]) for l in range(1, 5)]
    b = [np.zeros((dims[l], 1)) for l in range(1, 5)]

    def iteration():
        A = [X]
        Z = []
        for l in range(4):
            z = W[l] @ A[-1] + b[l]
            Z.append(z)
            A.append(np.maximum(z, 0) if l < 3 else 1 / (1 + np.exp(-z)))
        AL = A[-1]
        cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        dZ = AL - Y                                   # sigmoid with cross-entropy
        for l in range(3, -1, -1):
            dW = dZ @ A[l].T / m
            db = dZ.sum(axis=1, keepdims=True) / m
            if l > 0:                                  # lean: no dA0 = W1ᵀ·dZ1
                dA = W[l].T @ dZ
                dZ = dA * (Z[l - 1] > 0)
            W[l] -= 0.0075 * dW
            b[l] -= 0.0075 * db
        return cost

    run("W2", "numpy (lean)", "ms/iteration", 1e3, iteration, repeats=30, version=np.__version__)


def w3():
    rng = np.random.default_rng(2)
    # W3_SIZES (e.g. "64,128,256") runs other sizes for the growth curve; WORKLOADS.md's are 1024 and 2048.
    sizes = [int(n) for n in os.environ.get("W3_SIZES", "1024,2048").split(",")]
    for n in sizes:
        A = rng.standard_normal((n, n))
        B = rng.standard_normal((n, n))
        C = np.empty((n, n))
        one_thread = os.environ.get("OPENBLAS_NUM_THREADS") == "1"
        # Below 512 one product takes microseconds, less than the timer's and Python's own noise: time a
        # batch of products and report the time of one (the scale divides by the batch).
        batch = max(1, (512 // n) ** 3)

        def products():
            for _ in range(batch):
                np.matmul(A, B, out=C)

        rec = run("W3", "numpy (1 thread)" if one_thread else "numpy", "s", 1 / batch, products,
                  repeats=15 if n <= 1024 else 9, version=np.__version__, extra={"n": n, "batch": batch})
        print(f"# W3 n={n}: {2 * n ** 3 / rec['median'] / 1e9:.1f} GFLOP/s (median)", flush=True)


def w4():
    rng = np.random.default_rng(3)
    m = 1797
    X = rng.integers(0, 17, size=(64, m)) / 16.0
    labels = rng.integers(0, 10, size=m)
    Y = np.eye(10)[:, labels]

    def epochs():
        r = np.random.default_rng(4)
        W1 = r.standard_normal((32, 64)) * np.sqrt(2 / (64 + 32))
        b1 = np.zeros((32, 1))
        W2 = r.standard_normal((10, 32)) * np.sqrt(2 / (32 + 10))
        b2 = np.zeros((10, 1))
        params = [W1, b1, W2, b2]
        v = [np.zeros_like(p) for p in params]
        s = [np.zeros_like(p) for p in params]
        t = 0
        for _ in range(20):
            for start in range(0, m, 64):
                x = X[:, start:start + 64]
                y = Y[:, start:start + 64]
                k = x.shape[1]
                z1 = W1 @ x + b1
                a1 = np.maximum(z1, 0)
                z2 = W2 @ a1 + b2
                z2 = z2 - z2.max(axis=0, keepdims=True)
                p = np.exp(z2)
                p /= p.sum(axis=0, keepdims=True)
                dz2 = (p - y) / k
                grads = [None, None, dz2 @ a1.T, dz2.sum(axis=1, keepdims=True)]
                dz1 = (W2.T @ dz2) * (z1 > 0)
                grads[0] = dz1 @ x.T
                grads[1] = dz1.sum(axis=1, keepdims=True)
                t += 1
                for i, g in enumerate(grads):
                    v[i] = 0.9 * v[i] + 0.1 * g
                    s[i] = 0.999 * s[i] + 0.001 * g * g
                    params[i] -= 1e-3 * (v[i] / (1 - 0.9 ** t)) / (np.sqrt(s[i] / (1 - 0.999 ** t)) + 1e-8)

    run("W4", "numpy", "s/20 epochs", 1, epochs, repeats=10, version=np.__version__)


if __name__ == "__main__":
    chosen = sys.argv[1:] or ["W2", "W3", "W4"]
    for name in chosen:
        {"W2": w2, "W3": w3, "W4": w4}[name]()
