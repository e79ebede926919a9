import math
import unittest
from shapes import area, make, Circle, Rect, Square


class ShapesTest(unittest.TestCase):
    def test_old_area_still_works(self):
        self.assertEqual(area("rect", 2, 3), 6)
        self.assertEqual(area("square", 4), 16)
        self.assertAlmostEqual(area("circle", 1), math.pi)

    def test_unknown_kind(self):
        with self.assertRaises(ValueError):
            area("hexagon", 1)

    def test_classes(self):
        self.assertEqual(Rect(2, 5).perimeter(), 14)
        self.assertEqual(Square(3).area(), 9)
        self.assertAlmostEqual(Circle(2).perimeter(), 4 * math.pi)

    def test_make(self):
        self.assertIsInstance(make("square", 2), Square)
        self.assertEqual(make("rect", 1, 4).area(), 4)

    def test_negative_size(self):
        with self.assertRaises(ValueError):
            make("rect", -1, 2)
