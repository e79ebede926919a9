import unittest
from ledger import Ledger
from report import summary


class LedgerReportTest(unittest.TestCase):
    def test_deposit_and_balance(self):
        l = Ledger()
        l.deposit("a", 5)
        l.deposit("a", 7)
        self.assertEqual(l.balance("a"), 12)
        self.assertEqual(l.balance("never"), 0)

    def test_withdraw(self):
        l = Ledger()
        l.deposit("a", 10)
        l.withdraw("a", 10)
        self.assertEqual(l.balance("a"), 0)

    def test_overdraw_changes_nothing(self):
        l = Ledger()
        l.deposit("a", 3)
        with self.assertRaises(ValueError):
            l.withdraw("a", 4)
        self.assertEqual(l.balance("a"), 3)

    def test_non_positive_amounts(self):
        l = Ledger()
        for bad in (0, -1):
            with self.assertRaises(ValueError):
                l.deposit("a", bad)
            with self.assertRaises(ValueError):
                l.withdraw("a", bad)

    def test_accounts_sorted(self):
        l = Ledger()
        l.deposit("b", 1)
        l.deposit("a", 1)
        self.assertEqual(l.accounts(), ["a", "b"])

    def test_summary(self):
        l = Ledger()
        l.deposit("b", 9)
        l.deposit("a", 4)
        l.deposit("c", 9)
        self.assertEqual(summary(l), {"total": 22, "largest": "b", "overdrawn": []})

    def test_summary_empty(self):
        self.assertEqual(summary(Ledger()), {"total": 0, "largest": None, "overdrawn": []})
