import unittest
from stats import mean, median, mode


class StatsTest(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(mean([1, 2, 3, 4]), 2.5)

    def test_median_odd(self):
        self.assertEqual(median([5, 1, 3]), 3)

    def test_median_even(self):
        self.assertEqual(median([4, 1, 3, 2]), 2.5)

    def test_median_keeps_input(self):
        xs = [3, 1, 2]
        median(xs)
        self.assertEqual(xs, [3, 1, 2])

    def test_mode_tie_smallest(self):
        self.assertEqual(mode([3, 1, 3, 1, 2]), 1)

    def test_mode_single(self):
        self.assertEqual(mode([7, 7, 8]), 7)

    def test_empty(self):
        for f in (mean, median, mode):
            with self.assertRaises(ValueError):
                f([])
