"""Annotation: rule-based sentences, the candidate filter, parses of candidates only, mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosswire.annotate import (
    AttributeRules,
    annotate,
    doc_text,
    is_candidate,
    nlp,
    run_pipeline,
    split_sentences,
)
from crosswire.models import Story

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TEXT = (
    "Syrian Army Advances Near Hama\n\n"
    "Gen. Ali Mahmoud visited the U.S. embassy on Monday. Jets struck the town of Saraqib in Idlib "
    "province, killing 12 civilians. The weather was mild and the markets were open.\n"
    '"We will respond," the minister said. Talks resume in Geneva next week.'
)


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    sents = split_sentences(TEXT)
    for s in sents:
        assert TEXT[s.start : s.end] == s.text
    texts = [s.text for s in sents]
    assert texts[0] == "Syrian Army Advances Near Hama"  # a heading line is its own sentence
    assert texts[1] == "Gen. Ali Mahmoud visited the U.S. embassy on Monday."
    assert texts[2].startswith("Jets struck") and texts[2].endswith("12 civilians.")
    assert '"We will respond," the minister said.' in texts


def test_candidate_filter_keeps_events_figures_and_claims_only() -> None:
    assert is_candidate("Jets struck the town of Saraqib, killing 12 civilians.")
    assert is_candidate("Two soldiers were wounded near the checkpoint.")
    assert is_candidate('"We will respond," the minister said.')
    assert not is_candidate("The weather was mild and the markets were open.")


def test_a_sentence_that_cannot_hold_an_event_figure_or_attributed_claim_is_not_parsed() -> None:
    # a reporting verb's stem ("Saturday", "same") is no reporting verb
    assert not is_candidate("On Saturday the same delegation returned to Geneva.")
    # a trigger word the classifier rejects (a planned offensive) is no event
    assert not is_candidate("The army will launch an offensive next month.")
    assert is_candidate("The army launched an offensive on Monday.")
    assert is_candidate("Rebels said the army had shelled the town.")


def test_only_candidates_are_parsed_and_mentions_are_found() -> None:
    story = Story(story_id="s1", input_id="i1", index=0, title=None, text=TEXT, content_hash="h")
    (a,) = annotate([story])
    assert len(a.docs) == len(a.candidates) < len(a.sentences)
    weather = next(i for i, s in enumerate(a.sentences) if s.text.startswith("The weather"))
    assert weather not in a.candidates
    for i, doc in zip(a.candidates, a.docs, strict=True):
        assert doc.text == a.sentences[i].text
        assert doc.has_annotation("DEP")
    for m in a.mentions:
        assert TEXT[m.start : m.end] == m.text
    labels = {(m.text, m.label) for m in a.mentions}
    assert ("Saraqib", "GAZ") in labels
    assert any(label == "ACTOR" for _, label in labels)


def test_the_model_is_loaded_once() -> None:
    assert nlp() is nlp()


def test_the_attribute_rules_annotate_exactly_as_spacys_attribute_ruler() -> None:
    model = nlp()
    assert AttributeRules.compile(model.get_pipe("attribute_ruler")) is not None
    page = next(SAMPLES.glob("003_*.txt")).read_text(encoding="utf-8")
    texts = [s.text for s in split_sentences(TEXT + "\n" + page)]
    texts += ["There is no end in sight, y'all.", "Let's go, we're gonna win, ain't it?", "I'd have gotten it."]

    def attrs(docs: list[Any]) -> list[tuple[str, ...]]:
        return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, t.ent_type_) for d in docs for t in d]

    assert attrs(run_pipeline(model, texts)) == attrs(list(model.pipe(texts)))


def test_a_sentence_repeated_in_the_batch_is_parsed_once_and_each_story_gets_its_own_doc(monkeypatch: Any) -> None:
    import crosswire.annotate as ann

    seen: list[str] = []
    real = ann.run_pipeline

    def counting(model: Any, texts: Any, batch_size: int = 256) -> list[Any]:
        seen.extend(texts)
        return real(model, texts, batch_size)

    monkeypatch.setattr(ann, "run_pipeline", counting)
    shared = "Jets struck the town of Saraqib in Idlib province, killing 12 civilians."
    a = Story("a", "in", 0, None, shared + " Rebels said they shot down a helicopter.", "ha")
    b = Story("b", "in", 0, None, "Fighting raged near Aleppo on Monday. " + shared, "hb")
    out = annotate([a, b])
    assert seen.count(shared) == 1
    doc_a = out[0].docs[out[0].candidates.index(0)]
    doc_b = out[1].docs[out[1].candidates.index(1)]
    assert doc_a is not doc_b and doc_a.text == doc_b.text == shared
    attrs = [[(t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in d] for d in (doc_a, doc_b)]
    assert attrs[0] == attrs[1]


def test_small_batches_give_the_annotations_and_texts_of_one_plain_pipe() -> None:
    # batch_size 8 (the parser and NER quarter it to 2): every Doc must come out as from one
    # plain pass and its remembered text must be its own; the tensors only to the fifth decimal,
    # numpy's BLAS (annotate._numpy_blas) summing a product in an order that depends on the batch
    model = nlp()
    texts = [s.text for s in split_sentences(TEXT)] * 2 + ["Warplanes pounded rebel positions in Daraa."]
    ours = run_pipeline(model, texts, batch_size=8)
    plain = list(model.pipe(texts))
    for a, b in zip(ours, plain, strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in a] == [
            (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in b
        ]
        assert float(abs(a.tensor - b.tensor).max()) < 1e-4
        assert doc_text(a) == b.text


def test_a_docs_text_is_worked_out_once() -> None:
    doc = nlp().make_doc("Rebels shelled the Hamidiyeh district of Hama on Sunday.")
    first = doc_text(doc)
    assert first == doc.text == "Rebels shelled the Hamidiyeh district of Hama on Sunday."
    assert doc_text(doc) is first  # remembered, not joined again from the tokens
    other = nlp().make_doc("Clashes erupted near Manbij.")
    assert doc_text(other) == "Clashes erupted near Manbij."


def test_numpys_blas_gives_the_annotations_of_spacys_default_blis() -> None:
    # crosswire builds spaCy's layers on numpy's BLAS (one thread) when numpy has a tuned one;
    # a plain spacy.load uses blis: tags, parses, lemmas and entities must not change
    import spacy

    from crosswire.annotate import _tuned_blas

    model = nlp()
    assert model.meta["crosswire"]["blas"] == ("numpy" if _tuned_blas() else "blis")
    plain = spacy.load(model.meta["lang"] + "_" + model.meta["name"])
    assert plain.get_pipe("ner").model.ops.use_blis
    page = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8")
    texts = [s.text for s in split_sentences(TEXT + "\n" + page)]

    def attrs(docs: list[Any]) -> list[tuple[str, ...]]:
        return [(t.tag_, t.dep_, str(t.head.i), t.lemma_, t.ent_iob_, t.ent_type_) for d in docs for t in d]

    ours = run_pipeline(model, texts)
    theirs = list(plain.pipe(texts))
    assert attrs(ours) == attrs(theirs)
    assert max(float(abs(a.tensor - b.tensor).max()) for a, b in zip(ours, theirs, strict=True)) < 1e-4
