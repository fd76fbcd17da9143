"""PyTorch (float64, CPU) on W1, W3, W6 and W7, as WORKLOADS.md defines them.

python3 torch_peers.py THREADS [W1|W3|W6|W7 ...]   (all four without workload names)"""
import sys

import torch

from timing import run


def w1():
    g = torch.Generator().manual_seed(1)
    steps = 50_000
    x0 = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    w = [torch.empty((), dtype=torch.float64).uniform_(0.99, 1.01, generator=g).requires_grad_() for _ in range(steps)]
    c = [torch.empty((), dtype=torch.float64).uniform_(-1, 1, generator=g).requires_grad_() for _ in range(steps)]
    leaves = [x0] + w + c

    def chain():
        for p in leaves:
            p.grad = None
        x = x0
        for i in range(steps):
            x = x * w[i] + c[i]
        x.backward()

    rec = run("W1", "torch", "s", 1, chain, warmup=1, repeats=5, version=torch.__version__)
    print(f"# W1: {rec['median'] / (2 * steps) * 1e9:,.0f} ns/node (median)", flush=True)


def w3():
    g = torch.Generator().manual_seed(2)
    for n in (1024, 2048):
        A = torch.randn(n, n, dtype=torch.float64, generator=g)
        B = torch.randn(n, n, dtype=torch.float64, generator=g)
        C = torch.empty(n, n, dtype=torch.float64)
        rec = run("W3", "torch", "s", 1, lambda: torch.matmul(A, B, out=C), repeats=15 if n == 1024 else 9,
                  version=torch.__version__, extra={"n": n})
        print(f"# W3 n={n}: {2 * n ** 3 / rec['median'] / 1e9:.1f} GFLOP/s (median)", flush=True)


def w6():
    g = torch.Generator().manual_seed(6)
    x = torch.rand(64, 1, 28, 28, dtype=torch.float64, generator=g)
    y = torch.randint(0, 10, (64,), generator=g)

    def he(*shape, fan_in):
        return (torch.randn(*shape, dtype=torch.float64, generator=g) * (2 / fan_in) ** 0.5).requires_grad_()

    params = [he(6, 1, 5, 5, fan_in=25), torch.zeros(6, dtype=torch.float64, requires_grad=True),
              he(16, 6, 5, 5, fan_in=150), torch.zeros(16, dtype=torch.float64, requires_grad=True),
              he(120, 400, fan_in=400), torch.zeros(120, dtype=torch.float64, requires_grad=True),
              he(84, 120, fan_in=120), torch.zeros(84, dtype=torch.float64, requires_grad=True),
              he(10, 84, fan_in=84), torch.zeros(10, dtype=torch.float64, requires_grad=True)]
    F = torch.nn.functional

    def step():
        c1w, c1b, c2w, c2b, d1w, d1b, d2w, d2b, d3w, d3b = params
        h = F.max_pool2d(F.relu(F.conv2d(x, c1w, c1b, padding=2)), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, c2w, c2b)), 2)
        h = h.flatten(1)
        h = F.relu(F.linear(h, d1w, d1b))
        h = F.relu(F.linear(h, d2w, d2b))
        loss = F.cross_entropy(F.linear(h, d3w, d3b), y)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.01 * p.grad

    run("W6", "torch", "ms/step", 1e3, step, repeats=30, version=torch.__version__)


def w7():
    g = torch.Generator().manual_seed(7)
    x = torch.randn(8, 128, 64, dtype=torch.float64, generator=g)
    Ws = [(torch.randn(64, 64, dtype=torch.float64, generator=g) / 8).requires_grad_() for _ in range(4)]

    def iteration():
        Wq, Wk, Wv, Wo = Ws
        heads = lambda t: t.reshape(8, 128, 4, 16).transpose(1, 2)          # (8, 4, 128, 16)
        q, k, v = heads(x @ Wq), heads(x @ Wk), heads(x @ Wv)
        A = torch.softmax(q @ k.transpose(-2, -1) / 4, dim=-1)
        o = (A @ v).transpose(1, 2).reshape(8, 128, 64)
        loss = ((o @ Wo) ** 2).mean()
        for W in Ws:
            W.grad = None
        loss.backward()

    run("W7", "torch", "ms/iteration", 1e3, iteration, repeats=30, version=torch.__version__)


if __name__ == "__main__":
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    chosen = sys.argv[2:] or ["W1", "W3", "W6", "W7"]
    for name in chosen:
        {"W1": w1, "W3": w3, "W6": w6, "W7": w7}[name]()
