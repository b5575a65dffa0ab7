"""How sure scocheck is of what it reads, in one place: every weight, with why it has that value.

A registry-free conflict between two statements is as sure as the link between their subjects
times the link between their predicates; its confidence maps that product onto the range below
the registry's own findings. LOW_CONFIDENCE is the line between a hint and an error.

The modules that use a weight import it from here; conflicts.py and mentions.py still export the
names they used to define (`from scocheck.conflicts import LOW_CONFIDENCE` still works).
Limits on size or work (MAX_SENTENCE, bucket and candidate limits) are not weights: they stay
beside the code they bound.
"""

# --- linking subjects (reading/linking.py) -------------------------------------------------------
SAME_NAME = 1.0  # the same name, or a name and the acronym its corpus defines for it: no doubt left
LONGER_FORM = 0.8  # "Fraisse" and "Paul Fraisse": usually one person, but a shared surname is not proof
SAME_DESCRIPTION = 0.8  # "the lighthouse on Gull Point" in two documents: one thing, unless the place has two
DESCRIBED = 0.8  # "a summit in Ufa" for the registered "SCO Ufa summit (2015)": its kind and every name that
#               anchors it are in the name, and no other registered name fits as well; a place may host more
OWNED_FORM = 0.6  # "the joint military exercises" for the registered "SCO joint military exercises": the
# name without its owner's name, as a document about the owner writes it; another owner's is possible
SPELLING = 0.8  # "Maracaibo" and "Maracibo": a typo or a transliteration, but near names can differ
NAME_IN_LOWER_CASE = 0.8  # "SCO heads of state" for the "SCO Heads of State" another text writes: the same
#                           words, but a common noun phrase may also happen to spell a name
SAME_TITLE = 0.7  # two sentences that name no subject, in documents with one title: the page's topic,
#                   yet a page speaks of more than its topic
TITLE_NAMES = 0.6  # a sentence that names no subject, in a document whose title names a registry entity:
#                   the document is about it, but not every sentence of it is
SPELLING_SIMILARITY = 90.0  # edit similarity (0-100) at which two names of 6+ letters are one spelt twice

# --- linking predicates (compare.py) -------------------------------------------------------------
SAME_PREDICATE = 1.0  # the same lemma ("published" and "publish")
PREDICATE_FAMILY = 0.8  # words of one family ("published", "appeared"): close, not always the same act
SAME_STEM = 0.8  # a verb and its noun ("contribute", "a contribution of"): one act named two ways, but a
#                  stem can join words that part in meaning

# --- linking what a verb acts on (compare.py) -------------------------------------------------------
SAME_THING = 0.8  # two objects no name links, described in the same content words ("a security threat
#                   response centre"): likely one thing, but a description is never as sure as a name
THING_WORDS = 3  # content words two descriptions must share: one or two ("a joint exercise") fit many things
THING_SHARE = 0.6  # and that share of the shorter description's words: the rest may be detail one side adds

UNDATED = 0.45  # a count or amount with no year on one side: many change over time (members, speakers),
#               so two undated figures may both be right; this keeps their conflict a hint (below 0.5)

# --- confidence of a registry-free conflict ------------------------------------------------------
# confidence = FLOOR + SPAN * subject link * predicate link. At best (same name, same lemma) it
# reaches FLOOR + SPAN = 0.7, below a registered claim's own reading (up to 1.0): the reader has no
# registry to confirm that the two sentences mean the same fact.
FLOOR = 0.3
SPAN = 0.4

# A restated list whose members differ (lists.py): the texts say different things about what it holds,
# but a list is often revised or abridged on purpose, so the finding stays a hint for a reader to weigh
LIST_MEMBERS = 0.4

# --- the line between a hint and an error (conflicts.py, verify.py, cite.py) ----------------------
LOW_CONFIDENCE = 0.5  # below this a disagreement is a hint, not an error: a reading no likelier right than
#                       wrong should not stop a build

# --- reading a statement off a passage (mentions.py) ---------------------------------------------
# A statement's confidence falls with the cost of reaching its value from its frame (the cue word and
# its subject): words between them, plus clause breaks, plus BEFORE_CUE when the value comes first.
# confidence = max(STATEMENT_FLOOR, 1.0 - COST_STEP * max(cost - FREE_COST, 0))
MAX_GAP = 24  # words between a cue and its value or subject beyond which a sentence is not read as a
#               statement: a long sentence's length, past which the words rarely share a clause
FREE_COST = 3  # a value at a cost of three or less ("was established in 2004") is read at full confidence
COST_STEP = 0.03  # each unit of cost past FREE_COST takes 0.03 off: a cost of ten still reads at 0.79
STATEMENT_FLOOR = 0.3  # however far its value (within MAX_GAP), a statement stays a weak reading, not none
BEFORE_CUE = 2  # a value before its cue costs two words more: English mostly gives a fact's value after it
SEMICOLON_BREAK = 3  # a ';' between value and frame costs three words: it mostly starts another clause
COMMA_BREAK = 1.5  # a ',' or a bracket costs one and a half: often an aside, sometimes another clause
UNDATED_STATEMENT = 0.45  # the cap for a changing fact stated with no year and no dated source: it may be
#                           right for another year, so its conflict stays a hint (below LOW_CONFIDENCE)
MODAL = 0.5  # a plan, expectation or proposal ("will open in 2010") counts half: it states an intent, not a fact

# --- registry-free paraphrases (conflicts.py, discover) ------------------------------------------
PASSAGE_SIMILARITY = 60.0  # token-set similarity (0-100) of two passages, values masked, from which they may
#                            be one sentence restated; below it they share a topic, not a wording
CONTEXT_SIMILARITY = 60.0  # similarity (0-100) of the words around two values from which they are values of
#                            one thing; below it they are different figures in like sentences
# confidence = PARAPHRASE_FLOOR + PARAPHRASE_SPAN * (how far past its line each similarity is, 0 to 1, averaged)
PARAPHRASE_FLOOR = 0.3  # a pair just past both lines is a hint, as sure as the weakest reading of a statement
PARAPHRASE_SPAN = 0.6  # a word-for-word restatement with another value reaches 0.9: near certain, yet with no
#                        registry to say the two sentences mean one fact

# --- ranking cite's evidence (cite.py) -----------------------------------------------------------
# a statement scores confidence * (1 + min(BM25, BM25_CAP) / BM25_CAP); a registered quote
# REGISTERED_SCORE + min(BM25, BM25_CAP) / (2 * BM25_CAP)
BM25_CAP = 20  # BM25 counts up to 20, so ranking at most doubles a reading's score: how surely a passage
#                states the fact weighs at least as much as how many of the sentence's words it shares
REGISTERED_SCORE = 1.5  # a registered quote scores 1.5 to 2.0, above every statement but the surest and
#                         best ranked (0.75 or more, ranked top): verify proves what it states
