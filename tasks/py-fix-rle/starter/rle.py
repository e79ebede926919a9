def encode(text):
    out = []
    count = 0
    for i in range(1, len(text)):
        count += 1
        if text[i] != text[i - 1]:
            out.append((text[i - 1], count))
            count = 0
    return out


def decode(pairs):
    return "".join(ch * (n - 1) for ch, n in pairs)
