title = "Règle coupée sans raison"
theme = "test"
checks = {
  ["phrase-longue"] = "",
}
