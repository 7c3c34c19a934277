title = "Titres en Markdown"
theme = "md"
base_url = "https://cours.example.org/"
