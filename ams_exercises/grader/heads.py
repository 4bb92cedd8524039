"""Which group one part of an answer names: its head, never a phrase inside it.

A group as a learner writes it is a noun phrase, often followed by words that qualify it:
"the mayor who wants restaurants to pass", "auditors reviewing the facility", "the residents
the departments serve". The *head* runs up to the first word that starts a qualifier (a
preposition, a clause word, a verb, an article or pronoun starting a clause of its own);
its last noun is what the group is: "a state nursing license" is a license, "county
taxpayers" are taxpayers, "facility opponents" are opponents (not the facility).

:func:`read_group` reads one group against a question's phrasings (:class:`Index`) and the
scenario's people (:class:`Scene`):

1. a phrasing the whole group is, or one that runs through a preposition from the start
   ("members of the public");
2. else a phrasing that ends at the head's last noun, the words before it only describing
   it, unless one of them falsifies it ("former", "revoked", "fake");
3. a head that names nobody in particular ("people", "anyone", "those") or everybody in a
   place ("residents", "taxpayers": groups marked ``population`` in the lexicon) takes its
   identity from the qualifier, compared with what each person in the scenario does
   (``does``); a qualifier of serving names whoever another group serves ("the residents the
   departments serve", "citizens served by the programs", "the grantees' customers");
4. the qualifier never supplies another group: a head the key does not know names no group
   the key knows.

The in-page checker implements the same reading from the same data (``language.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .language import derived, language
from .matching import THRESHOLD, Candidate, Match, Prepared, _another_word, _one_slip, _similar
from .matching import ratio as _ratio
from .normalize import ARTICLE, HYPHEN, POSSESSIVE, normal_words, tokens

if TYPE_CHECKING:
    from .keys import Actor, AnswerKey


class Lexis(NamedTuple):
    """The words :mod:`.heads` reads with, from ``language.yaml``, as look-up sets."""

    clause_words: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    verbs: frozenset[str]  # stems
    always_verbs: frozenset[str]
    irregular: dict[str, str]
    generic: frozenset[str]
    person: frozenset[str]  # kinds of people: a qualifier says which, if the key does not
    transparent: frozenset[str]  # "a list of", "a set of": the group is what follows "of"
    staff: frozenset[str]  # "staff in the state offices" are the offices' people
    relational: tuple[tuple[str, ...], ...]  # longest first: "end user" before "user"
    serve: frozenset[str]  # stems
    want: frozenset[str]  # stems
    falsifiers: frozenset[tuple[str, ...]]
    stopwords: frozenset[str]
    glue: frozenset[str]
    agents: dict[str, list[tuple[str, frozenset[str]]]]
    endings: frozenset[str]
    post_adjectives: frozenset[str]
    subordinators: frozenset[str]
    not_adverbs: frozenset[str]
    synonyms: dict[str, str]  # stem -> stem
    stop_stems: frozenset[str]  # the stems of the stopwords: "getting" goes as "get" does
    swap_after: frozenset[str]  # "leaders of the agencies" = "agency leaders"
    #: a participle's endings ("residents applying", "people covered"), and the letters a
    #: word needs to be one
    present: str
    past: str
    participle_longer_than: int
    #: the endings cut to find a verb's stem, each from words longer than its number
    stem_endings: tuple[tuple[str, int], ...]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(phrase) if t not in (POSSESSIVE, ARTICLE, HYPHEN))


@lru_cache(maxsize=1)
def lexis() -> Lexis:
    """The reading words, compiled once per set of rules."""
    lang = language()
    s = lang.structure
    irregular = dict(s.irregular)
    # the stems of the verbs, and of the agent table's verbs, so "files" and "filing" meet
    verb_words = {w for row in s.agents for w in row.verbs} | set(s.verbs)
    agents: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for row in sorted(s.agents, key=lambda r: not r.objects):
        objects = frozenset(" ".join(_words(o)) for o in row.objects)
        for verb in row.verbs:
            agents.setdefault(" ".join(_words(verb)), []).append(
                (" ".join(_words(row.agent)), objects)
            )
    base = Lexis(
        clause_words=frozenset(s.clause_words) | frozenset(s.clause_heads),
        prepositions=frozenset(s.prepositions),
        determiners=frozenset(s.determiners),
        verbs=frozenset(),
        always_verbs=frozenset(s.always_verbs),
        irregular=irregular,
        generic=frozenset(w for g in s.generic_heads for w in _words(g)),
        person=frozenset(w for g in s.person_heads for w in _words(g)),
        transparent=frozenset(w for g in s.transparent_heads for w in _words(g)),
        staff=frozenset(w for g in s.staff_heads for w in _words(g)),
        relational=tuple(sorted({_words(r) for r in s.relational_heads}, key=lambda r: -len(r))),
        serve=frozenset(),
        want=frozenset(),
        falsifiers=frozenset(tuple(normal_words(f)) for f in s.falsifiers),
        stopwords=frozenset(s.stopwords),
        glue=frozenset(s.clause_glue),
        agents=agents,
        endings=lang.word_endings,
        post_adjectives=frozenset(s.post_adjectives),
        subordinators=frozenset(s.subordinators),
        not_adverbs=frozenset(s.not_adverbs),
        synonyms={},
        stop_stems=frozenset(),
        swap_after=frozenset(s.swap_after),
        present=lang.participles.present,
        past=lang.participles.past,
        participle_longer_than=lang.participles.longer_than,
        stem_endings=lang.stem_endings,
    )
    return base._replace(
        verbs=frozenset(stem(w, base) for v in verb_words for w in _words(v)),
        serve=frozenset(stem(w, base) for v in s.serve_verbs for w in _words(v)),
        want=frozenset(stem(w, base) for v in s.want_verbs for w in _words(v)),
        stop_stems=frozenset(stem(w, base) for w in s.stopwords),
        synonyms={
            stem(w, base): stem(v, base)
            for k, v in s.synonyms.items()
            for w in _words(k)
            if stem(w, base) != stem(v, base)
        },
    )


def adverb(word: str, lx: Lexis) -> bool:
    """A word in -ly that is an adverb ("newly"), not "family" or "supply"."""
    return word.endswith("ly") and len(word) > 4 and word not in lx.not_adverbs


def participle(word: str, lx: Lexis) -> bool:
    """A word that may be a participle: "applying", "covered"."""
    return word.endswith((lx.present, lx.past)) and len(word) > lx.participle_longer_than


def present_participle(word: str, lx: Lexis) -> bool:
    """A word that may be a verb in -ing: "representing", "applying"."""
    return word.endswith(lx.present) and len(word) > lx.participle_longer_than


def stem(word: str, lx: Lexis | None = None) -> str:
    """A crude stem, the same for every form of a verb and its noun: "filing", "filed",
    "file" -> "fil"; "paid" -> "pay"; "served", "serving" -> "serv"."""
    lx = lx or lexis()
    word = lx.irregular.get(word, word)
    for ending, longer_than in lx.stem_endings:  # "graduation" -> "graduat", as "graduating"
        if word.endswith(ending) and len(word) > longer_than:
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "runn" -> "run", "stopp" -> "stop"
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    if word.endswith("ll") and len(word) > 4:
        word = word[:-1]  # "travell" -> "travel", "call" -> "cal": both sides alike
    return word


class Words(NamedTuple):
    """One group's words as the reader needs them."""

    words: tuple[str, ...]  # no articles, no possessive markers
    det: tuple[bool, ...]  # an article stood right before words[i]
    poss: tuple[bool, ...]  # words[i] carried a possessive 's (it describes what follows)
    glued: tuple[bool, ...] = ()  # a hyphen joined words[i] to the word before


