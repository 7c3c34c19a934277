home = "Accueil"
