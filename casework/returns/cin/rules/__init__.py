"""The DfE CIN validation rules, one module per part of the census as the DfE groups them.
Importing this package registers every rule with `casework.returns.cin.validation`."""

from casework.returns.cin.rules import assessments, header, identifiers  # noqa: F401
