title = "Vérifications"
theme = "test"
-- Les durées viendront après la relecture des formateurs.
checks = { duree = "les durées seront ajoutées après le premier atelier" }
