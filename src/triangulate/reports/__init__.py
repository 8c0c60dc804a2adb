"""Printed reports: documents a council takes out of Triangulate (the board pack), made as tagged PDF from
HTML with WeasyPrint. Below every app but core: a report's content is built by its own app, this package
only turns it into a file."""
