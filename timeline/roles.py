"""Roles: who acted (actors) and at whom (targets) among the parties named in a clause.

No dependency parser can be trained here on open data, so roles come from clause-position
rules over the clause's words and the named parties the entities stage found (PLOVER's actor
and recipient, ACLED's actor 1 and actor 2). Word classes are data (data/role_words.csv).

1. **The verb.** The clause's main verb is its first finite verb outside quotations and
   parentheses: an auxiliary or modal ("was", "has", "will"), a past form ("-ed" or an
   irregular past), a present form of a lexicon verb ("demands"), or a word in -s right after
   the subject ("Hurricane Idalia slams Florida"). A word followed by a surer finite verb is a
   noun ("GM shares slipped": "slipped" is the verb), as is a word after a determiner ("the
   demands") or a particle ("put up barricades"). A relative clause of the subject (", who
   ...,") and a fronted adverbial closed by a comma ("During a media event held at its
   headquarters, Hooli released...") are skipped. Without another verb, the lowercase word
   right after the first party is the verb ("OPEC cut output", "Serbs put up barricades").
2. **Subject = actor.** A party before the verb acts ("Serbia on Thursday formally demanded
   that...", "Serbia and its allies Russia and China have rejected it"), except:
   - a party in a prepositional phrase ("Tensions between Serbia and Kosovo flared", "In
     Warsaw, the opposition agreed"), unless the preposition follows an agent noun
     ("Officials from NATO said": NATO acts);
   - a possessor or modifier of a noun that is not an agent ("Boeing's rival Airbus won":
     Airbus acts, not Boeing; "GM shares slipped": nobody named acts), while a party that
     modifies an agent noun acts through it ("USAF officials said", "Serbia's government
     rejected", "Hooli CEO Dana Reyes unveiled");
   - a comma-separated opening chunk that starts with a preposition or a clause opener
     ("After talks with Russia, Serbia agreed": Russia is neither); without the comma the
     subject is the last noun phrase before the verb ("In 1986 he bought Nimbus", "After the
     talks collapsed Airbus CEO Guillaume Faury warned suppliers");
   - an alias in brackets ("(CES)").
3. **Passive.** After "be" + participle ("was fined", "has been accepted") the subject is
   the target and "by X" is the actor ("Kosovo's statehood has been accepted by the US":
   the US acts; "Russia was criticised by the European Union": EU -> Russia; "by Tesla CEO
   Elon Musk": both act).
4. **Object = target.** A party after the verb group is the target when it is its direct
   object ("NATO bombed Serbia", "Toyota overtook GM") or follows to/against/with/on ("Russia
   imposed sanctions on Ukraine", "Fiat signed a deal with Chrysler"); after any other
   preposition it is a place or a mention ("met the envoy in Brussels"); after "by" it is
   the actor only in a passive. The object region ends at a clause opener ("that", "if",
   "because", "as", "which"...): "Serbia demanded that its forces return to Kosovo" has no
   target. When the main clause names no actor, an adverbial clause ("after", "as",
   "because"...) gives the roles ("Tensions flared after Serbs erected barricades": the
   Serbs acted).
5. **Reported claims.** After a verb of saying the parties are the content of the claim,
   neither actor nor target ("Serbian officials claim that NATO is unable to protect Serbs
   from Kosovo Albanians": Serbia acts; NATO, Serbs and Kosovo Albanians are neither); a
   verb of telling keeps its recipient ("Vucic told RTS television that...": RTS is the
   target). An inverted report names its speaker after the verb ('"...", said Dana Reyes').
6. **No verb** (a caption, a noun phrase): the parties that rule 2 would keep act.

A party the entities stage marks as not acting (a country after a place preposition, "Serbian
troops") is neither. A name that acts is not also a target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from timeline._event_lexicon import irregular_past, verb_forms
from timeline._tables import read_table

__all__ = ["Party", "Roles", "assign", "role_words", "summary"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Party:
    """A named participant candidate at text[start:end] (a mention, or a pronoun standing
    for one)."""

    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class Roles:
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleWords:
    """Word classes of data/role_words.csv."""

    target_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    prepositions: frozenset[str]  # all of them, target and agent ones included
    agent_nouns: frozenset[str]
    class_nouns: frozenset[str]  # a name before these names the thing itself ("zPod players")
    say_verbs: frozenset[str]
    tell_verbs: frozenset[str]
    clause_openers: frozenset[str]
    adverbial_openers: frozenset[str]  # clause openers of adverbial clauses (rule 4)
    not_verbs: frozenset[str]
    adverbs: frozenset[str]
    past: frozenset[str]  # irregular past forms
    present: frozenset[str]  # present forms of the event lexicon's verbs


@cache
def role_words() -> RoleWords:
    by: dict[str, set[str]] = {}
    for row in read_table("role_words.csv"):
        by.setdefault(row["category"], set()).add(row["word"].lower())
    titles = {row["title"].lower() for row in read_table("titles.csv") if " " not in row["title"]}
    agents = {
        row["word"].lower() for row in read_table("entity_cues.csv") if row["category"] == "agent"
    }
    target, agent = by["target_preposition"], by["agent_preposition"]
    return RoleWords(
        target_prepositions=frozenset(target),
        agent_prepositions=frozenset(agent),
        prepositions=frozenset(by["preposition"] | target | agent),
        agent_nouns=frozenset(by["agent_noun"] | agents | titles),
        class_nouns=frozenset(by.get("class_noun", ())),
        say_verbs=frozenset(by["say_verb"]),
        tell_verbs=frozenset(by["tell_verb"]),
        clause_openers=frozenset(by["clause_opener"] | by["adverbial_opener"]),
        adverbial_openers=frozenset(by["adverbial_opener"]),
        not_verbs=frozenset(by["not_verb"]),
        adverbs=frozenset(by["adverb"]),
        past=irregular_past(),
        present=verb_forms(),
    )


# Tokens of a clause: words (with a hyphen or apostrophe inside), numbers, and the
# punctuation that separates chunks.
_TOKEN = re.compile(r"['’]s\b|[^\W\d_][\w'’-]*|\d[\d.,:%]*\w*|[,;:()—–]")
_POSSESSIVE = re.compile(r"['’]s?\b")
_BE = frozenset("is are was were be been being am 's".split())
_HAVE = frozenset("has have had having".split())
_MODAL = frozenset("will would shall should can could may might must do does did won't".split())
_AUX = _BE | _HAVE | _MODAL
_DETERMINERS = frozenset(
    "the a an its his her their this that these those any no our my your every each some "
    "many much several all both".split()
)
_CONJUNCTIONS = frozenset(("and", "or", "nor", "&"))
_CHUNK_BREAKS = frozenset(",;:()—–")
_APOSTROPHE_S = frozenset(("'s", "’s"))
# Particles of phrasal verbs: the word after one is their object ("put up barricades").
_PARTICLES = frozenset(("to", "up", "out", "down", "off", "away", "back"))


class _Tok(NamedTuple):
    """A word, a number, a punctuation mark or a named party of a clause (a tuple: clauses
    are tokenised on every event, and tuples are the cheapest to build)."""

    start: int
    end: int
    low: str  # the word in lower case; a party's name for a party
    party: int = -1  # index into the parties, -1 for a word

    @property
    def is_word(self) -> bool:
        return self.party < 0 and self.low[:1].isalpha()


def _tokens(text: str, spans: Sequence[Span], parties: Sequence[Party]) -> list[_Tok]:
    out: list[_Tok] = []
    ordered = sorted(range(len(parties)), key=lambda k: parties[k].start)
    for start, end in spans:
        cursor = start
        for k in ordered:
            p = parties[k]
            if p.start < start or p.end > end or p.start < cursor:
                continue
            out.extend(_words(text, cursor, p.start))
            out.append(_Tok(p.start, p.end, p.name, k))
            cursor = p.end
        out.extend(_words(text, cursor, end))
    return out


def _words(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text, start, end)]


def _skip(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """`spans` less the `holes` (quotations)."""
    out: list[Span] = []
    for start, end in spans:
        cursor = start
        for s, e in sorted(holes):
            if e <= cursor or s >= end:
                continue
            if s > cursor:
                out.append((cursor, s))
            cursor = max(cursor, e)
        if cursor < end:
            out.append((cursor, end))
    return out


class _Clause:
    def __init__(self, text: str, toks: list[_Tok], words: RoleWords) -> None:
        self.text = text
        self.toks = toks
        self.w = words

    # -- verbs -----------------------------------------------------------------------------
    def _sure_verb(self, i: int) -> bool:
        """An auxiliary or a past form: a finite verb whatever stands around it."""
        tok = self.toks[i]
        if not tok.is_word:
            return False
        low = tok.low
        if low in _AUX:
            return True
        return self._past(i)

    def _past(self, i: int) -> bool:
        tok = self.toks[i]
        low = tok.low
        if "-" in low or not self.text[tok.start].islower():
            return False
        k = i - 1
        while k > 0 and self.toks[k].low.endswith("ly"):
            k -= 1
        if i and self.toks[k].low in _DETERMINERS:
            return False  # "the proposed deal", "the recently announced zPhone"
        return low in self.w.past or (
            low.endswith("ed") and len(low) > 3 and low not in self.w.not_verbs
        )

    def _finite(self, i: int) -> bool:
        tok = self.toks[i]
        if not tok.is_word or tok.low in self.w.prepositions:
            return False
        if self._sure_verb(i):
            return True
        low = tok.low
        if "-" in low or not self.text[tok.start].islower() or low in self.w.not_verbs:
            return False
        before = self.toks[i - 1] if i else None
        if before is not None and (
            before.low in _DETERMINERS
            or before.low in self.w.prepositions
            or before.low in _PARTICLES
        ):
            return False  # "the demands", "to protest", "of shares", "put up barricades"
        if low in self.w.present:
            pass
        elif low.endswith("s") and not low.endswith("ss") and before is not None:
            # a word in -s right after the subject ("Hurricane Idalia slams Florida")
            if before.party < 0 and before.low not in self.w.agent_nouns:
                # after a common noun only with an object after it ("Quake hits Morocco")
                after = self.toks[i + 1] if i + 1 < len(self.toks) else None
                if after is None or not (
                    after.party >= 0 or after.low in _DETERMINERS or after.low[:1].isdigit()
                ):
                    return False
        else:
            return False
        # a noun before a surer verb ("GM shares slipped", "Hooli shares rose")
        nxt = i + 1
        while nxt < len(self.toks) and (
            self.toks[nxt].low in self.w.adverbs or self.toks[nxt].low.endswith("ly")
        ):
            nxt += 1
        return not (nxt < len(self.toks) and self._sure_verb(nxt))

    def verb(self) -> int:
        """Index of the main verb, -1 when the clause has none."""
        toks = self.toks
        i = self.fronted()
        depth = 0
        while i < len(toks):
            tok = toks[i]
            if tok.low == "(":
                depth += 1
            elif tok.low == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                if tok.low == "," and i + 1 < len(toks) and toks[i + 1].low in _CONJUNCTIONS:
                    # the first coordinated clause ends here: its verb may be a bare one
                    # ("Serbs put up barricades ..., and shots were fired")
                    bare = self._bare_verb()
                    if 0 <= bare < i:
                        return bare
                if tok.low == "," and i + 1 < len(toks) and toks[i + 1].low in ("who", "which"):
                    # a relative clause of the subject: to its closing comma
                    j = next((k for k in range(i + 2, len(toks)) if toks[k].low == ","), -1)
                    if j > 0:
                        i = j + 1
                        continue
                if self._finite(i):
                    return i
            i += 1
        return self._bare_verb()

    def _bare_verb(self) -> int:
        """A lowercase word right after the first named party, when no other verb is found:
        a verb whose past is its base form ("OPEC cut output", "Serbs put up barricades")."""
        w = self.w
        for i in range(self.fronted(), len(self.toks) - 1):
            if self.toks[i].party >= 0:
                nxt = self.toks[i + 1]
                low = nxt.low
                if (
                    nxt.is_word
                    and self.text[nxt.start].islower()
                    and low not in w.prepositions
                    and low not in _DETERMINERS
                    and low not in _CONJUNCTIONS
                    and low not in w.adverbs
                    and low not in w.agent_nouns
                    and low not in w.not_verbs
                    and low not in w.clause_openers
                ):
                    return i + 1
                return -1
        return -1

    def fronted(self) -> int:
        """Index after a fronted adverbial that a comma closes ("During a media event held at
        its headquarters, Hooli released..."), else 0."""
        if not self.toks or self.toks[0].party >= 0:
            return 0
        first = self.toks[0].low
        if first in self.w.prepositions or first in self.w.clause_openers or first == "according":
            for k, tok in enumerate(self.toks):
                if tok.low == ",":
                    # a comma with no verb after it closes no fronted phrase: what follows is
                    # an apposition or a quotation ("After the case closed Hooli CEO Dana Reyes
                    # extended an invitation to the label, "we have always...")
                    if first not in self.w.adverbial_openers or any(
                        self._finite(j) for j in range(k + 1, len(self.toks))
                    ):
                        return k + 1
                    break
        if first in self.w.adverbial_openers:
            # without a comma the fronted clause ends where a named subject meets its verb
            # ("After the case closed Hooli CEO Dana Reyes extended an invitation")
            toks = self.toks
            for k in range(1, len(toks) - 1):
                if toks[k].party >= 0 and (k == 0 or toks[k - 1].party < 0):
                    m = k
                    while m < len(toks) and (
                        toks[m].party >= 0 or toks[m].low in self.w.agent_nouns
                    ):
                        m += 1
                    if m < len(toks) and m > k and self._finite(m) and k > 1:
                        return k
        return 0

    def verb_group(self, v: int) -> tuple[int, bool]:
        """(index after the verb group, passive) for the verb at `v`."""
        toks = self.toks
        i = v
        passive = False
        saw_be = False
        while i < len(toks) and toks[i].is_word:
            low = toks[i].low
            if low in _BE:
                saw_be = True
            elif low in _AUX or low in self.w.adverbs or low.endswith("ly"):
                pass
            elif i == v or (saw_be and self._participle(i)) or self._participle(i):
                passive = saw_be and i > v
                i += 1
                break
            else:
                break
            i += 1
        return i, passive

    def _participle(self, i: int) -> bool:
        low = self.toks[i].low
        return low in self.w.past or (low.endswith(("ed", "en", "wn")) and len(low) > 3)

    # -- roles -----------------------------------------------------------------------------
    def _chunk_start(self, i: int, lo: int) -> int:
        j = i
        while j > lo and self.toks[j - 1].low not in _CHUNK_BREAKS:
            j -= 1
        return j

    def _in_parentheses(self, i: int) -> bool:
        depth = 0
        for tok in self.toks[:i]:
            if tok.low == "(":
                depth += 1
            elif tok.low == ")":
                depth = max(0, depth - 1)
        return depth > 0

    def _subject_tail(self, k: int) -> bool:
        """Whether the token at `k` may stand between a subject's name and its verb."""
        tok = self.toks[k]
        low = tok.low
        return (
            tok.party >= 0
            or low in _CONJUNCTIONS
            or low in self.w.adverbs
            or low.endswith("ly")
            or low in _APOSTROPHE_S
            or low in self.w.agent_nouns
        )

    def _governor(self, i: int, lo: int) -> int:
        """Index of the preposition that governs the party at `i`, -1 if none (looking back
        over its noun phrase and coordinated parties to `lo` or a verb)."""
        j = i - 1
        joined = False  # a conjunction stands between the party and the token at j
        head = i  # the party whose phrase the walk is in
        while j >= lo:
            tok = self.toks[j]
            low = tok.low
            if tok.party >= 0 and not joined and self._employer(j, head):
                head = j  # "by Hooli CEO Dana Reyes": one phrase
                j -= 1
                continue
            if (tok.party >= 0 or low[:1].isdigit()) and not joined:
                return -1  # another noun phrase ends here ("In 1986 he bought Nimbus")
            joined = low in _CONJUNCTIONS or low == ","
            if (
                tok.party >= 0
                or low in _DETERMINERS
                or low in _CONJUNCTIONS
                or low in self.w.adverbs
                or low in _APOSTROPHE_S
            ):
                j -= 1
                continue
            if low in self.w.prepositions:
                return j
            if low in _CHUNK_BREAKS or low in self.w.clause_openers or not tok.is_word:
                return -1
            if self._verbish(j):
                return -1
            j -= 1
        return -1

    def _employer(self, j: int, head: int) -> bool:
        """Whether the party at `j` names the employer of the party at `head` (only titles
        between them: "Hooli CEO Dana Reyes")."""
        between = self.toks[j + 1 : head]
        return all(t.low in self.w.agent_nouns for t in between)

    def _verbish(self, j: int) -> bool:
        low = self.toks[j].low
        return low in _AUX or low in self.w.present or low.endswith("ing") or self._past(j)

    def _modifies(self, i: int, stop: int) -> str | None:
        """What the party at `i` modifies or possesses: "agent", "noun", "party" (a named
        head: "Boeing's rival Airbus"), or None when it heads its own phrase."""
        tok = self.toks[i]
        possessive = _POSSESSIVE.match(self.text, tok.end) is not None
        j = i + 1
        head: str | None = None
        while j < stop:
            nxt = self.toks[j]
            if nxt.party >= 0:
                return (
                    "party"
                    if (possessive or head) and head not in self.w.agent_nouns
                    else ("agent" if head else None)
                )
            low = nxt.low
            if low in _APOSTROPHE_S:
                j += 1
                continue
            if (
                not nxt.is_word
                or low in self.w.prepositions
                or low in _CONJUNCTIONS
                or low in self.w.clause_openers
                or low in _AUX
                or low in self.w.adverbs
                or (low.endswith("ly") and not possessive)
                or (head is None and not possessive and self._finite(j))
            ):
                break
            head = low
            if low in self.w.agent_nouns:
                return "agent"
            j += 1
        if head is None:
            return None
        if head in self.w.class_nouns and not possessive:
            return None  # the name of its head: "the Hooli Music service passed Nordbank"
        return "agent" if head in self.w.agent_nouns else "noun"

    def _apposition(self, chunk: int, i: int, stop: int) -> bool:
        """Whether the chunk at `chunk` (holding the party at `i`) is an apposition between a
        named subject and its verb, closed by a comma ("Dana Reyes, formerly an executive
        overseeing the zPhone, is stepping down": the zPhone is neither); a list of names
        ("Chile, Peru, and Bolivia signed") is none."""
        toks = self.toks
        if (
            chunk == 0
            or toks[chunk - 1].low != ","
            or not any(t.party >= 0 for t in toks[: chunk - 1])
        ):
            return False
        if not any(t.low == "," for t in toks[i:stop]):
            return False
        return any(
            t.party < 0 and t.low not in _CONJUNCTIONS and t.low not in _DETERMINERS
            for t in toks[chunk:i]
        )

    def _subject_role(self, i: int, v: int) -> bool:
        """Whether the party at `i` (before the verb at `v`, or anywhere when v < 0) heads
        the subject."""
        stop = v if v >= 0 else len(self.toks)
        if self._in_parentheses(i):
            return False  # an alias in brackets: "(DevCon)"
        chunk = self._chunk_start(i, 0)
        first = self.toks[chunk]
        opens = first.low in self.w.prepositions or first.low in self.w.clause_openers
        if first.low == "according":
            return False
        if chunk < i and opens:
            if any(t.low in _CHUNK_BREAKS for t in self.toks[i:stop]):
                return False  # a fronted adverbial chunk: "After talks with Russia, Serbia..."
            # a fronted adverbial without a comma ends where the subject begins: the last
            # noun phrase before the verb ("In 1986 he bought Nimbus")
            return all(self._subject_tail(k) for k in range(i + 1, stop))
        g = self._governor(i, chunk)
        if self._apposition(chunk, i, stop) and not (
            # the employer in a title acts through the subject: "Dana Reyes, the chief
            # executive of Hooli, said", "Dana Reyes, a Hooli executive, said"
            self._modifies(i, stop) == "agent"
            or (
                g > chunk
                and self.toks[g].low == "of"
                and self.toks[g - 1].low in self.w.agent_nouns
            )
        ):
            return False
        if g >= 0:
            before = self.toks[g - 1] if g > chunk else None
            if not (
                self.toks[g].low in ("of", "from", "for", "at", "in")
                and before is not None
                and before.low in self.w.agent_nouns
            ):
                return False
        modifies = self._modifies(i, stop)
        return modifies in (None, "agent")


def assign(
    text: str,
    spans: Sequence[Span],
    parties: Sequence[Party],
    quotes: Sequence[Span] = (),
) -> Roles:
    """The actors and targets among `parties` of the clause text[spans] (quotations skipped:
    what a speaker talks about is neither)."""
    if not parties:
        return Roles()
    words = role_words()
    toks = _tokens(text, _skip(spans, quotes), parties)
    # the clause's own connective ("when the Western alliance pushed out...", "and then
    # Serbia warned") is not a subordinate chunk of its subject; but an adverbial clause
    # that a comma closes before the main clause is one ("When Dana Reyes showed the zPhone,
    # she praised its screen")
    while (
        toks
        and not _fronted_clause(text, toks, words)
        and toks[0].party < 0
        and (
            toks[0].low in _CONJUNCTIONS
            or toks[0].low in words.adverbs
            or (toks[0].low in words.clause_openers and toks[0].low not in words.prepositions)
        )
    ):
        toks = toks[1:]
    clause = _Clause(text, toks, words)
    v = clause.verb()
    actors: list[str] = []
    targets: list[str] = []
    if v < 0:
        for i, tok in enumerate(toks):
            if tok.party >= 0 and clause._subject_role(i, -1):
                actors.append(tok.low)
        return _roles(actors, targets)
    after, passive = clause.verb_group(v)
    verb = toks[after - 1].low if after > v else toks[v].low
    for i in range(v):
        if toks[i].party >= 0 and clause._subject_role(i, v):
            (targets if passive else actors).append(toks[i].low)
    # the object region: to the first clause opener (a verb of saying: its content begins
    # at once, after the recipient of a verb of telling)
    end = len(toks)
    for j in range(after, len(toks)):
        if toks[j].low in words.clause_openers or toks[j].low == ";":
            end = j
            break
    saying = verb in words.say_verbs or toks[v].low in words.say_verbs
    telling = verb in words.tell_verbs or toks[v].low in words.tell_verbs
    if saying and not actors and after < len(toks) and toks[after].party >= 0:
        # an inverted report: '"...," said Dana Reyes'
        k = after
        while k < len(toks) and (toks[k].party >= 0 or toks[k].low in words.agent_nouns):
            if toks[k].party >= 0:
                actors.append(toks[k].low)
            k += 1
        end = after
    elif saying:
        end = after
    elif telling:
        end = min(end, _phrase_end(toks, after, words))
    for i in range(after, end):
        tok = toks[i]
        if tok.party < 0 or clause._in_parentheses(i):
            continue
        g = clause._governor(i, after)
        if g >= 0:
            prep = toks[g].low
            if g > 0 and toks[g - 1].low == "according":
                continue  # a source, not a target: "according to Dana Reyes"
            if prep in words.agent_prepositions:
                if passive:
                    actors.append(tok.low)
                continue
            if prep not in words.target_prepositions:
                continue
        if clause._modifies(i, end) in ("noun", "party"):
            continue  # "bought GM shares", "beat Boeing's rival Airbus": the head is the target
        targets.append(tok.low)
    if not actors and not saying and end < len(toks) and toks[end].low in words.adverbial_openers:
        # an adverbial clause tells what the event is when the main clause names nobody
        # ("Tensions flared after Serbs erected barricades": the Serbs acted)
        rest = [(toks[end].end, max(e for _, e in spans))]
        inner = [p for p in parties if p.start >= toks[end].end]
        sub = assign(text, _skip(rest, quotes), inner, quotes)
        actors = list(sub.actors)
        targets = targets or list(sub.targets)
    return _roles(actors, targets)


def _fronted_clause(text: str, toks: list[_Tok], words: RoleWords) -> bool:
    """Whether the clause opens with an adverbial clause closed by a comma, then a named
    subject and its verb ("When Dana Reyes showed the zPhone, she praised its screen"; not
    "when the alliance pushed out the troops, to allow their return")."""
    if not toks or toks[0].low not in words.adverbial_openers:
        return False
    clause = _Clause(text, toks, words)
    comma = next((k for k, t in enumerate(toks) if t.low == ","), -1)
    if comma < 0:
        return False
    verb = next((j for j in range(comma + 1, len(toks)) if clause._finite(j)), -1)
    return verb > 0 and any(t.party >= 0 for t in toks[comma + 1 : verb])


def _phrase_end(toks: Sequence[_Tok], start: int, words: RoleWords) -> int:
    """End of the noun phrase (the recipient) that starts at `start`."""
    j = start
    while j < len(toks):
        low = toks[j].low
        if toks[j].party >= 0 or low in _DETERMINERS or low in _CONJUNCTIONS:
            j += 1
            continue
        if not toks[j].is_word or low in words.prepositions or low in words.clause_openers:
            break
        if low in words.agent_nouns or (toks[j].is_word and not low.endswith(("ed", "ing"))):
            j += 1
            continue
        break
    return j


def summary(actors: Sequence[str], targets: Sequence[str], event_type: str) -> str:
    """An event in one line, who -> at whom: "Serbia → NATO: DEMAND", "Serbia: DEMAND",
    "→ Florida: DISASTER", "OTHER" (plain text: escape it for HTML)."""
    who = ", ".join(actors)
    if targets:
        who = f"{who} → {', '.join(targets)}".strip()
    return f"{who}: {event_type}" if who else str(event_type)


def _roles(actors: list[str], targets: list[str]) -> Roles:
    acting = tuple(dict.fromkeys(actors))
    return Roles(acting, tuple(t for t in dict.fromkeys(targets) if t not in acting))
