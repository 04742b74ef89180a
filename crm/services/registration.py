"""Official registration numbers: checked, written one way, and compared.

    number = normalise(RegistrationKind.CN_USCC, " 91350100-m000100y43 ")   # "91350100M000100Y43"
    identity_key(RegistrationKind.DE_HR, "HRB 12345", "Dresden")              # "de_hr:dresden:HRB 12345"

A Chinese unified social credit code (GB 32100-2015) and a Finnish Business ID (Y-tunnus)
carry a check digit, verified here; a German Handelsregister number is unique only within
its register court, so the court is part of its identity. `RegistrationError` says in a
sentence what is wrong. No Flask, no database."""
import re

from flask_babel import lazy_gettext as _l

from crm.models.company import RegistrationKind


class RegistrationError(ValueError):
    """The number is not a valid number of its kind; str() is a sentence for the user."""


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
HR_NUMBER = re.compile(r"^(HRA|HRB|GNR|PR|VR|GSR)\s*(\d{1,6})(\s*[A-Z]{1,2})?$")
HR_REGISTERS = {"HRA": "HRA", "HRB": "HRB", "GNR": "GnR", "PR": "PR", "VR": "VR", "GSR": "GsR"}


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def business_id_check_digit(first7: str) -> int | None:
    """None when no check digit makes the number valid (remainder 1: never issued)."""
    remainder = sum(int(d) * w for d, w in zip(first7, BUSINESS_ID_WEIGHTS)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def _uscc(text: str) -> str:
    code = re.sub(r"[\s-]", "", text).upper()
    if len(code) != 18:
        raise RegistrationError(_l("A unified social credit code has 18 characters; this one has %(count)s.",
                                   count=len(code)))
    wrong = [c for c in code if c not in USCC_ALPHABET]
    if wrong:
        raise RegistrationError(_l("A unified social credit code cannot contain “%(char)s”.", char=wrong[0]))
    if uscc_check_character(code[:17]) != code[17]:
        raise RegistrationError(_l("The check character of this unified social credit code is wrong: "
                                   "the last character should be %(char)s.", char=uscc_check_character(code[:17])))
    return code


def _business_id(text: str) -> str:
    digits = re.sub(r"[\s-]", "", text)
    if digits.upper().startswith("FI"):  # the VAT number FI01120389 carries the same digits
        digits = digits[2:]
    if not re.fullmatch(r"\d{7,8}", digits):
        raise RegistrationError(_l("A Finnish Business ID looks like 0112038-9: seven digits, a hyphen and a "
                                   "check digit."))
    digits = digits.rjust(8, "0")  # old IDs were issued with six digits
    check = business_id_check_digit(digits[:7])
    if check is None or check != int(digits[7]):
        raise RegistrationError(_l("The check digit of this Finnish Business ID is wrong."))
    return f"{digits[:7]}-{digits[7]}"


def _handelsregister(text: str) -> str:
    match = HR_NUMBER.match(re.sub(r"\s+", " ", text.strip().upper()))
    if not match:
        raise RegistrationError(_l("A Handelsregister number looks like HRB 12345 (register HRA, HRB, GnR, PR, VR "
                                   "or GsR, then the number)."))
    register, number, suffix = match.groups()
    return f"{HR_REGISTERS[register]} {int(number)}" + (f" {suffix.strip()}" if suffix else "")


NORMALISERS = {
    RegistrationKind.CN_USCC: _uscc,
    RegistrationKind.DE_HR: _handelsregister,
    RegistrationKind.FI_BUSINESS_ID: _business_id,
}


def normalise(kind: RegistrationKind, number: str) -> str:
    """The number written the one way it is stored; RegistrationError if it is not valid."""
    return NORMALISERS[kind](number)


def identity_key(kind: RegistrationKind | str | None, number: str | None, court: str | None = None) -> str | None:
    """Equal for two records with the same registration, whatever the spelling; None without one."""
    if not kind or not number:
        return None
    kind = RegistrationKind(kind)
    try:
        number = normalise(kind, number)
    except RegistrationError:
        number = re.sub(r"\s+", " ", number.strip().upper())
    if kind is RegistrationKind.DE_HR:
        return f"{kind.value}:{(court or '').strip().casefold()}:{number.upper()}"
    return f"{kind.value}:{number}"
