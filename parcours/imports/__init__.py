"""Import of the CAF/MSA flow of new RSA entrants (format in parcours.imports.format)."""
