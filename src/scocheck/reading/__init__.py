"""The reading layer: sentences read as statements (subject, predicate, value, qualifiers), and linked.

    statements.read_passages(source, passages, title)  -> [Statement]   (reading/statements.py)
    linking.Linker(acronyms(texts)).link(keys, keys)   -> strength      (reading/linking.py)
    store.corpus_statements(documents, cache_dir)      -> {source: [Statement]}, cached by content

English word lists are data (reading/data/english.yaml); the parser (spaCy) is loaded only when a
passage has to be read afresh.
"""
