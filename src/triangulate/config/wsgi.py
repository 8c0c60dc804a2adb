import os

from django.core.wsgi import get_wsgi_application

from triangulate.core.private_files import restrict_new_files

restrict_new_files()  # before anything is written: the data folder holds child-level data
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triangulate.config.settings.production")
application = get_wsgi_application()
