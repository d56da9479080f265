from casework.lib import identifiers


def test_a_real_nhs_number_passes_its_check_digit() -> None:
    assert identifiers.nhs_number_is_valid("9434765919")
    assert identifiers.nhs_number_is_valid("943 476 5919")
    assert identifiers.nhs_number_is_valid("401-023-2137")


def test_a_mistyped_nhs_number_fails_its_check_digit() -> None:
    assert not identifiers.nhs_number_is_valid("9434765918")  # last digit wrong
    assert not identifiers.nhs_number_is_valid("9434765991")  # two digits transposed
    assert not identifiers.nhs_number_is_valid("943476591")  # nine digits
    assert not identifiers.nhs_number_is_valid("94347659AB")


def test_a_number_whose_check_would_be_ten_is_never_valid() -> None:
    # 1000000010: weights give a remainder of 1, so the check digit would be 10.
    digits = "100000001"
    total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert not any(identifiers.nhs_number_is_valid(digits + str(last)) for last in range(10))


def test_upns_follow_the_dfe_layout() -> None:
    assert identifiers.upn_is_valid("A123456789012")
    assert identifiers.upn_is_valid("a12345678901b")
    assert not identifiers.upn_is_valid("123456789012A")
    assert not identifiers.upn_is_valid("A12345678901")


def test_postcodes_are_tidied_and_checked() -> None:
    assert identifiers.normalise_postcode("ls11aa") == "LS1 1AA"
    assert identifiers.postcode_is_valid("SW1A 1AA")
    assert identifiers.postcode_is_valid("m11ae")
    assert not identifiers.postcode_is_valid("12345")
    assert not identifiers.postcode_is_valid("LS1")
