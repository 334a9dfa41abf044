#!/usr/bin/python3
"""How often the analyzer joins a word's forms, measured on the forms the Swedish hunspell
dictionary itself makes of its entries: a random sample of lower-case entries of
sv_SE.dic is expanded by their inflectional suffix classes of sv_SE.aff (nouns' definite,
genitive and plural; verbs' tenses and passive; adjectives' comparison), and each form is
checked to share a whole-word index term (form or lemma, not a ~part) with its entry.
The dictionary's classes were written for spelling, not for this test, so no analyzer rule
was fitted to them; a form that fails is either an analyzer miss or an entry whose classes
cover two words (both are listed with -v).

usage: bench/dictionary_forms.py [-n ENTRIES] [--seed S] [-v N] ANALYZE
  ANALYZE    the protokoll-analyze binary
  -n         entries to sample (default 6000)
  --seed     sample seed (default 1)
  -v N       show N failed pairs per suffix class (default 0)"""
import argparse
import collections
import json
import random
import re
import subprocess
import sys

AFF = "/usr/share/hunspell/sv_SE.aff"
DIC = "/usr/share/hunspell/sv_SE.dic"
# The suffix classes that inflect (the others derive new words, make compound-initial
# forms or colon and hyphen forms). Present participles (-nde) and the past participles
# in -d/-de/-t of class P are words of their own to the analyzer, so they are left out.
INFLECTING = set("ABCDEFGHIJKLMNPR")


def read_rules():
    rules = collections.defaultdict(list)
    for line in open(AFF, encoding="utf-8"):
        p = line.split()
        if len(p) >= 5 and p[0] == "SFX":
            strip = "" if p[2] == "0" else p[2]
            add = p[3].split("/")[0]
            rules[p[1]].append((strip, "" if add == "0" else add, re.compile("(" + p[4] + ")$")))
    return rules


def sample_pairs(n, seed):
    rules = read_rules()
    entries = []
    for line in open(DIC, encoding="utf-8").read().splitlines()[1:]:
        word, _, flags = line.partition("/")
        # Names, forbidden words, affix-only stems, compound-only forms, hyphen and colon forms.
        if not word or not word[0].islower() or any(c in flags for c in "%¤Z!"):
            continue
        if "-" in word or ":" in word or " " in word:
            continue
        entries.append((word, flags))
    random.seed(seed)
    pairs = []
    for word, flags in random.sample(entries, min(n, len(entries))):
        for flag in flags:
            if flag not in INFLECTING:
                continue
            for strip, add, cond in rules[flag]:
                if "nde" in add or (flag == "P" and add in ("d", "de", "t")):
                    continue
                if not cond.search(word) or not word.endswith(strip):
                    continue
                form = word[: len(word) - len(strip)] + add
                if form != word:
                    pairs.append((flag, word, form))
    return pairs


def main():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("-h", "--help", action="store_true")
    ap.add_argument("-n", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", type=int, default=0)
    ap.add_argument("analyze", nargs="?")
    a = ap.parse_args()
    if a.help or not a.analyze:
        print(__doc__)
        return 0 if a.help else 2
    try:
        pairs = sample_pairs(a.n, a.seed)
    except OSError as e:
        sys.exit(f"dictionary_forms.py: cannot read the dictionary: {e} (install hunspell-sv)")
    words = sorted({w for _, x, y in pairs for w in (x, y)})
    out = subprocess.run([a.analyze, "--json"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    terms = collections.defaultdict(set)
    for line in out.splitlines():
        j = json.loads(line)
        terms[j["token"]].update(t for t in j["terms"] if not t.startswith("~"))
    joined = collections.Counter()
    failed = collections.defaultdict(list)
    for flag, word, form in pairs:
        if terms[word] & terms[form]:
            joined[flag] += 1
        else:
            failed[flag].append((word, form, sorted(terms[word]), sorted(terms[form])))
    total = len(pairs)
    ok = sum(joined.values())
    print(f"{a.n} entries, {total} forms: joined to their entry {ok}/{total} = {100 * ok / total:.2f}%")
    for flag in sorted(set(joined) | set(failed)):
        n = joined[flag] + len(failed[flag])
        print(f"  class {flag}: {joined[flag]}/{n} joined")
        for w, f, tw, tf in failed[flag][: a.v]:
            print(f"      {w} {tw} / {f} {tf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
