-- Réglages du site d'exemple. Chaque ligne : nom = valeur.
title = "Eystime"
language = "fr"
theme = "default"
-- L'adresse publique du site, pour le plan du site et le flux Atom.
base_url = "https://eystime.example.org/"
-- Où répond eystime-cgi (progression, discussions).
api = "/api"
params = {
	association = "l'association",
}
