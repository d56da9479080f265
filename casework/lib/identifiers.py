"""Checks for the identifiers a child carries. Framework-free so forms, the API, imports and the
census checks share one definition."""

import re

UPN_PATTERN = re.compile(r"^[A-Z]\d{12}$|^[A-Z]\d{11}[A-Z]$")
POSTCODE_PATTERN = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_is_valid(value: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the first nine (weights 10 to 2).
    A remainder giving 10 means the number was never issued."""
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def normalise_upn(value: str) -> str:
    return (value or "").strip().upper()


def upn_is_valid(value: str) -> bool:
    """The DfE unique pupil number layout the CIN census accepts: a letter then 12 digits, or a
    letter, 11 digits and a letter (a temporary UPN)."""
    return bool(UPN_PATTERN.match(normalise_upn(value)))


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: 'ls11aa' -> 'LS1 1AA'."""
    compact = re.sub(r"\s", "", (value or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_is_valid(value: str) -> bool:
    return bool(POSTCODE_PATTERN.match(normalise_postcode(value)))
