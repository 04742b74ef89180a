"""Registration numbers: check digits verified, one way of writing each, identity across spellings."""
import pytest

from crm.models import RegistrationKind
from crm.services.registration import RegistrationError, identity_key, normalise

USCC, HR, BUSINESS_ID = RegistrationKind.CN_USCC, RegistrationKind.DE_HR, RegistrationKind.FI_BUSINESS_ID


@pytest.mark.parametrize("code", ["91330100799655058B", "91110000802100433B", "91350100M000100Y43"])
def test_real_unified_social_credit_codes_pass_their_check(code):
    assert normalise(USCC, code) == code


def test_a_credit_code_is_written_in_capitals_without_separators():
    assert normalise(USCC, " 9133 0100-7996 5505 8b ") == "91330100799655058B"


@pytest.mark.parametrize("code, message", [
    ("91330100799655058C", "the last character should be B"),
    ("9133010079965505", "has 18 characters; this one has 16"),
    ("91330100799655O58B", "cannot contain “O”"),
])
def test_a_wrong_credit_code_says_what_is_wrong(code, message):
    with pytest.raises(RegistrationError, match=message):
        normalise(USCC, code)


@pytest.mark.parametrize("text, expected", [("0112038-9", "0112038-9"), ("01120389", "0112038-9"),
                                            ("FI01120389", "0112038-9"), ("112038-9", "0112038-9")])
def test_finnish_business_ids_pass_their_check_in_any_common_spelling(text, expected):
    assert normalise(BUSINESS_ID, text) == expected


@pytest.mark.parametrize("text", ["0112038-8", "12345", "abcdefg-h"])
def test_a_wrong_business_id_is_refused(text):
    with pytest.raises(RegistrationError):
        normalise(BUSINESS_ID, text)


@pytest.mark.parametrize("text, expected", [("HRB 12345", "HRB 12345"), ("hrb12345", "HRB 12345"),
                                            ("HRA 0815", "HRA 815"), ("GnR 12", "GnR 12"), ("HRB 123 B", "HRB 123 B")])
def test_handelsregister_numbers_are_written_one_way(text, expected):
    assert normalise(HR, text) == expected


def test_a_handelsregister_number_without_its_register_is_refused():
    with pytest.raises(RegistrationError, match="HRB 12345"):
        normalise(HR, "12345")


def test_the_same_number_at_two_register_courts_is_two_companies():
    assert identity_key(HR, "HRB 1", "Dresden") == identity_key(HR, "hrb 1", " dresden")
    assert identity_key(HR, "HRB 1", "Dresden") != identity_key(HR, "HRB 1", "Leipzig")


def test_no_number_no_identity():
    assert identity_key(None, None) is None and identity_key(USCC, "") is None
