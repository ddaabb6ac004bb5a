from django.core.exceptions import ValidationError

# La Poste's establishments are the documented exception to the Luhn rule on SIRET.
SIREN_LA_POSTE = "356000000"


def siret_valide(siret: str) -> bool:
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(SIREN_LA_POSTE):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for index, char in enumerate(reversed(siret)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def valider_siret(value: str) -> None:
    cleaned = (value or "").replace(" ", "")
    if len(cleaned) != 14 or not cleaned.isdigit():
        raise ValidationError("Le SIRET compte exactement 14 chiffres.", code="siret_format")
    if not siret_valide(cleaned):
        raise ValidationError("Ce SIRET n'est pas valide (la clé de contrôle ne correspond pas).", code="siret_cle")
