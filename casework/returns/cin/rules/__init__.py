"""The DfE CIN validation rules, one module per part of the census as the DfE groups them, and
one for the rules on the return as a whole. Importing this package registers every rule with
`casework.returns.cin.validation`."""

from casework.returns.cin.rules import (  # noqa: F401
    assessments,
    characteristics,
    cin_details,
    cin_plans,
    council,
    cp_plans,
    header,
    identifiers,
    reviews,
    section47,
)
