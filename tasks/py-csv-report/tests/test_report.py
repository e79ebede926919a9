import unittest
from solution import report

CSV = "city,temp,day\nOslo,3,1\nRome,15,1\n\nOslo,5,2\nRome,11,2\nLima,20,1\n"


class ReportTest(unittest.TestCase):
    def test_groups(self):
        self.assertEqual(report(CSV, "city", "temp"), [
            ("Rome", 2, 26.0, 11.0, 15.0),
            ("Lima", 1, 20.0, 20.0, 20.0),
            ("Oslo", 2, 8.0, 3.0, 5.0)])

    def test_tie_by_name(self):
        text = "k,v\nb,1\na,1\n"
        self.assertEqual([r[0] for r in report(text, "k", "v")], ["a", "b"])

    def test_unknown_column(self):
        with self.assertRaises(KeyError):
            report(CSV, "country", "temp")

    def test_bad_number_names_line(self):
        with self.assertRaises(ValueError) as e:
            report("k,v\na,1\nb,x\n", "k", "v")
        self.assertIn("3", str(e.exception))

    def test_header_only(self):
        self.assertEqual(report("k,v\n", "k", "v"), [])
