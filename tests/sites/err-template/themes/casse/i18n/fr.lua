not_found_title = "Introuvable"
