import unittest
from solution import top_words


class TopWordsTest(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(top_words("b a b c b a", 2), [("b", 3), ("a", 2)])

    def test_case_insensitive(self):
        self.assertEqual(top_words("The the THE cat", 1), [("the", 3)])

    def test_ties_alphabetical(self):
        self.assertEqual(top_words("pear apple fig", 3), [("apple", 1), ("fig", 1), ("pear", 1)])

    def test_punctuation_and_apostrophes(self):
        self.assertEqual(top_words("don't stop, don't! Stop.", 2), [("don't", 2), ("stop", 2)])

    def test_fewer_than_k(self):
        self.assertEqual(top_words("one", 5), [("one", 1)])

    def test_zero_and_empty(self):
        self.assertEqual(top_words("a b", 0), [])
        self.assertEqual(top_words("", 3), [])
