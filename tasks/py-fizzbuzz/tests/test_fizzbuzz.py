import unittest
from solution import fizzbuzz


class FizzBuzzTest(unittest.TestCase):
    def test_empty(self):
        self.assertEqual(fizzbuzz(0), [])

    def test_first_five(self):
        self.assertEqual(fizzbuzz(5), ["1", "2", "Fizz", "4", "Buzz"])

    def test_fifteen(self):
        self.assertEqual(fizzbuzz(15)[-1], "FizzBuzz")

    def test_length(self):
        self.assertEqual(len(fizzbuzz(100)), 100)

    def test_counts(self):
        out = fizzbuzz(30)
        self.assertEqual(out.count("Fizz"), 8)
        self.assertEqual(out.count("Buzz"), 4)
        self.assertEqual(out.count("FizzBuzz"), 2)
