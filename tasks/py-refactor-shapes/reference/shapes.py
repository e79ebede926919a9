import math


class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r * self.r

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)


KINDS = {"circle": Circle, "rect": Rect, "square": Square}


def make(kind, *dims):
    if kind not in KINDS:
        raise ValueError("unknown kind")
    if any(d < 0 for d in dims):
        raise ValueError("negative size")
    return KINDS[kind](*dims)


def area(kind, *dims):
    return make(kind, *dims).area()
