title = "Noms"
theme = "test"
