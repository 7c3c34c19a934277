title = "Erreurs"
theme = "test"
language = "français"
