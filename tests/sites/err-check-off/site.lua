title = "Règles coupées"
theme = "test"
