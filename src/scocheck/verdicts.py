"""The words scocheck judges with, as types: how two values compare, a claim's status, a cited
sentence's verdict, a passage's stance towards it, and a finding's severity.

Each is a `StrEnum`: a member is the string it stands for (``Status.OK == "ok"``, ``str()``,
``format()`` and ``json.dumps`` give ``"ok"``), so text and JSON output are the words they always
were; only ``repr()`` differs (``<Status.OK: 'ok'>``), and no output uses it.
"""

from __future__ import annotations

from enum import StrEnum


class Agreement(StrEnum):
    """Whether two values agree (values.compare, mentions.compare, compare.agreement)."""

    AGREE = "agree"  # the values overlap, within tolerance: both can be true at once
    DISAGREE = "disagree"  # comparable values that cannot both be true
    INCOMPARABLE = "incomparable"  # different kinds (a year and a sum), or money in different currencies


class Status(StrEnum):
    """A registered claim's status after `verify`, in the order verify's summary counts them."""

    OK = "ok"  # every quote found and stating the value, and no conflict read surely enough to report
    DISPUTED = "disputed"  # sources disagree, and every disagreeing passage is acknowledged in disputed_by
    BROKEN = "broken"  # a quote is not found in its source, or does not state the claim's value
    CONTRADICTED = "contradicted"  # a passage states another value and the registry does not acknowledge it


class CiteVerdict(StrEnum):
    """What the corpus says of a sentence (`cite`; the field `verdict` of cite.Verdict)."""

    SUPPORTED = "supported"  # every passage read as evidence states the sentence's value
    CONTRADICTED = "contradicted"  # every passage read as evidence states another value
    DISPUTED = "disputed"  # some passages state the sentence's value and some another
    NOT_FOUND = "not_found"  # the sentence could not be read, or no passage speaks to its fact


class Stance(StrEnum):
    """Where one passage stands on a sentence `cite` checks (cite.Evidence.stance)."""

    SUPPORTS = "supports"  # it states a value that agrees with the sentence's
    CONTRADICTS = "contradicts"  # it states a value that disagrees with the sentence's, at the same time
    PLAN = "plan"  # it states the fact as a plan, expectation or proposal ("set to join in 2015"): what was
    #                meant to happen neither supports nor contradicts what did, so no verdict counts it


class Severity(StrEnum):
    """How serious a `check` finding is, from least to most (`--fail-level` compares in this order)."""

    INFO = "info"  # worth knowing, never a failure unless --fail-level info
    WARNING = "warning"  # probably needs the writer's attention
    ERROR = "error"  # wrong as written: fails `check` by default
