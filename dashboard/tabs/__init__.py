"""The page's tabs, one module each, named as the tab is: each lays out its view with ``draw``."""
