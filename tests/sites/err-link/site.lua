title = "Erreurs"
theme = "test"