def split(marked: Sequence[str]) -> Words:
    """:class:`Words` from :func:`~.normalize.marked_tokens`."""
    words: list[str] = []
    det: list[bool] = []
    poss: list[bool] = []
    glued: list[bool] = []
    article = hyphen = False
    for tok in marked:
        if tok == ARTICLE:
            article = True
        elif tok == HYPHEN:
            hyphen = True
        elif tok == POSSESSIVE:
            if poss:
                poss[-1] = True
        else:
            words.append(tok)
            det.append(article)
            poss.append(False)
            glued.append(hyphen and bool(words[:-1]))
            article = hyphen = False
    return Words(tuple(words), tuple(det), tuple(poss), tuple(glued))


# --- what a question knows, indexed for heads --------------------------------------------


class Index(NamedTuple):
    """A question's phrasings, filed for reading heads."""

    prepared: Prepared
    by_last: dict[str, list[tuple[int, Candidate]]]  # last word -> phrasings ending in it
    #: phrasings that hold a preposition or clause word, by first letter (a typo keeps it)
    crossing: dict[str, list[tuple[int, Candidate]]]
    starts: frozenset[tuple[str, str]]  # the first two words of phrasings of two words or more
    of_actor: dict[str, tuple[int, Candidate]]  # each actor's first phrasing in the question
    #: the stems of the verbs the phrasings use done ("redacted") or as nouns in -ion
    #: ("redaction"): "redacting documents" is doing that, an activity
    acted: frozenset[str]
    #: each word of a two-word name joined by "and" or "or": "juniors and seniors" names
    #: its actor by "seniors" alone too
    conjuncts: dict[str, tuple[int, Candidate]]
    #: the words in -ing that the question's names of people and things use ("hunting
    #: license", "licensing board"): elsewhere a word in -ing after a noun is a verb
    #: ("lawyers | representing taxpayers")
    ing_names: frozenset[str]

    @classmethod
    def of(cls, prepared: Prepared) -> Index:
        lx = lexis()
        by_last: dict[str, list[tuple[int, Candidate]]] = {}
        crossing: dict[str, list[tuple[int, Candidate]]] = {}
        starts = set()
        of_actor: dict[str, tuple[int, Candidate]] = {}
        inner = lx.prepositions | lx.clause_words | lx.determiners
        acted = set()
        ing_names = set()
        conjuncts: dict[str, tuple[int, Candidate]] = {}
        # done ("redacted") or a noun of the act ("redaction"): the stem endings but -ing
        acted_endings = tuple(e for e, _n in lx.stem_endings if e != lx.present)
        for order, cand in enumerate(prepared.candidates):
            if not cand.words:
                continue
            if len(cand.words) == 3 and cand.words[1] in ("and", "or"):
                for w in (cand.words[0], cand.words[2]):
                    conjuncts.setdefault(w, (order, cand))
            acted.update(stem(w, lx) for w in cand.words if w.endswith(acted_endings))
            if cand.actor is not None:
                ing_names.update(w for w in cand.words if present_participle(w, lx))
            by_last.setdefault(cand.words[-1], []).append((order, cand))
            if len(cand.words) > 1:
                starts.add(cand.words[:2])
                if inner.intersection(cand.words[1:]):
                    crossing.setdefault(cand.text[:1], []).append((order, cand))
            if cand.actor is not None and cand.actor not in of_actor:
                of_actor[cand.actor] = (order, cand)
        return cls(
            prepared,
            by_last,
            crossing,
            frozenset(starts),
            of_actor,
            frozenset(acted),
            conjuncts,
            frozenset(ing_names),
        )


