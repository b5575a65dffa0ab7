"""How sure scocheck is of what it reads, in one place: every weight, with why it has that value.

A registry-free conflict between two statements is as sure as the link between their subjects
times the link between their predicates; its confidence maps that product onto the range below
the registry's own findings. LOW_CONFIDENCE (conflicts.py) is the line between a hint and an error.
"""

# --- linking subjects (reading/linking.py) -------------------------------------------------------
SAME_NAME = 1.0  # the same name, or a name and the acronym its corpus defines for it: no doubt left
LONGER_FORM = 0.8  # "Fraisse" and "Paul Fraisse": usually one person, but a shared surname is not proof
SPELLING = 0.8  # "Maracaibo" and "Maracibo": a typo or a transliteration, but near names can differ
SAME_TITLE = 0.7  # two sentences that name no subject, in documents with one title: the page's topic,
#                   yet a page speaks of more than its topic
TITLE_NAMES = 0.6  # a sentence that names no subject, in a document whose title names a registry entity:
#                   the document is about it, but not every sentence of it is
SPELLING_SIMILARITY = 90.0  # edit similarity (0-100) at which two names of 6+ letters are one spelt twice

# --- linking predicates (compare.py) -------------------------------------------------------------
SAME_PREDICATE = 1.0  # the same lemma ("published" and "publish")
PREDICATE_FAMILY = 0.8  # words of one family ("published", "appeared"): close, not always the same act

UNDATED = 0.45  # a count or amount with no year on one side: many change over time (members, speakers),
#               so two undated figures may both be right; this keeps their conflict a hint (below 0.5)

# --- confidence of a registry-free conflict ------------------------------------------------------
# confidence = FLOOR + SPAN * subject link * predicate link. At best (same name, same lemma) it
# reaches FLOOR + SPAN = 0.7, below a registered claim's own reading (up to 1.0): the reader has no
# registry to confirm that the two sentences mean the same fact.
FLOOR = 0.3
SPAN = 0.4
