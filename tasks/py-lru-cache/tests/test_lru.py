import unittest
from solution import LRUCache


class LruTest(unittest.TestCase):
    def test_get_missing(self):
        self.assertIsNone(LRUCache(2).get("x"))

    def test_put_get(self):
        c = LRUCache(2)
        c.put("a", 1)
        self.assertEqual(c.get("a"), 1)

    def test_evicts_least_recent(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.put("c", 3)
        self.assertIsNone(c.get("a"))
        self.assertEqual(c.get("b"), 2)
        self.assertEqual(len(c), 2)

    def test_get_refreshes(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.get("a")
        c.put("c", 3)
        self.assertEqual(c.get("a"), 1)
        self.assertIsNone(c.get("b"))

    def test_put_replaces_and_refreshes(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.put("a", 10)
        c.put("c", 3)
        self.assertEqual(c.get("a"), 10)
        self.assertIsNone(c.get("b"))
        self.assertEqual(len(c), 2)

    def test_capacity_one(self):
        c = LRUCache(1)
        c.put(1, "x")
        c.put(2, "y")
        self.assertIsNone(c.get(1))
        self.assertEqual(c.get(2), "y")

    def test_many_operations_are_fast(self):
        c = LRUCache(1000)
        for i in range(200000):
            c.put(i, i)
            c.get(i - 500)
        self.assertEqual(len(c), 1000)
