import pytest

from courriers.telephone import mobile_francais


@pytest.mark.parametrize(
    ("saisi", "attendu"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("07.12.34.56.78", "+33712345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("33612345678", "+33612345678"),
        ("05 55 12 34 56", None),  # a landline
        ("06 12 34 56", None),
        ("+44 7911 123456", None),
        ("", None),
        ("٠٦١٢٣٤٥٦٧٨", None),  # other scripts' digits
    ],
)
def test_seul_un_mobile_francais_recoit_des_sms(saisi, attendu):
    assert mobile_francais(saisi) == attendu
