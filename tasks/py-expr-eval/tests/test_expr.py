import unittest
from solution import evaluate


class ExprTest(unittest.TestCase):
    def test_literal(self):
        self.assertEqual(evaluate("42"), 42)

    def test_precedence(self):
        self.assertEqual(evaluate("2 + 3 * 4"), 14)
        self.assertEqual(evaluate("(2 + 3) * 4"), 20)

    def test_left_associative(self):
        self.assertEqual(evaluate("10 - 4 - 3"), 3)
        self.assertEqual(evaluate("100 / 10 / 5"), 2)

    def test_truncating_division(self):
        self.assertEqual(evaluate("7 / 2"), 3)
        self.assertEqual(evaluate("-7 / 2"), -3)
        self.assertEqual(evaluate("7 / -2"), -3)

    def test_unary_minus(self):
        self.assertEqual(evaluate("-(2 + 3)"), -5)
        self.assertEqual(evaluate("--4"), 4)
        self.assertEqual(evaluate("2 * -3"), -6)

    def test_errors(self):
        for bad in ("", "1 +", "(1", "1 2", "2 * * 3", "a"):
            with self.assertRaises(ValueError, msg=bad):
                evaluate(bad)
        with self.assertRaises(ZeroDivisionError):
            evaluate("1 / (2 - 2)")

    def test_no_eval(self):
        import solution
        source = open(solution.__file__).read()
        self.assertNotIn("eval(", source.replace("def evaluate(", ""))
        self.assertNotIn("exec(", source)
