def report(text, group, value):
    lines = [l for l in text.splitlines()]
    header = lines[0].split(",")
    if group not in header or value not in header:
        raise KeyError(group if group not in header else value)
    gi = header.index(group)
    vi = header.index(value)
    stats = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split(",")
        try:
            v = float(fields[vi])
        except ValueError:
            raise ValueError("line " + str(number) + ": not a number")
        g = fields[gi]
        if g in stats:
            c, s, lo, hi = stats[g]
            stats[g] = (c + 1, s + v, min(lo, v), max(hi, v))
        else:
            stats[g] = (1, v, v, v)
    rows = [(g,) + t for g, t in stats.items()]
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows
