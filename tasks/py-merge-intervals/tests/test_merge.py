import unittest
from solution import merge


class MergeTest(unittest.TestCase):
    def test_empty(self):
        self.assertEqual(merge([]), [])

    def test_disjoint_sorted(self):
        self.assertEqual(merge([(5, 6), (1, 2)]), [(1, 2), (5, 6)])

    def test_overlap(self):
        self.assertEqual(merge([(1, 4), (2, 3), (6, 8), (7, 9)]), [(1, 4), (6, 9)])

    def test_touching(self):
        self.assertEqual(merge([(1, 3), (3, 5)]), [(1, 5)])

    def test_contained_and_points(self):
        self.assertEqual(merge([(0, 10), (2, 2), (10, 10), (11, 11)]), [(0, 10), (11, 11)])

    def test_input_unchanged(self):
        data = [(3, 4), (1, 2)]
        merge(data)
        self.assertEqual(data, [(3, 4), (1, 2)])