class Scene(NamedTuple):
    """The scenario's people as the reader needs them."""

    primary: tuple[str, ...]  # the primary customer's actors
    serves: dict[str, tuple[str, ...]]  # actor -> whom it serves or works with
    producers: frozenset[str]  # the organization that makes the widget
    population: frozenset[str]
    described: tuple[tuple[str, frozenset[str]], ...]  # (actor, what it does, as stems)
    roles: dict[str, tuple[str, ...]]
    members: dict[str, frozenset[str]]  # actor -> its kinds, normalized
    # where each stem of the descriptions stands (indices into ``described``), and their
    # stems of five letters or more by first letter (the words a typo can reach)
    stem_at: dict[str, tuple[int, ...]] = {}
    long_stems: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of(cls, key: AnswerKey) -> Scene:
        lx = lexis()
        primary = tuple(a.ref for a in key.actors if "primary_customer" in a.roles)
        serves: dict[str, tuple[str, ...]] = {}
        described = []
        for actor in key.actors:
            targets = []
            for rel in actor.relations:
                kind, _, target = rel.partition(" ")
                if kind in ("serves", "works_with") and target:
                    targets.append(target)
            serves[actor.ref] = tuple(targets)
            for text in descriptions(actor, lx):
                stems = content(_words(text), lx)
                if stems:
                    described.append((actor.ref, stems))
        stem_at: dict[str, list[int]] = {}
        for i, (_actor, stems) in enumerate(described):
            for st in stems:
                stem_at.setdefault(st, []).append(i)
        long_stems: dict[str, list[str]] = {}
        typo_word = language().typos.word
        for st in sorted(stem_at):
            if len(st) >= typo_word:
                long_stems.setdefault(st[0], []).append(st)
        return cls(
            stem_at={k: tuple(v) for k, v in stem_at.items()},
            long_stems={k: tuple(v) for k, v in long_stems.items()},
            primary=primary,
            serves=serves,
            producers=frozenset(a.ref for a in key.actors if "own-organization" in a.roles),
            population=frozenset(a.ref for a in key.actors if a.population),
            described=tuple(described),
            roles={a.ref: tuple(a.roles) for a in key.actors},
            members={a.ref: frozenset(" ".join(_words(m)) for m in a.members) for a in key.actors},
        )


def descriptions(actor: Actor, lx: Lexis | None = None) -> list[str]:
    """What an actor does, as a qualifier would say it: its ``does``, and, for the
    scenario's own people, its names that start with a person word ("people with cases in
    court", "the person whose case it is")."""
    lx = lx or lexis()
    if actor.group is not None:
        return list(actor.does)
    named = [n for n in (actor.name, *actor.names) if _first_is_generic(n, lx)]
    return [*actor.does, *named]


def _first_is_generic(name: str, lx: Lexis) -> bool:
    words = _words(name)
    return len(words) > 1 and words[0] in lx.generic


def content(words: Sequence[str], lx: Lexis) -> frozenset[str]:
    """The stems of the words that carry meaning, up to a word that starts saying when or
    why: "who are waiting for their refund" -> {"wait", "refund"}."""
    out = set()
    for w in words:
        if w in lx.subordinators:
            break
        if w in lx.stopwords or w in lx.prepositions:
            continue
        st = stem(w, lx)
        st = lx.synonyms.get(st, st)
        if st not in lx.stop_stems:
            out.add(st)
    return frozenset(out)


# --- typos, read against the words the question knows ----------------------------------------


class Vocabulary(NamedTuple):
    """The words a question's phrasings and its people's descriptions use: a word the
    learner typed that is none of them, but one of them misspelled, is read as that one
    ("childrne" as "children", "familes" as "families", "refnd" as "refund")."""

    known: frozenset[str]  # as the grader reads them
    typed: dict[str, tuple[tuple[str, str], ...]]  # first letter -> (as written, as read)

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Vocabulary:
        from .normalize import marked_tokens, raw_words

        known: set[str] = set()
        typed: dict[str, dict[str, str]] = {}
        typo_word = language().typos.word
        for phrase in phrases:
            for tok, raw in zip(marked_tokens(phrase), raw_words(phrase), strict=True):
                if tok in _MARKERS:
                    continue
                known.add(tok)
                if len(raw) >= typo_word and raw.isalpha():
                    typed.setdefault(raw[0], {})[raw] = tok
        return cls(frozenset(known), {k: tuple(sorted(v.items())) for k, v in typed.items()})


_MARKERS = frozenset({ARTICLE, HYPHEN, POSSESSIVE})


