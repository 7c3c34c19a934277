#!/usr/bin/env python3
"""Write a seeded course of MODULES x LESSONS lessons of realistic French
Markdown (front matter, headings, lists, tables, callouts, exercises, links
between lessons, one SVG per module), laid out as DESIGN.md says.

    bench/corpus.py OUT MODULES LESSONS [SEED]

The same arguments always give the same bytes, so runs compare."""
import os
import random
import sys

WORDS = ("le la les un une des votre vos son ses leur ce cette pour avec "
         "sans dans sur sous entre par chez budget compte banque école enfant "
         "démarche ligne site page lien mot passe données personnelles "
         "sécurité payer carte achat billet train horaire itinéraire "
         "apprendre vidéo téléphone ordinateur application message courriel "
         "formulaire identifiant facture dépense revenu allocation impôt "
         "rendez-vous médecin pharmacie transport ticket carnet semaine mois "
         "ouvrir cliquer écrire lire garder vérifier choisir trouver noter "
         "envoyer recevoir télécharger enregistrer imprimer demander").split()


def sentence(rng, n=None):
    n = n or rng.randint(6, 16)
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def para(rng, k=None):
    return " ".join(sentence(rng) for _ in range(k or rng.randint(2, 4)))


def lesson(rng, m, l, nm, nl):
    nxt = f"{(l % nl) + 1:03d}-lecon.md"
    other = f"../m{(m + 1) % nm:03d}/001-lecon.md"
    out = ["---",
           f'title: "Leçon {m + 1}.{l} : {sentence(rng, 4)[:-1]}"',
           f"weight: {l}",
           f"duration: {rng.choice([10, 15, 20, 25, 30])}",
           "level: débutant",
           f'summary: "{sentence(rng, 10)}"',
           "objectives:",
           f'  - "{sentence(rng, 5)[:-1].lower()}"',
           f'  - "{sentence(rng, 6)[:-1].lower()}"',
           f'date: "2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
           "---", "", para(rng), ""]
    for step in range(1, rng.randint(3, 5) + 1):
        out += [f"## Étape {step} : {sentence(rng, 4)[:-1].lower()}", "",
                para(rng), "",
                f"1. {sentence(rng)}", f"2. {sentence(rng)} **{rng.choice(WORDS)}**.",
                f"3. {sentence(rng)}", ""]
        if step == 2:
            out += ["> [!ASTUCE]", f"> {sentence(rng)}", ""]
        if step == 3:
            out += ["| Dépense | Montant |", "|---|---:|",
                    f"| {rng.choice(WORDS)} | {rng.randint(5, 900)} € |",
                    f"| {rng.choice(WORDS)} | {rng.randint(5, 900)} € |", ""]
    out += [f"![Un schéma simple du module {m + 1}](schema.svg)", "",
            "## Exercice", "",
            f"- [ ] {sentence(rng)}", f"- [ ] {sentence(rng)}", "",
            f"La suite : [leçon suivante]({nxt}), ou [un autre module]({other}).",
            ""]
    return "\n".join(out)


def main():
    out, nm, nl = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    with open(os.path.join(out, "site.lua"), "w") as f:
        f.write('title = "Banc d\'essai"\nbase_url = "https://bench.example/"\n')
    with open(os.path.join(out, "content", "_index.md"), "w") as f:
        f.write(f'---\ntitle: "Accueil"\n---\n{para(rng)}\n')
    for m in range(nm):
        d = os.path.join(out, "content", f"m{m:03d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "_index.md"), "w") as f:
            f.write(f'---\ntitle: "Module {m + 1}"\nweight: {m + 1}\n'
                    f'summary: "{sentence(rng, 8)}"\nobjectives:\n'
                    f'  - "{sentence(rng, 5)[:-1].lower()}"\n---\n'
                    f'{para(rng)}\n')
        with open(os.path.join(d, "schema.svg"), "w") as f:
            f.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
                    '<title>Schéma</title><rect width="40" height="20"/></svg>\n')
        for l in range(1, nl + 1):
            with open(os.path.join(d, f"{l:03d}-lecon.md"), "w") as f:
                f.write(lesson(rng, m, l, nm, nl))


if __name__ == "__main__":
    main()
