import unittest
from solution import from_roman, to_roman


class RomanTest(unittest.TestCase):
    def test_small(self):
        self.assertEqual([to_roman(i) for i in range(1, 11)],
                         ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"])

    def test_subtractive(self):
        self.assertEqual(to_roman(40), "XL")
        self.assertEqual(to_roman(90), "XC")
        self.assertEqual(to_roman(400), "CD")
        self.assertEqual(to_roman(944), "CMXLIV")

    def test_large(self):
        self.assertEqual(to_roman(3999), "MMMCMXCIX")
        self.assertEqual(to_roman(2024), "MMXXIV")

    def test_out_of_range(self):
        for bad in (0, -1, 4000):
            with self.assertRaises(ValueError):
                to_roman(bad)

    def test_from_roman(self):
        self.assertEqual(from_roman("MCMXCIV"), 1994)
        self.assertEqual(from_roman("IV"), 4)

    def test_round_trip(self):
        for i in range(1, 4000):
            self.assertEqual(from_roman(to_roman(i)), i)
