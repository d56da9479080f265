"""Rules on ChildCharacteristics: ethnicity and disabilities."""

from collections.abc import Iterator

from casework.returns.cin.records import Child, is_false
from casework.returns.cin.validation import Context, Found, child_rule

# fmt: off
ETHNICITY_CODES = frozenset(
    {
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
        "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    }
)
# fmt: on
DISABILITY_CODES = frozenset(
    {"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
)


@child_rule("4220", "Ethnicity is missing or invalid (see Ethnicity table)")
def ethnicity_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """4220: ethnicity is given and is a code from the DfE's ethnicity list."""
    if child.Ethnicity not in ETHNICITY_CODES:
        yield child, ("Ethnicity",)


@child_rule("8540", "Child’s disability is missing or invalid (see Disability table)")
def disability_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8540: a born child with a referral that led to further action has at least one
    disability recorded (NONE if they have none), and every code is from the list.

    The DfE-rule validator names one of its columns ROW_ID_x where its report expects ROW_ID,
    and the report's catch-all then drops every location of the rule: it never reports 8540.
    """
    if child.PersonBirthDate is None:
        return
    codes = child.Disabilities
    if codes and all(code in DISABILITY_CODES for code in codes):
        return
    if any(is_false(details.ReferralNFA) for details in child.CINdetails):
        yield child, ("Disability",)


@child_rule("8790", "Disability information includes both None and other values")
def none_stands_alone(child: Child, context: Context) -> Iterator[Found]:
    """8790: a child recorded with disability NONE has no other disability recorded."""
    codes = child.Disabilities
    if len(codes) > 1:
        upper = [code.upper() for code in codes]
        if "NONE" in upper and any(code != "NONE" for code in upper):
            yield child, ("Disability",)


@child_rule("8794", "Child has two or more disabilities with the same code")
def disabilities_not_repeated(child: Child, context: Context) -> Iterator[Found]:
    """8794: no disability code is recorded twice for the same child."""
    codes = child.Disabilities
    if len(codes) > 1 and len(set(codes)) < len(codes):
        yield child, ("Disability",)
