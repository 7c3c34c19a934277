title = "Thème fautif"
theme = "bad"
