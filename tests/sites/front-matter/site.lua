title = "En-têtes"
theme = "fm"
