"""Page view models: everything a page shows, computed once per (data version, language, arguments) and cached.

One module per page (`home`, `compliance`, `region`, `journeys`, `agency`, `complaints`, `about`) and the sidebar
`search`; `_cache.view` is the one cache decorator, `_columns` the column builders they share. Pages only lay
these out, so a rerun costs little more than drawing the elements.
"""
