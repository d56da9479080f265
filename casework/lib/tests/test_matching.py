import datetime

from casework.lib.matching import Candidate, name_forms, parse_query, score

AMY = Candidate(
    given_names=("Amy",),
    family_names=("Smith-Jones",),
    date_of_birth=datetime.date(2016, 5, 7),
    postcodes=("LS1 4AP",),
    nhs_number="9434765919",
)


def test_a_query_is_split_into_names_date_postcode_and_nhs_number() -> None:
    query = parse_query(
        "amy smith 07/05/2016 ls14ap 943 476 5919".replace("943 476 5919", "9434765919")
    )
    assert query.words == ["amy", "smith"]
    assert query.typed_date == datetime.date(2016, 5, 7)
    assert datetime.date(2016, 7, 5) in query.dates  # day and month swapped
    assert query.postcode == "LS1 4AP"
    assert query.nhs_number == "9434765919"


def test_exact_name_and_date_of_birth_is_a_strong_match() -> None:
    result = score(parse_query("Amy Smith-Jones 7/5/2016"), AMY)
    assert result.value >= 0.95
    assert "date of birth exact" in result.reasons


def test_a_misspelt_surname_still_matches_and_says_why() -> None:
    result = score(parse_query("Aimee Smyth 07/05/2016"), AMY)
    assert result.value >= 0.8
    assert any(reason.startswith("surname") for reason in result.reasons)


def test_swapped_names_and_swapped_day_and_month_match() -> None:
    result = score(parse_query("Jones Amy 05/07/2016"), AMY)
    assert result.value >= 0.8
    assert "date of birth with day and month swapped" in result.reasons


def test_a_nickname_matches_the_full_name() -> None:
    assert "william" in name_forms("bill")
    will = Candidate(("William",), ("Hughes",), datetime.date(2012, 1, 2))
    assert score(parse_query("Billy Hughes"), will).value >= 0.9


def test_a_different_child_scores_low() -> None:
    other = Candidate(("Zara",), ("Okafor",), datetime.date(2009, 11, 30))
    assert score(parse_query("Amy Smith 07/05/2016"), other).value < 0.3


def test_the_nhs_number_alone_finds_the_child() -> None:
    result = score(parse_query("9434765919"), AMY)
    assert result.value == 1.0
    assert result.reasons == ("NHS number exact",)


def test_a_two_digit_year_and_a_trailing_comma_are_understood() -> None:
    query = parse_query("Smith, Amy 07/05/16", today=datetime.date(2026, 11, 24))
    assert query.words == ["smith", "amy"]
    assert query.typed_date == datetime.date(2016, 5, 7)
    older = parse_query("14/02/65", today=datetime.date(2026, 11, 24))
    assert older.typed_date == datetime.date(1965, 2, 14)


def test_one_typed_word_is_not_both_the_first_name_and_the_surname() -> None:
    aisha = Candidate(("Aisha",), ("Fairshaw",), None)
    assert score(parse_query("Aisha Ralowwood"), aisha).value < 0.85
