"""Reference values for the evaluation statistics, computed with numpy and scipy.

Reads a JSON list of {"op": ..., ...} cases on stdin and writes the list of answers. The
bootstrap cases redraw the same resamples as the TypeScript code (mulberry32, index =
floor(u * n)) and let scipy compute the percentile and BCa levels from them.
"""
import json
import math
import sys

try:
    import numpy as np
    from scipy import stats
    from scipy.stats import _resampling
except ImportError as e:  # the test reports this text
    sys.stderr.write(f"the statistics oracle needs numpy and scipy in python3: {e}\n")
    sys.exit(3)

M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    state = seed & M32

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return draw


def kappa_from_matrix(counts, weights=None):
    # The definition as sklearn's cohen_kappa_score computes it.
    c = np.asarray(counts, dtype=float)
    k = c.shape[0]
    expected = np.outer(c.sum(axis=1), c.sum(axis=0)) / c.sum()
    if weights is None:
        w = np.ones((k, k)) - np.eye(k)
    else:
        d = np.abs(np.subtract.outer(np.arange(k), np.arange(k)))
        w = d if weights == "linear" else d**2
    denominator = (w * expected).sum()
    if denominator == 0:
        return None
    return float(1 - (w * c).sum() / denominator)


def matrix_of(pairs, k):
    m = np.zeros((k, k))
    for a, b in pairs:
        m[a, b] += 1
    return m


def resample_indices(seed, n, resamples):
    draw = mulberry32(seed)
    return [[math.floor(draw() * n) for _ in range(n)] for _ in range(resamples)]


def answer(case):
    op = case["op"]
    if op == "kappa":
        return kappa_from_matrix(matrix_of(case["pairs"], case["k"]), case.get("weights"))
    if op == "spearman":
        return float(stats.spearmanr(case["x"], case["y"]).statistic)
    if op == "pointbiserial":
        return float(stats.pointbiserialr(case["outcomes"], case["scores"]).statistic)
    if op == "auc":
        s = np.asarray(case["scores"], dtype=float)
        o = np.asarray(case["outcomes"], dtype=bool)
        u = stats.mannwhitneyu(s[o], s[~o]).statistic
        return float(u / (o.sum() * (~o).sum()))
    if op == "wilson":
        ci = stats.binomtest(case["k"], case["n"]).proportion_ci(case["level"], method="wilson")
        return [float(ci.low), float(ci.high)]
    if op == "mcnemar":
        b, c = case["b"], case["c"]
        return 1.0 if b + c == 0 else float(stats.binomtest(min(b, c), b + c, 0.5).pvalue)
    if op == "t_interval":
        ci = stats.ttest_1samp(case["x"], 0).confidence_interval(case["level"])
        return [float(ci.low), float(ci.high)]
    if op == "quantiles":
        return {
            "norm_ppf": [float(stats.norm.ppf(p)) for p in case["p"]],
            "norm_cdf": [float(stats.norm.cdf(x)) for x in case["x"]],
            "t_ppf": [float(stats.t.ppf(p, df)) for p, df in zip(case["p"], case["df"])],
            "t_cdf": [float(stats.t.cdf(x, df)) for x, df in zip(case["x"], case["df"])],
        }
    if op == "bootstrap_mean":
        x = np.asarray(case["x"], dtype=float)
        idx = resample_indices(case["seed"], len(x), case["resamples"])
        theta = np.array([x[i].mean() for i in idx])
        alpha = (1 - case["level"]) / 2
        if case["method"] == "bca":
            lo, hi, _ = _resampling._bca_interval(
                (x,), lambda s, axis: np.mean(s, axis=axis), -1, alpha, theta, None, np
            )
            levels = [float(lo), float(hi)]
        else:
            levels = [alpha, 1 - alpha]
        ci = [float(v) for v in stats.quantile(theta, np.asarray(levels))]
        # scipy's BCa is NaN when the acceleration is 0/0 (all values equal).
        return None if any(math.isnan(v) for v in ci) else ci
    if op == "bootstrap_kappa":
        pairs = case["pairs"]
        k = case["k"]
        idx = resample_indices(case["seed"], len(pairs), case["resamples"])
        theta = [kappa_from_matrix(matrix_of([pairs[i] for i in r], k)) for r in idx]
        defined = np.array([t for t in theta if t is not None])
        alpha = (1 - case["level"]) / 2
        low, high = stats.quantile(defined, np.asarray([alpha, 1 - alpha]))
        return {"low": float(low), "high": float(high), "undefined": len(theta) - len(defined)}
    raise ValueError(f"unknown op {op}")


sys.stdout.write(json.dumps([answer(c) for c in json.load(sys.stdin)]))
