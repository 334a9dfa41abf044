#!/usr/bin/python3
"""What an index holds, by kind of term: documents, distinct terms and postings (a term in a
document), for Protokoll and omindex databases side by side. Xapian's index time grows with
the postings it is given, so this says where two indexers of the same files differ.

usage: bench/postings.py DB [DB ...]

Kinds of a Protokoll term: surface (a word as written), lemma (with #POS), part (~word),
verb part (~verb#v), and each field prefix (XK municipality, XT topic, S title, XD decision,
Q item id, ...). An omindex term is a word, a Z-stem or a prefix letter. Needs Debian's
python3-xapian (run with /usr/bin/python3 if another python3 comes first on PATH)."""
import collections
import sys


def kind(term):
    if term.startswith("~"):
        return "verb part" if term.endswith("#v") else "part"
    if term[0].isupper():
        return term[:2] if term[0] == "X" else term[0]
    return "lemma" if "#" in term else "surface"


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    try:
        import xapian
    except ImportError:
        sys.exit("postings.py: needs python3-xapian (apt-get install python3-xapian)")
    for path in args:
        try:
            db = xapian.Database(path)
        except xapian.Error as e:
            sys.exit(f"postings.py: cannot open {path}: {e}")
        postings, terms = collections.Counter(), collections.Counter()
        for t in db.allterms():
            k = kind(t.term.decode("utf-8", "replace"))
            postings[k] += t.termfreq
            terms[k] += 1
        total = sum(postings.values())
        print(f"{path}: {db.get_doccount()} documents, {total} postings, "
              f"{sum(terms.values())} terms")
        print(f"  {'kind':10} {'postings':>10} {'share':>6} {'terms':>7}")
        for k, n in postings.most_common():
            print(f"  {k:10} {n:10} {n / total:6.1%} {terms[k]:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
