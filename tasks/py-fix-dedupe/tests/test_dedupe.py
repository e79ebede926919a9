import unittest
from dedupe import dedupe


class DedupeTest(unittest.TestCase):
    def test_order_kept(self):
        self.assertEqual(dedupe([3, 1, 3, 2, 1]), [3, 1, 2])

    def test_empty(self):
        self.assertEqual(dedupe([]), [])

    def test_strings(self):
        self.assertEqual(dedupe(["b", "a", "b"]), ["b", "a"])

    def test_no_repeats(self):
        self.assertEqual(dedupe([1, 2, 3]), [1, 2, 3])
