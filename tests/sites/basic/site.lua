title = "Site <de> test & co"
theme = "test"
base_url = "https://cours.example.org/sous-dossier"
api = "/api/"
params = { association = "L'asso" }
