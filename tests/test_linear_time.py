"""Linear time on any text (issue 16, item 4): what keeps the engine linear, asserted as behaviour
(speeds are in benchmarks/adversarial.py, not here).

- a "sentence" longer than MAX_SENTENCE_CHARS is read in pieces cut at a space, so the passes that
  look across a sentence cost each quantity a bounded amount;
- the per-sentence lookups that every quantity asks (its clause, the words and names before it)
  are computed once per sentence and give what the walk over the sentence gave (checked here against
  that walk on random sentences);
- a run of three-digit numbers is a run of numbers, not one space-grouped number.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import context, extract, facts
from extractors.context import MAX_SENTENCE_CHARS, split_sentences
from extractors.engine import Mention, read_sentence
from extractors.numbers import MAX_DIGIT_GROUPS, NumberRead
from extractors.tables import load_table
from extractors.tokens import tokenize

EN = load_table("en")
WORDS = ["The", "exports", "of", "Turkey", "Orta", "Dəhliz", "rose", "and", "but", ",", ";", "–", "(", ")", "5",
         "2024", "percent", "million", "compared", "this", "This", "CPC", "with", "—", "said", "Kazakh", "oil", "%"]
BOUNDED = settings(max_examples=150, deadline=None)


def test_a_sentence_over_the_cap_is_read_in_pieces_cut_at_a_space():
    text = " ".join(f"item{i} rose" for i in range(1000))   # no sentence break: ~11,000 characters
    spans = split_sentences(text, EN)
    assert len(spans) > 1 and all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == prev_b for (_, prev_b), (a, _) in zip(spans, spans[1:]))  # nothing lost between pieces
    assert all(text[b - 1] == " " for _, b in spans[:-1])


def test_sentences_under_the_cap_are_untouched():
    text = "Exports rose 5 percent. " + "Imports of grain and oil fell by 7 percent, " * 10 + "officials said."
    assert split_sentences(text, EN) == [(0, 23), (23, len(text))]


def test_a_long_figure_still_reads_in_a_long_text():
    text = "word " * 3000 + "Exports rose 5 percent to $2 million."
    assert [(q.value, q.unit) for q in extract(text, "en")] == [(5.0, "percent"), (2_000_000.0, "USD")]


def test_a_run_of_three_digit_numbers_is_not_one_number():
    tokens = tokenize("100 200 300 400 500 600 700 800 900")
    mentions = read_sentence(tokens, EN, "100 200 300 400 500 600 700 800 900")
    assert (mentions[0].first, mentions[0].number.last) == (0, 0)     # `100` alone, the run not read as one
    assert all(m.number.last - m.first <= MAX_DIGIT_GROUPS for m in mentions)
    one = tokenize("5 420 000 tonnes")
    assert read_sentence(one, EN, "5 420 000 tonnes")[0].value == 5_420_000


# ------------------------------------------------------------------- the walks they replace

def _walk_clause(tokens, first, last, scan, lex):
    ends, starts = {b for _, b, _ in scan.entities}, {a for a, _, _ in scan.entities}

    def boundary(k):
        t = tokens[k]
        if t.text in facts._BOUNDARIES:
            return True
        if t.text in facts._SPACED_DASHES and 0 < k < len(tokens) - 1 \
                and tokens[k - 1].end < t.start and t.end < tokens[k + 1].start:
            return True
        return t.low in lex.conjunctions and not (k - 1 in ends and k + 1 in starts)
    lo, hi = first, last
    while lo > 0 and not boundary(lo - 1):
        lo -= 1
    while hi + 1 < len(tokens) and not boundary(hi + 1):
        hi += 1
    return lo, hi


def _walk_names(tokens, flags, lo, hi):
    names, run = [], []
    for k in range(lo, hi):
        if flags[k]:
            run.append(tokens[k].text)
            continue
        if run:
            names.append(" ".join(run))
            run = []
    return names + [" ".join(run)] if run else names


def _walk_phrase_before(first, tokens, table, limit=4):
    words, k = [], first - 1
    while k >= 0 and len(words) < limit:
        tok = tokens[k]
        if tok.text in context._CLAUSE_END and words:
            break
        if tok.is_word and context._is_comparison(tok.low, table):
            base = next((j for j in range(k - 1, max(-1, k - 8), -1) if tokens[j].is_num), None)
            if base is not None:
                k = base - 1
                continue
        if tok.low in table.anaphora and not words:
            k -= 1
            while k >= 0 and tokens[k].text not in context._CLAUSE_END:
                k -= 1
            continue
        if context._word_at(tokens, k, table):
            words.append(tok.text)
        k -= 1
    return list(reversed(words))


def _walk_clause_head(first, tokens, table):
    bounds = [k for k in range(first) if tokens[k].text in context._CLAUSE_END]
    starts = [bounds[-1] + 1 if bounds else 0] + ([bounds[-2] + 1 if len(bounds) > 1 else 0] if bounds else [])
    for start in starts:
        words = [tokens[k].text for k in range(start, first) if context._word_at(tokens, k, table)][:3]
        if words:
            return words
    return []


def _at(first: int, last: int) -> Mention:
    """A mention of tokens first..last (the lookups read its span and its counted noun)."""
    number = NumberRead(0.0, first, last, "", True, False, False, True, False)
    return Mention(first=first, last=last, number=number, value=0.0)


@BOUNDED
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.data())
def test_per_sentence_lookups_match_the_walks_over_the_sentence(words, data):
    text = " ".join(words)
    tokens = tokenize(text)
    first = data.draw(st.integers(0, len(tokens) - 1))
    last = data.draw(st.integers(first, len(tokens) - 1))
    lex = facts.lexicon(EN)
    scan = facts._scan(tokens, EN)
    assert facts._clause(tokens, first, last, scan, lex) == _walk_clause(tokens, first, last, scan, lex)
    flags = context._name_flags(tokens, EN)
    before, after = _walk_names(tokens, flags, 0, first), _walk_names(tokens, flags, last + 1, len(tokens))
    assert context._last_name_before(tokens, EN, first) == (before[-1] if before else None)
    assert context._first_name_from(tokens, EN, last + 1) == (after[0] if after else None)
    m = _at(first, last)
    assert context._phrase_before(m, tokens, EN) == _walk_phrase_before(first, tokens, EN)
    assert context._clause_head(m, tokens, EN) == _walk_clause_head(first, tokens, EN)


def test_adversarial_benchmark_measures_every_shape_beside_news():
    from benchmarks import adversarial
    rows = adversarial.measure(4_000, list(adversarial.SHAPES))
    assert [r["shape"] for r in rows] == ["news", *adversarial.SHAPES]
    assert all(r["mb_per_s"] > 0 and r["bytes"] > 0 for r in rows)
    assert all(len(adversarial.shape_text(name, 4_000).encode("utf-8")) <= 4_000 for name in adversarial.SHAPES)
    assert "numbers" in adversarial.table(rows)
