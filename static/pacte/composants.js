/* What the UI components (templates/ui/<theme>/) do with JavaScript. Each one works without it: tabs are links to
   sections that are all shown. The components mark their parts with data-pacte-* attributes, never with a theme's
   classes, so this one script serves every theme. Loaded by the theme's "scripts" component. */
(function () {
  "use strict";

  function choisir(onglets, index, focus) {
    onglets.liens.forEach(function (lien, i) {
      var choisi = i === index;
      lien.setAttribute("aria-selected", choisi ? "true" : "false");
      lien.setAttribute("tabindex", choisi ? "0" : "-1");
      onglets.panneaux[i].hidden = !choisi;
    });
    if (focus) onglets.liens[index].focus();
  }

  /* The tab whose panel holds the address's fragment (the panel itself or an anchor inside it), or -1. */
  function ongletDeLAncre(onglets) {
    var cible = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!cible) return -1;
    return onglets.panneaux.findIndex(function (panneau) { return panneau.contains(cible); });
  }

  function preparerOnglets(racine) {
    if (racine.hasAttribute("data-pacte-pret")) return;
    var liste = racine.querySelector("ul");
    var liens = liste ? Array.prototype.slice.call(liste.querySelectorAll("a[href^='#']")) : [];
    var panneaux = liens.map(function (lien) { return document.getElementById(lien.hash.slice(1)); });
    if (!liens.length || panneaux.indexOf(null) !== -1) return;
    racine.setAttribute("data-pacte-pret", "");
    var onglets = { liens: liens, panneaux: panneaux };
    liste.setAttribute("role", "tablist");
    liens.forEach(function (lien, i) {
      lien.parentElement.setAttribute("role", "presentation");
      lien.setAttribute("role", "tab");
      lien.setAttribute("aria-controls", panneaux[i].id);
      panneaux[i].setAttribute("role", "tabpanel");
      panneaux[i].setAttribute("aria-labelledby", lien.id);
      // The panel takes the focus after its tab (the APG pattern), so that a panel without a link is reachable.
      panneaux[i].setAttribute("tabindex", "0");
      lien.addEventListener("click", function (evenement) {
        evenement.preventDefault();
        choisir(onglets, i, false);
        // The fragment names the open tab: a reload or a shared address opens it again, without a history entry.
        window.history.replaceState(null, "", lien.hash);
      });
    });
    liste.addEventListener("keydown", function (evenement) {
      var courant = liens.indexOf(document.activeElement);
      if (courant === -1) return;
      var cible = { ArrowLeft: courant - 1, ArrowRight: courant + 1, Home: 0, End: liens.length - 1 }[evenement.key];
      if (cible === undefined) return;
      evenement.preventDefault();
      choisir(onglets, (cible + liens.length) % liens.length, true);
    });
    window.addEventListener("hashchange", function () {
      var index = ongletDeLAncre(onglets);
      if (index !== -1) choisir(onglets, index, false);
    });
    var actif = liens.findIndex(function (lien) { return lien.hasAttribute("data-pacte-actif"); });
    var depart = ongletDeLAncre(onglets);
    choisir(onglets, depart !== -1 ? depart : Math.max(actif, 0), false);
  }

  function preparer(racine) {
    var elements = racine.querySelectorAll ? racine.querySelectorAll("[data-pacte-onglets]") : [];
    Array.prototype.forEach.call(elements, preparerOnglets);
    if (racine.matches && racine.matches("[data-pacte-onglets]")) preparerOnglets(racine);
  }

  preparer(document);
  // Content swapped in by htmx is prepared as it arrives.
  document.addEventListener("htmx:load", function (evenement) { preparer(evenement.target); });
})();
