"""Where things are in Wagtail's page tree, in one place: the tree's root, then one home page
per language under it, then each home's sections (appeals, candidates, news), then their
items. `depth` is Wagtail's (treebeard's) field: the root is 1."""

ROOT_DEPTH = 1
HOME_DEPTH = 2
SECTION_DEPTH = 3
