"""llmux test runner for Python tasks: runs the pristine unittest tests of a task and reports.

Invoked by the harness as: python3 -I -S -B llmux_runner.py WORKSPACE TESTS_DIR
The first line of standard input is a secret key. The result is one line on the original
standard output:  LLMUX-RESULT passed=P failed=F total=T mac=HMAC-SHA256(key, "passed=P failed=F total=T")
The key is read before any code of the workspace is imported, so a program that only prints,
exits early, edits files or patches sys.stdout cannot produce a line the harness accepts.
"""
import builtins
import hashlib
import hmac
import os
import signal
import sys
import unittest

PER_TEST_SECONDS = 3


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout("test took longer than %d s" % PER_TEST_SECONDS)


class _Result(unittest.TextTestResult):
    def startTest(self, test):
        signal.setitimer(signal.ITIMER_REAL, PER_TEST_SECONDS)
        super().startTest(test)

    def stopTest(self, test):
        signal.setitimer(signal.ITIMER_REAL, 0)
        super().stopTest(test)


_GUARDED_BUILTINS = ("isinstance", "issubclass", "len", "sorted", "list", "dict", "set", "tuple", "str", "int",
                     "float", "bool", "abs", "min", "max", "sum", "range", "type", "getattr", "hasattr", "repr",
                     "round", "all", "any", "iter", "next", "zip", "enumerate", "map", "filter", "reversed")


def _snapshot():
    """The objects a test verdict depends on, to notice code that patches the test framework."""
    snap = {}
    for cls in (unittest.TestCase, unittest.TestResult, unittest.TextTestResult, unittest.TestSuite,
                unittest.TextTestRunner, unittest.TestLoader, _Result):
        for name, value in list(vars(cls).items()):
            snap[(cls.__name__, name)] = value
    for name in _GUARDED_BUILTINS:
        snap[("builtins", name)] = getattr(builtins, name)
    snap[("sys", "meta_path")] = tuple(sys.meta_path)
    snap[("sys", "path_hooks")] = tuple(sys.path_hooks)
    return snap


def _modified(snap):
    changed = []
    for (owner, name), value in snap.items():
        if owner == "sys":
            current = tuple(getattr(sys, name))
            if len(current) != len(value) or any(a is not b for a, b in zip(current, value)):
                changed.append("sys." + name)
            continue
        holder = builtins if owner == "builtins" else None
        if holder is None:
            for cls in (unittest.TestCase, unittest.TestResult, unittest.TextTestResult, unittest.TestSuite,
                        unittest.TextTestRunner, unittest.TestLoader, _Result):
                if cls.__name__ == owner:
                    holder = cls
                    break
            current = vars(holder).get(name, None)
        else:
            current = getattr(holder, name, None)
        if current is not value:
            changed.append("%s.%s" % (owner, name))
    return changed


def main():
    key = sys.stdin.readline().strip().encode("ascii")
    sys.stdin.close()
    out_fd = os.dup(1)
    workspace, tests = sys.argv[1], sys.argv[2]
    sys.path.append(workspace)
    signal.signal(signal.SIGALRM, _alarm)
    snap = _snapshot()
    try:
        suite = unittest.TestLoader().discover(tests, pattern="test*.py", top_level_dir=tests)
        runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=2, resultclass=_Result)
        result = runner.run(suite)
        total = result.testsRun
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses) + len(result.skipped)
        passed = total - failed
        changed = _modified(snap)
        if changed:
            print("llmux runner: the code under test modified the test framework (%s): every test counts as failed"
                  % ", ".join(sorted(changed)[:5]), file=sys.stderr)
            passed, failed = 0, total
    except BaseException as e:  # a test module that kills discovery counts as all failed
        print("llmux runner: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        passed, failed, total = 0, 0, 0
    msg = "passed=%d failed=%d total=%d" % (passed, failed, total)
    mac = hmac.new(key, msg.encode("ascii"), hashlib.sha256).hexdigest()
    os.write(out_fd, ("\nLLMUX-RESULT %s mac=%s\n" % (msg, mac)).encode("ascii"))
    os._exit(0)


main()
