import re
from collections import Counter


def top_words(text, k):
    words = re.findall(r"[a-z']+", text.lower())
    counts = Counter(words)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:k]