def corrected(marked: Sequence[str], raw: Sequence[str], vocabulary: Vocabulary) -> tuple[str, ...]:
    """``marked`` with each unknown word long enough (``language.yaml``'s ``typos``) that is
    a known word misspelled read as that word (the closest, when one is closest)."""
    if len(raw) != len(marked):
        return tuple(marked)
    out = list(marked)
    lx = lexis()
    endings = lx.endings
    typos = language().typos
    for i, (tok, typed) in enumerate(zip(marked, raw, strict=True)):
        if (
            tok in _MARKERS
            or tok in vocabulary.known
            or len(typed) < typos.word
            or not typed.isalpha()
        ):
            continue
        if tok in lx.stopwords or tok in lx.prepositions or stem(tok, lx) in lx.verbs:
            continue  # a word the course knows, spelled right: "filed" is not "field"
        best: tuple[float, str] | None = None
        tie = False
        for word, reads in vocabulary.typed.get(typed[0], ()):
            if abs(len(word) - len(typed)) > typos.length_gap:
                continue
            score = 100.0 if _one_slip(typed, word, endings) else _ratio(typed, word)
            if score < typos.similar or _another_word(typed, word, endings):
                continue
            if best is None or score > best[0]:
                best, tie = (score, reads), False
            elif score == best[0] and reads != best[1]:
                tie = True
        if best is not None and not tie:
            out[i] = best[1]
    return tuple(out)


# --- reading one group ----------------------------------------------------------------------


class Named(NamedTuple):
    """What one group names: a phrasing of the question, or a verdict of its own."""

    match: Match | None
    how: str  # "name" | "qualifier" | "falsified" | "activity" | "none"


NONE = Named(None, "none")


def read_group(
    marked: Sequence[str],
    ix: Index,
    scene: Scene,
    *,
    widget: bool = False,
    antecedent: str | None = None,
) -> Named:
    """What the group of ``marked`` tokens names in the question ``ix``. ``antecedent``: the
    actor the answer named just before, whom a "they" in the qualifier means ("not the
    departments but the citizens they serve")."""
    lx = lexis()
    g = split(marked)
    if not g.words:
        return NONE
    whole = _whole(g.words, ix)
    if whole is not None:
        return Named(whole, "name")
    b = boundary(g, ix, lx)
    head, qualifier = g.words[:b], g.words[b:]
    if head[-1] in lx.transparent and qualifier[:1] == ("of",) and len(qualifier) > 1:
        # "a short list of the recommendations that matter most": the recommendations
        at = marked.index("of", marked.index(head[-1]))
        return read_group(marked[at + 1 :], ix, scene, widget=widget, antecedent=antecedent)
    crossing = _crossing(g.words, b, ix) or _crossing(_reduced(g.words, b, lx), b, ix)
    if crossing is not None:
        end = crossing.position + len(crossing.candidate.words)
        if crossing.candidate.actor in scene.population and end < len(g.words):
            # "members of the public with cases": the qualifier after the name decides
            other = _by_qualifier(g, end, ix, scene, lx, population=True, antecedent=antecedent)
            if other is not None and other.candidate.actor != crossing.candidate.actor:
                return Named(other, "qualifier")
        narrowed = _narrowed(crossing, g, end, ix, scene, lx, antecedent)
        if narrowed is not None:
            return Named(narrowed, "qualifier")
        return Named(crossing, "name")
    if widget and head[0].endswith(lx.present) and stem(head[0], lx) in lx.verbs | ix.acted:
        thing = _head(head, ix, lx)
        if thing is not None and thing.candidate.kind == "wrong" and thing.position == 0:
            return Named(thing, "name")  # an outcome the key lists: "keeping families afloat"
        _length, name = _name_at(head, 0, ix)
        if name is None or name.kind not in ("accept", "partial"):
            return Named(None, "activity")  # "inspecting restaurants", "redacting documents"
    last = head[-1]
    # "families enrolled in Medicaid" where the key does not know families: who they are is
    # what follows, as for "people"
    kind = last in lx.person and not _whole(head, ix) and _head(head, ix, lx) is None
    if qualifier and (last in lx.generic or kind):
        found = _by_qualifier(g, b, ix, scene, lx, population=False, antecedent=antecedent)
        if found is not None:
            return Named(found, "qualifier")
        found = _as_person(qualifier, ix, lx)
        if found is not None:
            return Named(found, "qualifier")
    relational = _relational(g, b, ix, scene, lx)
    if relational is not None:
        return Named(relational, "qualifier")
    found = _head(head, ix, lx)
    if (
        found is None
        and qualifier
        and not _function_words(qualifier, lx)
        and not _verb_ing(qualifier[0], ix)
    ):
        # no preposition, clause or article after the cut: one long noun phrase after all
        # ("free lifetime hunting and fishing combo license")
        found = _head(g.words, ix, lx)
    if found is None and qualifier and qualifier[0] in lx.swap_after:
        # "leaders of the agencies" = "agency leaders", "a decision on the grant" = "grant
        # decision": the object of "of", "on" or "for" before the head
        rest = qualifier[1:]
        sub = Words(rest, (False,) * len(rest), (False,) * len(rest))
        obj = rest[: boundary(sub, ix, lx)]
        if obj:
            swapped = _head(obj + head, ix, lx)
            if swapped is not None and swapped.candidate.kind != "falsified":
                found = swapped
    if found is not None and found.candidate.kind == "falsified":
        return Named(None, "falsified")
    if found is not None and qualifier and found.candidate.actor in scene.population:
        other = _by_qualifier(g, b, ix, scene, lx, population=True, antecedent=antecedent)
        other = other or _as_person(qualifier, ix, lx)
        if other is not None and other.candidate.actor != found.candidate.actor:
            return Named(other, "qualifier")
    if found is not None:
        narrowed = _narrowed(found, g, b, ix, scene, lx, antecedent)
        return Named(narrowed, "qualifier") if narrowed is not None else Named(found, "name")
    return NONE


