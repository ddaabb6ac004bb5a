"""Keyboard helpers of the browser suite: what has the focus, whether it is visibly outlined, Tab until a field."""

FOCUS = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return {tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', name: e.name || '',
            text: (e.innerText || e.value || '').trim().slice(0, 80), outline: visible};
}"""
CHAMPS = ("input", "select", "textarea")


def focus(page) -> dict:
    return page.evaluate(FOCUS)


def tabuler_jusqu_a_un_champ(page, maximum: int = 10) -> tuple[int, dict]:
    """Press Tab until a form field (not a button) has the focus; the number of presses and the field."""
    for n in range(1, maximum + 1):
        page.keyboard.press("Tab")
        element = focus(page)
        if element["tag"] in CHAMPS and element["type"] not in ("submit", "button", "hidden"):
            return n, element
    return maximum + 1, focus(page)


def tabuler_jusqu_a(page, predicat, maximum: int = 80, arriere: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element matches; fails with the path travelled."""
    chemin = []
    for _ in range(maximum):
        page.keyboard.press("Shift+Tab" if arriere else "Tab")
        element = focus(page)
        if predicat(element):
            return element
        chemin.append(f"{element['tag']}#{element['id']}:{element['name'] or element['text'][:30]}")
    raise AssertionError(f"Élément introuvable au clavier après {maximum} tabulations : {chemin}")


def avec_le_texte(texte):
    return lambda element: texte in element["text"]


def avec_le_nom(nom):
    return lambda element: element["name"] == nom or element["name"].endswith(f"-{nom}")
