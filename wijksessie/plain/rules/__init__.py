"""The rules of the plain-language check, one module each.

``jargon`` (word lists), ``abbreviations``, ``long_sentences``,
``passive_nl``/``passive_en`` and ``readability`` (sentences full of long
words). :mod:`wijksessie.plain.engine` runs them over a text.
"""