def _narrowed(
    found: Match, g: Words, end: int, ix: Index, scene: Scene, lx: Lexis, antecedent: str | None
) -> Match | None:
    """A partly right name that what follows it narrows to the right group of the same
    actor: "people stuck in traffic during rush hour" are the rush-hour commuters."""
    cand = found.candidate
    if cand.kind != "partial" or cand.actor is None or end >= len(g.words):
        return None
    other = _by_qualifier(g, end, ix, scene, lx, population=False, antecedent=antecedent)
    if other is not None and other.candidate.actor == cand.actor:
        return other if other.candidate.kind == "accept" else None
    rest = g.words[end:]
    for i in range(len(rest)):
        _n, name = _name_at(rest, i, ix)
        if name is not None and name.kind == "accept" and name.actor == cand.actor:
            return Match(name, end + i, THRESHOLD)
    return None


_AND = frozenset({"and", "or"})


def _verb_ing(word: str, ix: Index) -> bool:
    """A word in -ing that is a verb here, not part of a name ("representing")."""
    return present_participle(word, lexis()) and word not in ix.ing_names


def _function_words(words: tuple[str, ...], lx: Lexis) -> bool:
    return any(
        w in lx.prepositions or w in lx.clause_words or w in lx.determiners or w in lx.always_verbs
        for w in words
    )


def _whole(words: tuple[str, ...], ix: Index) -> Match | None:
    """A phrasing the whole group is, exactly or with a typo."""
    text = " ".join(words)
    best: tuple | None = None
    found = None
    for order, cand in ix.prepared.near(0, text):
        sim = _similar(text, cand.text)
        if (
            sim
            and sim < 100.0
            and not (_same_noun(words[-1], cand.words[-1]) and _same_noun(words[0], cand.words[0]))
        ):
            # a typo elsewhere may not turn the head into another noun, nor add a head in
            # front ("critics of a combination license" is not the license misspelled)
            continue
        if sim:
            rank = (-sim, _RANK[cand.kind], order)
            if best is None or rank < best:
                best, found = rank, Match(cand, -1 if sim >= 100.0 else 0, sim)
    return found


_RANK = {"accept": 0, "partial": 1, "wrong": 2, "elsewhere": 3}


def boundary(g: Words, ix: Index, lx: Lexis) -> int:
    """Where the head of a group ends: the first word that starts what qualifies it.

    An article or a pronoun after a noun starts a clause ("the residents | the departments
    serve"); so do a preposition, a clause word, a verb such as "is" or "want", and a word
    such as "close" or "short" ("people | close to release"). A word in -ing or -ed does
    unless a name goes on through it ("state nursing license"): when what follows is a
    function word, when it is a verb ("facilities | seeking permits"), or when the words
    before it name someone ("legislators | drafting changes", "households | applying"). A
    bare verb that is also a noun ("report", "request") does only before an article or a
    pronoun, or after a head that names nobody in particular ("people apply")."""
    w = g.words
    n = len(w)
    inside = 0  # the end of a name that runs through the words: no cut inside it
    for i in range(1, n):
        word = w[i]
        if i < inside or (g.glued and g.glued[i]):
            continue  # inside a name, or glued by a hyphen: "applicant-facing staff"
        if g.det[i]:
            return i
        if g.poss[i - 1]:
            continue  # "the department's | customers": the possessor describes the head
        if (
            word in lx.clause_words
            or word in lx.prepositions
            or word in lx.determiners
            or word in lx.post_adjectives
        ):
            return i
        if adverb(w[i - 1], lx):
            continue  # "newly licensed nurses"
        if word in lx.always_verbs:
            return i
        nxt = w[i + 1] if i + 1 < n else None
        clause_next = nxt is not None and (
            g.det[i + 1] or nxt in lx.determiners or nxt in lx.clause_words
        )
        known_before = w[i - 1] in ix.by_last or w[i - 1] in lx.generic
        if participle(word, lx) or word in lx.irregular:
            if nxt is None:
                if not word.endswith(lx.present) or (known_before and stem(word, lx) in lx.verbs):
                    return i
                continue
            if clause_next or nxt in lx.prepositions or adverb(nxt, lx):
                return i  # "owners | registering their business"
            if (w[i], nxt) in ix.starts:
                length, _name = _name_at(w, i, ix)
                if length:
                    inside = i + length
                    continue  # "state | nursing license": a name goes on through it
            if nxt in _AND:
                continue  # "hunting and fishing license": modifiers joined
            if word.endswith(lx.present) and word not in ix.ing_names:
                return i  # "lawyers | representing taxpayers": no name of the question
            if known_before:
                return i  # "facilities | seeking permits", "legislators | drafting changes"
            if stem(word, lx) in lx.verbs and nxt not in ix.by_last:
                return i  # "the one | paying local sales tax"
            continue  # "a clear written answer": a participle that describes the noun
        if stem(word, lx) in lx.verbs and (clause_next or w[i - 1] in lx.generic):
            return i
    return n


