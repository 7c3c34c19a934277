title = "Erreurs de vérification"
theme = "test"
