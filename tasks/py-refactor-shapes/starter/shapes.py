import math


def area(kind, *dims):
    if kind == "circle":
        return math.pi * dims[0] * dims[0]
    if kind == "rect":
        return dims[0] * dims[1]
    if kind == "square":
        return dims[0] * dims[0]
    raise ValueError("unknown kind")