def _as_person(qualifier: tuple[str, ...], ix: Index, lx: Lexis) -> Match | None:
    """A name that a kind of people with this qualifier is: "children on Medicaid" and
    "citizens served by the purchases" are who "people on Medicaid" and "people served by
    the purchases" are."""
    words = ("person", *qualifier)
    return _crossing(words, 1, ix) or _crossing(_reduced(words, 1, lx), 1, ix)


def _reduced(words: tuple[str, ...], b: int, lx: Lexis) -> tuple[str, ...]:
    """A relative clause read as the phrase it stands for: "people who are getting out of
    prison" -> "people getting out of prison" (the head, then the clause without its "who
    are"). The words unchanged when no clause follows the head."""
    if b >= len(words) or words[b] not in lx.clause_words:
        return words
    k = b + 1
    while k < len(words) and words[k] in lx.glue:
        k += 1
    return words[:b] + words[k:] if k > b + 1 else words


def _name_at(words: tuple[str, ...], i: int, ix: Index) -> tuple[int, Candidate | None]:
    """The phrasing of two words or more written out at ``words[i:]``, and its length
    (0 and ``None``: none)."""
    for k in range(len(words) - i, 1, -1):
        text = " ".join(words[i : i + k])
        for _o, c in ix.prepared.near(k, text):
            if c.text == text:
                return k, c
    return 0, None


def _crossing(words: tuple[str, ...], b: int, ix: Index) -> Match | None:
    """A phrasing that starts at the head and runs through the word that ended it:
    "members of the public", "office of the inspector general"."""
    if b >= len(words):
        return None
    best: tuple | None = None
    found = None
    for start in range(0, min(b, 3)):
        for order, cand in ix.crossing.get(words[start][:1], ()):
            n = len(cand.words)
            end = start + n
            if end <= b or end > len(words):
                continue
            sim = _similar(" ".join(words[start:end]), cand.text)
            if sim:
                rank = (start, -n, _RANK[cand.kind], -sim, order)
                if best is None or rank < best:
                    best, found = rank, Match(cand, start, sim)
    return found


_FALSIFIED = Candidate((), "", "falsified", -1, "")


def _head(head: tuple[str, ...], ix: Index, lx: Lexis) -> Match | None:
    """A phrasing that ends at the head's last noun, the words before it describing it;
    one of them that falsifies it ("a revoked permit") makes it something else."""
    best: tuple | None = None
    found: Match | None = None
    for start in range(len(head)):
        text = " ".join(head[start:])
        for order, cand in ix.prepared.near(len(head) - start, text):
            sim = _similar(text, cand.text)
            if sim and sim < 100.0 and not _same_noun(head[-1], cand.words[-1]):
                continue  # a typo elsewhere may not turn the head into another noun
            if sim:
                rank = (start, _RANK[cand.kind], -sim, order)
                if best is None or rank < best:
                    best, found = rank, Match(cand, start, sim)
        if found is not None:
            break
    # a phrasing whose words stand in the head in order, ending at its last noun:
    # "front-line claims workers" names "front-line workers"
    for _order, cand in ix.by_last.get(head[-1], ()):
        n = len(cand.words)
        if n < 2 or n > len(head) or (found and len(found.candidate.words) >= n):
            continue
        if _in_order(cand.words[:-1], head[:-1]):
            start = head.index(cand.words[0])
            found = Match(cand, start, THRESHOLD)
    if found is None and head[-1] in ix.conjuncts:
        found = Match(ix.conjuncts[head[-1]][1], len(head) - 1, THRESHOLD)  # "high-school seniors"
    if found is None:
        return None
    before = head[: max(found.position, 0)]
    if _falsified(before, lx):
        return Match(_FALSIFIED, 0, 0.0)
    return found


def _same_noun(a: str, b: str) -> bool:
    return a == b or _similar(a, b) >= THRESHOLD


