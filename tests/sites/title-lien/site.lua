title = "Titres"
theme = "nav"
