from collections import Counter


def mean(xs):
    if not xs:
        raise ValueError("empty")
    return sum(xs) / len(xs)


def median(xs):
    if not xs:
        raise ValueError("empty")
    s = sorted(xs)
    mid = len(s) // 2
    if len(s) % 2 == 1:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def mode(xs):
    if not xs:
        raise ValueError("empty")
    counts = Counter(xs)
    best = max(counts.values())
    return min(x for x, c in counts.items() if c == best)