def _in_order(needles: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    at = 0
    for word in needles:
        try:
            at = hay.index(word, at) + 1
        except ValueError:
            return False
    return True


def _falsified(before: tuple[str, ...], lx: Lexis) -> bool:
    for f in lx.falsifiers:
        n = len(f)
        if any(before[i : i + n] == f for i in range(len(before) - n + 1)):
            return True
    return False


# --- a qualifier that says who the group is -------------------------------------------------


def _by_qualifier(
    g: Words,
    b: int,
    ix: Index,
    scene: Scene,
    lx: Lexis,
    *,
    population: bool,
    antecedent: str | None = None,
) -> Match | None:
    """The actor a qualifier describes, as a phrasing of this question."""
    actor = qualified_actor(g, b, ix, scene, lx, population=population, antecedent=antecedent)
    if actor is None:
        return None
    entry = ix.of_actor.get(actor)
    if entry is None:
        return None
    return Match(entry[1], b, THRESHOLD)


def qualified_actor(
    g: Words,
    b: int,
    ix: Index,
    scene: Scene,
    lx: Lexis,
    *,
    population: bool = False,
    antecedent: str | None = None,
) -> str | None:
    """Who the qualifier ``g.words[b:]`` says the group is: whoever another group serves,
    else the one actor whose ``does`` it matches, else the person its verb makes. For a
    population ("the public the agency serves") the organization's own service names no
    one more specific: that is the fuzzy public the doctrine warns about."""
    q = g.words[b:]
    served = _serving(g, b, ix, scene, lx, population=population, antecedent=antecedent)
    if served is not None:
        return served
    if b and g.words[b - 1] in lx.staff and q[:1] in (("in",), ("at",), ("of",), ("from",)):
        # "staff in the state offices", "employees of the vendor": that group's people
        where = _group_actor(_up_to_verb(q[1:], lx), ix)
        if where is not None and where != "widget":
            return where
    if _serve_verb(q, lx) is not None:
        return None  # who serves or is served is said above, or cannot be told
    if _wants_the_widget(q, ix, lx):
        return _one(scene.primary)
    described = _described(q, scene, lx)
    agent = _agent_actor(q, ix, lx)
    if described is not None and agent is not None and not _leads(q, described, scene, lx):
        # "the person applying to become a school bus driver": the verb makes an applicant,
        # though the office's "certify school bus drivers" shares more of the words
        return agent
    return described if described is not None else agent


def _leads(q: tuple[str, ...], actor: str, scene: Scene, lx: Lexis) -> bool:
    """Whether the first word that carries meaning in ``q`` is in a description of
    ``actor``."""
    lead = _lead(q, lx)
    return lead is None or any(
        lead in does or any(_close(d, lead) for d in does)
        for who, does in scene.described
        if who == actor
    )


def _serving(
    g: Words,
    b: int,
    ix: Index,
    scene: Scene,
    lx: Lexis,
    *,
    population: bool,
    antecedent: str | None = None,
) -> str | None:
    """ "residents the departments serve", "citizens served by the programs", "people who
    serve the applicants": whom a group serves, or who serves them."""
    q = g.words[b:]
    v = _serve_verb(q, lx)
    if v is None:
        return None
    verb = q[v]
    if v + 1 < len(q) and q[v + 1] == "by":  # passive: served by X
        by = q[v + 2 :]
        # "served by what gets purchased": what the work delivers, the widget
        agent = "widget" if by[:1] == ("what",) else _group_actor(_up_to_verb(by, lx), ix)
        return _one(_served_by(agent, scene, population))
    lead = 1 if q and q[0] in lx.clause_words else 0
    while lead < v and q[lead] in lx.glue:
        lead += 1
    if (v == 0 and verb.endswith(lx.present)) or (
        v == lead and lead >= 1 and q[0] in lx.clause_words
    ):
        # subject: "people serving X", "staff who serve X": those who serve X
        target = _group_actor(q[v + 1 :], ix)
        if target is None:
            return None
        return _one(tuple(a for a, t in scene.serves.items() if target in t))
    # object: "the residents the departments serve", "people whom the agency serves"
    words = _up_to_verb(q[lead:v], lx)
    if words in (("we",), ("us",)):
        agent: str | None = "we"
    elif words in (("they",), ("them",)):
        agent = antecedent  # "not the departments but the citizens they serve"
    else:
        agent = _group_actor(words, ix)
    return _one(_served_by(agent, scene, population))


def _wants_the_widget(q: tuple[str, ...], ix: Index, lx: Lexis) -> bool:
    """ "people who want a contractor license", "anyone waiting for their refund": a verb of
    wanting or getting, then the widget (what the question calls the widget)."""
    for v, word in enumerate(q[:4]):
        if stem(word, lx) in lx.want:
            rest = tuple(w for w in q[v + 1 :] if w not in lx.prepositions and w != "to")
            return any(_group_actor(rest[:end], ix) == "widget" for end in range(len(rest), 0, -1))
    return False


def _serve_verb(q: tuple[str, ...], lx: Lexis) -> int | None:
    """Where a verb of serving stands in a qualifier (not "help" after "for": a noun; but
    "meant to serve" is the verb)."""
    for i, w in enumerate(q):
        if stem(w, lx) in lx.serve and not (i and q[i - 1] in lx.prepositions and q[i - 1] != "to"):
            return i
    return None


def _up_to_verb(words: tuple[str, ...], lx: Lexis) -> tuple[str, ...]:
    """The group at the start of ``words``, before any verb: "the case management system is
    meant to" -> "case management system"."""
    for i, w in enumerate(words):
        if i and (w in lx.always_verbs or w in lx.glue or w == "to" or w in lx.clause_words):
            return words[:i]
    return words


def _served_by(agent: str | None, scene: Scene, population: bool) -> tuple[str, ...]:
    """Whom ``agent`` serves: its targets. The widget serves the primary customer; so does
    the organization that makes it ("we"), except for a population: "the public we serve"
    is the fuzzy public, not a customer."""
    if agent is None:
        return ()
    if agent == "widget":
        return scene.primary
    if agent == "we" or agent in scene.producers:
        return () if population else scene.primary
    return scene.serves.get(agent, ())


def _one(actors: tuple[str, ...]) -> str | None:
    return actors[0] if len(set(actors)) == 1 else None


def _group_actor(words: tuple[str, ...], ix: Index) -> str | None:
    """The actor a few words name (the widget counts as "widget"), read up to their head."""
    if not words:
        return None
    lx = lexis()
    g = Words(words, (False,) * len(words), (False,) * len(words))
    found = _whole(words, ix)
    if found is None:
        b = boundary(g, ix, lx)
        found = _crossing(words, b, ix) or _head(words[:b], ix, lx)
    if found is None or found.candidate.kind == "falsified":
        return None
    return found.candidate.actor


def _relational(g: Words, b: int, ix: Index, scene: Scene, lx: Lexis) -> Match | None:
    """ "the grantees' customers", "customers of the departments", "program customers":
    whoever the group in front of or after them serves."""
    head = g.words[:b]
    for r in lx.relational:
        n = len(r)
        if head[-n:] != r:
            continue
        owner_words = head[:-n]
        if not owner_words and b < len(g.words) and g.words[b] == "of":
            rest = g.words[b + 1 :]
            sub = Words(rest, (False,) * len(rest), (False,) * len(rest))
            owner_words = rest[: boundary(sub, ix, lx)]
        if not owner_words:
            return None
        served = _one(_served_by(_group_actor(owner_words, ix), scene, False))
        if served is None:
            return None
        entry = ix.of_actor.get(served)
        return Match(entry[1], 0, THRESHOLD) if entry else None
    return None


def _described(q: tuple[str, ...], scene: Scene, lx: Lexis) -> str | None:
    """The one actor whose description the qualifier's words cover."""
    said = content(q, lx)
    if not said:
        return None
    lead = _lead(q, lx)
    best: tuple[int, float] | None = None
    winners: list[str] = []
    # only descriptions that share a word with the qualifier, or a word a typo away from
    # one (a typo keeps the first letter, in words of five letters or more), can fit it
    touched = {i for st in said for i in scene.stem_at.get(st, ())}
    typo_of: set[str] = set()
    typo_word = language().typos.word
    for s in said:
        if len(s) >= typo_word:
            for d in scene.long_stems.get(s[0], ()):
                if d not in said and d not in typo_of and _close(d, s):
                    typo_of.add(d)
                    touched.update(scene.stem_at[d])
    for i in sorted(touched):
        actor, does = scene.described[i]
        hit = len(does & said) + len(does & typo_of)
        # what the qualifier says first (its verb, mostly) is in the description, or three
        # of its words are; and at least half of the description is in the qualifier
        led = (
            lead is None
            or lead in does
            or (len(lead) >= typo_word and any(d[:1] == lead[0] and _close(d, lead) for d in does))
        )
        if not led and hit < 3:
            continue
        if hit < min(2, len(does)) or 2 * hit < len(does):
            continue
        score = (hit, hit / len(does))
        if best is None or score > best:
            best, winners = score, [actor]
        elif score == best and actor not in winners:
            winners.append(actor)
    if not winners:
        return None
    # "people who use what we buy": of someone who serves and the people they serve, the
    # words fit the end of the chain (the customer is whoever uses the widget in the end)
    ends = [a for a in winners if not set(scene.serves.get(a, ())) & set(winners)]
    winners = ends or winners
    if len({scene.roles.get(a) for a in winners}) == 1:
        return winners[0]
    return None


def _lead(q: tuple[str, ...], lx: Lexis) -> str | None:
    """The first word of a qualifier that carries meaning, as a description's stem."""
    for w in q:
        if w in lx.subordinators:
            return None
        if w in lx.stopwords or w in lx.prepositions or w in lx.glue or adverb(w, lx):
            continue
        st = stem(w, lx)
        st = lx.synonyms.get(st, st)
        if st in lx.stop_stems:
            continue
        return st
    return None


@lru_cache(maxsize=1 << 14)  # pure: the same description words meet the same answers
def _close(a: str, b: str) -> bool:
    """``a`` and ``b`` are one word with a typo ("refnd", "refund"): long enough
    (``language.yaml``'s ``typos``), and not one word and a longer one made from it
    ("grant", "grantee")."""
    typos = language().typos
    if len(a) < typos.word or len(b) < typos.word or a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return False
    return _ratio(a, b) >= typos.described


def _agent_actor(q: tuple[str, ...], ix: Index, lx: Lexis) -> str | None:
    """ "people who file claims" are claimants: the verb table of ``language.yaml``."""
    k = 1 if q and q[0] in lx.clause_words else 0
    while k < len(q) and q[k] in lx.glue:
        k += 1
    agent = _agent(q, k, lx)
    if agent is None:
        return None
    return _group_actor(agent, ix)


def _agent(words: tuple[str, ...], v: int, lx: Lexis) -> tuple[str, ...] | None:
    while v < len(words) and words[v] in lx.agents:
        rest = words[v + 1 :]
        obj = next((i for i, w in enumerate(rest) if w not in lx.prepositions and w != "to"), None)
        for agent, objects in lx.agents[words[v]]:
            if objects and obj is not None and rest[obj] in objects:
                return (agent, *rest[obj + 1 :])
        if len(rest) > 1 and rest[0] == "to" and rest[1] in lx.agents:
            v += 2
            continue
        break
    if v >= len(words) or words[v] not in lx.agents:
        return None
    agent = next((a for a, objects in lx.agents[words[v]] if not objects), None)
    return (agent,) if agent else None


derived(lexis.cache_clear)
derived(_close.cache_clear)
