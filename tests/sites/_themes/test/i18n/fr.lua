home = "Accueil"
lessons = { one = "%d leçon", other = "%d leçons" }
not_found_title = "Introuvable"
callout_note = "À savoir"
callout_tip = "Astuce"
callout_important = "Important"
callout_warning = "Attention"
callout_caution = "Danger"
footnote_back = "Retour au texte"
date_format = "{d} {month} {y}"
months = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre" }
quiz_show = "Voir la réponse"
quiz_answer = "Bonne réponse :"
quiz_check = "Vérifier"
