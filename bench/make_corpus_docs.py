#!/usr/bin/env python3
"""Writes N short synthetic news documents for the corpus-pass benchmark.

Deterministic (seeded). Each document is a headline and a few paragraphs
drawn from a vocabulary, mentioning invented people (a few misspelled), with
a site's chrome line on some documents and an exact re-post every 200th
document, so every corpus check has work to do.

    make_corpus_docs.py N OUT_DIR
"""
import os
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
os.makedirs(out, exist_ok=True)
syll = ["ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "ber", "gan", "ho", "lis", "mar", "nef", "pol", "quin", "ros", "tam", "ul", "wen"]
def word():
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 3)))
people = [(word().capitalize(), word().capitalize()) for _ in range(3000)]
verbs = ["said", "warned", "argued", "announced", "denied", "confirmed", "promised", "suggested"]
nouns = ["council", "budget", "harbour", "strike", "election", "bridge", "hospital", "school", "railway", "market", "court", "festival", "river", "police", "museum", "factory"]
adjs = ["new", "local", "regional", "long", "difficult", "public", "early", "final", "second", "small", "major"]
chrome = ["Share this article", "Sign up for our morning newsletter", "Read more: local news", "Follow us on social media"]
def sentence():
    words = [rng.choice(adjs if i % 3 == 0 else nouns if i % 3 == 1 else verbs) for i in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."
def person():
    first, last = rng.choice(people[: rng.choice([50, 3000])])
    if rng.random() < 0.01:
        last = last[:-1] + last[-1] * 2
    return f"{first} {last}"
previous = []
for i in range(n):
    if i % 200 == 199 and previous:
        text = rng.choice(previous)
    else:
        paras = [f"{person()} {rng.choice(verbs)} that the {rng.choice(nouns)} would {rng.choice(verbs)}." if rng.random() < 0.5 else sentence() + " " + sentence() for _ in range(rng.randint(3, 6))]
        text = " ".join(sentence().split()[:6]) + "\n\n" + "\n\n".join(paras) + "\n"
        if i % 7 == 0:
            text += "\n" + chrome[i % len(chrome)] + "\n"
        previous = (previous + [text])[-50:]
    with open(os.path.join(out, f"{i:06d}.txt"), "w") as f:
        f.write(text)
