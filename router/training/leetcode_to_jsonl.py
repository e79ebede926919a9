#!/usr/bin/env python3
"""Turns a checkout (or bare git directory) of github.com/doocs/leetcode into the JSONL that
`llmux router estimator train --data FILE` reads: one line per problem,
{"id": "leetcode-0042", "source": "doocs/leetcode", "difficulty": "HARD", "text": "..."}.

The text is the problem statement (the part before "Example 1") and its constraints, HTML
stripped. Problems tagged Database, Shell or Pandas are left out: their text is a table schema,
not a programming task. The problem statements belong to LeetCode; the doocs/leetcode
repository is CC BY-SA 4.0. llmux ships only what it derives (weights and 32-number features),
never this text: keep the JSONL out of the repository.

Usage: leetcode_to_jsonl.py GIT_DIR [REV] > leetcode.jsonl
"""
import html
import json
import re
import subprocess
import sys

LEFT_OUT_TAGS = {"Database", "Shell", "Pandas"}
LABELS = {"Easy": "EASY", "Medium": "MEDIUM", "Hard": "HARD"}


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout.decode("utf-8", "replace")


def strip_html(fragment):
    fragment = re.sub(r"<sup>(.*?)</sup>", r"^\1", fragment, flags=re.S)
    fragment = re.sub(r"<img[^>]*>", " ", fragment)
    fragment = re.sub(r"<(li)[^>]*>", "\n- ", fragment)
    fragment = re.sub(r"</?(p|ul|ol|pre|div|br)[^>]*>", "\n", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    fragment = html.unescape(fragment).replace("\u00a0", " ")
    fragment = re.sub(r"[ \t]+", " ", fragment)
    return re.sub(r"\n\s*\n+", "\n", fragment).strip()


def main():
    git_dir = sys.argv[1]
    rev = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    paths = [p for p in git(git_dir, "ls-tree", "-r", "--name-only", rev, "solution").splitlines()
             if p.endswith("/README_EN.md")]
    for path in sorted(paths):
        doc = git(git_dir, "show", f"{rev}:{path}")
        front = re.match(r"---\n(.*?)\n---", doc, re.S)
        if not front:
            continue
        meta = front.group(1)
        level = re.search(r"^difficulty:\s*(\w+)", meta, re.M)
        if not level or level.group(1) not in LABELS:
            continue
        tags = set(re.findall(r"^\s*-\s*(.+?)\s*$", meta, re.M))
        if tags & LEFT_OUT_TAGS:
            continue
        body = re.search(r"<!-- description:start -->(.*?)<!-- description:end -->", doc, re.S)
        number = re.search(r"/(\d{4})\.", path)
        if not body or not number:
            continue
        desc = body.group(1)
        statement = re.split(r"<strong[^>]*>\s*Example\s*1", desc, maxsplit=1)[0]
        constraints = re.split(r"<strong>\s*Constraints:?\s*</strong>", desc, maxsplit=1)
        text = strip_html(statement)
        if len(constraints) > 1:
            text += "\nConstraints:\n" + strip_html(constraints[1])
        if len(text) < 40:
            continue
        print(json.dumps({"id": "leetcode-" + number.group(1), "source": "doocs/leetcode",
                          "difficulty": LABELS[level.group(1)], "text": text},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
