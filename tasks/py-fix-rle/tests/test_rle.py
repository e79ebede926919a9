import unittest
from rle import encode, decode


class RleTest(unittest.TestCase):
    def test_encode(self):
        self.assertEqual(encode("aaab"), [("a", 3), ("b", 1)])

    def test_encode_last_run(self):
        self.assertEqual(encode("abb"), [("a", 1), ("b", 2)])

    def test_encode_empty(self):
        self.assertEqual(encode(""), [])

    def test_decode(self):
        self.assertEqual(decode([("x", 2), ("y", 1)]), "xxy")

    def test_round_trip(self):
        for s in ("", "a", "aabbbc", "abcabc"):
            self.assertEqual(decode(encode(s)), s)
