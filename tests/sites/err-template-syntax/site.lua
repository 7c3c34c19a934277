title = "Erreurs"
theme = "casse"
