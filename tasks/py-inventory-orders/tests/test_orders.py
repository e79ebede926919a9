import unittest
from inventory import Inventory
from orders import place


class OrdersTest(unittest.TestCase):
    def setUp(self):
        self.inv = Inventory()
        self.inv.add("apple", 5)
        self.inv.add("pear", 2)

    def test_stock(self):
        self.assertEqual(self.inv.stock("apple"), 5)
        self.assertEqual(self.inv.stock("kiwi"), 0)

    def test_take_too_many(self):
        with self.assertRaises(ValueError):
            self.inv.take("pear", 3)
        self.assertEqual(self.inv.stock("pear"), 2)

    def test_add_bad(self):
        with self.assertRaises(ValueError):
            self.inv.add("apple", 0)

    def test_place(self):
        self.assertEqual(place(self.inv, [("apple", 2), ("pear", 1)]), 3)
        self.assertEqual(self.inv.stock("apple"), 3)

    def test_all_or_nothing(self):
        with self.assertRaises(ValueError):
            place(self.inv, [("apple", 1), ("pear", 3)])
        self.assertEqual(self.inv.stock("apple"), 5)

    def test_repeated_sku(self):
        with self.assertRaises(ValueError):
            place(self.inv, [("pear", 2), ("pear", 1)])
        self.assertEqual(self.inv.stock("pear"), 2)

    def test_exact_stock(self):
        self.assertEqual(place(self.inv, [("pear", 1), ("pear", 1)]), 2)
        self.assertEqual(self.inv.stock("pear"), 0)
