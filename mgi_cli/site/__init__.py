"""`mgi site build`: the public site (pages, open data) made from published matrices."""
