import unittest
from solution import is_palindrome


class PalindromeTest(unittest.TestCase):
    def test_empty(self):
        self.assertTrue(is_palindrome(""))

    def test_simple(self):
        self.assertTrue(is_palindrome("racecar"))
        self.assertFalse(is_palindrome("racecars"))

    def test_case_and_punctuation(self):
        self.assertTrue(is_palindrome("A man, a plan, a canal: Panama!"))

    def test_digits(self):
        self.assertTrue(is_palindrome("12a21"))
        self.assertFalse(is_palindrome("12a12"))

    def test_two_characters(self):
        self.assertFalse(is_palindrome("ab"))
        self.assertTrue(is_palindrome("a-A"))
