import unittest
from solution import wrap


class WrapTest(unittest.TestCase):
    def test_greedy(self):
        self.assertEqual(wrap("the quick brown fox", 10), ["the quick", "brown fox"])

    def test_exact_fit(self):
        self.assertEqual(wrap("ab cd", 5), ["ab cd"])

    def test_long_word(self):
        self.assertEqual(wrap("abcdefg h", 3), ["abc", "def", "g h"])

    def test_blank(self):
        self.assertEqual(wrap("   ", 4), [])

    def test_whitespace(self):
        self.assertEqual(wrap("a\n\tb", 3), ["a b"])

    def test_width_one(self):
        self.assertEqual(wrap("ab c", 1), ["a", "b", "c"])

    def test_word_of_exact_width(self):
        self.assertEqual(wrap("abc de", 3), ["abc", "de"])

    def test_no_room_for_the_space(self):
        self.assertEqual(wrap("aa bb", 4), ["aa", "bb"])

    def test_bad_width(self):
        with self.assertRaises(ValueError):
            wrap("a", 0)
