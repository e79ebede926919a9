def encode(text):
    out = []
    for ch in text:
        if out and out[-1][0] == ch:
            out[-1] = (ch, out[-1][1] + 1)
        else:
            out.append((ch, 1))
    return out


def decode(pairs):
    return "".join(ch * n for ch, n in pairs)
