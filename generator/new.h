/*
 * new: `eystime new module|lesson …`, a new file from the theme's
 * archetypes (themes/<theme>/archetypes/module.md and lesson.md), where
 * "{{ title }}" and "{{ weight }}" are replaced.
 */
#ifndef EYSTIME_NEW_H
#define EYSTIME_NEW_H

/*
 * eystime new module TITLE            → content/<slug>/_index.md
 * eystime new lesson MODULE TITLE     → content/MODULE/NN-<slug>.md, NN
 *                                       and its weight one past the last
 * Returns the exit status; prints the file made.
 */
int new_run(const char *site_dir, const char *themes, int argc, char **argv);

#endif
