title = "Erreurs"
theme = "test"
params = {
  ville = "Montreuil"
  quartier = "Bel-Air"
}
